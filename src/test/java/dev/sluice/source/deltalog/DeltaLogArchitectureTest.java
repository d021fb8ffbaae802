package dev.sluice.source.deltalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * architecture.md's source row: the Delta log reader reads the log itself (Jackson), so any writer's
 * log loads, even one delta-standalone refuses; it uses neither the Delta engine nor a Delta library.
 */
class DeltaLogArchitectureTest {

    @Test
    void theLogReaderUsesNoDeltaLibraryNorTheEngine() {
        noClasses().that().resideInAPackage("dev.sluice.source.deltalog..")
                .should().dependOnClassesThat().resideInAnyPackage("io.delta..", "org.apache.hadoop..",
                        "dev.sluice.engine..", "dev.sluice.scenario..", "dev.sluice.model..", "dev.sluice.detect..",
                        "dev.sluice.ui..", "dev.sluice.cli..", "javafx..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.sluice.source.deltalog")); // its dependencies are seen as references
    }
}

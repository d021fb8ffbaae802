package dev.sluice.engine.delta;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Delta engine uses only events (and its libraries); detectors never see engine objects. */
class DeltaArchitectureTest {

    private static final JavaClasses SLUICE = importOwnClassesOnly();

    private static JavaClasses importOwnClassesOnly() {
        // rules look at dependency names only: no need to load Delta, Hadoop and Scala from the class path
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.sluice.engine.delta", "dev.sluice.detect");
        } finally {
            ArchConfiguration.get().reset();
        }
    }

    @Test
    void engineImportsNoUiModelOrOtherEngine() {
        noClasses().that().resideInAPackage("dev.sluice.engine.delta..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.sluice.ui..", "dev.sluice.model..",
                        "dev.sluice.engine.s3..", "dev.sluice.engine.flight..", "dev.sluice.scenario..",
                        "dev.sluice.detect..")
                .check(SLUICE);
    }

    @Test
    void detectorsReadEventsNotEngines() {
        noClasses().that().resideInAPackage("dev.sluice.detect..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.engine..", "io.delta..")
                .check(SLUICE);
    }
}

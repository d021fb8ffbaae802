package dev.sluice.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sluice");
    }

    @Test
    void enginesImportOnlyEventsOfSluice() {
        noClasses().that().resideInAPackage("dev.sluice.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.ui..", "dev.sluice.model..", "javafx..",
                        "dev.sluice.scenario..", "dev.sluice.detect..", "dev.sluice.pipeline..", "dev.sluice.trace..",
                        "dev.sluice.cli..", "dev.sluice.bench..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void enginesDoNotImportEachOther() {
        slices().matching("dev.sluice.engine.(*)..").should().notDependOnEachOther()
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void detectorsReadEventsNotEngines() {
        noClasses().that().resideInAPackage("dev.sluice.detect..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.engine..", "dev.sluice.model..",
                        "dev.sluice.ui..", "javafx..")
                .check(classes);
    }

    @Test
    void theModelDoesNotImportTheUi() {
        noClasses().that().resideInAPackage("dev.sluice.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.ui..", "dev.sluice.engine..", "javafx..")
                .check(classes);
    }

    @Test
    void viewsNeitherCallEnginesNorReadTheModel() {
        noClasses().that().resideInAPackage("dev.sluice.ui..").and().haveSimpleNameEndingWith("View")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.engine..", "dev.sluice.model..",
                        "dev.sluice.trace..", "dev.sluice.pipeline..")
                .check(classes);
    }

    @Test
    void theUiCallsNoEngineDirectly() {
        noClasses().that().resideInAPackage("dev.sluice.ui..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice.engine..")
                .check(classes);
    }
}

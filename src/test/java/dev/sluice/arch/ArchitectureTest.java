package dev.sluice.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The package rules of architecture.md's "may use" table, one test per row (and the engines' line). */
class ArchitectureTest {

    private static JavaClasses classes;

    private static final String[] SLUICE_BUT_EVENT = {"dev.sluice.pipeline..", "dev.sluice.trace..", "dev.sluice.detect..",
        "dev.sluice.scenario..", "dev.sluice.engine..", "dev.sluice.model..", "dev.sluice.ui..", "dev.sluice.cli..",
        "dev.sluice.bench..", "dev.sluice.profile..", "dev.sluice.source..", "dev.sluice.agent..", "dev.sluice.compare.."};

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
    void viewsNeitherCallEnginesNorReadTheModel() {
        noClasses().that().resideInAPackage("dev.sluice.ui..").and().haveSimpleNameEndingWith("View")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.engine..", "dev.sluice.model..",
                        "dev.sluice.trace..", "dev.sluice.pipeline..")
                .check(classes);
    }

    @Test
    void engineModulesDoNotImportEachOther() {
        slices().matching("dev.sluice.model.(*)..").should().notDependOnEachOther().check(classes);
        slices().matching("dev.sluice.scenario.(*)..").should().notDependOnEachOther().check(classes);
        slices().matching("dev.sluice.ui.(*)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void eventsDependOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.sluice.event..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.sluice.event..", "java..")
                .check(classes);
    }

    @Test
    void scenariosNeverUseTheUiTheModelOrTheCli() {
        noClasses().that().resideInAPackage("dev.sluice.scenario..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.ui..", "dev.sluice.model..",
                        "dev.sluice.cli..", "dev.sluice.bench..", "javafx..")
                .check(classes);
    }

    @Test
    void theUiUsesTheModelScenariosAndTraces() {
        noClasses().that().resideInAPackage("dev.sluice.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.engine..", "dev.sluice.cli..",
                        "dev.sluice.bench..")
                .check(classes);
    }

    /** sluice-agent.jar runs inside the user's job: no JavaFX, and none of the console's libraries it does not bundle. */
    @Test
    void theAgentUsesNoJavaFxNorTheConsolesLibraries() {
        noClasses().that().resideInAPackage("dev.sluice.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "picocli..", "ch.qos.logback..",
                        "com.google.common..", "org.gaul..", "io.delta..", "org.apache.hadoop..")
                .check(classes);
    }

    @Test
    void theConnectionsDialogStandsOnProfilesAlone() {
        noClasses().that().resideInAPackage("dev.sluice.ui.connections..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.model..", "dev.sluice.trace..",
                        "dev.sluice.pipeline..", "dev.sluice.engine..", "dev.sluice.ui.shell..", "dev.sluice.ui.timeline..",
                        "dev.sluice.ui.loops..", "dev.sluice.ui.windows..", "dev.sluice.ui.commits..",
                        "dev.sluice.ui.findings..", "dev.sluice.ui.transport..", "dev.sluice.ui.status..")
                .check(classes);
    }

    @Test
    void theAttachDialogStandsOnTheAttachedSourceAlone() {
        noClasses().that().resideInAPackage("dev.sluice.ui.attach..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.model..", "dev.sluice.trace..",
                        "dev.sluice.pipeline..", "dev.sluice.engine..", "dev.sluice.scenario..", "dev.sluice.ui.shell..",
                        "dev.sluice.ui.timeline..", "dev.sluice.ui.loops..", "dev.sluice.ui.windows..",
                        "dev.sluice.ui.commits..", "dev.sluice.ui.findings..", "dev.sluice.ui.transport..",
                        "dev.sluice.ui.status..", "dev.sluice.ui.connections..")
                .check(classes);
    }

    /** The attached source stands on the live wire and the pipeline: never the agent's own classes, nor the console's. */
    @Test
    void theAttachedSourceUsesTheWireNotTheAgent() {
        noClasses().that().resideInAPackage("dev.sluice.source.attach..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.agent..", "dev.sluice.ui..",
                        "dev.sluice.model..", "dev.sluice.scenario..", "dev.sluice.detect..", "javafx..")
                .check(classes);
    }

    @Test
    void theCliUsesNoUiInternals() {
        noClasses().that().resideInAPackage("dev.sluice.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice.ui.(*)..")
                .check(classes);
    }

    /**
     * pipeline and detect use only event; trace adds pipeline; sources add trace; the model adds
     * detect, pipeline, trace and source; profile uses scenario (settings) and the engines (their
     * embedded servers, for {@code profiles test}); the agent (inside the user's JVM, in
     * sluice-agent.jar) pipeline and trace; compare (a pure function of two runs), detect.
     */
    @ParameterizedTest(name = "{0} uses only event and {1}")
    @CsvSource({"pipeline, ''", "detect, ''", "trace, pipeline", "source, pipeline trace",
        "model, detect pipeline trace source", "profile, scenario engine", "agent, pipeline trace",
        "compare, detect"})
    void aLayerUsesOnlyWhatItsRowAllows(String layer, String uses) {
        List<String> allowed = new ArrayList<>(List.of("dev.sluice." + layer + ".."));
        for (String u : uses.isBlank() ? new String[0] : uses.split(" ")) {
            allowed.add("dev.sluice." + u + "..");
        }
        noClasses().that().resideInAPackage("dev.sluice." + layer + "..")
                .should().dependOnClassesThat().resideInAnyPackage(except(allowed.toArray(String[]::new)))
                .check(classes);
    }

    /** The Sluice packages other than {@code event} and {@code allowed}. */
    private static String[] except(String... allowed) {
        return Arrays.stream(SLUICE_BUT_EVENT).filter(p -> !List.of(allowed).contains(p))
                .toArray(String[]::new);
    }
}

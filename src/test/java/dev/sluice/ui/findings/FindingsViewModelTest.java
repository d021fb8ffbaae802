package dev.sluice.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.FindingsJson;
import dev.sluice.event.Engine;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.ui.CanvasPane;
import dev.sluice.ui.Snapshots;
import dev.sluice.ui.TestPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The findings list of a recorded demo run, without a JavaFX toolkit. */
class FindingsViewModelTest {

    @Test
    void everyFindingIsListedAndThoseAfterTheCursorAreAhead() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        FindingsViewModel vm = new FindingsViewModel(port);
        port.show(demo, false);
        assertEquals(demo.findings().size(), vm.rows().size());
        assertEquals(demo.findings().size() + " in this run", vm.countProperty().get());
        assertTrue(vm.rows().stream().noneMatch(FindingsViewModel.Row::ahead), "at the end nothing is ahead");
        assertEquals("", vm.analysisFailureProperty().get());

        port.seek(demo.startNanos());
        assertTrue(vm.rows().stream().allMatch(r -> r.ahead() == (r.startNanos() > demo.startNanos())));
        assertTrue(vm.rows().stream().anyMatch(FindingsViewModel.Row::ahead));
    }

    @Test
    void theEmptyListSaysWhetherNothingRanTheRunIsStillGoingOrNoDetectorMatched() throws Exception {
        TestPort port = new TestPort();
        FindingsViewModel vm = new FindingsViewModel(port);
        assertEquals("No findings yet: run a scenario or open a trace.", vm.emptyTextProperty().get());
        ModelSnapshot clean = Snapshots.demoWith(List.of());
        port.show(clean, true);
        assertEquals("No findings yet: the run is still going.", vm.emptyTextProperty().get());
        port.show(clean, false);
        assertEquals("No findings: no detector matched this run.", vm.emptyTextProperty().get());
        port.show(Snapshots.demo(), false);
        assertEquals("", vm.emptyTextProperty().get(), "a list with rows has no placeholder");
    }

    @Test
    void filtersNarrowTheListAndSelectingARowSeeksToItAndSelectsItsResources() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        FindingsViewModel vm = new FindingsViewModel(port);
        port.show(demo, false);
        vm.engineProperty().set(Engine.S3.id());
        assertFalse(vm.rows().isEmpty());
        assertTrue(vm.rows().stream().allMatch(r -> r.engine() == Engine.S3));
        vm.searchProperty().set("no finding says this");
        assertTrue(vm.rows().isEmpty());
        assertTrue(vm.countProperty().get().startsWith("0 of "), vm.countProperty().get());
        assertEquals("No finding matches the filters.", vm.emptyTextProperty().get());
        vm.searchProperty().set("");

        FindingsViewModel.Row leak = vm.rows().stream().filter(r -> r.code() == FindingCode.CLIENT_LEAKED).findFirst()
                .orElseThrow();
        vm.select(leak);
        assertEquals(leak.startNanos(), port.cursor(), "selecting seeks to the finding's start");
        assertEquals(leak.id(), vm.selectedProperty().get().id());
        assertTrue(port.selectionProperty().get().stream().anyMatch(r -> r.type().equals("client")));
    }

    @Test
    void theListedFindingsAreExportedAsCsvAndAsTheJsonOfCheck(@TempDir Path dir) throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        FindingsViewModel vm = new FindingsViewModel(port);
        port.show(demo, false);
        vm.engineProperty().set(Engine.S3.id());
        List<Finding> listed = vm.listed();
        assertTrue(!listed.isEmpty() && listed.stream().allMatch(f -> f.engine() == Engine.S3), "what the filter lists");
        assertEquals(vm.rows().size(), listed.size());

        Path json = dir.resolve("findings.json");
        vm.exportJson(json);
        assertEquals("saved " + listed.size() + " findings as JSON to " + json, port.messageProperty().get());
        JsonNode array = new ObjectMapper().readTree(json.toFile());
        assertEquals(listed.size(), array.size());
        assertEquals(FindingsJson.of(listed).strip(), Files.readString(json).strip(), "the writer of check --format json");
        JsonNode first = array.get(0);
        assertEquals(listed.get(0).code().name(), first.get("code").asText());
        assertTrue(first.has("resources") && first.has("settingFix") && first.has("start"), first.toString());

        Path csv = dir.resolve("findings.csv");
        vm.exportCsv(csv);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(FindingsCsv.HEADER, lines.get(0));
        assertEquals(listed.size() + 1, lines.size(), "a line per finding (no field breaks a line)");
        assertTrue(lines.get(1).startsWith(FindingsCsv.quote(listed.get(0).id()) + "," + listed.get(0).code().name()
                + ",s3,"), lines.get(1));
        assertEquals("\"a, \"\"b\"\"\"", FindingsCsv.quote("a, \"b\""));
    }

    @Test
    void aLiveRunsFindingsChangeInTheListWithinTheDrawBudgetAndTheRunsEndAtOnce() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        List<Finding> all = demo.findings();
        assertFalse(all.isEmpty(), "the demo run has findings");
        TestPort port = new TestPort();
        FindingsViewModel vm = new FindingsViewModel(port);
        port.show(Snapshots.demoWith(List.of(all.get(0))), true);
        assertEquals(List.of(all.get(0).id()), vm.rows().stream().map(FindingsViewModel.Row::id).toList(),
                "a live run's first snapshot is listed at once");

        // the live model publishes a new snapshot every pulse; its findings may change in each
        port.show(Snapshots.demoWith(List.of()), true);
        assertEquals(1, vm.rows().size(), "a change within the budget's interval is held back");
        port.clock += CanvasPane.LIVE_INTERVAL_NANOS;
        port.show(Snapshots.demoWith(List.of()), true);
        assertTrue(vm.rows().isEmpty(), "a later frame shows what was held back");

        port.show(demo, false);
        assertEquals(all.size(), vm.rows().size(), "the run's end (not growth) is listed at once");
        assertEquals(all.size() + " in this run", vm.countProperty().get());
    }
}

package dev.sluice.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.FindingCode;
import dev.sluice.event.Engine;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.ui.Snapshots;
import dev.sluice.ui.TestPort;
import org.junit.jupiter.api.Test;

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
        vm.searchProperty().set("");

        FindingsViewModel.Row leak = vm.rows().stream().filter(r -> r.code() == FindingCode.CLIENT_LEAKED).findFirst()
                .orElseThrow();
        vm.select(leak);
        assertEquals(leak.startNanos(), port.cursor(), "selecting seeks to the finding's start");
        assertEquals(leak.id(), vm.selectedProperty().get().id());
        assertTrue(port.selectionProperty().get().stream().anyMatch(r -> r.type().equals("client")));
    }
}

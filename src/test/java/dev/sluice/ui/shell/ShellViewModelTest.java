package dev.sluice.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.ui.Palette;
import dev.sluice.ui.PngExport;
import dev.sluice.ui.TestPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's choices and what they ask of the session, without a JavaFX toolkit. */
class ShellViewModelTest {

    @Test
    void runningSendsOnlyTheChangedSettingsAndARefusedValueBlocksTheRun() {
        TestPort port = new TestPort();
        ShellViewModel vm = new ShellViewModel(port);
        assertEquals(ScenarioRegistry.all().size(), vm.scenarios().size());
        vm.selectedProperty().set(ScenarioRegistry.find("demo").orElseThrow());
        ShellViewModel.SettingField requests = vm.settings().stream()
                .filter(f -> f.setting().key().equals("demo.requests")).findFirst().orElseThrow();

        requests.value().set("not a number");
        assertTrue(vm.invalidProperty().get());
        assertNotNull(requests.problem().get());
        vm.run();
        assertTrue(port.runs.isEmpty(), "nothing starts with a refused value");
        assertTrue(port.messageProperty().get().startsWith("cannot run: "), port.messageProperty().get());

        requests.value().set("7");
        vm.run();
        assertEquals(1, port.runs.size());
        assertEquals(Map.of("demo.requests", "7"), port.runs.get(0).overrides());
        assertNull(port.runs.get(0).record(), "not recording");
        vm.recordProperty().set(true);
        vm.run();
        assertTrue(port.runs.get(1).record().getFileName().toString().startsWith("demo-"));
    }

    @Test
    void theThemeTracesAndExportsGoThroughThePort(@TempDir Path dir) throws Exception {
        TestPort port = new TestPort();
        ShellViewModel vm = new ShellViewModel(port);
        vm.darkProperty().set(true);
        assertEquals(Palette.DARK, port.paletteProperty().get());
        vm.openTrace(dir.resolve("a.sluice"));
        assertEquals(dir.resolve("a.sluice"), port.opened.get(0));

        Path png = dir.resolve("view.png");
        vm.exportPng(new PngExport.Picture(2, 1, new int[] {0xff000000, 0xffffffff}), png);
        byte[] bytes = Files.readAllBytes(png);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals("PNG", new String(bytes, 1, 3, StandardCharsets.US_ASCII));
        assertEquals("saved the view to " + png, port.messageProperty().get());
    }
}

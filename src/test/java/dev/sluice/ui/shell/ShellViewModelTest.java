package dev.sluice.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.profile.LastRunStore;
import dev.sluice.profile.ProfileStore;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.source.SourceKind;
import dev.sluice.source.attach.AgentLiveSource;
import dev.sluice.source.attach.MergedAgentsSource;
import dev.sluice.ui.Palette;
import dev.sluice.ui.PngExport;
import dev.sluice.ui.TestPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's choices and what they ask of the session, without a JavaFX toolkit. */
class ShellViewModelTest {

    @TempDir
    Path config;

    private ShellViewModel shell(TestPort port) {
        return new ShellViewModel(port, new ProfileStore(config.resolve("profiles.toml")),
                new LastRunStore(config.resolve("last-run.toml")));
    }

    @Test
    void runningSendsOnlyTheChangedSettingsAndARefusedValueBlocksTheRun() {
        TestPort port = new TestPort();
        ShellViewModel vm = shell(port);
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
    void attachingConnectsToTheAgentsAddressAndABadAddressIsOneLine() {
        TestPort port = new TestPort();
        ShellViewModel vm = shell(port);
        vm.attach("localhost");
        assertEquals("attach: 'localhost' is not HOST:PORT; accepted: the address an agent listens on, like 127.0.0.1:7000",
                port.messageProperty().get());
        vm.attach("127.0.0.1:70000");
        assertTrue(port.others.isEmpty(), "nothing starts on a bad address");

        vm.attach(" 127.0.0.1:7000 ");
        assertEquals(1, port.others.size());
        AgentLiveSource attached = (AgentLiveSource) port.others.get(0);
        assertEquals("127.0.0.1:7000", attached.address());
        assertEquals(SourceKind.AGENT, attached.kind());
    }

    @Test
    void attachingWhileAnAttachedRunIsLiveJoinsItAndTheDialogIsToldSo() {
        TestPort port = new TestPort();
        ShellViewModel vm = shell(port);
        assertEquals("", vm.attachNote(), "nothing live: nothing to say");
        vm.attach(new AgentLiveSource("127.0.0.1", 7001, null, "com.acme.Writer@4711"));
        port.runningProperty().set(true);
        assertEquals(Set.of("4711"), vm.attachedPids());
        assertTrue(vm.attachNote().startsWith("Live: 4711 Writer. Attaching another process adds it to this run"),
                vm.attachNote());

        vm.attach(new AgentLiveSource("127.0.0.1", 7002, null, "com.acme.Reader@4712"));
        MergedAgentsSource both = (MergedAgentsSource) port.others.get(1);
        assertEquals("4711 Writer + 4712 Reader", both.name());
        assertEquals(SourceKind.AGENT, both.kind());
        vm.attach(new AgentLiveSource("127.0.0.1", 7002, null, null));
        assertEquals(2, port.others.size(), "an agent already in the run is not attached twice");
        assertTrue(port.messageProperty().get().startsWith("attach: 127.0.0.1:7002 is attached already"));

        port.runningProperty().set(false); // the run ended: the next attach starts afresh
        vm.attach(new AgentLiveSource("127.0.0.1", 7003, null, null));
        assertTrue(port.others.get(2) instanceof AgentLiveSource);
        assertEquals(Set.of(), vm.attachedPids());
    }

    @Test
    void severalFilesOpenTogetherAndOneAsItIs(@TempDir Path dir) {
        TestPort port = new TestPort();
        ShellViewModel vm = shell(port);
        vm.openTraces(List.of(dir.resolve("a.sluice")));
        assertEquals(List.of(dir.resolve("a.sluice")), port.opened);
        vm.openTraces(List.of(dir.resolve("a.sluice"), dir.resolve("b.sluice")));
        assertEquals(List.of(List.of(dir.resolve("a.sluice"), dir.resolve("b.sluice"))), port.openedTogether);
    }

    @Test
    void theThemeTracesAndExportsGoThroughThePort(@TempDir Path dir) throws Exception {
        TestPort port = new TestPort();
        ShellViewModel vm = shell(port);
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

    @Test
    void aChosenProfileFillsTheSettingsAndTheNextLaunchRestoresTheLastRun() throws Exception {
        Files.writeString(config.resolve("profiles.toml"), String.join("\n",
                "[profiles.minio]", "description = \"local MinIO\"", "[profiles.minio.s3]",
                "endpoint = \"http://127.0.0.1:9000\"", "bucket = \"lake\"", ""));
        TestPort port = new TestPort();
        ShellViewModel vm = shell(port);
        assertEquals(List.of("embedded", "minio"), vm.profiles().names());
        vm.selectedProperty().set(ScenarioRegistry.find("s3-shared-client").orElseThrow());
        vm.profiles().chosenProperty().set("minio");
        assertEquals("lake", value(vm, "s3.bucket"), "the profile fills what the scenario declares");
        value(vm, "s3.concurrency", "3");
        vm.run();
        assertEquals("minio", port.runs.get(0).profile(), "the run names its profile");

        ShellViewModel next = shell(new TestPort());
        assertEquals("s3-shared-client", next.selectedProperty().get().name());
        assertEquals("minio", next.profiles().chosenProperty().get());
        assertEquals("3", value(next, "s3.concurrency"));
        assertEquals("lake", value(next, "s3.bucket"));
    }

    @Test
    void aDamagedLastRunFileStartsOnTheDefaultsAndSaysSo() throws Exception {
        Files.writeString(config.resolve("last-run.toml"), "scenario = \"demo\"\n[settings\n");
        TestPort port = new TestPort();
        ShellViewModel vm = shell(port);
        assertEquals(ScenarioRegistry.all().get(0), vm.selectedProperty().get());
        assertTrue(port.messageProperty().get().endsWith("starting with the defaults"), port.messageProperty().get());
    }

    private static String value(ShellViewModel vm, String key) {
        return field(vm, key).value().get();
    }

    private static void value(ShellViewModel vm, String key, String value) {
        field(vm, key).value().set(value);
    }

    private static ShellViewModel.SettingField field(ShellViewModel vm, String key) {
        return vm.settings().stream().filter(f -> f.setting().key().equals(key)).findFirst().orElseThrow();
    }
}

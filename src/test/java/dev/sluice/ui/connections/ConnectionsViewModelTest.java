package dev.sluice.ui.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.profile.CheckResult;
import dev.sluice.profile.Profile;
import dev.sluice.profile.ProfileCheck;
import dev.sluice.profile.ProfileField;
import dev.sluice.profile.ProfileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialog's logic on a real profile file, without a JavaFX toolkit: the "UI thread" is this
 * test draining a queue, checks run on a thread of their own.
 */
class ConnectionsViewModelTest {

    @TempDir
    Path dir;

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final LinkedBlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private ConnectionsViewModel vm(ProfileStore store) {
        ConnectionsViewModel vm = new ConnectionsViewModel(store, new ProfileCheck(Duration.ofSeconds(5), k -> null),
                background, uiQueue::add);
        vm.load();
        return vm;
    }

    private ProfileStore store() {
        return new ProfileStore(dir.resolve("profiles.toml"));
    }

    private static List<String> names(ConnectionsViewModel vm) {
        return vm.profiles().stream().map(Profile::name).toList();
    }

    @Test
    void addEditDuplicateAndDeleteGoThroughTheFile() throws Exception {
        ProfileStore store = store();
        ConnectionsViewModel vm = vm(store);
        assertEquals(List.of("embedded"), names(vm));
        assertTrue(vm.builtInProperty().get());

        vm.add();
        assertEquals(List.of("embedded", "new-profile"), names(vm));
        assertEquals("new-profile", vm.nameProperty().get());
        vm.nameProperty().set("minio");
        vm.fieldProperty(ProfileField.S3_ENDPOINT).set("http://127.0.0.1:9000");
        vm.fieldProperty(ProfileField.S3_PATH_STYLE).set("true");
        vm.save();
        assertEquals("", vm.errorProperty().get());
        assertEquals(List.of("embedded", "minio"), names(store.load()));
        assertEquals("http://127.0.0.1:9000", store.find("minio").orElseThrow().values().get(ProfileField.S3_ENDPOINT));

        vm.duplicate();
        assertEquals(List.of("embedded", "minio", "minio-copy"), names(vm));
        assertEquals("minio-copy", vm.selectedProperty().get().name());
        vm.delete();
        assertEquals(List.of("embedded", "minio"), names(store.load()));
        assertEquals("embedded", vm.selectedProperty().get().name());

        vm.delete();
        assertEquals("'embedded' is the built-in profile and cannot be deleted", vm.errorProperty().get());
        assertEquals(List.of("embedded", "minio"), names(vm));
    }

    private static List<String> names(List<Profile> profiles) {
        return profiles.stream().map(Profile::name).toList();
    }

    @Test
    void aRefusedValueIsMarkedAsTypedAndASecretIsRefusedInline() throws Exception {
        ProfileStore store = store();
        ConnectionsViewModel vm = vm(store);
        vm.add();
        vm.fieldProperty(ProfileField.S3_REGION).set("Not A Region");
        assertTrue(vm.problemProperty(ProfileField.S3_REGION).get().startsWith("s3.region=Not A Region: must be"),
                vm.problemProperty(ProfileField.S3_REGION).get());
        vm.save();
        assertTrue(vm.errorProperty().get().startsWith("s3.region: s3.region=Not A Region"), vm.errorProperty().get());

        vm.fieldProperty(ProfileField.S3_REGION).set("");
        vm.descriptionProperty().set("AKIAIOSFODNN7EXAMPLE");
        vm.save();
        assertTrue(vm.errorProperty().get().startsWith(store.file() + ": not saved: the description of"
                + " profiles.new-profile looks like a secret"), vm.errorProperty().get());
        assertFalse(Files.readString(store.file()).contains("AKIA"), "nothing secret was written");
    }

    @Test
    void aDamagedFileShowsItsLineAndLeavesTheBuiltInProfile() throws Exception {
        Files.writeString(dir.resolve("profiles.toml"), "[profiles.x.s3]\nbucket = 3x\n");
        ConnectionsViewModel vm = vm(store());
        assertEquals(List.of("embedded"), names(vm));
        assertTrue(vm.errorProperty().get().startsWith(dir.resolve("profiles.toml") + ":"), vm.errorProperty().get());
    }

    @Test
    void testRunsOffTheUiThreadAndHandsEachResultToIt() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("table"));
        ConnectionsViewModel vm = vm(store());
        vm.add();
        vm.fieldProperty(ProfileField.DELTA_TABLE).set(empty.toString());
        Thread[] checker = new Thread[1];
        background.execute(() -> checker[0] = Thread.currentThread());
        vm.test();
        assertTrue(vm.testingProperty().get());
        assertTrue(vm.results().isEmpty(), "nothing arrives but through the UI queue");
        while (vm.testingProperty().get()) {
            Runnable r = uiQueue.poll(30, TimeUnit.SECONDS);
            assertTrue(r != null, "the check ends");
            r.run();
        }
        assertNotEquals(Thread.currentThread(), checker[0]);
        assertEquals(1, vm.results().size(), vm.results()::toString);
        CheckResult r = vm.results().get(0);
        assertEquals(CheckResult.Check.DELTA_TABLE, r.check());
        assertEquals(CheckResult.Status.PASS, r.status(), r::line);
        assertEquals("all 1 checks passed", vm.statusProperty().get());
    }
}

package dev.sluice.ui.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.agent.ListeningAgent;
import dev.sluice.agent.WaitingApp;
import dev.sluice.event.Event;
import dev.sluice.event.S3Event;
import dev.sluice.pipeline.EventSink;
import dev.sluice.source.LiveSource;
import dev.sluice.source.attach.AgentLiveSource;
import dev.sluice.source.attach.LocalJvms;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Attach dialog's logic without a JavaFX toolkit, on this machine's real JVMs: a child JVM the test
 * starts is listed with its pid and main class, one that has exited is refused in one line; the empty list
 * and the host:port checks; agents to connect to are the agent's real listener in this JVM. Listing and connecting
 * run on the calling thread here (the dialog gives them a thread of its own).
 */
class AttachViewModelTest {

    @TempDir
    Path dir;

    private static final Executor NOW = Runnable::run;
    private final List<AgentLiveSource> attached = new ArrayList<>();

    private AttachViewModel model(java.util.function.Supplier<List<LocalJvms.Jvm>> lister,
                                  AttachViewModel.AgentLoader loader) {
        return new AttachViewModel(lister, loader, NOW, NOW, attached::add, "", Set.of("4711"));
    }

    @Test
    void aRunningJvmIsListedAndOneThatHasExitedIsRefusedInOneLine() throws Exception {
        Path fakeJar = Files.createFile(dir.resolve("sluice-agent.jar")); // never loaded: the attach fails first
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Path.of(WaitingApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                WaitingApp.class.getName()).redirectErrorStream(true).redirectOutput(dir.resolve("app.log").toFile()).start();
        String pid = Long.toString(app.pid());
        try {
            AttachViewModel vm = model(LocalJvms::list, p -> LocalJvms.load(p, fakeJar, "listen=127.0.0.1:0"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // a JVM shows up once it has started, its main class a moment later ("Unknown" until then)
            while (vm.jvms().stream().noneMatch(j -> j.pid().equals(pid) && j.mainClass().equals(WaitingApp.class.getName()))) {
                assertTrue(System.nanoTime() < deadline, "pid " + pid + " not listed: " + vm.jvms());
                Thread.sleep(100);
                vm.refresh();
            }
            LocalJvms.Jvm listed = vm.jvms().stream().filter(j -> j.pid().equals(pid)).findFirst().orElseThrow();
            assertEquals(WaitingApp.class.getName(), listed.mainClass());
            assertFalse(vm.jvms().stream().anyMatch(j -> j.pid().equals(Long.toString(ProcessHandle.current().pid()))),
                    "Sluice's own JVM is left out");
            assertEquals("", vm.placeholderProperty().get());
            assertFalse(vm.listingProperty().get());

            app.destroyForcibly().waitFor();
            vm.selectedProperty().set(listed);
            vm.attachSelected();
            assertTrue(attached.isEmpty(), "nothing is attached");
            assertFalse(vm.attachingProperty().get());
            String error = vm.errorProperty().get();
            assertTrue(error.startsWith("pid " + pid + ": cannot attach ("), error);
            assertFalse(error.contains("\n"), error);
        } finally {
            app.destroyForcibly().waitFor();
        }
    }

    @Test
    void noOtherJvmSaysSoAndAttachingNothingIsRefused() {
        AttachViewModel vm = model(List::of, p -> {
            throw new AssertionError("nothing to load into");
        });
        assertEquals(AttachViewModel.LISTING, vm.placeholderProperty().get());
        vm.refresh();
        assertTrue(vm.jvms().isEmpty());
        assertEquals(AttachViewModel.NONE, vm.placeholderProperty().get());
        assertNull(vm.selectedProperty().get());
        vm.attachSelected();
        assertEquals("No process picked: pick one in the list, or give the HOST:PORT of an agent below.",
                vm.errorProperty().get());
        assertTrue(attached.isEmpty());
    }

    @Test
    void aListenedAddressIsHandedOverConnectedWithTheProcessAndHostPortIsChecked() throws Exception {
        try (ListeningAgent loaded = ListeningAgent.start("com.acme.Job", 4711);
             ListeningAgent listening = ListeningAgent.start("com.acme.Other", 4712)) {
            LocalJvms.Jvm jvm = new LocalJvms.Jvm("4711", "com.acme.Job");
            AttachViewModel vm = model(() -> List.of(jvm), p -> loaded.address());
            List<String> closed = new ArrayList<>();
            vm.onAttached(() -> closed.add("closed"));
            vm.refresh();
            assertEquals(jvm, vm.selectedProperty().get(), "the first process is selected: Enter attaches it");
            vm.attachSelected();
            assertEquals("", vm.errorProperty().get());
            assertEquals(1, attached.size());
            assertEquals(loaded.address(), attached.get(0).address());
            assertEquals("4711 Job", attached.get(0).process());
            assertEquals("attached, live", vm.status(jvm), "the list says which process is attached now");
            assertEquals("", vm.status(new LocalJvms.Jvm("4712", "com.acme.Other")));
            assertEquals(List.of("closed"), closed);

            vm.addressProperty().set("localhost");
            vm.connect();
            assertEquals("'localhost' is not HOST:PORT; accepted: the address an agent listens on, like 127.0.0.1:7000",
                    vm.errorProperty().get());
            vm.addressProperty().set("10.1.2.3:7000");
            vm.connect();
            assertTrue(vm.errorProperty().get().startsWith("10.1.2.3 is not loopback, so the agent asks for a token"),
                    vm.errorProperty().get());
            vm.tokenEnvProperty().set("NOT A NAME");
            vm.connect();
            assertTrue(vm.errorProperty().get().startsWith("'NOT A NAME' is not an environment variable's name"));
            vm.tokenEnvProperty().set("");
            vm.addressProperty().set(" " + listening.address() + " ");
            vm.connect();
            assertEquals("", vm.errorProperty().get());
            assertEquals(2, attached.size());
            assertEquals(listening.address(), attached.get(1).address());
            assertEquals("4712 Other", attached.get(1).process(), "connected: the agent named its process");
        }
    }

    @Test
    void aSecondAttachToADeadAddressIsOneLineAndTheLiveRunGoesOn() throws Exception {
        int dead;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = free.getLocalPort(); // closed again: nothing listens there
        }
        try (ListeningAgent job = ListeningAgent.start("com.acme.Job", 4711)) {
            AttachViewModel first = model(List::of, p -> {
                throw new AssertionError("nothing to load");
            });
            first.addressProperty().set(job.address());
            first.connect();
            assertEquals(1, attached.size());
            List<Event> seen = new CopyOnWriteArrayList<>();
            LiveSource.LiveRun live = attached.get(0).start(List.<EventSink>of(seen::addAll), null, (f, what) -> { });
            try {
                AttachViewModel second = model(List::of, p -> {
                    throw new AssertionError("nothing to load");
                });
                second.addressProperty().set("127.0.0.1:" + dead);
                second.connect();
                String error = second.errorProperty().get();
                assertTrue(error.startsWith("cannot connect to 127.0.0.1:" + dead + ": connection refused"), error);
                assertFalse(error.contains("\n"), error);
                assertEquals(1, attached.size(), "nothing handed over, so the shell has nothing to stop the run for");
                assertFalse(second.attachingProperty().get());

                job.clientBuilt("client-1", "pool-1-thread-1");
                while (seen.stream().noneMatch(e -> e.body() instanceof S3Event.ClientCreated)) {
                    assertFalse(live.isDone(), "the live run ended: " + seen);
                    Thread.sleep(20);
                }
                assertFalse(live.isDone(), "the live run goes on after the refused attach");
            } finally {
                live.requestStop();
                live.await();
            }
        }
    }
}

package dev.sluice.source.pcap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * tcpdump on the loopback interface, handing over and writing packets as they arrive ({@code --immediate-mode -U}:
 * without it packets still in the kernel ring when it is stopped are lost). A test that uses
 * it is skipped, saying why, where tcpdump is not installed or may not capture (CI installs it).
 */
final class Tcpdump implements AutoCloseable {

    private final Process process;

    private Tcpdump(Process process) {
        this.process = process;
    }

    static Tcpdump start(Path file, String filter) throws IOException, InterruptedException {
        Path tcpdump = Path.of("/usr/bin/tcpdump");
        Path sbin = Path.of("/usr/sbin/tcpdump");
        Path bin = Files.isExecutable(tcpdump) ? tcpdump : sbin;
        assumeTrue(Files.isExecutable(bin), "tcpdump is not installed (apt-get install tcpdump): the capture of a "
                + "real loopback run is skipped; the recording relay tests still read captures");
        Process p = new ProcessBuilder(bin.toString(), "-i", "lo", "--immediate-mode", "-U", "-s", "0", "-w", file.toString(), filter)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder said = new StringBuilder();
        while ((line = out.readLine()) != null) {
            said.append(line).append(' ');
            if (line.contains("listening on")) {
                break;
            }
        }
        if (!p.isAlive()) {
            p.waitFor();
            assumeTrue(false, "tcpdump cannot capture on lo here (exit " + p.exitValue() + "): " + said.toString().strip());
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "tcpdump-output");
        drain.setDaemon(true);
        drain.start();
        return new Tcpdump(p);
    }

    /** Stops capturing (SIGTERM: tcpdump flushes and closes the file). */
    @Override
    public void close() throws InterruptedException {
        Thread.sleep(200); // the last segments of the run are still on their way through the kernel
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("tcpdump did not stop within 10 s of SIGTERM");
        }
    }
}

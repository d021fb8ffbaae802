package dev.sluice.source.pcap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wireshark's own HTTP/2 dissection of a capture ({@code tshark -T fields}), one {@link Frame} per
 * HTTP/2 frame, to check Sluice's reading against. A test that uses it is skipped, saying why,
 * where tshark is not installed (CI installs it).
 */
final class Tshark {

    /**
     * One HTTP/2 frame as tshark dissected it; {@code increment} and {@code initialWindow} -1 when absent;
     * {@code ack} is flag 0x1 (ACK on SETTINGS and PING, END_STREAM on DATA and HEADERS).
     */
    record Frame(int sourcePort, int destinationPort, int stream, int type, int length, boolean ack, long increment,
                 long initialWindow) { }

    static final int DATA = 0;
    static final int SETTINGS = 4;
    static final int WINDOW_UPDATE = 8;

    private Tshark() {
    }

    /** The HTTP/2 frames of {@code capture}, its connections on {@code serverPorts} decoded as HTTP/2. */
    static List<Frame> frames(Path capture, Collection<Integer> serverPorts) throws IOException, InterruptedException {
        Path bin = Path.of("/usr/bin/tshark");
        assumeTrue(Files.isExecutable(bin), "tshark is not installed (apt-get install tshark): the cross-check of Sluice's "
                + "HTTP/2 reading against Wireshark's dissection is skipped");
        List<String> command = new ArrayList<>(List.of(bin.toString(), "-n", "-r", capture.toString()));
        for (int port : serverPorts) {
            command.addAll(List.of("-d", "tcp.port==" + port + ",http2"));
        }
        command.addAll(List.of("-Y", "http2", "-T", "fields", "-E", "occurrence=a", "-e", "tcp.srcport", "-e", "tcp.dstport",
                "-e", "http2.streamid", "-e", "http2.type", "-e", "http2.length", "-e", "http2.flags",
                "-e", "http2.window_update.window_size_increment", "-e", "http2.settings.initial_window_size"));
        Path out = Files.createTempFile("tshark", ".tsv");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("tshark did not finish within 60 s on " + capture);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("tshark exited " + p.exitValue() + " on " + capture);
            }
            List<Frame> frames = new ArrayList<>();
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                parse(line, frames);
            }
            return frames;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * One packet's line: every field a comma-separated list over its frames. Increments and window
     * sizes occur only in their frames' types, so they are handed out in frame order.
     */
    private static void parse(String line, List<Frame> frames) {
        String[] f = line.split("\t", -1);
        String[] streams = f[2].split(",", -1);
        String[] types = f[3].split(",", -1);
        String[] lengths = f[4].split(",", -1);
        String[] flags = f[5].split(",", -1);
        List<String> increments = f[6].isEmpty() ? List.of() : List.of(f[6].split(",", -1));
        List<String> windows = f[7].isEmpty() ? List.of() : List.of(f[7].split(",", -1));
        int nextIncrement = 0;
        int nextWindow = 0;
        for (int i = 0; i < types.length; i++) {
            int type = Integer.parseInt(types[i]);
            boolean ack = (Integer.decode(flags[i]) & 1) != 0;
            long increment = -1;
            long window = -1;
            if (type == WINDOW_UPDATE) {
                increment = Long.parseLong(increments.get(nextIncrement++));
            } else if (type == SETTINGS && !ack && nextWindow < windows.size()) {
                // a SETTINGS frame may leave the initial window out: only as many values as frames that carry one
                window = Long.parseLong(windows.get(nextWindow++));
            }
            frames.add(new Frame(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(streams[i]), type,
                    Integer.parseInt(lengths[i]), ack, increment, window));
        }
    }
}

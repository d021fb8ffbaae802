package dev.sluice.source.pcap;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What of a capture is read: every TCP port (HTTP/2 is recognised by its preface and frames), or only
 * connections to or from the given ports. Given on the command line as a suffix of the capture's
 * path: {@code cap.pcapng?port=50051} or {@code ?port=50051,8815}.
 */
record CaptureOptions(Set<Integer> ports) {

    static final CaptureOptions ALL_PORTS = new CaptureOptions(Set.of());
    static final String PORT_SUFFIX = "?port=";

    CaptureOptions {
        ports = Set.copyOf(ports);
    }

    /** Whether connections on {@code port} are read. */
    boolean admits(int sourcePort, int destinationPort) {
        return ports.isEmpty() || ports.contains(sourcePort) || ports.contains(destinationPort);
    }

    /** Whether {@code port} is one the user named (so its side is the server). */
    boolean serves(int port) {
        return ports.contains(port);
    }

    /** The path part of {@code argument} (without a {@code ?port=} suffix). */
    static String path(String argument) {
        int at = argument.lastIndexOf(PORT_SUFFIX);
        return at < 0 ? argument : argument.substring(0, at);
    }

    /**
     * The options an argument's suffix gives.
     *
     * @throws IllegalArgumentException in one line when the suffix is not a list of ports
     */
    static CaptureOptions of(String argument) {
        int at = argument.lastIndexOf(PORT_SUFFIX);
        if (at < 0) {
            return ALL_PORTS;
        }
        Set<Integer> ports = new TreeSet<>();
        for (String p : argument.substring(at + PORT_SUFFIX.length()).split(",", -1)) {
            int port;
            try {
                port = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port '" + p + "' in " + PORT_SUFFIX + " is not a TCP port "
                        + "(give 1 to 65535, comma-separated: cap.pcap?port=50051,8815)");
            }
            ports.add(port);
        }
        return new CaptureOptions(ports);
    }

    /** For the run's settings: {@code all} or the ports. */
    String describe() {
        return ports.isEmpty() ? "all" : new TreeSet<>(ports).stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}

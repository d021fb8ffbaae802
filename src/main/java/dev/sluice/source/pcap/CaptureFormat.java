package dev.sluice.source.pcap;

import dev.sluice.source.RecordedSource;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceFormat;
import dev.sluice.source.SourceFormats;
import dev.sluice.source.SourceKind;
import java.nio.file.Path;
import java.util.List;

/**
 * Packet captures ({@code .pcap}, {@code .pcapng}, as tcpdump, dumpcap and Wireshark write them),
 * recognised by their magic number. The HTTP/2 connections in them become Flight events; a
 * {@code ?port=} suffix restricts which connections are read (see {@link CaptureOptions}).
 */
public final class CaptureFormat implements SourceFormat {

    /**
     * The run setting that tells detectors the events come from a capture (what the wire shows, not
     * what the program intended); {@code detect.FlightState} reads the same key.
     */
    public static final String SOURCE_SETTING = "source";
    public static final String SOURCE_CAPTURE = "capture";

    private static final byte[][] MAGIC = {
        {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1}, {(byte) 0xA1, (byte) 0xB2, (byte) 0xC3, (byte) 0xD4},
        {(byte) 0x4D, (byte) 0x3C, (byte) 0xB2, (byte) 0xA1}, {(byte) 0xA1, (byte) 0xB2, (byte) 0x3C, (byte) 0x4D},
        {0x0A, 0x0D, 0x0D, 0x0A}};

    @Override
    public SourceKind kind() {
        return SourceKind.CAPTURE;
    }

    @Override
    public String description() {
        return "packet capture (.pcap, .pcapng)";
    }

    @Override
    public List<String> extensions() {
        return List.of("pcap", "pcapng");
    }

    @Override
    public boolean recognises(String argument) {
        return SourceFormats.startsWith(argument, MAGIC)
                || (!argument.equals(CaptureOptions.path(argument)) && SourceFormats.startsWith(CaptureOptions.path(argument), MAGIC));
    }

    /**
     * The argument {@code --port N} stands for: the capture with a {@code ?port=N} suffix.
     *
     * @throws SourceException in one line when the argument is not a capture, already has a suffix, or N is no TCP port
     */
    public static String restrictedTo(String argument, int port) throws SourceException {
        if (port < 1 || port > 65_535) {
            throw new SourceException(argument, "--port " + port + " is not a TCP port (give 1 to 65535)");
        }
        if (!SourceFormats.startsWith(CaptureOptions.path(argument), MAGIC)) {
            throw new SourceException(argument, "--port applies to packet captures (.pcap, .pcapng) only, and this is not one");
        }
        if (!argument.equals(CaptureOptions.path(argument))) {
            throw new SourceException(argument, "give the ports either as --port or as a " + CaptureOptions.PORT_SUFFIX
                    + " suffix, not both");
        }
        return argument + CaptureOptions.PORT_SUFFIX + port;
    }

    @Override
    public RecordedSource open(String argument) throws SourceException {
        String path = SourceFormats.startsWith(argument, MAGIC) ? argument : CaptureOptions.path(argument);
        CaptureOptions options;
        try {
            options = path.equals(argument) ? CaptureOptions.ALL_PORTS : CaptureOptions.of(argument);
            return new CaptureSource(argument, Path.of(path), options);
        } catch (IllegalArgumentException e) { // a bad ?port= list, or an InvalidPathException
            throw new SourceException(argument, e.getMessage(), e);
        }
    }
}

package dev.sluice.source;

import dev.sluice.source.deltalog.DeltaLogFormat;
import dev.sluice.source.pcap.CaptureFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every recorded input Sluice opens. {@code check}, {@code replay}, {@code import} and the console's
 * Open all come here, so a new importer is one line in {@link #STANDARD}.
 */
public final class SourceFormats {

    private static final Logger LOG = LoggerFactory.getLogger(SourceFormats.class);

    /** The registered formats, in the order they are tried. */
    private static final List<SourceFormat> STANDARD = List.of(
            new TraceFileFormat(),
            new CaptureFormat(),
            new DeltaLogFormat());

    private final List<SourceFormat> formats;

    private SourceFormats(List<SourceFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    public static SourceFormats standard() {
        return new SourceFormats(STANDARD);
    }

    /** With other formats (tests). */
    public static SourceFormats of(List<SourceFormat> formats) {
        return new SourceFormats(formats);
    }

    public List<SourceFormat> formats() {
        return formats;
    }

    /** "Sluice trace (.sluice), packet capture (.pcap, .pcapng) or …", for help and refusals. */
    public String accepted() {
        List<String> names = formats.stream().map(SourceFormat::description).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** Every extension the formats offer, for a file chooser. */
    public List<String> extensions() {
        List<String> all = new ArrayList<>();
        formats.forEach(f -> all.addAll(f.extensions()));
        return all;
    }

    /**
     * Opens {@code argument} with the first format that recognises its content.
     *
     * @throws SourceException in one line: no such file, not readable, or not any format Sluice opens
     *                         (saying what it starts with)
     */
    public RecordedSource open(String argument) throws SourceException {
        for (SourceFormat format : formats) {
            if (format.recognises(argument)) {
                return format.open(argument);
            }
        }
        if (Files.isDirectory(Path.of(argument))) {
            throw new SourceException(argument, "is a directory; give a " + accepted());
        }
        SourceException unreadable = TraceFileFormat.unreadable(argument);
        if (unreadable != null) {
            throw unreadable;
        }
        throw new SourceException(argument, "is not a " + accepted() + what(argument));
    }

    /** What the argument is or starts with, so the user sees why nothing recognised it. */
    private static String what(String argument) {
        try {
            byte[] head = TraceFileFormat.head(Path.of(argument), 8);
            return head.length == 0 ? " (it is empty)" : " (it starts with bytes " + HexFormat.ofDelimiter(" ").formatHex(head) + ")";
        } catch (IOException e) {
            LOG.debug("cannot read the start of {}", argument, e);
            return "";
        }
    }

    /** Whether the regular file at {@code argument} starts with {@code magic}; false for anything else. */
    public static boolean startsWith(String argument, byte[]... magic) {
        Path path;
        try {
            path = Path.of(argument);
        } catch (InvalidPathException e) {
            return false;
        }
        if (!Files.isRegularFile(path)) {
            return false;
        }
        int longest = Arrays.stream(magic).mapToInt(m -> m.length).max().orElse(0);
        byte[] head;
        try {
            head = TraceFileFormat.head(path, longest);
        } catch (IOException e) {
            LOG.debug("cannot read the start of {}", argument, e); // the opening format says why, in one line
            return false;
        }
        for (byte[] m : magic) {
            if (head.length >= m.length && Arrays.equals(Arrays.copyOf(head, m.length), m)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return formats.stream().map(SourceFormat::description).collect(Collectors.joining(", "));
    }
}

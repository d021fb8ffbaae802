package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.event.Event;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.arrow.flatbuf.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seeded mutation test of issue 9: thousands of damaged copies of real recorded traces (the
 * demo and one short run per engine). Each mutant must be loaded with the original's events, loaded
 * partially with a warning (a prefix of the original's events), or rejected with one clear line;
 * never a crash, a hang, or a silent change. Detectors run on every mutant that loads.
 */
@Timeout(240)
class TraceMutationTest {

    private static final Logger LOG = LoggerFactory.getLogger(TraceMutationTest.class);
    private static final long SEED = 20_261_122L;
    private static final int MUTANTS_PER_TRACE = 560;
    /** A Java class name, an exception's simple name, or a bare null: what a user must never read. */
    private static final Pattern TECHNICAL = Pattern.compile(
            "\\b(java|javax|org|com|sun|jdk)\\.[a-z]|[A-Za-z]+(Exception|Error)\\b|\\bnull\\b|Memory was leaked");

    enum Mutation { TRUNCATE, FLIP_BYTES, DAMAGE_LENGTH, SPLICE, SPLICE_AT_MESSAGE, CONCATENATE, DAMAGE_KINDS_JSON }

    enum Outcome { SAME_EVENTS, PARTIAL_WITH_WARNING, REJECTED_CLEARLY }

    private record Original(String name, byte[] bytes, List<Event> events, List<Integer> messageStarts,
                            int kindsFrom, int kindsTo) { }

    @TempDir
    static Path dir;
    static final List<Original> ORIGINALS = new ArrayList<>();
    static ExecutorService reader;

    @BeforeAll
    static void recordRealRuns() throws Exception {
        reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mutant-reader");
            t.setDaemon(true);
            return t;
        });
        record("demo", Map.of("demo.requests", "30", "demo.pace", "1ms"));
        record("s3-shared-client", Map.of("s3.dataset.objects", "24", "s3.dataset.max-size", "2MiB", "s3.part-size", "1MiB"));
        record("flight-drain", Map.of("flight.batches", "24"));
        record("delta-concurrent-create", Map.of());
    }

    @AfterAll
    static void stopReader() {
        reader.shutdownNow();
    }

    private static void record(String scenario, Map<String, String> settings) throws Exception {
        Path trace = dir.resolve(scenario + ".sluice");
        RunResult r = ScenarioRunner.run(ScenarioRegistry.find(scenario).orElseThrow(), ScenarioRunner.Options.defaults()
                .withDataDir(dir.resolve("data-" + scenario)).withOverrides(settings).withRecord(trace)
                .withTimeout(Duration.ofMinutes(2)));
        assertTrue(r.completed(), () -> scenario + " did not complete: " + r.outcome() + " " + r.error());
        TraceContents contents = TraceReader.readAll(trace);
        assertTrue(contents.complete(), contents.warning());
        assertEquals(TraceContents.Checksums.VERIFIED, contents.checksums());
        byte[] bytes = Files.readAllBytes(trace);
        byte[] kinds = TraceSchema.META_KINDS.getBytes(StandardCharsets.UTF_8);
        int kindsFrom = indexOf(bytes, "{\"RunStarted\"".getBytes(StandardCharsets.UTF_8));
        assertTrue(kindsFrom > 0 && indexOf(bytes, kinds) > 0, "the kind table is in the schema message");
        ORIGINALS.add(new Original(scenario, bytes, contents.events(), messageStarts(bytes), kindsFrom,
                Math.min(bytes.length, kindsFrom + 4000)));
    }

    @Test
    void everyMutantLoadsTheSameEventsAPrefixWithAWarningOrIsRejectedClearly() throws Exception {
        Random random = new Random(SEED);
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        Map<Mutation, Map<Outcome, Integer>> byMutation = new EnumMap<>(Mutation.class);
        Path mutantFile = dir.resolve("mutant.sluice");
        int mutants = 0;
        for (Original original : ORIGINALS) {
            for (int i = 0; i < MUTANTS_PER_TRACE; i++) {
                Mutation mutation = Mutation.values()[i % Mutation.values().length];
                byte[] mutant = mutate(mutation, original, random);
                if (Arrays.equals(mutant, original.bytes())) {
                    mutant = Arrays.copyOf(original.bytes(), original.bytes().length - 1); // a no-op is no test
                }
                Files.write(mutantFile, mutant);
                String label = original.name() + " mutant " + i + " (" + mutation + ", " + mutant.length + " bytes)";
                Outcome outcome = judge(label, mutantFile, original);
                outcomes.merge(outcome, 1, Integer::sum);
                byMutation.computeIfAbsent(mutation, m -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
                mutants++;
            }
        }
        LOG.info("trace mutation test: {} mutants of {} real traces (seed {}): {}", mutants, ORIGINALS.size(), SEED,
                outcomes);
        Map<Mutation, Map<Outcome, Integer>> table = new LinkedHashMap<>(byMutation);
        table.forEach((m, o) -> LOG.info("  {}: {}", m, o));
        assertTrue(mutants >= 2000, "at least 2,000 mutants: " + mutants);
        assertTrue(outcomes.getOrDefault(Outcome.PARTIAL_WITH_WARNING, 0) > 100, "truncations load partially: " + outcomes);
        assertTrue(outcomes.getOrDefault(Outcome.REJECTED_CLEARLY, 0) > 1000, "damage is rejected: " + outcomes);
    }

    private static Outcome judge(String label, Path file, Original original) throws Exception {
        Future<TraceContents> read = reader.submit(() -> TraceReader.readAll(file));
        TraceContents contents;
        try {
            contents = read.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            read.cancel(true);
            throw new AssertionError(label + ": reading hung", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TraceException te) {
                String message = te.getMessage();
                assertTrue(message.startsWith(file.toString() + ": "), label + ": names the file: " + message);
                assertTrue(!message.contains("\n") && !TECHNICAL.matcher(message).find(),
                        label + ": one clear line, no Java names or null: " + message);
                return Outcome.REJECTED_CLEARLY;
            }
            throw new AssertionError(label + ": crashed with " + e.getCause(), e.getCause());
        }
        List<Event> events = contents.events();
        try {
            DetectorSuite.evaluate(events);
        } catch (RuntimeException e) {
            throw new AssertionError(label + ": a detector threw on a loaded mutant", e);
        }
        if (contents.complete()) {
            if (!events.equals(original.events())) {
                fail(label + ": SILENT CHANGE: loaded as complete with " + events.size() + " events instead of "
                        + original.events().size() + " (or different ones)");
            }
            return Outcome.SAME_EVENTS;
        }
        assertNotNull(contents.warning(), label + ": incomplete without a warning");
        assertTrue(!TECHNICAL.matcher(contents.warning()).find(), label + ": clear warning: " + contents.warning());
        assertTrue(events.size() <= original.events().size()
                && events.equals(original.events().subList(0, events.size())),
                label + ": a partial load must be a prefix of the original's events");
        return Outcome.PARTIAL_WITH_WARNING;
    }

    private static byte[] mutate(Mutation mutation, Original original, Random random) {
        byte[] b = original.bytes();
        switch (mutation) {
            case TRUNCATE:
                return Arrays.copyOf(b, random.nextInt(b.length));
            case FLIP_BYTES: {
                byte[] copy = b.clone();
                for (int k = 0, n = 1 + random.nextInt(8); k < n; k++) {
                    int at = random.nextInt(copy.length);
                    copy[at] = (byte) (copy[at] ^ (1 + random.nextInt(255)));
                }
                return copy;
            }
            case DAMAGE_LENGTH: {
                byte[] copy = b.clone();
                List<Integer> starts = original.messageStarts();
                int at = starts.get(random.nextInt(starts.size())) + 4;
                ByteBuffer view = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
                int length = view.getInt(at);
                int[] choices = {0, -1, length + 8, length - 8, length * 2, length / 2, Integer.MAX_VALUE,
                        random.nextInt(), length + 1 + random.nextInt(4096)};
                view.putInt(at, choices[random.nextInt(choices.length)]);
                return copy;
            }
            case SPLICE: {
                Original other = ORIGINALS.get(random.nextInt(ORIGINALS.size()));
                int cut = random.nextInt(b.length);
                int from = random.nextInt(other.bytes().length);
                return concat(Arrays.copyOf(b, cut), Arrays.copyOfRange(other.bytes(), from, other.bytes().length));
            }
            case SPLICE_AT_MESSAGE: {
                // whole messages with valid checksums, from another trace or another place in this one
                Original other = ORIGINALS.get(random.nextInt(ORIGINALS.size()));
                List<Integer> mine = original.messageStarts();
                List<Integer> theirs = other.messageStarts();
                int cut = mine.get(1 + random.nextInt(mine.size() - 1));
                int from = theirs.get(1 + random.nextInt(theirs.size() - 1));
                return concat(Arrays.copyOf(b, cut), Arrays.copyOfRange(other.bytes(), from, other.bytes().length));
            }
            case CONCATENATE: {
                Original other = ORIGINALS.get(random.nextInt(ORIGINALS.size()));
                byte[] tail = switch (random.nextInt(3)) {
                    case 0 -> other.bytes();
                    case 1 -> Arrays.copyOf(other.bytes(), 1 + random.nextInt(other.bytes().length - 1));
                    default -> {
                        byte[] noise = new byte[1 + random.nextInt(64)];
                        random.nextBytes(noise);
                        yield noise;
                    }
                };
                return concat(b, tail);
            }
            case DAMAGE_KINDS_JSON: {
                byte[] copy = b.clone();
                byte[] replacements = "{}[]\":,sn0123456789 x".getBytes(StandardCharsets.US_ASCII);
                for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                    int at = original.kindsFrom() + random.nextInt(original.kindsTo() - original.kindsFrom());
                    copy[at] = replacements[random.nextInt(replacements.length)];
                }
                return copy;
            }
            default:
                throw new IllegalArgumentException(mutation.name());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Byte offsets of the stream's messages (schema, dictionaries, batches, end-of-stream marker). */
    private static List<Integer> messageStarts(byte[] bytes) {
        ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> starts = new ArrayList<>();
        int pos = 0;
        while (pos + 8 <= bytes.length) {
            starts.add(pos);
            int metadataLength = view.getInt(pos + 4);
            if (metadataLength == 0) {
                break;
            }
            ByteBuffer meta = ByteBuffer.wrap(bytes, pos + 8, metadataLength).slice().order(ByteOrder.LITTLE_ENDIAN);
            long body = Message.getRootAsMessage(meta).bodyLength();
            pos += 8 + metadataLength + (int) body;
        }
        assertTrue(starts.size() >= 5, "schema, 2 dictionaries, a batch and the end: " + starts);
        return starts;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package dev.sluice.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.S3Event.Lifecycle;
import dev.sluice.scenario.s3.S3Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every type's one parser: what it accepts, its range, and the words of its refusal. */
class SettingTypeTest {

    @TempDir
    Path dir;

    private static String refusal(SettingType<?> type, String text) {
        return assertThrows(IllegalArgumentException.class, () -> type.parse(text)).getMessage();
    }

    @Test
    void integersHonourTheirRangeAndNeverWrap() {
        SettingType.IntegerType t = SettingType.integer(1, 4096);
        assertEquals(1, t.parse("1"));
        assertEquals(4096, t.parse("4096"));
        assertEquals(16, t.parse("+16"));
        assertEquals("must be a whole number from 1 to 4096", refusal(t, "0"));
        assertEquals("must be a whole number from 1 to 4096", refusal(t, "4097"));
        assertEquals("must be a whole number from 1 to 4096", refusal(t, "-5"));
        assertEquals("must be a whole number from 1 to 4096", refusal(t, "many"));
        assertEquals("must be a whole number from 1 to 4096", refusal(t, "1.5"));
        // larger than a long: still "out of range", not a wrapped number
        assertEquals("must be a whole number from 1 to 4096", refusal(t, "99999999999999999999999"));
        assertEquals("must be a whole number from 1 to 4096", refusal(t, "4294967297")); // 2^32 + 1 wraps to 1 as an int
    }

    @Test
    void sizesTakeBinaryUnitsAndRefuseOverflow() {
        SizeType t = SettingType.size(65_535, 1L << 30);
        assertEquals(65_536L, t.parse("65536"));
        assertEquals(65_536L, t.parse("64KiB"));
        assertEquals(16L << 20, t.parse("16MiB"));
        assertEquals(16L << 20, t.parse("16 mib"));
        assertEquals(1L << 30, t.parse("1GiB"));
        String accepted = "must be a size from 65535 to 1GiB (bytes, or with KiB, MiB or GiB)";
        assertEquals(accepted, refusal(t, "99999999999"));
        assertEquals(accepted, refusal(t, "2GiB"));
        assertEquals(accepted, refusal(t, "-1"));
        assertEquals(accepted, refusal(t, "64KB"));
        assertEquals(accepted, refusal(t, "9999999999999999GiB")); // overflows a long when multiplied
        assertEquals("64KiB", SizeType.format(64 << 10));
        assertEquals("65535", SizeType.format(65_535));
    }

    @Test
    void durationsTakeMsSecondsMinutesHours() {
        DurationType t = SettingType.duration(Duration.ZERO, Duration.ofHours(1));
        assertEquals(Duration.ZERO, t.parse("0ms"));
        assertEquals(Duration.ofMillis(250), t.parse("250ms"));
        assertEquals(Duration.ofSeconds(2), t.parse("2s"));
        assertEquals(Duration.ofMinutes(1), t.parse("1m"));
        assertEquals(Duration.ofHours(1), t.parse("1h"));
        String accepted = "must be a duration from 0ms to 1h (like 250ms, 2s, 1m or 1h)";
        assertEquals(accepted, refusal(t, "61m"));
        assertEquals(accepted, refusal(t, "2"));
        assertEquals(accepted, refusal(t, "-1s"));
        assertEquals(accepted, refusal(t, "99999999999999999999h"));
    }

    @Test
    void choicesAreTheEnumsIds() {
        assertEquals(List.of("shared", "per-thread", "per-request", "observed"),
                SettingType.choice(Lifecycle.class).choices());
        // a run chooses how to share; "observed" only describes what the agent saw
        SettingType.ChoiceType<Lifecycle> t = SettingType.choice(Lifecycle.class,
                List.of(Lifecycle.SHARED, Lifecycle.PER_THREAD, Lifecycle.PER_REQUEST));
        assertEquals(List.of("shared", "per-thread", "per-request"), t.choices());
        assertEquals("must be one of shared, per-thread, per-request", refusal(t, "observed"));
        assertEquals(Lifecycle.PER_THREAD, t.parse("per-thread"));
        assertEquals(Lifecycle.PER_THREAD, t.parse("PER-THREAD"));
        assertEquals("must be one of shared, per-thread, per-request", refusal(t, "per_thread"));
        assertEquals("must be one of md5 or length",
                refusal(SettingType.choice(S3Settings.Verify.class), "sha"));
    }

    @Test
    void booleansAreTrueOrFalse() {
        assertEquals(true, SettingType.bool().parse("TRUE"));
        assertEquals(false, SettingType.bool().parse("false"));
        assertEquals("must be true or false", refusal(SettingType.bool(), "yes"));
    }

    @Test
    void textFollowsItsPatternAndNamesRefuseCredentials() {
        SettingType.TextType region = SettingType.text(Pattern.compile("[a-z0-9-]+"), "a region name");
        assertEquals("eu-west-1", region.parse("eu-west-1"));
        assertEquals("must be a region name", refusal(region, "EU WEST"));
        SettingType.TextType env = SettingType.name(Pattern.compile("[A-Za-z_][A-Za-z0-9_]*"), "a variable name");
        assertEquals("FLIGHT_TOKEN", env.parse("FLIGHT_TOKEN"));
        assertTrue(refusal(env, "AKIAIOSFODNN7EXAMPLE").startsWith("looks like a credential, not a name"));
        assertTrue(refusal(env, "ghp_a8Kd93LmQz7Xw2Pn5Rt6Yv1Bc4Ef0GhIjK").startsWith("looks like a credential"));
    }

    @Test
    void urisNeedTheirSchemeAHostAndNoUserInfo() {
        SettingType.UriType t = SettingType.uri(Set.of("grpc+tcp", "grpc+tls"), true, "grpc+tcp://host:8815");
        assertEquals(URI.create("grpc+tcp://127.0.0.1:8815"), t.parse("grpc+tcp://127.0.0.1:8815"));
        String accepted = "must be a URI with scheme grpc+tcp:// or grpc+tls://, a host and a port, like grpc+tcp://host:8815";
        assertEquals(accepted, refusal(t, "http://127.0.0.1:80"));
        assertEquals(accepted, refusal(t, "grpc+tcp://127.0.0.1"));
        assertEquals(accepted, refusal(t, "notaurl"));
        assertEquals(accepted, refusal(t, "grpc+tcp://bad host:1"));
        assertTrue(refusal(t, "grpc+tcp://user:token@127.0.0.1:1").startsWith("user info (user:secret@) is not accepted"));
        SettingType.UriType http = SettingType.uri(Set.of("http", "https"), false, "http://127.0.0.1:9000");
        assertEquals(URI.create("https://s3.example.com"), http.parse("https://s3.example.com"));
    }

    @Test
    void pathsMustExistAsDeclared() throws Exception {
        Path file = Files.writeString(dir.resolve("ca.pem"), "pem");
        SettingType.PathType readable = SettingType.path(SettingType.PathType.Is.READABLE_FILE);
        assertEquals(file, readable.parse(file.toString()));
        assertEquals("is not a readable file", refusal(readable, dir.toString()));
        assertEquals("does not exist; must be a readable file", refusal(readable, dir.resolve("absent").toString()));
        SettingType.PathType table = SettingType.path(SettingType.PathType.Is.EXISTING_DIRECTORY);
        assertEquals(dir, table.parse(dir.toString()));
        assertEquals(dir, table.parse(dir.toUri().toString()));
        assertTrue(refusal(table, file.toString()).startsWith("is not an existing directory"));
    }

    @Test
    void listsParseEveryItemAndCountThem() {
        SettingType.ListType<Integer> t = SettingType.list(SettingType.integer(1, 9), 1, 3);
        assertEquals(List.of(1, 2, 3), t.parse("1, 2,3"));
        assertEquals("must be 1 to 3 comma-separated items, each a whole number from 1 to 9", refusal(t, "1,2,3,4"));
        assertEquals("must be 1 to 3 comma-separated items, each a whole number from 1 to 9", refusal(t, ""));
        assertEquals("item '10': must be a whole number from 1 to 9", refusal(t, "1,10"));
        assertTrue(refusal(t, "1,,2").startsWith("has an empty item"));
        assertEquals(List.of(), SettingType.list(SettingType.integer(1, 9), 0, 3).parse(""));
    }

    @Test
    void optionalsAcceptEmptyForTheirDefaultMeaning() {
        SettingType.OptionalType<Integer> t = SettingType.optional(SettingType.integer(1, 9), "no limit");
        assertEquals(Optional.empty(), t.parse(""));
        assertEquals(Optional.of(3), t.parse("3"));
        assertEquals("a whole number from 1 to 9, or empty for no limit", t.accepted());
    }

    @Test
    void aSettingNamesKeyValueAndWhatIsAccepted() {
        Setting<Integer> s = Setting.of("s3.concurrency", SettingType.integer(1, 4096), "16", "requests in flight");
        assertEquals("s3.concurrency=1000000: must be a whole number from 1 to 4096", s.problem("1000000"));
        assertEquals(null, s.problem(" 12 "));
        Setting<Integer> required = Setting.of("x.count", SettingType.integer(1, 2), "", "needed");
        assertTrue(required.required());
        assertEquals("x.count is not set: it must be a whole number from 1 to 2", required.problem(""));
        // a default the type refuses is a programming error, caught where it is declared
        assertThrows(IllegalStateException.class, () -> Setting.of("x.bad", SettingType.integer(1, 2), "3", "bad"));
    }

    @Test
    void resolveRefusesUnknownKeysAndTheFirstBadValue() {
        List<Setting<?>> specs = List.of(DemoScenario.REQUESTS, DemoScenario.PACE);
        Settings ok = Settings.resolve(specs, Map.of("demo.pace", "5ms"));
        assertEquals(40, ok.get(DemoScenario.REQUESTS));
        assertEquals(Duration.ofMillis(5), ok.get(DemoScenario.PACE));
        InvalidSettingException unknown = assertThrows(InvalidSettingException.class,
                () -> Settings.resolve(specs, Map.of("demo.typo", "1")));
        assertEquals("demo.typo", unknown.key());
        assertTrue(unknown.getMessage().startsWith("unknown setting 'demo.typo'; known: demo.requests, demo.pace"));
        InvalidSettingException bad = assertThrows(InvalidSettingException.class,
                () -> Settings.resolve(specs, Map.of("demo.requests", "-5")));
        assertEquals("demo.requests=-5: must be a whole number from 1 to 100000", bad.getMessage());
    }
}

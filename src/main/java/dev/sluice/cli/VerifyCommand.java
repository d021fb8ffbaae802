package dev.sluice.cli;

import dev.sluice.engine.delta.DeltaTables;
import dev.sluice.engine.delta.LogStoreKind;
import dev.sluice.engine.delta.NotADeltaTableException;
import dev.sluice.engine.delta.S3Access;
import dev.sluice.engine.delta.TableVerifier;
import dev.sluice.engine.s3.EmbeddedS3Server;
import dev.sluice.engine.s3.S3EngineException;
import dev.sluice.event.DeltaEvent.VerifyOutcome;
import dev.sluice.event.Emitter;
import dev.sluice.event.Engine;
import dev.sluice.profile.Profile;
import dev.sluice.profile.ProfileException;
import dev.sluice.profile.ProfileStore;
import dev.sluice.scenario.DataDirs;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice verify TABLE [--profile NAME]}: reads a Delta table Sluice wrote ({@code file://},
 * a directory, or {@code s3://bucket/prefix}) and proves what its rows can: no row twice, no hole in
 * any writer's sequence. One line per fact; exit 0 intact, 1 rows lost or duplicated, 2 not readable.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, description = {
        "Verify a Delta table Sluice wrote: no duplicated rows, no holes in any writer's sequence.",
        "Exit 0 intact, 1 rows lost or duplicated, 2 the table cannot be read."})
final class VerifyCommand implements Callable<Integer> {

    static final int LOST = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TABLE", description = "A table directory, a file:// URI or s3://bucket/prefix "
            + "(on the embedded S3Proxy unless --profile names another endpoint).")
    String table;

    @Option(names = "--profile", paramLabel = "NAME", description = "Reach s3:// tables with this connection profile's "
            + "S3 part (endpoint, region, AWS profile, path-style).")
    String profile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI uri = table.contains("://") ? URI.create(table) : DeltaTables.uriOf(Path.of(table));
        LogStoreKind.Scheme scheme;
        try {
            scheme = LogStoreKind.Scheme.of(uri);
        } catch (IllegalArgumentException e) {
            err.println("sluice verify: " + e.getMessage());
            return SluiceCommand.CANNOT_RUN;
        }
        EmbeddedS3Server server = null;
        try {
            S3Access access = null;
            if (scheme.onS3()) {
                Map<String, String> s3 = profile == null ? Map.of() : profileS3(err);
                if (s3 == null) {
                    return SluiceCommand.CANNOT_RUN;
                }
                if (s3.containsKey("s3.endpoint") || s3.containsKey("s3.profile")) {
                    String endpoint = s3.getOrDefault("s3.endpoint", "");
                    access = S3Access.external(endpoint.isEmpty() ? null : URI.create(endpoint),
                            s3.getOrDefault("s3.region", "us-east-1"), Boolean.parseBoolean(s3.getOrDefault("s3.path-style",
                                    "true")), s3.getOrDefault("s3.profile", ""));
                } else {
                    // the embedded S3Proxy's files of the Delta scenarios (ScenarioRunner: data dir / engine id)
                    server = EmbeddedS3Server.start(DataDirs.userDataDir().resolve(Engine.DELTA.id()).resolve("embedded-s3"));
                    access = new S3Access(server.endpoint(), "us-east-1", true, server.credentials().provider(),
                            "embedded S3Proxy " + server.endpoint());
                }
                out.println("reading " + uri + " at " + access.description());
            }
            TableVerifier.Report r = new TableVerifier(DeltaTables.hadoopConf(LogStoreKind.SLUICE,
                    DeltaTables.LocalFs.CHECKSUMMED, access), Emitter.NOOP).verify(uri, null);
            if (r.outcome() == VerifyOutcome.UNREADABLE) {
                r.problems().forEach(p -> err.println("sluice verify: " + uri + ": " + p));
                return SluiceCommand.CANNOT_RUN;
            }
            out.println("version " + r.version() + ": " + r.dataFiles() + " data files, " + r.foundRows() + " rows");
            r.problems().forEach(out::println);
            boolean intact = r.missingRows() == 0 && r.duplicatedRows() == 0 && r.missingFiles() == 0 && r.problems().isEmpty();
            out.println(intact ? "intact: no row lost or duplicated" : "NOT intact: " + r.missingRows() + " rows missing, "
                    + r.duplicatedRows() + " duplicated, " + r.missingFiles() + " data files gone");
            // the table alone shows gaps in a writer's row sequence; a writer whose every row vanished leaves none
            out.println("(from the table alone: rows a writer was told were committed are known only to the run that wrote"
                    + " them — its trace's LOST_WRITES)");
            return intact ? 0 : LOST;
        } catch (NotADeltaTableException e) {
            err.println("sluice verify: " + e.getMessage());
            return SluiceCommand.CANNOT_RUN;
        } catch (S3EngineException e) {
            err.println("sluice verify: the embedded S3Proxy does not start: " + e.getMessage());
            return SluiceCommand.CANNOT_RUN;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The S3 settings of --profile, or null after saying why there are none. */
    private Map<String, String> profileS3(PrintWriter err) {
        ProfileStore store = ProfileStore.user();
        try {
            java.util.List<Profile> all = store.load();
            for (Profile p : all) {
                if (p.name().equals(profile)) {
                    return p.overrides();
                }
            }
            err.println("sluice verify: --profile " + profile + ": no such profile in " + store.file() + "; known: "
                    + String.join(", ", all.stream().map(Profile::name).toList()));
        } catch (ProfileException e) {
            err.println("sluice verify: --profile " + profile + ": " + e.getMessage());
        }
        return null;
    }
}

package dev.sluice.model.flight;

import dev.sluice.model.EnginePart;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.PackedLog;
import java.util.List;

/**
 * The Flight part of a snapshot.
 *
 * @param connections every HTTP/2 connection, in opening order
 * @param streams     every stream, in opening order
 * @param windows     connection and stream window samples, in stream order
 */
public record FlightPart(List<ConnectionInfo> connections, List<StreamInfo> streams, List<WindowSample> windows)
        implements EnginePart {

    public static FlightPart of(ModelSnapshot snapshot) {
        return snapshot.part(FlightPart.class);
    }

    /** Time of window sample {@code i}, read from its column when packed (no record built). */
    public long windowNanos(int i) {
        return windows instanceof PackedLog.Frozen<?> f ? f.longAt(WindowCodec.NANOS, i) : windows.get(i).nanos();
    }

    /** Connection of window sample {@code i}, read from its column when packed. */
    public String windowConnection(int i) {
        return windows instanceof PackedLog.Frozen<?> f ? f.stringAt(WindowCodec.CONNECTION, i) : windows.get(i).connection();
    }
}

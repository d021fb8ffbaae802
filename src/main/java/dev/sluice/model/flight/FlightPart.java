package dev.sluice.model.flight;

import dev.sluice.model.EnginePart;
import dev.sluice.model.ModelSnapshot;
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
}

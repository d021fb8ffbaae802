package dev.sluice.source;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceCursor;
import dev.sluice.trace.TraceException;
import dev.sluice.trace.TraceReader;
import java.util.ArrayList;
import java.util.List;

/**
 * One process's source in a {@link MergedSource}, read at the merge's pace: a Sluice trace one batch
 * at a time (never whole), any other source (a capture, a Delta log) read whole as before.
 */
abstract class MergePart implements AutoCloseable {

    static MergePart open(RecordedSource source) throws SourceException {
        if (source instanceof TraceFileFormat.Batched batched) {
            try {
                return new Batches(batched, batched.cursor());
            } catch (SourceException | RuntimeException e) {
                batched.release();
                throw e;
            }
        }
        return new Whole(source.readAll());
    }

    abstract RunInfo run();

    /** Whether the whole run is here; known before the first event. */
    abstract boolean complete();

    /** The next event in recorded order, or null at the end. */
    abstract Event next() throws SourceException;

    /** How the source ended; once {@link #next} gave null. */
    abstract RecordedSource.Ending ending();

    @Override
    public abstract void close();

    /** A trace pulled one record batch at a time. */
    private static final class Batches extends MergePart {
        private final TraceFileFormat.Batched source;
        private final TraceCursor cursor;
        private final List<Event> batch = new ArrayList<>();
        private int next;
        private RecordedSource.Ending ending;

        Batches(TraceFileFormat.Batched source, TraceCursor cursor) {
            this.source = source;
            this.cursor = cursor;
        }

        @Override
        RunInfo run() {
            return cursor.run();
        }

        @Override
        boolean complete() {
            return cursor.complete();
        }

        @Override
        Event next() throws SourceException {
            try {
                while (next == batch.size()) {
                    if (ending != null) {
                        return null;
                    }
                    batch.clear();
                    next = 0;
                    if (!cursor.next(batch::add)) {
                        TraceReader.Outcome o = cursor.outcome(true);
                        ending = new RecordedSource.Ending(o.complete(), o.warning(), o.checksums());
                        return null;
                    }
                }
            } catch (TraceException e) {
                throw SourceException.of(e);
            }
            return batch.get(next++);
        }

        @Override
        RecordedSource.Ending ending() {
            return ending;
        }

        @Override
        public void close() {
            cursor.close();
            source.release();
        }
    }

    /** A source read whole into memory. */
    private static final class Whole extends MergePart {
        private final TraceContents contents;
        private int next;

        Whole(TraceContents contents) {
            this.contents = contents;
        }

        @Override
        RunInfo run() {
            return contents.run();
        }

        @Override
        boolean complete() {
            return contents.complete();
        }

        @Override
        Event next() {
            return next < contents.events().size() ? contents.events().get(next++) : null;
        }

        @Override
        RecordedSource.Ending ending() {
            return new RecordedSource.Ending(contents.complete(), contents.warning(), contents.checksums());
        }

        @Override
        public void close() {
            // nothing held outside the heap
        }
    }
}

package dev.sluice.engine.delta;

/**
 * The rows one commit carries: writer {@code writer}, sequence numbers {@code fromSeq} to
 * {@code fromSeq + rows - 1}. Every row names its writer and sequence so a lost or duplicated row
 * can be named exactly.
 *
 * @param id the batch's name in events ({@code writer-3/b2})
 */
public record RowBatch(String id, String writer, int index, long fromSeq, int rows) {

    public static RowBatch of(String writer, int index, int rowsPerBatch) {
        return new RowBatch(writer + "/b" + index, writer, index, (long) index * rowsPerBatch, rowsPerBatch);
    }

    public long toSeq() {
        return fromSeq + rows - 1;
    }
}

package dev.sluice.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * An append-only log of records kept as columns ({@link LongColumn}s, dictionary-encoded or
 * {@link TextColumn} strings) instead of one object per record: a window sample or a request span
 * costs a few bytes a field. The frozen view is a {@code List<T>} that builds the record a view
 * asks for, when it asks. Single writer; {@link #freeze()} is O(columns) and shares the columns.
 */
public final class PackedLog<T> {

    /**
     * How a record maps to columns: {@link #longs()} numbers (times, counts, enum ordinals + 1 with 0
     * for null) and {@link #strings()} strings, of which {@link #unique(int)} ones rarely repeat.
     */
    public interface Codec<T> {
        int longs();

        int strings();

        /** Whether string field {@code field} rarely repeats (an id): stored as text, not in a dictionary. */
        boolean unique(int field);

        /** Whether number field {@code field} takes few distinct values (a window's initial size): dictionary-coded. */
        default boolean repeats(int field) {
            return false;
        }

        void encode(T value, long[] longs, String[] strings);

        T decode(long[] longs, String[] strings);
    }

    private final Codec<T> codec;
    private final LongColumn[] longs;
    private final LongColumn[] stringIds;
    private final TextColumn[] texts;
    private final Dictionary[] dictionaries;
    private final NumberDictionary[] numberDictionaries;
    private final long[] scratchLongs;
    private final String[] scratchStrings;
    private int size;
    private final Object origin = new Object(); // names this log in its frozen views, see sameLog

    public PackedLog(Codec<T> codec) {
        this.codec = codec;
        this.longs = new LongColumn[codec.longs()];
        this.numberDictionaries = new NumberDictionary[longs.length];
        for (int i = 0; i < longs.length; i++) {
            longs[i] = new LongColumn();
            numberDictionaries[i] = codec.repeats(i) ? new NumberDictionary() : null;
        }
        int n = codec.strings();
        this.stringIds = new LongColumn[n];
        this.texts = new TextColumn[n];
        this.dictionaries = new Dictionary[n];
        for (int i = 0; i < n; i++) {
            if (codec.unique(i)) {
                texts[i] = new TextColumn();
            } else {
                stringIds[i] = new LongColumn();
                dictionaries[i] = new Dictionary();
            }
        }
        this.scratchLongs = new long[longs.length];
        this.scratchStrings = new String[n];
    }

    public void add(T value) {
        codec.encode(value, scratchLongs, scratchStrings);
        addEncoded(scratchLongs, scratchStrings);
        Arrays.fill(scratchStrings, null);
    }

    /**
     * Appends one record given as its fields, encoded as {@link Codec#encode} fills them: a writer that has the fields
     * but no record (the live fold, per event) need not build one only to have it taken apart here.
     */
    public void addEncoded(long[] fields, String[] strings) {
        if (fields.length != longs.length || strings.length != texts.length) {
            throw new IllegalArgumentException("a record of this log has " + longs.length + " numbers and " + texts.length
                    + " strings, not " + fields.length + " and " + strings.length);
        }
        for (int i = 0; i < longs.length; i++) {
            longs[i].add(numberDictionaries[i] == null ? fields[i] : numberDictionaries[i].id(fields[i]));
        }
        for (int i = 0; i < strings.length; i++) {
            if (texts[i] != null) {
                texts[i].add(strings[i]);
            } else {
                stringIds[i].add(dictionaries[i].id(strings[i]));
            }
        }
        size++;
    }

    public int size() {
        return size;
    }

    /**
     * Record {@code index} as written so far, read on the writer's thread without freezing (a
     * freeze per read cost more than the fold itself when every event updated an entity).
     */
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return decode(codec, longs.length, texts.length, index, this::longAt, this::stringAt);
    }

    private long longAt(int field, int index) {
        long stored = longs[field].get(index);
        return numberDictionaries[field] == null ? stored : numberDictionaries[field].values.get((int) stored);
    }

    private String stringAt(int field, int index) {
        if (texts[field] != null) {
            return texts[field].get(index);
        }
        int id = (int) stringIds[field].get(index);
        return id == 0 ? null : dictionaries[field].values.get(id - 1);
    }

    /** Whether string field {@code field} of record {@code index} is {@code value}, without decoding the record. */
    public boolean stringIs(int field, int index, String value) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        if (texts[field] != null) {
            return texts[field].is(index, value);
        }
        int id = (int) stringIds[field].get(index);
        return id == 0 ? value == null : dictionaries[field].values.get(id - 1).equals(value);
    }

    /**
     * Whether two lists are frozen views of the same log (one is a prefix of the other): a view's
     * records are built on each read, so comparing the records by identity cannot tell.
     */
    public static boolean sameLog(List<?> a, List<?> b) {
        return a instanceof Frozen<?> fa && b instanceof Frozen<?> fb && fa.origin == fb.origin;
    }

    /** A number field of the writer's columns or of a frozen view. */
    private interface LongAt {
        long at(int field, int index);
    }

    /** A string field of the writer's columns or of a frozen view. */
    private interface StringAt {
        String at(int field, int index);
    }

    /** One decoder for the writer's columns and the frozen view. */
    private static <T> T decode(Codec<T> codec, int longFields, int stringFields, int index, LongAt longAt,
                                StringAt stringAt) {
        long[] l = new long[longFields];
        for (int i = 0; i < l.length; i++) {
            l[i] = longAt.at(i, index);
        }
        String[] s = new String[stringFields];
        for (int i = 0; i < s.length; i++) {
            s[i] = stringAt.at(i, index);
        }
        return codec.decode(l, s);
    }

    public Frozen<T> freeze() {
        LongColumn.Frozen[] l = new LongColumn.Frozen[longs.length];
        LongColumn.Frozen[] numberValues = new LongColumn.Frozen[longs.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = longs[i].freeze();
            numberValues[i] = numberDictionaries[i] == null ? null : numberDictionaries[i].values.freeze();
        }
        int n = texts.length;
        LongColumn.Frozen[] ids = new LongColumn.Frozen[n];
        TextColumn.Frozen[] t = new TextColumn.Frozen[n];
        List<?>[] values = new List<?>[n];
        for (int i = 0; i < n; i++) {
            if (texts[i] != null) {
                t[i] = texts[i].freeze();
            } else {
                ids[i] = stringIds[i].freeze();
                values[i] = dictionaries[i].values.freeze();
            }
        }
        return new Frozen<>(codec, l, numberValues, ids, t, values, size, origin);
    }

    /** Distinct strings of one column; id 0 is null. */
    private static final class Dictionary {
        private final Map<String, Integer> ids = new HashMap<>();
        private final AppendLog<String> values = new AppendLog<>();

        int id(String value) {
            if (value == null) {
                return 0;
            }
            Integer id = ids.get(value);
            if (id == null) {
                values.add(value);
                id = values.size();
                ids.put(value, id);
            }
            return id;
        }
    }

    /** Distinct numbers of one column, by id. */
    private static final class NumberDictionary {
        private final Map<Long, Integer> ids = new HashMap<>();
        private final LongColumn values = new LongColumn();

        int id(long value) {
            Integer id = ids.get(value);
            if (id == null) {
                id = values.size();
                values.add(value);
                ids.put(value, id);
            }
            return id;
        }
    }

    /** The records at freeze time, decoded on each {@link #get}. */
    public static final class Frozen<T> extends AbstractList<T> implements RandomAccess {
        private final Codec<T> codec;
        private final LongColumn.Frozen[] longs;
        private final LongColumn.Frozen[] numberValues;
        private final LongColumn.Frozen[] stringIds;
        private final TextColumn.Frozen[] texts;
        private final List<?>[] dictionaries;
        private final int size;
        private final Object origin;

        Frozen(Codec<T> codec, LongColumn.Frozen[] longs, LongColumn.Frozen[] numberValues, LongColumn.Frozen[] stringIds,
               TextColumn.Frozen[] texts, List<?>[] dictionaries, int size, Object origin) {
            this.origin = origin;
            this.codec = codec;
            this.longs = longs;
            this.numberValues = numberValues;
            this.stringIds = stringIds;
            this.texts = texts;
            this.dictionaries = dictionaries;
            this.size = size;
        }

        @Override
        public T get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return decode(codec, longs.length, texts.length, index, this::longAt, this::stringAt);
        }

        /** String field {@code field} of record {@code index}, without building the record (a dictionary's own string). */
        public String stringAt(int field, int index) {
            if (texts[field] != null) {
                return texts[field].get(index);
            }
            int id = (int) stringIds[field].get(index);
            return id == 0 ? null : (String) dictionaries[field].get(id - 1);
        }

        /** Number field {@code field} of record {@code index}, without building the record. */
        public long longAt(int field, int index) {
            long stored = longs[field].get(index);
            return numberValues[field] == null ? stored : numberValues[field].get((int) stored);
        }

        @Override
        public int size() {
            return size;
        }
    }
}

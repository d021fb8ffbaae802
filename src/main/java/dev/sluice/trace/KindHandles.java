package dev.sluice.trace;

import dev.sluice.event.EventBody;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import java.lang.invoke.MethodHandle;

/**
 * Each catalog kind's {@link KindDecoder} handle for the slots this Sluice writes, in a static final
 * field: the JIT treats those as constants and inlines the readers and the constructor into the
 * row loop. A handle in an ordinary field is called through its lambda forms, where even the
 * allocation of the body takes a slow path (several times the cost of the row).
 */
final class KindHandles {

    /** Kinds with a constant handle; a catalog that outgrows this still decodes, more slowly. */
    static final int CAPACITY = 64;
    private static final MethodHandle[] BUILT = built();
    private static final MethodHandle H0 = BUILT[0];
    private static final MethodHandle H1 = BUILT[1];
    private static final MethodHandle H2 = BUILT[2];
    private static final MethodHandle H3 = BUILT[3];
    private static final MethodHandle H4 = BUILT[4];
    private static final MethodHandle H5 = BUILT[5];
    private static final MethodHandle H6 = BUILT[6];
    private static final MethodHandle H7 = BUILT[7];
    private static final MethodHandle H8 = BUILT[8];
    private static final MethodHandle H9 = BUILT[9];
    private static final MethodHandle H10 = BUILT[10];
    private static final MethodHandle H11 = BUILT[11];
    private static final MethodHandle H12 = BUILT[12];
    private static final MethodHandle H13 = BUILT[13];
    private static final MethodHandle H14 = BUILT[14];
    private static final MethodHandle H15 = BUILT[15];
    private static final MethodHandle H16 = BUILT[16];
    private static final MethodHandle H17 = BUILT[17];
    private static final MethodHandle H18 = BUILT[18];
    private static final MethodHandle H19 = BUILT[19];
    private static final MethodHandle H20 = BUILT[20];
    private static final MethodHandle H21 = BUILT[21];
    private static final MethodHandle H22 = BUILT[22];
    private static final MethodHandle H23 = BUILT[23];
    private static final MethodHandle H24 = BUILT[24];
    private static final MethodHandle H25 = BUILT[25];
    private static final MethodHandle H26 = BUILT[26];
    private static final MethodHandle H27 = BUILT[27];
    private static final MethodHandle H28 = BUILT[28];
    private static final MethodHandle H29 = BUILT[29];
    private static final MethodHandle H30 = BUILT[30];
    private static final MethodHandle H31 = BUILT[31];
    private static final MethodHandle H32 = BUILT[32];
    private static final MethodHandle H33 = BUILT[33];
    private static final MethodHandle H34 = BUILT[34];
    private static final MethodHandle H35 = BUILT[35];
    private static final MethodHandle H36 = BUILT[36];
    private static final MethodHandle H37 = BUILT[37];
    private static final MethodHandle H38 = BUILT[38];
    private static final MethodHandle H39 = BUILT[39];
    private static final MethodHandle H40 = BUILT[40];
    private static final MethodHandle H41 = BUILT[41];
    private static final MethodHandle H42 = BUILT[42];
    private static final MethodHandle H43 = BUILT[43];
    private static final MethodHandle H44 = BUILT[44];
    private static final MethodHandle H45 = BUILT[45];
    private static final MethodHandle H46 = BUILT[46];
    private static final MethodHandle H47 = BUILT[47];
    private static final MethodHandle H48 = BUILT[48];
    private static final MethodHandle H49 = BUILT[49];
    private static final MethodHandle H50 = BUILT[50];
    private static final MethodHandle H51 = BUILT[51];
    private static final MethodHandle H52 = BUILT[52];
    private static final MethodHandle H53 = BUILT[53];
    private static final MethodHandle H54 = BUILT[54];
    private static final MethodHandle H55 = BUILT[55];
    private static final MethodHandle H56 = BUILT[56];
    private static final MethodHandle H57 = BUILT[57];
    private static final MethodHandle H58 = BUILT[58];
    private static final MethodHandle H59 = BUILT[59];
    private static final MethodHandle H60 = BUILT[60];
    private static final MethodHandle H61 = BUILT[61];
    private static final MethodHandle H62 = BUILT[62];
    private static final MethodHandle H63 = BUILT[63];

    private KindHandles() {
    }

    private static MethodHandle[] built() {
        MethodHandle[] out = new MethodHandle[CAPACITY];
        for (int i = 0; i < CAPACITY; i++) {
            out[i] = i < EventCatalog.size() ? KindDecoder.handle(EventCatalog.kinds().get(i), defaultSlots(i)) : null;
        }
        return out;
    }

    /** The slot of each field of catalog kind {@code index} as this Sluice writes it. */
    static int[] defaultSlots(int index) {
        EventKind kind = EventCatalog.kinds().get(index);
        int[] slots = new int[kind.fields().size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = kind.fields().get(i).slotIndex();
        }
        return slots;
    }

    /** The body of {@code row} as catalog kind {@code index} (below {@link #CAPACITY}). */
    @SuppressWarnings("fallthrough") // each case returns
    static EventBody build(int index, KindDecoder.Row row) throws Throwable {
        switch (index) {
            case 0: return (EventBody) H0.invokeExact(row);
            case 1: return (EventBody) H1.invokeExact(row);
            case 2: return (EventBody) H2.invokeExact(row);
            case 3: return (EventBody) H3.invokeExact(row);
            case 4: return (EventBody) H4.invokeExact(row);
            case 5: return (EventBody) H5.invokeExact(row);
            case 6: return (EventBody) H6.invokeExact(row);
            case 7: return (EventBody) H7.invokeExact(row);
            case 8: return (EventBody) H8.invokeExact(row);
            case 9: return (EventBody) H9.invokeExact(row);
            case 10: return (EventBody) H10.invokeExact(row);
            case 11: return (EventBody) H11.invokeExact(row);
            case 12: return (EventBody) H12.invokeExact(row);
            case 13: return (EventBody) H13.invokeExact(row);
            case 14: return (EventBody) H14.invokeExact(row);
            case 15: return (EventBody) H15.invokeExact(row);
            case 16: return (EventBody) H16.invokeExact(row);
            case 17: return (EventBody) H17.invokeExact(row);
            case 18: return (EventBody) H18.invokeExact(row);
            case 19: return (EventBody) H19.invokeExact(row);
            case 20: return (EventBody) H20.invokeExact(row);
            case 21: return (EventBody) H21.invokeExact(row);
            case 22: return (EventBody) H22.invokeExact(row);
            case 23: return (EventBody) H23.invokeExact(row);
            case 24: return (EventBody) H24.invokeExact(row);
            case 25: return (EventBody) H25.invokeExact(row);
            case 26: return (EventBody) H26.invokeExact(row);
            case 27: return (EventBody) H27.invokeExact(row);
            case 28: return (EventBody) H28.invokeExact(row);
            case 29: return (EventBody) H29.invokeExact(row);
            case 30: return (EventBody) H30.invokeExact(row);
            case 31: return (EventBody) H31.invokeExact(row);
            case 32: return (EventBody) H32.invokeExact(row);
            case 33: return (EventBody) H33.invokeExact(row);
            case 34: return (EventBody) H34.invokeExact(row);
            case 35: return (EventBody) H35.invokeExact(row);
            case 36: return (EventBody) H36.invokeExact(row);
            case 37: return (EventBody) H37.invokeExact(row);
            case 38: return (EventBody) H38.invokeExact(row);
            case 39: return (EventBody) H39.invokeExact(row);
            case 40: return (EventBody) H40.invokeExact(row);
            case 41: return (EventBody) H41.invokeExact(row);
            case 42: return (EventBody) H42.invokeExact(row);
            case 43: return (EventBody) H43.invokeExact(row);
            case 44: return (EventBody) H44.invokeExact(row);
            case 45: return (EventBody) H45.invokeExact(row);
            case 46: return (EventBody) H46.invokeExact(row);
            case 47: return (EventBody) H47.invokeExact(row);
            case 48: return (EventBody) H48.invokeExact(row);
            case 49: return (EventBody) H49.invokeExact(row);
            case 50: return (EventBody) H50.invokeExact(row);
            case 51: return (EventBody) H51.invokeExact(row);
            case 52: return (EventBody) H52.invokeExact(row);
            case 53: return (EventBody) H53.invokeExact(row);
            case 54: return (EventBody) H54.invokeExact(row);
            case 55: return (EventBody) H55.invokeExact(row);
            case 56: return (EventBody) H56.invokeExact(row);
            case 57: return (EventBody) H57.invokeExact(row);
            case 58: return (EventBody) H58.invokeExact(row);
            case 59: return (EventBody) H59.invokeExact(row);
            case 60: return (EventBody) H60.invokeExact(row);
            case 61: return (EventBody) H61.invokeExact(row);
            case 62: return (EventBody) H62.invokeExact(row);
            case 63: return (EventBody) H63.invokeExact(row);
            default: throw new IllegalArgumentException("no constant handle for kind " + index);
        }
    }
}

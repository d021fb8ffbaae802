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
            case 0: return b0(row);
            case 1: return b1(row);
            case 2: return b2(row);
            case 3: return b3(row);
            case 4: return b4(row);
            case 5: return b5(row);
            case 6: return b6(row);
            case 7: return b7(row);
            case 8: return b8(row);
            case 9: return b9(row);
            case 10: return b10(row);
            case 11: return b11(row);
            case 12: return b12(row);
            case 13: return b13(row);
            case 14: return b14(row);
            case 15: return b15(row);
            case 16: return b16(row);
            case 17: return b17(row);
            case 18: return b18(row);
            case 19: return b19(row);
            case 20: return b20(row);
            case 21: return b21(row);
            case 22: return b22(row);
            case 23: return b23(row);
            case 24: return b24(row);
            case 25: return b25(row);
            case 26: return b26(row);
            case 27: return b27(row);
            case 28: return b28(row);
            case 29: return b29(row);
            case 30: return b30(row);
            case 31: return b31(row);
            case 32: return b32(row);
            case 33: return b33(row);
            case 34: return b34(row);
            case 35: return b35(row);
            case 36: return b36(row);
            case 37: return b37(row);
            case 38: return b38(row);
            case 39: return b39(row);
            case 40: return b40(row);
            case 41: return b41(row);
            case 42: return b42(row);
            case 43: return b43(row);
            case 44: return b44(row);
            case 45: return b45(row);
            case 46: return b46(row);
            case 47: return b47(row);
            case 48: return b48(row);
            case 49: return b49(row);
            case 50: return b50(row);
            case 51: return b51(row);
            case 52: return b52(row);
            case 53: return b53(row);
            case 54: return b54(row);
            case 55: return b55(row);
            case 56: return b56(row);
            case 57: return b57(row);
            case 58: return b58(row);
            case 59: return b59(row);
            case 60: return b60(row);
            case 61: return b61(row);
            case 62: return b62(row);
            case 63: return b63(row);
            default: throw new IllegalArgumentException("no constant handle for kind " + index);
        }
    }

    // one small method per kind: the switch is too big for the JIT to inline into the row loop, but each
    // case's method is small enough to inline into the switch with its whole handle
    private static EventBody b0(KindDecoder.Row r) throws Throwable { return (EventBody) H0.invokeExact(r); }
    private static EventBody b1(KindDecoder.Row r) throws Throwable { return (EventBody) H1.invokeExact(r); }
    private static EventBody b2(KindDecoder.Row r) throws Throwable { return (EventBody) H2.invokeExact(r); }
    private static EventBody b3(KindDecoder.Row r) throws Throwable { return (EventBody) H3.invokeExact(r); }
    private static EventBody b4(KindDecoder.Row r) throws Throwable { return (EventBody) H4.invokeExact(r); }
    private static EventBody b5(KindDecoder.Row r) throws Throwable { return (EventBody) H5.invokeExact(r); }
    private static EventBody b6(KindDecoder.Row r) throws Throwable { return (EventBody) H6.invokeExact(r); }
    private static EventBody b7(KindDecoder.Row r) throws Throwable { return (EventBody) H7.invokeExact(r); }
    private static EventBody b8(KindDecoder.Row r) throws Throwable { return (EventBody) H8.invokeExact(r); }
    private static EventBody b9(KindDecoder.Row r) throws Throwable { return (EventBody) H9.invokeExact(r); }
    private static EventBody b10(KindDecoder.Row r) throws Throwable { return (EventBody) H10.invokeExact(r); }
    private static EventBody b11(KindDecoder.Row r) throws Throwable { return (EventBody) H11.invokeExact(r); }
    private static EventBody b12(KindDecoder.Row r) throws Throwable { return (EventBody) H12.invokeExact(r); }
    private static EventBody b13(KindDecoder.Row r) throws Throwable { return (EventBody) H13.invokeExact(r); }
    private static EventBody b14(KindDecoder.Row r) throws Throwable { return (EventBody) H14.invokeExact(r); }
    private static EventBody b15(KindDecoder.Row r) throws Throwable { return (EventBody) H15.invokeExact(r); }
    private static EventBody b16(KindDecoder.Row r) throws Throwable { return (EventBody) H16.invokeExact(r); }
    private static EventBody b17(KindDecoder.Row r) throws Throwable { return (EventBody) H17.invokeExact(r); }
    private static EventBody b18(KindDecoder.Row r) throws Throwable { return (EventBody) H18.invokeExact(r); }
    private static EventBody b19(KindDecoder.Row r) throws Throwable { return (EventBody) H19.invokeExact(r); }
    private static EventBody b20(KindDecoder.Row r) throws Throwable { return (EventBody) H20.invokeExact(r); }
    private static EventBody b21(KindDecoder.Row r) throws Throwable { return (EventBody) H21.invokeExact(r); }
    private static EventBody b22(KindDecoder.Row r) throws Throwable { return (EventBody) H22.invokeExact(r); }
    private static EventBody b23(KindDecoder.Row r) throws Throwable { return (EventBody) H23.invokeExact(r); }
    private static EventBody b24(KindDecoder.Row r) throws Throwable { return (EventBody) H24.invokeExact(r); }
    private static EventBody b25(KindDecoder.Row r) throws Throwable { return (EventBody) H25.invokeExact(r); }
    private static EventBody b26(KindDecoder.Row r) throws Throwable { return (EventBody) H26.invokeExact(r); }
    private static EventBody b27(KindDecoder.Row r) throws Throwable { return (EventBody) H27.invokeExact(r); }
    private static EventBody b28(KindDecoder.Row r) throws Throwable { return (EventBody) H28.invokeExact(r); }
    private static EventBody b29(KindDecoder.Row r) throws Throwable { return (EventBody) H29.invokeExact(r); }
    private static EventBody b30(KindDecoder.Row r) throws Throwable { return (EventBody) H30.invokeExact(r); }
    private static EventBody b31(KindDecoder.Row r) throws Throwable { return (EventBody) H31.invokeExact(r); }
    private static EventBody b32(KindDecoder.Row r) throws Throwable { return (EventBody) H32.invokeExact(r); }
    private static EventBody b33(KindDecoder.Row r) throws Throwable { return (EventBody) H33.invokeExact(r); }
    private static EventBody b34(KindDecoder.Row r) throws Throwable { return (EventBody) H34.invokeExact(r); }
    private static EventBody b35(KindDecoder.Row r) throws Throwable { return (EventBody) H35.invokeExact(r); }
    private static EventBody b36(KindDecoder.Row r) throws Throwable { return (EventBody) H36.invokeExact(r); }
    private static EventBody b37(KindDecoder.Row r) throws Throwable { return (EventBody) H37.invokeExact(r); }
    private static EventBody b38(KindDecoder.Row r) throws Throwable { return (EventBody) H38.invokeExact(r); }
    private static EventBody b39(KindDecoder.Row r) throws Throwable { return (EventBody) H39.invokeExact(r); }
    private static EventBody b40(KindDecoder.Row r) throws Throwable { return (EventBody) H40.invokeExact(r); }
    private static EventBody b41(KindDecoder.Row r) throws Throwable { return (EventBody) H41.invokeExact(r); }
    private static EventBody b42(KindDecoder.Row r) throws Throwable { return (EventBody) H42.invokeExact(r); }
    private static EventBody b43(KindDecoder.Row r) throws Throwable { return (EventBody) H43.invokeExact(r); }
    private static EventBody b44(KindDecoder.Row r) throws Throwable { return (EventBody) H44.invokeExact(r); }
    private static EventBody b45(KindDecoder.Row r) throws Throwable { return (EventBody) H45.invokeExact(r); }
    private static EventBody b46(KindDecoder.Row r) throws Throwable { return (EventBody) H46.invokeExact(r); }
    private static EventBody b47(KindDecoder.Row r) throws Throwable { return (EventBody) H47.invokeExact(r); }
    private static EventBody b48(KindDecoder.Row r) throws Throwable { return (EventBody) H48.invokeExact(r); }
    private static EventBody b49(KindDecoder.Row r) throws Throwable { return (EventBody) H49.invokeExact(r); }
    private static EventBody b50(KindDecoder.Row r) throws Throwable { return (EventBody) H50.invokeExact(r); }
    private static EventBody b51(KindDecoder.Row r) throws Throwable { return (EventBody) H51.invokeExact(r); }
    private static EventBody b52(KindDecoder.Row r) throws Throwable { return (EventBody) H52.invokeExact(r); }
    private static EventBody b53(KindDecoder.Row r) throws Throwable { return (EventBody) H53.invokeExact(r); }
    private static EventBody b54(KindDecoder.Row r) throws Throwable { return (EventBody) H54.invokeExact(r); }
    private static EventBody b55(KindDecoder.Row r) throws Throwable { return (EventBody) H55.invokeExact(r); }
    private static EventBody b56(KindDecoder.Row r) throws Throwable { return (EventBody) H56.invokeExact(r); }
    private static EventBody b57(KindDecoder.Row r) throws Throwable { return (EventBody) H57.invokeExact(r); }
    private static EventBody b58(KindDecoder.Row r) throws Throwable { return (EventBody) H58.invokeExact(r); }
    private static EventBody b59(KindDecoder.Row r) throws Throwable { return (EventBody) H59.invokeExact(r); }
    private static EventBody b60(KindDecoder.Row r) throws Throwable { return (EventBody) H60.invokeExact(r); }
    private static EventBody b61(KindDecoder.Row r) throws Throwable { return (EventBody) H61.invokeExact(r); }
    private static EventBody b62(KindDecoder.Row r) throws Throwable { return (EventBody) H62.invokeExact(r); }
    private static EventBody b63(KindDecoder.Row r) throws Throwable { return (EventBody) H63.invokeExact(r); }
}

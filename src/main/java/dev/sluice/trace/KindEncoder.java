package dev.sluice.trace;

import dev.sluice.event.EventBody;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventEnum;
import dev.sluice.event.EventKind;
import dev.sluice.event.FieldType;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.assign.TypeCasting;
import net.bytebuddy.implementation.bytecode.collection.ArrayAccess;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.implementation.bytecode.member.MethodReturn;
import net.bytebuddy.implementation.bytecode.member.MethodVariableAccess;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Writes one kind's fields into their slots. Per kind a small class is generated once that casts
 * the body to its record and calls each accessor and the slot's setter directly, as hand-written
 * code would: the JIT inlines them all, where method handles held in arrays are not constants and
 * cost a call (and a cast) per field.
 */
final class KindEncoder {

    /** The generated part: {@code text[slot].set(row, ((Kind) body).field())} for every field. */
    interface Fields {
        void write(EventBody body, int row, BatchDictionary.Text[] text, BatchDictionary.Numbers[] numbers);
    }

    /** Each catalog kind's encoder, looked up by the body's class (one probe, no boxing). */
    private static final ClassValue<KindEncoder> BY_CLASS = new ClassValue<>() {
        @Override
        protected KindEncoder computeValue(Class<?> type) {
            for (KindEncoder e : ALL) {
                if (e.type == type) {
                    return e;
                }
            }
            throw new IllegalArgumentException("not an event kind: " + type.getName());
        }
    };
    private static final List<KindEncoder> ALL = all();
    /**
     * The encoders by the identity hash of their body class, open addressing: cheaper per row than
     * {@link ClassValue#get} (a dozen loads and checks), the rest of a row's work being a few stores.
     */
    private static final Class<?>[] TYPES;
    private static final KindEncoder[] ENCODERS;

    static {
        int size = Integer.highestOneBit(Math.max(1, ALL.size()) * 4) << 1;
        TYPES = new Class<?>[size];
        ENCODERS = new KindEncoder[size];
        for (KindEncoder e : ALL) {
            int p = e.type.hashCode() & (size - 1);
            while (TYPES[p] != null) {
                p = (p + 1) & (size - 1);
            }
            TYPES[p] = e.type;
            ENCODERS[p] = e;
        }
    }
    /** An enum's trace ids by ordinal: {@link EventEnum#id()} builds a new String per call. */
    private static final ClassValue<String[]> ENUM_IDS = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] ids = new String[constants.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = ((EventEnum) constants[i]).id();
            }
            return ids;
        }
    };

    private final Class<?> type;
    /** The kind's index in the catalog (its kind dictionary index). */
    final int index;
    /** The index of its engine in the engine dictionary. */
    final int engine;
    final Fields fields;

    @SuppressWarnings("EnumOrdinal") // the file's engine dictionary is in Engine.values() order (TraceSchema)
    private KindEncoder(EventKind kind, int index) {
        this.type = kind.type();
        this.index = index;
        this.engine = kind.engine().ordinal();
        this.fields = generate(kind);
    }

    private static List<KindEncoder> all() {
        List<KindEncoder> out = new ArrayList<>();
        List<EventKind> kinds = EventCatalog.kinds();
        for (int i = 0; i < kinds.size(); i++) {
            out.add(new KindEncoder(kinds.get(i), i));
        }
        return out;
    }

    static KindEncoder of(EventBody body) {
        Class<?> type = body.getClass();
        int m = TYPES.length - 1;
        for (int p = type.hashCode() & m; TYPES[p] != null; p = (p + 1) & m) {
            if (TYPES[p] == type) {
                return ENCODERS[p];
            }
        }
        return BY_CLASS.get(type); // not a catalog kind: throws
    }

    /** The trace text of an enum field: its id, or null. */
    @SuppressWarnings("EnumOrdinal") // indexes the ids made from getEnumConstants(), in ordinal order
    static String enumId(Enum<?> value) {
        return value == null ? null : ENUM_IDS.get(value.getDeclaringClass())[value.ordinal()];
    }

    static long widen(int value) {
        return value;
    }

    static long bit(boolean value) {
        return value ? 1 : 0;
    }

    private static Fields generate(EventKind kind) {
        RecordComponent[] components = kind.type().getRecordComponents();
        List<StackManipulation> code = new ArrayList<>();
        TypeDescription record = TypeDescription.ForLoadedType.of(kind.type());
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            EventKind.Field f = kind.fields().get(i);
            boolean text = f.type() == FieldType.TEXT;
            code.add(MethodVariableAccess.REFERENCE.loadFrom(text ? 3 : 4));
            code.add(IntegerConstant.forValue(f.slotIndex()));
            code.add(ArrayAccess.REFERENCE.load());
            code.add(MethodVariableAccess.INTEGER.loadFrom(2));
            code.add(MethodVariableAccess.REFERENCE.loadFrom(1));
            code.add(TypeCasting.to(record));
            code.add(invoke(components[i].getAccessor()));
            if (text && t.isEnum()) {
                code.add(invoke(method(KindEncoder.class, "enumId", Enum.class)));
            } else if (t == int.class) {
                code.add(invoke(method(KindEncoder.class, "widen", int.class)));
            } else if (t == boolean.class) {
                code.add(invoke(method(KindEncoder.class, "bit", boolean.class)));
            } else if (!(text ? t == String.class : t == long.class)) {
                throw new IllegalArgumentException(kind.name() + "." + f.name() + " is a " + t.getName()
                        + " (String, an enum, long, int or boolean accepted)");
            }
            code.add(text ? invoke(method(BatchDictionary.Text.class, "set", int.class, String.class))
                    : invoke(method(BatchDictionary.Numbers.class, "set", int.class, long.class)));
        }
        code.add(MethodReturn.VOID);
        try {
            return new ByteBuddy()
                    .subclass(Fields.class)
                    .name(KindEncoder.class.getName() + "$" + kind.name())
                    .method(ElementMatchers.named("write"))
                    .intercept(new Implementation.Simple(code.toArray(StackManipulation[]::new)))
                    .make()
                    .load(KindEncoder.class.getClassLoader(), ClassLoadingStrategy.UsingLookup.of(MethodHandles.lookup()))
                    .getLoaded()
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot generate the trace encoder of " + kind.name(), e);
        }
    }

    private static StackManipulation invoke(Method m) {
        return MethodInvocation.invoke(new MethodDescription.ForLoadedMethod(m));
    }

    private static Method method(Class<?> owner, String name, Class<?>... parameters) {
        try {
            return owner.getDeclaredMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(owner.getName() + " has no method " + name, e);
        }
    }
}

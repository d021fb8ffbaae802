package dev.sluice.agent;

import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls into the application's own gRPC, Netty, Arrow and Delta classes by name: the agent links
 * none of them (it must not bundle them, and {@code grpc-netty-shaded} renames Netty's packages), so
 * the same probe reads both Netty flavours. Methods and fields are looked up once per class.
 */
final class Reflect {

    /** A method by its name and the classes of the arguments it is called with (overloads of one arity differ). */
    private record Key(Class<?> type, String name, List<Class<?>> arguments) { }

    private static final Map<Key, Method> METHODS = new ConcurrentHashMap<>();
    /** Getters called per DATA frame and per batch: no key to allocate on the hot path. */
    private static final ClassValue<Map<String, Method>> NO_ARGUMENTS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private static final Map<Key, Field> FIELDS = new ConcurrentHashMap<>();

    private Reflect() {
    }

    /** {@code target.name(args)}: the public method of that name and arity, else a declared one up the hierarchy. */
    static Object call(Object target, String name, Object... args) throws ReflectiveOperationException {
        Method m = args.length == 0 ? noArguments(target.getClass(), name) : withArguments(target.getClass(), name, args);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // the library's own failure, as it would reach a direct caller
            }
            throw e;
        }
    }

    private static Method noArguments(Class<?> type, String name) throws NoSuchMethodException {
        Map<String, Method> byName = NO_ARGUMENTS.get(type);
        Method m = byName.get(name);
        if (m == null) {
            m = find(type, name, new Object[0]);
            byName.put(name, m);
        }
        return m;
    }

    private static Method withArguments(Class<?> type, String name, Object[] args) throws NoSuchMethodException {
        List<Class<?>> types = new ArrayList<>(args.length);
        for (Object a : args) {
            types.add(a == null ? Object.class : a.getClass());
        }
        Key key = new Key(type, name, types);
        Method m = METHODS.get(key);
        if (m == null) {
            m = find(type, name, args);
            METHODS.put(key, m);
        }
        return m;
    }

    static long callLong(Object target, String name, Object... args) throws ReflectiveOperationException {
        return ((Number) call(target, name, args)).longValue();
    }

    /** The value of field {@code name} declared by the target's class or a superclass (null when it has none). */
    static Object field(Object target, String name) throws ReflectiveOperationException {
        Key key = new Key(target.getClass(), name, null);
        Field f = FIELDS.get(key);
        if (f == null) {
            for (Class<?> c = target.getClass(); c != null && f == null; c = c.getSuperclass()) {
                try {
                    f = c.getDeclaredField(name);
                } catch (NoSuchFieldException e) {
                    // declared higher up, or not at all
                }
            }
            if (f == null) {
                return null;
            }
            f.setAccessible(true);
            FIELDS.put(key, f);
        }
        return f.get(target);
    }

    /** Whether {@code target} has a public method {@code name} of that arity. */
    static boolean has(Object target, String name, int arguments) {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arguments) {
                return true;
            }
        }
        return false;
    }

    private static Method find(Class<?> type, String name, Object[] args) throws NoSuchMethodException {
        for (Method m : type.getMethods()) {
            if (fits(m, name, args)) {
                // public, but possibly declared by a package-private class of the library
                m.setAccessible(true);
                return m;
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (fits(m, name, args)) {
                    m.setAccessible(true);
                    return m;
                }
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name + " for " + args.length + " argument(s)");
    }

    /** Whether {@code args} can be passed to {@code m}: same arity, each an instance of (or boxing) its parameter. */
    private static boolean fits(Method m, String name, Object[] args) {
        if (!m.getName().equals(name) || m.getParameterCount() != args.length) {
            return false;
        }
        Class<?>[] params = m.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            Class<?> p = params[i].isPrimitive() ? MethodType.methodType(params[i]).wrap().returnType() : params[i];
            if (args[i] != null && !p.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }
}

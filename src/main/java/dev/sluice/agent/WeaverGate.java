package dev.sluice.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The agent's weaving at the JVM's start, without the job waiting for Byte Buddy (about 1,150 classes, most of the
 * agent's start): this plain transformer is registered at once and the woven transformers are built on a thread of
 * their own. Until they are ready, only a class the agent weaves (one of {@link #WOVEN}: the SDK's two client
 * handlers, a dozen of gRPC-java's, Netty's HTTP/2 frame listener, Flight's and delta-standalone's)
 * waits for them, so none of them is defined unwoven; every other class loads at once and never passes through Byte
 * Buddy. The wait is bounded: past it the gate opens for good, the classes load unwoven from then on until the
 * weaving is ready, and the trace says so; the job is held once, at most {@link #WAIT_SECONDS}.
 */
final class WeaverGate implements ClassFileTransformer {

    /**
     * Every class the probes weave, the same list their matchers are made of. A class not named here neither waits nor
     * passes through Byte Buddy.
     */
    static final List<WovenClass> WOVEN = List.of(WovenClass.values());
    private static final String OWN = "dev/sluice/agent/";
    private static final long WAIT_SECONDS = 60;

    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile List<ClassFileTransformer> woven = List.of();
    private volatile boolean warned;

    /** The woven transformers are built: classes pass through them from now on. */
    void ready(List<ClassFileTransformer> transformers) {
        woven = List.copyOf(transformers);
        ready.countDown();
    }

    /** Opens the gate whatever became of the weaving (after {@link #ready} this changes nothing). */
    void release() {
        ready.countDown();
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) throws IllegalClassFormatException {
        // only a class the probes may weave reaches Byte Buddy, also once it is ready: every other class of the job
        // (thousands of the SDK's) would otherwise be parsed by each woven transformer as it loads
        if (name == null || name.startsWith(OWN) || !mayWeave(name)) {
            return null;
        }
        if (ready.getCount() > 0) {
            try {
                if (!ready.await(WAIT_SECONDS, TimeUnit.SECONDS) && !warned) {
                    warned = true;
                    ready.countDown(); // a stalled weaver must not hold every later class another WAIT_SECONDS
                    Probes.note("the weaving was not ready " + WAIT_SECONDS + " s after the start: " + name
                            + " and the library classes loaded before the weaving is ready are not seen, so what"
                            + " they do is missing from this trace");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        byte[] current = bytes;
        boolean changed = false;
        for (ClassFileTransformer t : woven) {
            byte[] next = t.transform(module, loader, name, redefined, domain, current);
            if (next != null) {
                current = next;
                changed = true;
            }
        }
        return changed ? current : null;
    }

    static boolean mayWeave(String internalName) {
        for (WovenClass woven : WOVEN) {
            if (woven.matchesInternal(internalName)) {
                return true;
            }
        }
        return false;
    }
}

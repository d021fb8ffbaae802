package dev.sluice.dist;

import java.util.concurrent.CountDownLatch;

/** A job for the app image's {@code sluice attach}: says it is up (then the Attach API can reach it) and waits. */
public final class AttachTarget {

    static final String READY = "attach-target ready";

    private AttachTarget() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(READY);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}

package dev.sluice.agent;

import java.util.concurrent.CountDownLatch;

/** A user app that runs until it is killed (a hung job). */
public final class WaitingApp {

    private WaitingApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        new CountDownLatch(1).await();
    }
}

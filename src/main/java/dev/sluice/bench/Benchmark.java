package dev.sluice.bench;

/** A benchmark behind {@code sluice bench NAME}: measures a figure beside its baseline, same run. */
public interface Benchmark {

    String name();

    String description();

    /** @param quick a small run for smoke tests; figures are then only indicative */
    BenchReport run(boolean quick) throws Exception;
}

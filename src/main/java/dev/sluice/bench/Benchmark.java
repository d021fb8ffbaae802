package dev.sluice.bench;

/** A benchmark behind {@code sluice bench NAME}: measures a figure beside its baseline, same run. */
public interface Benchmark {

    String name();

    String description();

    /** Whether {@code --events N} sizes this benchmark's trace; the others refuse it rather than ignore it. */
    default boolean sizedByEvents() {
        return false;
    }

    /** Runs the benchmark; {@code quick} is a small run for smoke tests, whose figures are only indicative. */
    BenchReport run(boolean quick) throws Exception;
}

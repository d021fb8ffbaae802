package dev.sluice.detect;

/** Where detectors report. Reporting a finding whose id was reported before replaces it. */
@FunctionalInterface
public interface FindingSink {
    void report(Finding finding);
}

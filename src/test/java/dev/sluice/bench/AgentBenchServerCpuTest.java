package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentBenchServerCpuTest {

    private static final List<AgentBenchServerCpu.Sample> SAMPLES = List.of(
            new AgentBenchServerCpu.Sample(1000, 0), new AgentBenchServerCpu.Sample(1020, 10_000_000),
            new AgentBenchServerCpu.Sample(1040, 30_000_000), new AgentBenchServerCpu.Sample(1060, 30_000_000));

    @Test
    void aWindowsCpuIsInterpolatedBetweenTheSamplesAroundIt() {
        assertEquals(30_000_000, AgentBenchServerCpu.between(SAMPLES, 1000, 1060));
        assertEquals(15_000_000, AgentBenchServerCpu.between(SAMPLES, 1010, 1030)); // 5 ms of the first, 10 of the second
        assertEquals(0, AgentBenchServerCpu.between(SAMPLES, 1045, 1060));
    }

    @Test
    void aWindowTheSamplesDoNotCoverIsUnknownNotZero() {
        assertEquals(-1, AgentBenchServerCpu.between(SAMPLES, 990, 1030));
        assertEquals(-1, AgentBenchServerCpu.between(SAMPLES, 1030, 1070));
        assertEquals(-1, AgentBenchServerCpu.between(List.of(), 1000, 1010));
        assertEquals(-1, AgentBenchServerCpu.between(SAMPLES, 1040, 1030));
    }
}

package io.hailctl.deploy.status;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClustersTest {
    @Test
    void anInstanceGroupWhoseMarketEmrDidNotGiveHasAnEmptyMarketNotNull() {
        // ListInstanceGroups may omit Market; `status` once crashed on that (found by the benchmarks).
        Clusters.InstanceGroup g = new Clusters.InstanceGroup("Core", "CORE", "r5.xlarge", null, 2, 2);
        assertEquals("", g.market());
        assertEquals(false, "SPOT".equals(g.market()));
    }
}

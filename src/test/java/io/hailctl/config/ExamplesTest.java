package io.hailctl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The example environments in examples/ are documentation people copy: they must stay valid. */
class ExamplesTest {
    private final ConfigLoader loader = new ConfigLoader(new Precedence(Map.of()));

    @Test
    void theLocalExampleIsACompleteEmulatorEnvironment() {
        HailctlConfig config = loader.load(Path.of("examples/local.yaml"), Overrides.none());

        assertEquals("demo", config.environment());
        assertEquals(Optional.of("us-east-1"), config.region());
        assertEquals(new Network("default", "default"), config.network());
        assertEquals(List.of("alice", "bob"), config.userNames());
        assertEquals(new AmiSource.DefaultAmi(), config.ami().source());
        assertEquals(30, config.clusters().get(0).idleTimeoutMinutes());
        assertEquals(1, config.clusters().get(0).coreCount());
        assertEquals(false, config.clusters().get(0).hasTaskNodes());
        assertEquals(Optional.empty(), config.efs());
    }

    @Test
    void theLocalBuildExampleIsAnEmulatorEnvironmentWithABuiltAmiBesideTheDefaultOne() {
        HailctlConfig config = loader.load(Path.of("examples/local-build.yaml"), Overrides.none());
        HailctlConfig local = loader.load(Path.of("examples/local.yaml"), Overrides.none());

        assertEquals(new AmiSpec(new AmiSource.Build(), "0.2.139", "none"), config.ami());
        assertEquals(new Network("default", "default"), config.network());
        assertEquals(Optional.of("us-east-1"), config.region());
        assertEquals(List.of("alice"), config.userNames());
        assertEquals(1, config.clusters().get(0).coreCount());
        // CI deploys both into one emulator, one after the other: nothing of one may be the other's.
        assertNotEquals(local.environment(), config.environment());
        assertEquals(Set.of(), intersection(Set.of(local.buckets().hail(), local.buckets().logs(), local.buckets().jupyter()),
                Set.of(config.buckets().hail(), config.buckets().logs(), config.buckets().jupyter())));
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new java.util.HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    @Test
    void theProductionExampleUsesEfsSpotTaskNodesRulesScalingAndABuiltAmiWithVep() {
        HailctlConfig config = loader.load(Path.of("examples/production.yaml"), Overrides.none());

        assertEquals("prod", config.environment());
        assertEquals(Optional.of(new EfsSpec("fs-0123456789abcdef0")), config.efs());
        assertEquals(Market.SPOT, config.clusters().get(0).taskMarket());
        assertEquals(Scaling.RULES, config.clusters().get(0).scaling());
        assertEquals(true, config.clusters().get(0).hasTaskNodes());
        assertEquals(List.of("hail", "small"), config.clusterNames());
        assertEquals(new AmiSpec(new AmiSource.Build(), "0.2.139", "116"), config.ami());
        assertEquals(List.of(new UserSpec("alice", "ml.t3.large", 50, false),
                new UserSpec("bob", "ml.m5.xlarge", 100, true)), config.users());
        assertEquals(Map.of("team", "genomics", "cost-center", "4711"), config.tags());
    }
}

package io.hailctl.testing;

import io.hailctl.plan.Configs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DemoYamlTest {
    @Test
    void writesTheDemoEnvironmentAsTheTestsUsedToSpellItOut() {
        assertEquals("""
                environment: demo
                network:
                  vpcId: default
                  subnetId: subnet-1
                buckets:
                  hail: demo-hail-bucket
                  logs: demo-log-bucket
                  jupyter: demo-jupyter-bucket
                efs:
                  fileSystemId: fs-1
                users:
                  - name: alice
                  - name: bob
                emr:
                  coreType: m5.xlarge
                  coreCount: 1
                legacySsmParameters: true
                """, DemoYaml.demo().subnet("subnet-1").efs("fs-1").users("alice", "bob")
                .with("legacySsmParameters: true\n").yaml());
    }

    @Test
    void whatItWritesIsAValidConfiguration() {
        assertEquals("demo", Configs.parse(DemoYaml.demo().users("alice").yaml()).environment());
    }
}

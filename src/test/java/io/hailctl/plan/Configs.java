package io.hailctl.plan;

import io.hailctl.config.ConfigLoader;
import io.hailctl.config.HailctlConfig;
import io.hailctl.config.Overrides;
import io.hailctl.config.Precedence;

import java.util.Map;

/** Valid configurations for tests, written as a user would write hailctl.yaml. */
public final class Configs {
    private Configs() {
    }

    public static final NetworkFacts NETWORK = new NetworkFacts("vpc-0123456789abcdef0", "subnet-0123456789abcdef0", "us-east-1a");

    public static HailctlConfig parse(String yaml) {
        return new ConfigLoader(new Precedence(Map.of())).parse(yaml, "hailctl.yaml", Overrides.none());
    }

    public static HailctlConfig twoUsers(String extra) {
        return parse("""
                environment: demo
                region: us-east-1
                network:
                  vpcId: vpc-0123456789abcdef0
                  subnetId: subnet-0123456789abcdef0
                buckets:
                  hail: demo-hail-bucket
                  logs: demo-log-bucket
                  jupyter: demo-jupyter-bucket
                users:
                  - name: alice
                  - name: bob
                    instanceType: ml.t3.large
                """ + extra);
    }
}

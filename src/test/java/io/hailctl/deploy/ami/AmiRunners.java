package io.hailctl.deploy.ami;

import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.deploy.preflight.Ec2Facts;

import java.util.List;
import java.util.Optional;

/** AMI runners for tests of other parts (status, engine) that only need the default or explicit sources. */
public final class AmiRunners {
    private AmiRunners() {
    }

    /** Catalogue empty, no builds, no built AMIs: `public` and `build` resolve to refusals. */
    public static AmiRunner withoutBuilds(Ec2Facts ec2) {
        FakeClock clock = new FakeClock();
        return new AmiRunner(ec2, () -> new PublicAmis(List.of()), new BuiltAmis(new FakeBuilds(clock), new FakeImages(),
                name -> Optional.empty(), new FakeLogs(clock), BuildPolicy.DEPLOY), "us-east-1");
    }
}

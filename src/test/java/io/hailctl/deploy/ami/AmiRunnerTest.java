package io.hailctl.deploy.ami;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.bundle.Bundle;
import io.hailctl.config.AmiSource;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepFailedException;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.fakes.Contexts;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.deploy.preflight.BucketProbe;
import io.hailctl.deploy.preflight.Ec2Facts;
import io.hailctl.deploy.preflight.Preflight;
import io.hailctl.deploy.fakes.FakeStacks;
import io.hailctl.plan.AmiStep;
import io.hailctl.plan.Configs;
import io.hailctl.plan.StepId;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The AMI sources other than build: default, explicit, public (and its refusal before any write). */
class AmiRunnerTest {
    private static final Supplier<PublicAmis> CATALOGUE = () -> PublicAmis.parse(new Bundle().text("catalog/public-amis.csv"));

    private final FakeClock clock = new FakeClock();
    private final StepContext ctx = Contexts.on(clock, new Contexts.Recording(), Confirmer.NO);
    private final Ec2Facts ec2 = new Ec2Facts() {
        @Override
        public Optional<String> defaultVpc() {
            return Optional.of(Configs.NETWORK.vpcId());
        }

        @Override
        public Optional<Subnet> subnet(String subnetId) {
            return Optional.of(new Subnet(subnetId, Configs.NETWORK.vpcId(), "us-east-1a", false));
        }

        @Override
        public List<Subnet> subnets(String vpcId) {
            return List.of();
        }

        @Override
        public Set<String> offeredInstanceTypes(String availabilityZone, Collection<String> types) {
            return Set.copyOf(types);
        }

        @Override
        public Optional<Image> image(String amiId) {
            return amiId.equals("ami-0123456789abcdef0") || amiId.equals("ami-081a850d47216fdf9")
                    ? Optional.of(new Image(amiId, "mine", "available", "x86_64")) : Optional.empty();
        }
    };
    private final AmiRunner runner = new AmiRunner(ec2, CATALOGUE, new BuiltAmis(new FakeBuilds(clock), new FakeImages(),
            n -> Optional.empty(), new FakeLogs(clock), BuildPolicy.DEPLOY), "us-east-1");

    private static AmiStep step(AmiSource source, String hail, String vep, String release) {
        return new AmiStep(StepId.of("ami"), source, hail, vep, release, "us-east-1", Map.of());
    }

    @Test
    void theDefaultAmiIsNoCustomAmi() throws Exception {
        StepOutcome out = runner.apply(step(new AmiSource.DefaultAmi(), "0.2.139", "none", "emr-7.12.0"),
                Inputs.resolved(Map.of()), ctx);
        assertEquals(Map.of("AmiId", ""), out.outputs());
        assertEquals(List.of("default EMR AMI for emr-7.12.0, Hail 0.2.139 installed at boot"), out.details());
    }

    @Test
    void anExplicitAmiMustExist() throws Exception {
        assertEquals("ami-0123456789abcdef0", runner.read(step(new AmiSource.Explicit("ami-0123456789abcdef0"), "0.2.139",
                "none", "emr-7.12.0"), Inputs.resolved(Map.of()), ctx).outputs().get("AmiId"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> runner.apply(step(
                new AmiSource.Explicit("ami-0fffffffffffffff0"), "0.2.139", "none", "emr-7.12.0"), Inputs.resolved(Map.of()), ctx));
        assertEquals("ami.source = ami-0fffffffffffffff0: no such AMI in us-east-1", e.getMessage());
    }

    @Test
    void aPublicAmiComesFromTheCatalogueWhenItFitsTheRelease() throws Exception {
        StepOutcome out = runner.apply(step(new AmiSource.PublicCatalogue(), "0.2.32", "none", "emr-5.29.0"),
                Inputs.resolved(Map.of()), ctx);
        assertEquals(Change.UNCHANGED, out.change());
        assertEquals(Map.of("AmiId", "ami-081a850d47216fdf9"), out.outputs());
        assertEquals(List.of("Hail 0.2.32 without VEP on emr-5.29.0 (ami-081a850d47216fdf9) from the public catalogue"),
                out.details());
    }

    @Test
    void aPublicAmiThatWasDeregisteredIsRefused() {
        StepFailedException e = assertThrows(StepFailedException.class, () -> runner.apply(step(
                new AmiSource.PublicCatalogue(), "0.2.32", "99", "emr-5.29.0"), Inputs.resolved(Map.of()), ctx));
        assertEquals("ami.source = public: the catalogue's ami-070a61a0df447c1f9 no longer exists in us-east-1", e.getMessage());
    }

    @Test
    void preflightRefusesPublicWithTheCatalogueListingBeforeAnyStackIsWritten() {
        FakeStacks stacks = new FakeStacks(clock);
        Preflight preflight = new Preflight(ec2, bucket -> BucketProbe.Ownership.FREE, stacks, "us-east-2", CATALOGUE);
        HailctlException e = assertThrows(HailctlException.class,
                () -> preflight.check(Configs.twoUsers("ami:\n  source: public\n")));
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("ami.source = public: the public AMI catalogue has no AMI for Hail 0.2.139 without VEP in us-east-2; "
                + "in us-east-2 it has only legacy EMR 5.x AMIs: Hail 0.2.32 + VEP 99 on emr-5.29.0 (ami-0dbbc39e5b74d69fe), "
                + "Hail 0.2.31 + VEP 99 on emr-5.29.0 (ami-0ddba7b9f36e79d47), Hail 0.2.29 + VEP 98 on emr-5.28.0 "
                + "(ami-082b3c5dadecc4a87), Hail 0.2.32 without VEP on emr-5.29.0 (ami-06e96d4a7a55397df), Hail 0.2.31 "
                + "without VEP on emr-5.29.0 (ami-0daa264e629449221), Hail 0.2.29 without VEP on emr-5.28.0 "
                + "(ami-064ce48aad3e10749)", e.getMessage());
        assertEquals(List.of(), stacks.writes());
    }
}

package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.testing.CallCounter;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import io.hailctl.testing.WireProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two hailctl runs changing one environment at once, against a real moto server: the second is
 * refused (exit 3, one line naming the first) before any write of its own beyond the lock attempt,
 * the first finishes and gives the lock back, and the next run goes ahead. The first run is held
 * by a {@link WireProxy} that keeps one answer back (mid-deploy, or at its release where the wire then
 * carries only the second run's calls).
 */
@ExtendWith(MotoExtension.class)
class ConcurrentRunIT {
    private static final String LOCK = "/hailctl/conc/lock";
    private static final String CONFIG = """
            environment: conc
            network:
              vpcId: default
              subnetId: default
            buckets:
              hail: conc-hail
              logs: conc-logs
              jupyter: conc-jupyter
            users:
              - name: alice
            """;
    private static final Pattern REFUSAL = Pattern.compile("hailctl: environment conc is being changed by alice@laptop "
            + "\\(pid \\d+, hailctl deploy all\\) since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC; wait for it, or if that "
            + "run is gone: hailctl unlock");

    @TempDir
    Path dir;
    private Moto moto;
    private AwsClients aws;
    private WireProxy proxy;

    @BeforeEach
    void setUp(Moto moto) throws Exception {
        this.moto = moto;
        aws = moto.clients();
        proxy = new WireProxy(moto.endpoint());
        Files.writeString(dir.resolve("hailctl.yaml"), CONFIG);
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        aws.close();
    }

    private CliRun hailctl(String user, String host) {
        return new CliRun().against(proxy.endpoint()).workingDir(dir).env("USER", user).env("HOSTNAME", host);
    }

    @Test
    void aSecondRunIsRefusedWhileTheFirstDeploysAndTheNextRunAfterItGoesAhead() throws Exception {
        // Held as it gives the lock back, before its delete of the lock reaches moto: every other write of the
        // first run is done and it still holds the lock, so every call on the wire meanwhile is the second run's.
        WireProxy.Hold held = proxy.holdBeforeMoto(c -> c.name().equals("ssm.DeleteParameter") && c.body().contains(LOCK));
        CompletableFuture<CliRun.Result> first = CompletableFuture.supplyAsync(
                () -> hailctl("alice", "laptop").run("-y", "deploy", "all"));
        assertTrue(held.reached(Duration.ofSeconds(90)), "the first run deployed and reached its release");
        assertTrue(aws.ssm().getParameter(b -> b.name(LOCK)).parameter().value().contains("owner=alice@laptop"),
                "the first run holds the lock");

        // The second run has a real write ahead of it (carol's notebook, in a config of its own): a run with
        // nothing to change takes no lock and is not refused (docs/reliability.md). Before the seed manifest,
        // the same config served: its seed re-uploaded four files on every run through this proxy.
        Path bobs = Files.createDirectories(dir.resolve("bob"));
        Files.writeString(bobs.resolve("hailctl.yaml"), CONFIG + "  - name: carol\n");
        int before = proxy.calls().size();
        CliRun.Result second = hailctl("bob", "desktop").workingDir(bobs).run("-y", "deploy", "all");
        List<WireProxy.Call> during = proxy.calls().subList(before, proxy.calls().size());
        held.release();
        CliRun.Result done = first.get(120, TimeUnit.SECONDS);

        assertEquals(3, second.exitCode(), second.toString());
        assertTrue(REFUSAL.matcher(second.err().lines().findFirst().orElse("")).matches(), second.toString());
        assertFalse(during.isEmpty(), "the second run did read");
        assertEquals(List.of("ssm.PutParameter"), during.stream().filter(WireProxy.Call::isWrite).map(WireProxy.Call::name)
                .toList(), "the refused run's only write is its failed attempt at the lock");
        assertEquals(0, done.exitCode(), done.toString());
        assertThrows(ParameterNotFoundException.class, () -> aws.ssm().getParameter(b -> b.name(LOCK)),
                "the first run gave the lock back");

        // Counted in-process, straight to moto: a run with nothing to change makes no write at all.
        CallCounter calls = new CallCounter();
        CliRun.Result unchanged = new CliRun().against(moto).workingDir(dir).awsCalls(calls).run("-y", "deploy", "all");
        assertEquals(0, unchanged.exitCode(), unchanged.toString());
        assertEquals(List.of(), calls.writes(), "a run with nothing to change does not even take the lock");
        proxy.clear();

        Files.writeString(dir.resolve("hailctl.yaml"), CONFIG + "  - name: carol\n");
        CliRun.Result third = hailctl("bob", "desktop").run("-y", "deploy", "all");
        assertEquals(0, third.exitCode(), third.toString());
        assertTrue(proxy.writes().stream().anyMatch(c -> c.name().equals("ssm.PutParameter")), "it took the lock");
        assertThrows(ParameterNotFoundException.class, () -> aws.ssm().getParameter(b -> b.name(LOCK)),
                "and gave it back");
    }

    @Test
    void aRunStartedWhileAnotherWaitsOnAStackIsRefusedAndThatOneCompletes() throws Exception {
        WireProxy.Hold held = proxy.hold(WireProxy.op("cloudformation.CreateStack", "conc-network"));
        CompletableFuture<CliRun.Result> first = CompletableFuture.supplyAsync(
                () -> hailctl("alice", "laptop").run("-y", "deploy", "all"));
        assertTrue(held.reached(Duration.ofSeconds(60)), "the first run reached the network stack's create");

        CliRun.Result second = hailctl("bob", "desktop").run("-y", "add-user", "carol");
        held.release();
        CliRun.Result done = first.get(120, TimeUnit.SECONDS);

        assertEquals(3, second.exitCode(), second.toString());
        assertEquals(1, second.err().lines().count(), second.toString());
        assertTrue(second.err().startsWith("hailctl: environment conc is being changed by alice@laptop (pid "),
                second.toString());
        assertFalse(Files.readString(dir.resolve("hailctl.yaml")).contains("carol"), "a refused add-user edits nothing");
        assertEquals(0, done.exitCode(), done.toString());
        assertTrue(aws.cloudFormation().describeStacks().stacks().stream()
                .noneMatch(st -> st.stackName().equals("conc-jupyter-carol")), "carol's notebook was not created");
    }

    @Test
    void aFailedRunGivesTheLockBack() throws Exception {
        proxy.answer(WireProxy.op("cloudformation.CreateStack", "conc-network"), 400,
                "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>"
                        + "<Message>injected failure</Message></Error></ErrorResponse>");

        CliRun.Result failed = hailctl("alice", "laptop").run("-y", "deploy", "all");

        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(proxy.writes().stream().anyMatch(c -> c.name().equals("ssm.PutParameter")), "it took the lock");
        assertThrows(ParameterNotFoundException.class, () -> aws.ssm().getParameter(b -> b.name(LOCK)),
                "and gave it back after failing");
    }

    @Test
    void unlockRemovesALockLeftByAGoneRunAfterAskingAndThenADeployGoesAhead() throws Exception {
        aws.ssm().putParameter(b -> b.name(LOCK).type("String").value(
                "owner=alice@laptop\npid=4242\ncommand=hailctl deploy all\nsince=" + java.time.Instant.now()));

        CliRun.Result refused = hailctl("bob", "desktop").run("-y", "deploy", "all");
        CliRun.Result notConfirmed = hailctl("bob", "desktop").run("unlock");
        CliRun.Result unlocked = hailctl("bob", "desktop").run("-y", "unlock");
        CliRun.Result nothingLeft = hailctl("bob", "desktop").run("-y", "unlock");
        CliRun.Result deployed = hailctl("bob", "desktop").run("-y", "deploy", "all");

        assertEquals(3, refused.exitCode(), refused.toString());
        assertTrue(refused.err().startsWith("hailctl: environment conc is being changed by alice@laptop (pid 4242, "
                + "hailctl deploy all) since "), refused.toString());
        assertEquals(3, notConfirmed.exitCode(), notConfirmed.toString());
        assertTrue(notConfirmed.err().startsWith("hailctl: unlock of environment conc not confirmed; lock kept"),
                notConfirmed.toString());
        assertEquals(0, unlocked.exitCode(), unlocked.toString());
        assertTrue(unlocked.out().startsWith("Removed the lock on environment conc held by alice@laptop (pid 4242, "
                + "hailctl deploy all) since "), unlocked.toString());
        assertEquals("Environment conc is not locked.\n", nothingLeft.out());
        assertEquals(0, deployed.exitCode(), deployed.toString());
        assertFalse(deployed.err().contains("stale"), deployed.toString());
    }
}

package io.hailctl.deploy.efs;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.efs.FileSystems.AccessPoint;
import io.hailctl.deploy.efs.FileSystems.CreationInfo;
import io.hailctl.deploy.efs.FileSystems.PosixUser;
import io.hailctl.plan.AccessPointStep;
import io.hailctl.plan.StepId;
import io.hailctl.deploy.fakes.Contexts;
import io.hailctl.deploy.fakes.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessPointRunnerTest {
    private static final String FS = "fs-0123456789abcdef0";
    private static final Map<String, String> TAGS = Map.of("Name", "alice", "hailctl:environment", "demo",
            "hailctl:user", "alice");

    private final FakeFileSystems efs = new FakeFileSystems();
    private final FakeClock clock = new FakeClock();
    private final Contexts.Recording progress = new Contexts.Recording();
    private final StepContext ctx = Contexts.on(clock, progress, Confirmer.NO);
    private final AccessPointRunner runner = new AccessPointRunner(efs, "eu-west-1", () -> "token");
    private final AccessPointStep step = new AccessPointStep(StepId.of("efs-alice"), FS, "alice", TAGS, Map.of());

    AccessPointRunnerTest() {
        efs.addFileSystem(FS);
    }

    @Test
    void createsTheAccessPointExactlyAsDocumented() throws Exception {
        StepOutcome out = runner.apply(step, Inputs.resolved(Map.of()), ctx);

        assertEquals(Change.CREATED, out.change());
        AccessPoint ap = efs.all().get(0);
        assertEquals(out.outputs().get("AccessPointId"), ap.id());
        assertEquals(out.outputs().get("AccessPointArn"), ap.arn());
        assertEquals(Optional.of(new PosixUser(500, 501, List.of())), ap.posixUser());
        assertEquals("/sagemaker/alice", ap.rootPath());
        assertEquals(Optional.of(new CreationInfo(500, 501, "750")), ap.creationInfo());
        assertEquals(TAGS, ap.tags());
    }

    @Test
    void aSecondRunFindsItAndWritesNothing() throws Exception {
        String first = runner.apply(step, Inputs.resolved(Map.of()), ctx).outputs().get("AccessPointId");
        List<String> writesAfterFirst = efs.writes();

        StepOutcome again = runner.apply(step, Inputs.resolved(Map.of()), ctx);

        assertEquals(Change.UNCHANGED, again.change());
        assertEquals(first, again.outputs().get("AccessPointId"));
        assertEquals(writesAfterFirst, efs.writes());
        assertEquals(1, efs.all().size());
    }

    @Test
    void anAccessPointMadeByHandTheOriginalWayIsAdopted() throws Exception {
        AccessPoint byHand = efs.seed(FS, Optional.of(new PosixUser(500, 501, List.of())), "/sagemaker/alice",
                Optional.of(new CreationInfo(500, 501, "0750")), Map.of("Name", "alice"));

        StepOutcome out = runner.apply(step, Inputs.resolved(Map.of()), ctx);

        assertEquals(Change.UNCHANGED, out.change());
        assertEquals(byHand.id(), out.outputs().get("AccessPointId"));
        assertEquals(List.of(), efs.writes());
    }

    @Test
    void theRightPathWithOtherPosixSettingsIsRefusedNotDuplicated() {
        AccessPoint wrong = efs.seed(FS, Optional.of(new PosixUser(1000, 1000, List.of())), "/sagemaker/alice",
                Optional.of(new CreationInfo(0, 0, "755")), Map.of("Name", "alice"));

        HailctlException e = assertThrows(HailctlException.class,
                () -> runner.apply(step, Inputs.resolved(Map.of()), ctx));

        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("access point " + wrong.id() + " (/sagemaker/alice on " + FS + ") has POSIX user 1000:1000, "
                + "root directory created 0:0 mode 755; hailctl needs POSIX user 500:501, root directory created "
                + "500:501 mode 750", e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("aws efs delete-access-point --access-point-id " + wrong.id()));
        assertEquals(1, efs.all().size());
        assertEquals(List.of(), efs.writes());
    }

    @Test
    void anAccessPointWithoutPosixUserIsRefusedToo() {
        efs.seed(FS, Optional.empty(), "/sagemaker/alice/", Optional.empty(), Map.of("Name", "alice"));

        HailctlException e = assertThrows(HailctlException.class,
                () -> runner.apply(step, Inputs.resolved(Map.of()), ctx));

        assertTrue(e.getMessage().contains("has no POSIX user (clients keep their own identity), "
                + "no creation settings for its root directory"), e.getMessage());
        assertEquals(List.of(), efs.writes());
    }

    @Test
    void anUntaggedAccessPointOnTheUsersDirectoryIsRefusedWithHowToAdoptIt() {
        AccessPoint other = efs.seed(FS, Optional.of(new PosixUser(500, 501, List.of())), "/sagemaker/alice",
                Optional.of(new CreationInfo(500, 501, "750")), Map.of("Name", "someone-else"));

        HailctlException e = assertThrows(HailctlException.class,
                () -> runner.apply(step, Inputs.resolved(Map.of()), ctx));

        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("access point " + other.id() + " already serves /sagemaker/alice on " + FS
                + " but is not tagged Name=alice; hailctl does not create a second one for the same directory",
                e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("--tags Key=Name,Value=alice"), e.hint().orElseThrow());
        assertEquals(List.of(), efs.writes());
    }

    @Test
    void otherUsersAccessPointsDoNotCount() throws Exception {
        efs.seed(FS, Optional.of(new PosixUser(500, 501, List.of())), "/sagemaker/bob",
                Optional.of(new CreationInfo(500, 501, "750")), Map.of("Name", "bob"));

        assertEquals(Change.CREATED, runner.apply(step, Inputs.resolved(Map.of()), ctx).change());
        assertEquals(2, efs.all().size());
    }

    @Test
    void aMissingFileSystemIsRefusedNamingTheSettingAndTheRegion() {
        AccessPointStep elsewhere = new AccessPointStep(StepId.of("efs-alice"), "fs-00000000", "alice", TAGS, Map.of());

        HailctlException e = assertThrows(HailctlException.class,
                () -> runner.apply(elsewhere, Inputs.resolved(Map.of()), ctx));

        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("efs.fileSystemId = fs-00000000: no such EFS file system in eu-west-1", e.getMessage());
        assertEquals(List.of(), efs.writes());
    }

    @Test
    void waitsForANewAccessPointToBecomeAvailableOnTheClock() throws Exception {
        efs.describesUntilAvailable(2);
        java.time.Instant start = clock.instant();

        StepOutcome out = runner.apply(step, Inputs.resolved(Map.of()), ctx);

        assertEquals(Change.CREATED, out.change());
        assertEquals("available", efs.all().get(0).state());
        // Created "creating", two describes still "creating", the third "available": 1 s + 2 s + 4 s, on the fake clock.
        Duration waited = Duration.between(start, clock.instant());
        assertTrue(waited.compareTo(Duration.ofSeconds(7)) >= 0 && waited.compareTo(Duration.ofSeconds(10)) < 0,
                waited.toString());
    }

    @Test
    void previewSaysWhatWouldBeCreatedAndWritesNothing() throws Exception {
        StepOutcome out = runner.preview(step, Inputs.resolved(Map.of()), ctx);

        assertEquals(Change.WOULD_CREATE, out.change());
        assertTrue(out.details().get(0).startsWith("new access point on " + FS + ": POSIX user 500:501, root "
                + "directory created 500:501 mode 750, root /sagemaker/alice"), out.details().toString());
        assertEquals(List.of(), efs.writes());
    }

    @Test
    void removeDeletesOnlyTheUsersTaggedAccessPoints() throws Exception {
        String alice = runner.apply(step, Inputs.resolved(Map.of()), ctx).outputs().get("AccessPointId");
        AccessPoint stranger = efs.seed(FS, Optional.of(new PosixUser(500, 501, List.of())), "/sagemaker/alice",
                Optional.empty(), Map.of());
        AccessPoint bob = efs.seed(FS, Optional.of(new PosixUser(500, 501, List.of())), "/sagemaker/bob",
                Optional.empty(), Map.of("Name", "bob"));

        StepOutcome out = runner.remove(step, ctx);

        assertEquals(Change.DELETED, out.change());
        assertEquals(alice, out.outputs().get("AccessPointId"));
        assertEquals(List.of(stranger.id(), bob.id()), efs.all().stream().map(AccessPoint::id).toList());
        assertTrue(out.details().get(0).contains(stranger.id() + " also serves /sagemaker/alice"), out.details().toString());
        assertEquals(Change.UNCHANGED, runner.remove(step, ctx).change());
    }
}

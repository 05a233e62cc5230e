package io.hailctl.cli;

import io.hailctl.testing.CliRun;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(MotoExtension.class)
class RemoveUserIT {
    private static final String BUCKET = UsersFixture.JUPYTER_BUCKET;

    @Test
    void withoutConfirmationNothingIsRemoved(Moto moto, @TempDir Path dir) throws Exception {
        try (UsersFixture env = withCarol(moto, dir)) {
            env.calls.clear();

            CliRun.Result noTerminal = env.cli().run("remove-user", "carol");
            CliRun.Result saidNo = env.cli().interactive(true).stdin("n\n").run("remove-user", "carol");

            assertEquals(3, noTerminal.exitCode(), noTerminal.toString());
            assertEquals("hailctl: remove-user deletes notebooks and access points and needs a confirmation; nothing "
                    + "was removed\n  Re-run with --yes to confirm (or run it at a terminal to be asked).\n", noTerminal.err());
            assertEquals(3, saidNo.exitCode(), saidNo.toString());
            assertTrue(saidNo.err().contains("Delete what is listed above? [y/N] hailctl: not confirmed: nothing was removed"),
                    saidNo.err());
            assertEquals(List.of(), env.calls.writes());
            assertTrue(env.stack("itest-jupyter-carol").isPresent());
            assertEquals(1, env.accessPoints().size());
            assertTrue(env.config().contains("- name: carol"));
        }
    }

    @Test
    void removesTheNotebookStackAndAccessPointAndKeepsTheS3Prefix(Moto moto, @TempDir Path dir) throws Exception {
        try (UsersFixture env = withCarol(moto, dir)) {
            S3Client s3 = env.aws.s3();
            s3.putObject(b -> b.bucket(BUCKET).key("carol/analysis.ipynb"), RequestBody.fromString("{}"));
            String accessPoint = env.accessPoints().get(0).accessPointId();

            CliRun.Result r = env.cli().interactive(true).stdin("y\n").run("remove-user", "carol");

            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().startsWith("remove-user in environment itest:\n  carol: delete notebook stack "
                    + "itest-jupyter-carol (CREATE_COMPLETE), EFS access point " + accessPoint + "; keep s3://" + BUCKET
                    + "/carol/, EFS files in /sagemaker/carol on " + env.fileSystemId.orElseThrow() + "\n"), r.out());
            assertTrue(env.stack("itest-jupyter-carol").isEmpty(), "the notebook stack is gone");
            assertEquals(List.of(), env.accessPoints());
            assertEquals(List.of("carol/analysis.ipynb"), keys(s3, "carol/"));
            assertTrue(r.out().contains("    kept s3://" + BUCKET + "/carol/ (--delete-data deletes it)\n"), r.out());
            assertTrue(r.out().endsWith("hailctl.yaml: removed carol\n"), r.out());
            assertEquals(env.configText, env.config(), "back to the file as it was, comments and all");

            // Again: nothing left to delete, nothing to ask, nothing written.
            env.calls.clear();
            CliRun.Result again = env.cli().run("remove-user", "carol");
            assertEquals(0, again.exitCode(), again.toString());
            assertEquals(List.of(), env.calls.writes());
        }
    }

    @Test
    void deleteDataRemovesEveryVersionUnderThePrefixAndNothingElse(Moto moto, @TempDir Path dir) throws Exception {
        try (UsersFixture env = withCarol(moto, dir)) {
            S3Client s3 = env.aws.s3();
            s3.putBucketVersioning(b -> b.bucket(BUCKET).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            s3.putObject(b -> b.bucket(BUCKET).key("carol/a.ipynb"), RequestBody.fromString("1"));
            s3.putObject(b -> b.bucket(BUCKET).key("carol/a.ipynb"), RequestBody.fromString("2"));
            s3.putObject(b -> b.bucket(BUCKET).key("carol/old.ipynb"), RequestBody.fromString("x"));
            s3.deleteObject(b -> b.bucket(BUCKET).key("carol/old.ipynb"));
            s3.putObject(b -> b.bucket(BUCKET).key("carol2/not-carols.ipynb"), RequestBody.fromString("y"));
            s3.putObject(b -> b.bucket(BUCKET).key("scripts/list-clusters"), RequestBody.fromString("z"));
            assertEquals(4, versionsAndMarkers(s3, "carol/"), "two versions, one deleted object with its marker");

            CliRun.Result r = env.cli().run("--yes", "remove-user", "carol", "--delete-data");

            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(0, versionsAndMarkers(s3, "carol/"));
            assertEquals(List.of("carol2/not-carols.ipynb", "scripts/list-clusters"), keys(s3, ""));
            assertTrue(r.out().contains("4 object versions deleted from s3://" + BUCKET + "/carol/"), r.out());
            assertTrue(r.out().contains("kept EFS files in /sagemaker/carol on " + env.fileSystemId.orElseThrow()
                    + ": EFS has no API to delete files;"), r.out());
            assertTrue(env.stack("itest-jupyter-carol").isEmpty());
            assertEquals(List.of(), env.accessPoints());
        }
    }

    @Test
    void noSaveKeepsTheUserListed(Moto moto, @TempDir Path dir) throws Exception {
        try (UsersFixture env = withCarol(moto, dir)) {
            String before = env.config();

            CliRun.Result r = env.cli().run("--yes", "remove-user", "carol", "--no-save");

            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(env.stack("itest-jupyter-carol").isEmpty());
            assertEquals(before, env.config());
        }
    }

    private static UsersFixture withCarol(Moto moto, Path dir) throws Exception {
        UsersFixture env = UsersFixture.deployed(moto, dir, true);
        CliRun.Result added = env.direct().run("-q", "add-user", "carol");
        assertEquals(0, added.exitCode(), added.toString());
        return env;
    }

    private static List<String> keys(S3Client s3, String prefix) {
        List<String> out = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().forEach(o -> out.add(o.key()));
        return out;
    }

    private static int versionsAndMarkers(S3Client s3, String prefix) {
        ListObjectVersionsResponse r = s3.listObjectVersions(b -> b.bucket(BUCKET).prefix(prefix));
        return r.versions().size() + r.deleteMarkers().size();
    }

    @Test
    void destroyAlsoDeletesTheEnvironmentsAccessPointsButKeepsTheFileSystemPolicy(Moto moto, @TempDir Path dir) throws Exception {
        try (UsersFixture env = UsersFixture.deployed(moto, dir, true)) {
            assertEquals(0, env.direct().run("-q", "add-user", "carol", "dave").exitCode());
            assertEquals(2, env.accessPoints().size());
            String fs = env.fileSystemId.orElseThrow();
            // Someone else's access point on the same file system stays.
            String foreign = env.aws.efs().createAccessPoint(b -> b.fileSystemId(fs).clientToken("other")
                    .rootDirectory(r -> r.path("/other"))).accessPointId();

            CliRun.Result r = env.cli().run("destroy", "--yes");

            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(java.util.List.of(foreign), env.accessPoints().stream()
                    .map(software.amazon.awssdk.services.efs.model.AccessPointDescription::accessPointId).toList());
            assertTrue(env.aws.efs().describeFileSystemPolicy(b -> b.fileSystemId(fs)).policy().contains("Hailctl"),
                    "the policy stays: removing it would re-open anonymous NFS mounts");
            assertTrue(env.stack("itest-jupyter-carol").isEmpty());
        }
    }
}

package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.aws.AwsClients;
import io.hailctl.aws.S3BucketObjects;
import io.hailctl.deploy.CallBudget;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Sleeper;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.seed.Checksums;
import io.hailctl.deploy.seed.FolderSource;
import io.hailctl.deploy.seed.SeedReport;
import io.hailctl.deploy.seed.SeedSync;
import io.hailctl.progress.ProgressSink;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `seed` against moto. Moto 5.2.5 facts this relies on (checked by hand and by these tests): the SDK
 * sends a CRC32 with every PutObject and moto stores it and returns it from HeadObject in checksum
 * mode; moto does NOT verify a sent checksum against the bytes (S3 does), and stores none for an
 * upload without one (S3 would add CRC64NVME) — the unit tests cover those S3 behaviours with fakes.
 */
@ExtendWith(MotoExtension.class)
class SeedIT {
    private static final String BUCKET = "hailctl-demo-jupyter";

    /** Counts HTTP requests by method that reach the server (retries included). */
    static final class Requests implements ExecutionInterceptor {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            seen.add(context.httpRequest().method() + " " + context.httpRequest().encodedPath());
        }

        long count(SdkHttpMethod method, String pathPart) {
            synchronized (seen) {
                return seen.stream().filter(s -> s.startsWith(method.name() + " ") && s.contains(pathPart)).count();
            }
        }
    }

    private static Path content(Path dir, int notebooks) throws Exception {
        for (int i = 0; i < notebooks; i++) {
            Path p = dir.resolve("common-notebooks/set" + (i % 4) + "/nb" + i + ".ipynb");
            Files.createDirectories(p.getParent());
            Files.writeString(p, "{\"cells\": [], \"n\": " + i + "}\n");
        }
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("scripts/list-clusters"), "#!/bin/bash\naws emr list-clusters --active\n");
        Files.writeString(dir.resolve("scripts/ssm"), "#!/bin/bash\naws ssm start-session --target \"$1\"\n");
        return dir;
    }

    private static StepContext ctx() {
        Clock clock = Clock.systemUTC();
        return new StepContext("seed", ProgressSink.NONE, clock, Sleeper.REAL, new Cancellation(), Confirmer.NO,
                CallBudget.standard(clock, Sleeper.REAL), true);
    }

    private static List<String> keys(S3Client s3) {
        List<String> out = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).forEach(out::add);
        Collections.sort(out);
        return out;
    }

    @Test
    void seedsManyFilesThenUploadsNothingThenOnlyTheChangedOne(Moto moto, @TempDir Path tmp) throws Exception {
        Path dir = content(tmp.resolve("jupyter"), 60);
        Requests requests = new Requests();
        try (AwsClients aws = moto.clients(List.of(requests))) {
            S3Client s3 = aws.s3();
            s3.createBucket(b -> b.bucket(BUCKET));
            SeedSync sync = new SeedSync(new S3BucketObjects(s3), 8);
            FolderSource source = FolderSource.open(dir, "jupyter");

            SeedReport first = sync.run(BUCKET, source, false, true, ctx());
            assertEquals(62, first.diff().uploads().size());
            assertEquals(62 + 1, requests.count(SdkHttpMethod.PUT, "/" + BUCKET + "/"), "every file, then the manifest");
            List<String> expected = new ArrayList<>(new TreeSet<>(source.files().stream().map(f -> f.key()).toList()));
            expected.add(0, ".hailctl/seed-manifest");
            assertEquals(expected, keys(s3));
            byte[] script = Files.readAllBytes(dir.resolve("scripts/ssm"));
            HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("scripts/ssm").checksumMode(ChecksumMode.ENABLED));
            assertEquals(Checksums.compute(Checksums.CRC32, script), head.checksumCRC32(), "S3 holds the file's CRC32");
            assertEquals("0755", head.metadata().get("hailctl-mode"));
            assertEquals("text/x-shellscript", head.contentType());
            assertEquals(new String(script, StandardCharsets.UTF_8),
                    s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("scripts/ssm")).asUtf8String());

            requests.seen.clear();
            SeedReport again = sync.run(BUCKET, source, false, true, ctx());
            assertEquals(0, requests.count(SdkHttpMethod.PUT, "/"), "re-seeding uploads nothing");
            assertEquals(62, again.diff().unchanged().size());
            assertEquals(0, requests.count(SdkHttpMethod.HEAD, "/"), "each same-sized object proven by the manifest");

            // Same size, other bytes: only the stored checksum can tell.
            Files.writeString(dir.resolve("common-notebooks/set1/nb5.ipynb"), "{\"cells\": [], \"n\": 6}\n");
            requests.seen.clear();
            SeedReport third = sync.run(BUCKET, source, false, true, ctx());
            assertEquals(List.of("PUT /" + BUCKET + "/common-notebooks/set1/nb5.ipynb", "PUT /" + BUCKET + "/.hailctl/seed-manifest"),
                    requests.seen.stream().filter(s -> s.startsWith("PUT")).toList(), "the file, then the manifest");
            assertEquals(1, third.diff().uploads().size());
            assertEquals("{\"cells\": [], \"n\": 6}\n", s3.getObjectAsBytes(b -> b.bucket(BUCKET)
                    .key("common-notebooks/set1/nb5.ipynb")).asUtf8String());
        }
    }

    private static long requestsTotal(Requests r) {
        synchronized (r.seen) {
            return r.seen.size();
        }
    }

    private static S3Object listed(S3Client s3, String key) {
        return s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).contents().stream()
                .filter(o -> o.key().equals(key)).findFirst().orElseThrow();
    }

    /** S3 (and moto) list LastModified to the second: a write meant to be told apart must land in a later one. */
    private static void afterTheSecondOf(java.time.Instant lastModified) throws InterruptedException {
        while (java.time.Instant.now().getEpochSecond() <= lastModified.getEpochSecond()) {
            Thread.sleep(20);
        }
    }

    @Test
    void anUnchangedSeedIsThreeReadsAndAnObjectChangedByHandIsStillFound(Moto moto, @TempDir Path tmp) throws Exception {
        Path dir = content(tmp.resolve("jupyter"), 60);
        Requests requests = new Requests();
        try (AwsClients aws = moto.clients(List.of(requests))) {
            S3Client s3 = aws.s3();
            s3.createBucket(b -> b.bucket(BUCKET));
            SeedSync sync = new SeedSync(new S3BucketObjects(s3), 8);
            FolderSource source = FolderSource.open(dir, "jupyter");
            sync.run(BUCKET, source, false, true, ctx());
            assertEquals(63, requests.count(SdkHttpMethod.PUT, "/" + BUCKET + "/"), "62 files, then the manifest");
            assertEquals(1, requests.count(SdkHttpMethod.PUT, "/" + BUCKET + "/.hailctl/seed-manifest"));

            requests.seen.clear();
            SeedReport again = sync.run(BUCKET, source, false, true, ctx());
            assertEquals(62, again.diff().unchanged().size());
            assertEquals(3, requestsTotal(requests), "two listings and the manifest: " + requests.seen);
            assertEquals(1, requests.count(SdkHttpMethod.GET, "/.hailctl/seed-manifest"), requests.seen.toString());

            // By hand, behind hailctl's back: nb5 other bytes of the same size (the SDK sends its CRC32, which
            // moto stores), scripts/ssm copied onto itself without hailctl's mode (same bytes, so the same ETag:
            // only LastModified tells), nb7 deleted.
            s3.putObject(b -> b.bucket(BUCKET).key("common-notebooks/set1/nb5.ipynb"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("{\"cells\": [], \"n\": 9}\n"));
            S3Object ssm = listed(s3, "scripts/ssm");
            afterTheSecondOf(ssm.lastModified());
            s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("scripts/ssm").destinationBucket(BUCKET)
                    .destinationKey("scripts/ssm").metadataDirective("REPLACE").contentType("text/x-shellscript"));
            assertEquals(ssm.eTag(), listed(s3, "scripts/ssm").eTag(), "a copy onto itself keeps the ETag");
            s3.deleteObject(b -> b.bucket(BUCKET).key("common-notebooks/set3/nb7.ipynb"));

            requests.seen.clear();
            SeedReport afterHands = sync.run(BUCKET, source, false, true, ctx());
            assertEquals(List.of(new io.hailctl.deploy.seed.SeedDiff.Upload("common-notebooks/set1/nb5.ipynb",
                            io.hailctl.deploy.seed.SeedDiff.Reason.CONTENT),
                    new io.hailctl.deploy.seed.SeedDiff.Upload("common-notebooks/set3/nb7.ipynb",
                            io.hailctl.deploy.seed.SeedDiff.Reason.NEW),
                    new io.hailctl.deploy.seed.SeedDiff.Upload("scripts/ssm", io.hailctl.deploy.seed.SeedDiff.Reason.MODE)),
                    afterHands.diff().uploads());
            assertEquals(2, requests.count(SdkHttpMethod.HEAD, "/"), "only the two objects written by hand were read");
            assertEquals("{\"cells\": [], \"n\": 5}\n", s3.getObjectAsBytes(b -> b.bucket(BUCKET)
                    .key("common-notebooks/set1/nb5.ipynb")).asUtf8String());
            assertEquals("0755", s3.headObject(b -> b.bucket(BUCKET).key("scripts/ssm")).metadata().get("hailctl-mode"));

            requests.seen.clear();
            assertTrue(sync.run(BUCKET, source, false, true, ctx()).diff().inSync());
            assertEquals(3, requests.seen.size(), "remembered: " + requests.seen);
        }
    }

    @Test
    void aMissingOrDamagedManifestCostsHeadObjectsAndNeverAMissedUpload(Moto moto, @TempDir Path tmp) throws Exception {
        Path dir = content(tmp.resolve("jupyter"), 10);
        Requests requests = new Requests();
        try (AwsClients aws = moto.clients(List.of(requests))) {
            S3Client s3 = aws.s3();
            s3.createBucket(b -> b.bucket(BUCKET));
            SeedSync sync = new SeedSync(new S3BucketObjects(s3), 8);
            FolderSource source = FolderSource.open(dir, "jupyter");
            sync.run(BUCKET, source, false, true, ctx());
            String manifest = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(".hailctl/seed-manifest")).asUtf8String();

            List<String> damaged = List.of("garbage", manifest.replace("manifest 1", "manifest 0"),
                    manifest.substring(0, manifest.length() / 2), manifest.replace("bucket " + BUCKET, "bucket other"));
            int round = 0;
            for (String bad : damaged) {
                round++;
                s3.putObject(b -> b.bucket(BUCKET).key(".hailctl/seed-manifest"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString(bad));
                // A same-sized change by hand as well: only the fallback's HeadObject can see it.
                String text = "{\"cells\": [], \"n\": " + (round + 4) + "}\n";
                s3.putObject(b -> b.bucket(BUCKET).key("common-notebooks/set2/nb2.ipynb"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString(text));
                requests.seen.clear();
                SeedReport r = sync.run(BUCKET, source, false, true, ctx());
                assertEquals(List.of(new io.hailctl.deploy.seed.SeedDiff.Upload("common-notebooks/set2/nb2.ipynb",
                        io.hailctl.deploy.seed.SeedDiff.Reason.CONTENT)), r.diff().uploads(), bad);
                assertEquals(12, requests.count(SdkHttpMethod.HEAD, "/"), "every same-sized object read instead");
                assertEquals("{\"cells\": [], \"n\": 2}\n", s3.getObjectAsBytes(b -> b.bucket(BUCKET)
                        .key("common-notebooks/set2/nb2.ipynb")).asUtf8String());
            }
            s3.deleteObject(b -> b.bucket(BUCKET).key(".hailctl/seed-manifest"));
            requests.seen.clear();
            assertTrue(sync.run(BUCKET, source, false, true, ctx()).diff().inSync());
            assertEquals(12, requests.count(SdkHttpMethod.HEAD, "/"));
            assertEquals(1, requests.count(SdkHttpMethod.PUT, "/"), "only the manifest, written again");
            requests.seen.clear();
            assertTrue(sync.run(BUCKET, source, false, true, ctx()).diff().inSync());
            assertEquals(0, requests.count(SdkHttpMethod.HEAD, "/"));
        }
    }

    @Test
    void anInterruptedSeedLeavesAManifestThatIsNeverWrong(Moto moto, @TempDir Path tmp) throws Exception {
        Path dir = content(tmp.resolve("jupyter"), 10);
        // The PUT of one file fails (as a lost connection would) after the others went through.
        java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutionInterceptor cut = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (failing.get() && context.httpRequest().method() == SdkHttpMethod.PUT
                        && context.httpRequest().encodedPath().endsWith("/nb9.ipynb")) {
                    throw software.amazon.awssdk.core.exception.SdkClientException.create("connection cut (test)");
                }
            }
        };
        try (AwsClients aws = moto.clients(List.of(cut))) {
            S3Client s3 = aws.s3();
            s3.createBucket(b -> b.bucket(BUCKET));
            SeedSync sync = new SeedSync(new S3BucketObjects(s3), 8);
            FolderSource source = FolderSource.open(dir, "jupyter");
            sync.run(BUCKET, source, false, true, ctx());
            String before = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(".hailctl/seed-manifest")).asUtf8String();

            // nb1 and nb9 change (same sizes); nb9's upload fails, nb1's lands: the run fails.
            Files.writeString(dir.resolve("common-notebooks/set1/nb1.ipynb"), "{\"cells\": [], \"n\": 7}\n");
            Files.writeString(dir.resolve("common-notebooks/set1/nb9.ipynb"), "{\"cells\": [], \"n\": 8}\n");
            failing.set(true);
            assertThrows(HailctlException.class, () -> sync.run(BUCKET, source, false, true, ctx()));
            assertEquals("{\"cells\": [], \"n\": 7}\n", s3.getObjectAsBytes(b -> b.bucket(BUCKET)
                    .key("common-notebooks/set1/nb1.ipynb")).asUtf8String());
            assertEquals(before, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(".hailctl/seed-manifest")).asUtf8String(),
                    "the manifest is written last: not after a failed run");

            // nb1 back to what the old manifest describes: its entry is of an earlier write and must not be used.
            Files.writeString(dir.resolve("common-notebooks/set1/nb1.ipynb"), "{\"cells\": [], \"n\": 1}\n");
            failing.set(false);
            SeedReport r = sync.run(BUCKET, source, false, true, ctx());
            assertEquals(List.of("common-notebooks/set1/nb1.ipynb", "common-notebooks/set1/nb9.ipynb"),
                    r.diff().uploads().stream().map(io.hailctl.deploy.seed.SeedDiff.Upload::key).toList());
            for (String key : List.of("common-notebooks/set1/nb1.ipynb", "common-notebooks/set1/nb9.ipynb")) {
                assertEquals(Files.readString(dir.resolve(key)), s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key))
                        .asUtf8String());
            }
            assertTrue(sync.run(BUCKET, source, false, true, ctx()).diff().inSync());
        }
    }

    @Test
    void aDeniedUploadIsAnAwsAccessErrorInOneLine(Moto moto, @TempDir Path tmp) throws Exception {
        // moto cannot deny one call on its own (IAM enforcement is per server), so the test wiring turns
        // the PUT's answer into the 403 S3 sends for a missing s3:PutObject permission.
        byte[] denied = ("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")
                .getBytes(StandardCharsets.UTF_8);
        ExecutionInterceptor deny = new ExecutionInterceptor() {
            @Override
            public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
                return context.httpRequest().method() == SdkHttpMethod.PUT && context.httpRequest().encodedPath().contains("/scripts/")
                        ? context.httpResponse().toBuilder().statusCode(403)
                        .putHeader("Content-Length", Integer.toString(denied.length))
                        .putHeader("Content-Type", "application/xml").build() : context.httpResponse();
            }

            @Override
            public Optional<java.io.InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                                           ExecutionAttributes attributes) {
                if (context.httpResponse().statusCode() == 403) {
                    return Optional.of(new java.io.ByteArrayInputStream(denied));
                }
                return context.responseBody();
            }
        };
        try (AwsClients aws = moto.clients(List.of(deny))) {
            aws.s3().createBucket(b -> b.bucket(BUCKET));
            SeedSync sync = new SeedSync(new S3BucketObjects(aws.s3()), 4);
            HailctlException e = assertThrows(HailctlException.class,
                    () -> sync.run(BUCKET, FolderSource.open(content(tmp, 2), "x"), false, true, ctx()));
            assertEquals(ExitCode.AWS_ACCESS, e.exitCode());
            // The SDK does not read the body this wiring substitutes, so the 403 arrives without its
            // error code: the adapter still names the bucket and the exit code is AWS access (4).
            assertEquals("S3: access denied to bucket " + BUCKET + " (and 1 more upload failed)", e.getMessage());
        }
    }

    private static Path config(Path dir) throws Exception {
        String yaml = Files.readString(io.hailctl.testing.TestTools.projectDir().resolve("examples/local.yaml"));
        return Files.writeString(dir.resolve("hailctl.yaml"), yaml);
    }

    @Test
    void theCommandSyncsDryRunsAndDeletesOnlyWhenAsked(Moto moto, @TempDir Path tmp) throws Exception {
        config(tmp);
        content(tmp.resolve("jupyter"), 10);
        CliRun cli = new CliRun().against(moto).workingDir(tmp);
        CliRun.Result s3 = cli.run("deploy", "s3");
        assertEquals(0, s3.exitCode(), s3.toString());
        try (AwsClients aws = moto.clients()) {
            S3Client client = aws.s3();
            // Versions count every PUT the CLI makes, with no hook into the CLI's own clients.
            client.putBucketVersioning(b -> b.bucket(BUCKET).versioningConfiguration(v -> v.status("Enabled")));

            CliRun.Result first = cli.run("seed", "jupyter");
            assertEquals(0, first.exitCode(), first.toString());
            assertTrue(first.out().lines().anyMatch(l -> l.matches(
                    "Seed done: s3://" + BUCKET + ": 12 uploaded, 0 unchanged, 0 deleted, [0-9.]+ (B|KiB) in \\S+")), first.out());
            assertTrue(first.out().lines().anyMatch(l -> l.matches(".*\\] seed +scripts/ssm uploaded: new")), first.out());
            assertEquals(12 + 1, versions(client), "12 files and the manifest");

            CliRun.Result again = cli.run("seed", "jupyter");
            assertTrue(again.out().contains(": 0 uploaded, 12 unchanged, 0 deleted, 0 B in "), again.out());
            assertEquals(12 + 1, versions(client), "no object was written again, not even the manifest");

            Files.delete(tmp.resolve("jupyter/common-notebooks/set0/nb0.ipynb"));
            Files.writeString(tmp.resolve("jupyter/scripts/new-tool"), "#!/bin/sh\necho new\n");
            CliRun.Result dry;
            try (io.hailctl.testing.WireProxy wire = new io.hailctl.testing.WireProxy(moto.endpoint())) {
                dry = new CliRun().against(wire.endpoint()).workingDir(tmp).run("seed", "jupyter", "--delete", "--dry-run");
                assertEquals(List.of(), wire.writes(), "a dry run makes no write call, on the wire");
                assertTrue(wire.calls().stream().anyMatch(c -> c.path().contains("seed-manifest")), "it read the manifest");
            }
            assertEquals(0, dry.exitCode(), dry.toString());
            assertTrue(dry.out().contains("scripts/new-tool would upload: new"), dry.out());
            assertTrue(dry.out().contains("common-notebooks/set0/nb0.ipynb would delete: not in the source"), dry.out());
            assertTrue(dry.out().contains("Seed (dry run): s3://" + BUCKET + ": would upload 1, 11 unchanged, would delete 1 (19 B)"
                    + " - dry run, nothing written"), dry.out());
            assertEquals(12 + 1, versions(client), "a dry run writes nothing");
            assertTrue(keys(client).contains("common-notebooks/set0/nb0.ipynb"));

            CliRun.Result keep = cli.run("seed", "jupyter");
            assertTrue(keep.out().contains("1 uploaded, 11 unchanged, 0 deleted"), keep.out());
            assertTrue(keep.out().contains("1 object not in the source kept (--delete removes them)"), keep.out());
            assertTrue(keys(client).contains("common-notebooks/set0/nb0.ipynb"), "no deletion without --delete");

            CliRun.Result delete = cli.run("seed", "jupyter", "--delete");
            assertEquals(0, delete.exitCode(), delete.toString());
            assertTrue(delete.out().contains("0 uploaded, 12 unchanged, 1 deleted"), delete.out());
            assertFalse(keys(client).contains("common-notebooks/set0/nb0.ipynb"));
        }
    }

    @Test
    void aSecondSeedWhileTheFirstUploadsIsRefusedByTheLockBeforeItWritesAnything(Moto moto, @TempDir Path tmp) throws Exception {
        config(tmp);
        content(tmp.resolve("jupyter"), 10);
        content(tmp.resolve("other"), 10);
        Files.writeString(tmp.resolve("other/scripts/new-tool"), "#!/bin/sh\necho new\n");
        CliRun cli = new CliRun().against(moto).workingDir(tmp);
        assertEquals(0, cli.run("deploy", "s3").exitCode());
        assertEquals(0, cli.run("seed", "jupyter").exitCode());
        Files.writeString(tmp.resolve("jupyter/scripts/ssm"), "#!/bin/bash\necho changed\n");
        try (io.hailctl.testing.WireProxy wire = new io.hailctl.testing.WireProxy(moto.endpoint());
             AwsClients aws = moto.clients()) {
            // The first seed's upload is held once it reached moto: the first run holds the lock meanwhile.
            io.hailctl.testing.WireProxy.Hold upload = wire.hold(c -> c.name().equals("s3.PutObject"));
            java.util.concurrent.CompletableFuture<CliRun.Result> first = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> new CliRun().against(wire.endpoint()).workingDir(tmp).env("USER", "alice").env("HOSTNAME", "laptop")
                            .run("seed", "jupyter"));
            assertTrue(upload.reached(java.time.Duration.ofSeconds(60)), "the first seed reached its upload");
            CliRun.Result second;
            try {
                second = new CliRun().against(moto).workingDir(tmp).env("USER", "bob").env("HOSTNAME", "desktop")
                        .run("seed", "other");
            } finally {
                upload.release();
            }
            CliRun.Result done = first.get(60, java.util.concurrent.TimeUnit.SECONDS);

            assertEquals(ExitCode.REFUSED.code(), second.exitCode(), second.toString());
            assertTrue(second.err().startsWith("hailctl: environment demo is being changed by alice@laptop (pid "),
                    second.toString());
            assertFalse(keys(aws.s3()).contains("scripts/new-tool"), "the refused seed uploaded nothing");
            assertEquals(0, done.exitCode(), done.toString());
            assertEquals("#!/bin/bash\necho changed\n", aws.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("scripts/ssm"))
                    .asUtf8String());
            assertThrows(software.amazon.awssdk.services.ssm.model.ParameterNotFoundException.class,
                    () -> aws.ssm().getParameter(b -> b.name("/hailctl/demo/lock")), "the first seed gave the lock back");
        }
    }

    private static long versions(S3Client s3) {
        return s3.listObjectVersionsPaginator(b -> b.bucket(BUCKET)).versions().stream().count();
    }

    @Test
    void badInputIsRefusedInOneLineBeforeAnyAwsWrite(Moto moto, @TempDir Path tmp) throws Exception {
        config(tmp);
        content(tmp.resolve("jupyter"), 1);
        CliRun cli = new CliRun().against(moto).workingDir(tmp);

        CliRun.Result noStack = cli.run("seed", "jupyter");
        assertEquals(ExitCode.REFUSED.code(), noStack.exitCode(), noStack.toString());
        assertEquals("hailctl: the jupyter bucket is not deployed yet (no stack demo-s3)\n  Run hailctl deploy s3 first.\n",
                noStack.err());

        assertEquals(0, cli.run("deploy", "s3").exitCode());
        CliRun.Result missing = cli.run("seed", "no-such-dir");
        assertEquals(ExitCode.USAGE.code(), missing.exitCode());
        assertEquals("hailctl: DIR = no-such-dir: no such folder\n", missing.err());
        CliRun.Result notSeedable = cli.run("seed", ".");
        assertEquals(ExitCode.USAGE.code(), notSeedable.exitCode());
        assertTrue(notSeedable.err().startsWith("hailctl: DIR = .: has neither common-notebooks/ nor scripts/"), notSeedable.err());
        try (AwsClients aws = moto.clients()) {
            assertEquals(List.of(), keys(aws.s3()), "nothing was written");
        }
    }
}

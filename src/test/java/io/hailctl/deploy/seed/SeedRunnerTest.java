package io.hailctl.deploy.seed;

import io.hailctl.deploy.CallBudget;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.Sleeper;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.plan.SeedStep;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Topology;
import io.hailctl.plan.Value;
import io.hailctl.progress.ProgressSink;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SeedRunnerTest {
    private final FakeBucket bucket = new FakeBucket("demo-jupyter");
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final StepContext ctx = new StepContext("seed", ProgressSink.NONE, clock, Sleeper.REAL, new Cancellation(),
            Confirmer.NO, CallBudget.standard(clock, d -> { }), true);
    private final SeedSource content = new SeedSource() {
        @Override
        public String describe() {
            return "test";
        }

        @Override
        public List<SeedFile> files() {
            return List.of(new SeedFile("scripts/ssm", 3, true, () -> new ByteArrayInputStream("abc".getBytes())));
        }

        @Override
        public List<String> prefixes() {
            return SeedSource.PREFIXES;
        }
    };
    private final SeedRunner runner = new SeedRunner(new SeedSync(bucket, 2), folder -> content);
    private final SeedStep step = new SeedStep(Topology.SEED, Value.outputOf(Topology.S3, "JupyterBucket"), Optional.empty(), false);

    private static Inputs bucketKnown() {
        return new Inputs(Map.of(SeedStep.BUCKET, Value.outputOf(StepId.of("s3"), "JupyterBucket")),
                Map.of(SeedStep.BUCKET, "demo-jupyter"));
    }

    @Test
    void applyUploadsAndSaysSoInOneLineThenIsUnchanged() throws Exception {
        StepOutcome first = runner.apply(step, bucketKnown(), ctx);
        assertEquals(Change.UPDATED, first.change());
        assertEquals(List.of("s3://demo-jupyter: 1 uploaded, 0 unchanged, 0 deleted, 3 B in 0ms"), first.details());
        StepOutcome second = runner.apply(step, bucketKnown(), ctx);
        assertEquals(Change.UNCHANGED, second.change());
        assertEquals(1, bucket.puts.get());
    }

    @Test
    void aPreviewBeforeTheBucketExistsSaysWhatWillComeAndCallsNothing() throws Exception {
        bucket.exists = false;
        Inputs unknown = new Inputs(Map.of(SeedStep.BUCKET, Value.outputOf(StepId.of("s3"), "JupyterBucket")), Map.of());
        StepOutcome p = runner.preview(step, unknown, ctx);
        assertEquals(Change.WOULD_UPDATE, p.change());
        assertEquals(List.of("would upload 1 file from test once the bucket exists (from s3.JupyterBucket once deployed)"),
                p.details());
    }

    @Test
    void aPreviewOfAnInSyncBucketIsUnchangedAndWritesNothing() throws Exception {
        runner.apply(step, bucketKnown(), ctx);
        StepOutcome p = runner.preview(step, bucketKnown(), ctx);
        assertEquals(Change.UNCHANGED, p.change());
        assertEquals(1, bucket.puts.get());
    }
}

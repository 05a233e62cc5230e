package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.CallBudget;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.Sleeper;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.seed.FolderSource;
import io.hailctl.deploy.seed.SeedBucket;
import io.hailctl.deploy.seed.SeedDiff;
import io.hailctl.deploy.seed.SeedReport;
import io.hailctl.deploy.seed.SeedSource;
import io.hailctl.progress.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

@Command(name = "seed", description = {
    "Sync common-notebooks/ and scripts/ into the jupyter bucket, uploading only what changed",
    "(same size and same S3-stored checksum = unchanged). Also part of `deploy all`."})
final class SeedCommand extends CommandBase {
    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Folder to sync (default: the bundled jupyter/ content).")
    Path dir;

    @Option(names = "--delete", description = "Delete objects under common-notebooks/ and scripts/ that are not in the folder.")
    boolean delete;

    @Option(names = "--dry-run", description = "Show what would be uploaded or deleted; change nothing.")
    boolean dryRun;

    SeedCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() throws InterruptedException {
        Invocation inv = invocation();
        HailctlConfig config = inv.config();
        Wiring wiring = new Wiring(inv);
        // Everything the user typed is checked before the first AWS call.
        SeedSource source = dir == null ? wiring.seedSource(Optional.empty())
                : FolderSource.open(host.workingDir().resolve(dir), dir.toString());
        if (dir == null && source.files().isEmpty()) {
            host.err().println("hailctl: the bundled jupyter/ content is empty in this build: nothing to seed");
            host.err().flush();
            return ExitCode.OK.code();
        }
        inv.aws();
        String bucket = new SeedBucket(wiring.stacks()).resolve(config.environment());

        Cancellation cancellation = new Cancellation();
        Interrupts.Stop stop = new Interrupts.Stop("finishing the uploads already started", cancellation::cancel,
                new CountDownLatch(1));
        host.interrupts().register(stop);
        try {
            StepContext ctx = new StepContext("seed", wiring.progress(), wiring.clock(), Sleeper.REAL, cancellation,
                    wiring.confirmer(), CallBudget.standard(wiring.clock(), Sleeper.REAL), true);
            SeedReport report;
            try {
                report = wiring.seedSync().run(bucket, source, delete, !dryRun, ctx);
            } catch (Cancellation.Detached e) {
                // Only Ctrl-C detaches, and the JVM exits once the hook returns: say it here, before the latch.
                host.interrupts().resumeHintGiven();
                host.err().println("hailctl: seed interrupted; what was uploaded stays: run `hailctl seed` again to"
                        + " finish (only what is still missing or different is uploaded)");
                host.err().flush();
                return ExitCode.INTERRUPTED.code();
            }
            PrintWriter out = host.out();
            if (inv.json()) {
                out.println(Json.write(json(report)));
            } else {
                out.println((dryRun ? "Seed (dry run): " : "Seed done: ") + report.summary());
            }
            out.flush();
            return ExitCode.OK.code();
        } finally {
            stop.reported().countDown();
            host.interrupts().release(stop);
        }
    }

    private static Map<String, Object> json(SeedReport r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event", "summary");
        doc.put("command", "seed");
        doc.put("ok", true);
        doc.put("exitCode", 0);
        doc.put("dryRun", r.dryRun());
        doc.put("bucket", r.bucket());
        doc.put("source", r.source());
        List<Object> uploads = new ArrayList<>();
        for (SeedDiff.Upload u : r.diff().uploads()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("key", u.key());
            one.put("reason", u.reason().words());
            uploads.add(one);
        }
        doc.put(r.dryRun() ? "wouldUpload" : "uploaded", uploads);
        doc.put("unchanged", r.diff().unchanged().size());
        doc.put(r.dryRun() ? "wouldDelete" : "deleted", r.diff().deletions());
        doc.put("keptExtras", r.diff().keptExtras());
        doc.put("bytes", r.bytes());
        doc.put("seconds", r.took().toMillis() / 1000.0);
        doc.put("summary", r.summary());
        return doc;
    }
}

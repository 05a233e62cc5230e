package io.hailctl.deploy.seed;

import java.time.Duration;
import java.util.List;

/**
 * What one sync did (or, in a dry run, would do).
 *
 * @param bytes bytes sent (in a dry run: that would be sent)
 */
public record SeedReport(String bucket, String source, boolean dryRun, SeedDiff diff, long bytes, Duration took) {

    public boolean changed() {
        return !diff.inSync();
    }

    /** The one line for CI logs: uploaded / unchanged / deleted / bytes / time. */
    public String summary() {
        StringBuilder sb = new StringBuilder("s3://").append(bucket).append(": ");
        int up = diff.uploads().size();
        int del = diff.deletions().size();
        if (dryRun) {
            sb.append("would upload ").append(up).append(", ").append(diff.unchanged().size()).append(" unchanged, ")
                    .append("would delete ").append(del).append(" (").append(size(bytes)).append(")");
        } else {
            sb.append(up).append(" uploaded, ").append(diff.unchanged().size()).append(" unchanged, ")
                    .append(del).append(" deleted, ").append(size(bytes)).append(" in ").append(human(took));
        }
        List<String> kept = diff.keptExtras();
        if (!kept.isEmpty()) {
            sb.append("; ").append(kept.size()).append(kept.size() == 1 ? " object" : " objects")
                    .append(" not in the source kept (--delete removes them)");
        }
        if (dryRun) {
            sb.append(" - dry run, nothing written");
        }
        return sb.toString();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static String human(Duration d) {
        return io.hailctl.progress.Durations.human(d);
    }
}

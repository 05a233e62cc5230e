package io.hailctl.deploy.ami;

import java.util.List;
import java.util.Optional;

/** The CloudWatch Logs port: a build's log lines. */
public interface BuildLogs {

    /**
     * Lines after {@code token} (from the start when empty), oldest first, and the token to ask
     * with next time. A stream that does not exist yet reads as no lines.
     */
    Page after(Build.LogLocation where, Optional<String> token);

    /** The last {@code lines} lines, oldest first. */
    List<String> tail(Build.LogLocation where, int lines);

    record Page(List<String> lines, Optional<String> next) {
        public Page {
            lines = List.copyOf(lines);
        }
    }
}

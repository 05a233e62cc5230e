package io.hailctl.config;

/** Whether an edit of {@code hailctl.yaml} wrote anything; UNCHANGED is success too (idempotent edits). */
public enum FileChange {
    CHANGED,
    UNCHANGED
}

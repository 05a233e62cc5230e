package io.hailctl.progress;

/** How results and progress are written: for people, or as JSON for programs. */
public enum OutputFormat {
    text, json
}

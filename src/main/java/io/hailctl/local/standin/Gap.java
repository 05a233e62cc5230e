package io.hailctl.local.standin;

/**
 * One gap of the emulator that the stand-in fills, as a link of a filter chain: answer the request
 * itself, or pass it on with {@code next.send(request)} (and perhaps transform the answer). A gap that
 * is not concerned passes the request on untouched. Gaps run on many threads at once.
 */
public interface Gap {
    /** A short name for logs and the stand-in's status page, e.g. "codebuild-builds". */
    String name();

    AwsResponse handle(AwsRequest request, Upstream next);

    /** Forgets any state: called after the emulator was reset (tests wipe it between cases). */
    default void reset() {
    }
}

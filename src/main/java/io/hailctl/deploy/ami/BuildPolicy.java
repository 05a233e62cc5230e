package io.hailctl.deploy.ami;

/**
 * How the AMI step treats builds in this run: `deploy` reuses, attaches or starts and waits;
 * `build-ami` may rebuild, attach to a given build, return once started, or stream the log.
 */
public record BuildPolicy(Start start, boolean waitForBuild, boolean followLog) {
    public static final BuildPolicy DEPLOY = new BuildPolicy(new Reuse(), true, false);

    /** Where the build to wait for comes from. */
    public sealed interface Start permits Reuse, Rebuild, AttachTo, AttachLatest {
    }

    /** A matching AMI if there is one, else a running build of the same key, else a new build. */
    public record Reuse() implements Start {
    }

    /** Always a new build. */
    public record Rebuild() implements Start {
    }

    /** This build, whatever it builds. */
    public record AttachTo(String buildId) implements Start {
    }

    /** The project's newest build. */
    public record AttachLatest() implements Start {
    }
}

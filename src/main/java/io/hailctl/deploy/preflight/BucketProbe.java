package io.hailctl.deploy.preflight;

/** Who holds an S3 bucket name (port; names are global across all AWS accounts). */
public interface BucketProbe {

    Ownership owner(String bucket);

    enum Ownership {
        /** Nobody has this name. */
        FREE,
        /** It exists and this account can reach it (in this region). */
        OURS,
        /** Another account owns it. */
        FOREIGN,
        /** It exists in another region (ours or someone else's). */
        OTHER_REGION
    }
}

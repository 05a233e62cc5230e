package io.hailctl.deploy.seed;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.stack.StackStatus;
import io.hailctl.deploy.stack.Stacks;
import io.hailctl.plan.Topology;

import java.util.Optional;

/** Finds the jupyter bucket of an environment: the s3 stack's JupyterBucket output. */
public final class SeedBucket {
    public static final String OUTPUT = "JupyterBucket";

    private final Stacks stacks;

    public SeedBucket(Stacks stacks) {
        this.stacks = stacks;
    }

    /** The bucket name; refuses (exit 3) when the s3 stack is missing or not usable. */
    public String resolve(String environment) {
        String name = Topology.s3StackName(environment);
        Optional<StackState> found = stacks.describe(name);
        if (found.isEmpty()) {
            throw new HailctlException(ExitCode.REFUSED, "the jupyter bucket is not deployed yet (no stack " + name + ")",
                    "Run hailctl deploy s3 first.");
        }
        StackState stack = found.get();
        if (stack.category() != StackStatus.Category.SETTLED) {
            throw new HailctlException(ExitCode.REFUSED, "stack " + name + " is " + stack.status()
                    + ", so the jupyter bucket cannot be used yet", "Run hailctl deploy s3 first.");
        }
        String bucket = stack.outputs().get(OUTPUT);
        if (bucket == null || bucket.isEmpty()) {
            throw new HailctlException(ExitCode.REFUSED, "stack " + name + " has no output " + OUTPUT
                    + " (its template is older than this hailctl?)", "Run hailctl deploy s3 to update it.");
        }
        return bucket;
    }
}

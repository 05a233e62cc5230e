package io.hailctl.deploy;

import io.hailctl.plan.Step;

/** Runs one kind of step. One implementation per step kind (stack, seed, access point, AMI, ...). */
public interface StepRunner<S extends Step> {

    Class<S> stepType();

    /** Brings the step's resources to the wanted state and returns its outputs. */
    StepOutcome apply(S step, Inputs inputs, StepContext ctx) throws InterruptedException;

    /**
     * Reads the outputs of what already exists, writing nothing: used for the dependencies of a
     * partial deploy (`deploy jupyter alice` reads the buckets stack, it does not redeploy it).
     */
    StepOutcome read(S step, Inputs inputs, StepContext ctx) throws InterruptedException;

    /** Says what {@link #apply} would do, writing nothing. Inputs may be unknown. */
    StepOutcome preview(S step, Inputs inputs, StepContext ctx) throws InterruptedException;
}

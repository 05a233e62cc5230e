/**
 * Time-true timings for the local emulator (issue #12): how long AWS takes per resource type
 * ({@link io.hailctl.local.timing.DurationTable}) and, from a stack's resources and their
 * dependencies, when each resource of one stack operation starts and settles
 * ({@link io.hailctl.local.timing.StackTimeline}), with the stack status and the events CloudFormation
 * would show at any instant; and the states of long-running things after one request (an EMR cluster
 * starting, a notebook instance starting, a CodeBuild build's phases: {@link io.hailctl.local.timing.Lifecycle}).
 * Pure logic over a given start instant; the HTTP layer that rewrites
 * moto's instant answers with it plugs into the emulator stand-in core.
 */
package io.hailctl.local.timing;

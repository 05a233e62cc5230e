/**
 * The emulator's stand-in: a loopback HTTP layer in front of the local moto server that fills the
 * emulator's known gaps (design/emulator.md) so a user without AWS can see whole flows work —
 * and, for benchmarks, makes operations take realistic time. It is used only under {@code --local}
 * (and by tests and benchmarks that ask for it); against any other endpoint hailctl talks to AWS
 * directly and nothing here is involved.
 *
 * <p>Shape: {@link io.hailctl.local.standin.StandIn} receives every request, runs it through a chain of
 * {@link io.hailctl.local.standin.Gap}s (each fills one gap: answers itself, or forwards and
 * transforms the answer) and finally forwards it to moto ({@link io.hailctl.local.standin.MotoForwarder}).
 * A gap's own calls to the emulator go through small ports implemented in {@code io.hailctl.aws};
 * {@code cfn} parses templates and resolves intrinsic functions for gaps that materialise what
 * moto's CloudFormation skips.
 */
package io.hailctl.local.standin;

package io.hailctl.local.standin.codebuild;

import java.util.Map;
import java.util.Optional;

/**
 * The stand-in's switch for showing the failure path: {@value #VARIABLE} = a command phase
 * (INSTALL, PRE_BUILD, BUILD or POST_BUILD), set in the environment of the process running the
 * stand-in (every build fails there) or as one build's environment-variable override (that build
 * fails). The failing command is the phase's last buildspec command, with CodeBuild's reason.
 */
record BuildFailure(String phase, String command, String reason) {
    static final String VARIABLE = "HAILCTL_STANDIN_FAIL_BUILD";

    /** The failure asked for by the build's environment, else by the stand-in's; none when neither sets it. */
    static Optional<BuildFailure> asked(Map<String, String> buildEnvironment, Map<String, String> standInEnvironment,
                                        Buildspec buildspec) {
        String value = buildEnvironment.getOrDefault(VARIABLE, standInEnvironment.getOrDefault(VARIABLE, "")).strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String phase = value.toUpperCase(java.util.Locale.ROOT);
        if (!BuildTimeline.COMMAND_PHASES.contains(phase)) {
            throw new IllegalArgumentException(VARIABLE + " = \"" + value + "\": expected one of INSTALL, PRE_BUILD, BUILD, "
                    + "POST_BUILD (the phases that run buildspec commands)");
        }
        java.util.List<String> commands = buildspec.of(phase);
        // The phase's main command: the publish step in POST_BUILD, else the last one (fetch, validate, build).
        String command = commands.isEmpty() ? "(none)"
                : phase.equals("POST_BUILD") ? commands.get(0) : commands.get(commands.size() - 1);
        return Optional.of(new BuildFailure(phase, command, "COMMAND_EXECUTION_ERROR: Error while executing command: " + command
                + ". Reason: exit status 1"));
    }
}

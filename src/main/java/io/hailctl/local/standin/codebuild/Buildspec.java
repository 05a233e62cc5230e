package io.hailctl.local.standin.codebuild;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands of a buildspec's phases (install, pre_build, build, post_build), read from the
 * bundled packer/buildspec.yml, so the stand-in's log names what the real build would run.
 */
record Buildspec(Map<String, List<String>> commands) {
    /** The buildspec's phase keys and CodeBuild's names of those phases. */
    static final Map<String, String> PHASES = Map.of("install", "INSTALL", "pre_build", "PRE_BUILD", "build", "BUILD",
            "post_build", "POST_BUILD");

    Buildspec {
        commands = Map.copyOf(commands);
    }

    static Buildspec parse(String yaml) {
        Object root = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (root instanceof Map<?, ?> m && m.get("phases") instanceof Map<?, ?> phases) {
            phases.forEach((key, value) -> {
                String phase = PHASES.get(String.valueOf(key));
                if (phase != null && value instanceof Map<?, ?> body && body.get("commands") instanceof List<?> list) {
                    List<String> commands = new ArrayList<>();
                    list.forEach(c -> commands.add(String.valueOf(c)));
                    out.put(phase, List.copyOf(commands));
                }
            });
        }
        return new Buildspec(out);
    }

    /** The phase's commands (none for phases the buildspec does not declare). */
    List<String> of(String phase) {
        return commands.getOrDefault(phase, List.of());
    }
}

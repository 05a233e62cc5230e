package io.hailctl.config;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Loads {@code hailctl.yaml}: parse, validate every field, then apply flag &gt; environment &gt; file
 * precedence to {@code region} and {@code profile}. Throws {@link ConfigException} with all problems, or a
 * one-line {@link io.hailctl.HailctlException} when the file is missing or not YAML. Never calls AWS.
 */
public final class ConfigLoader {
    static final String COMMAND_LINE = "command line";
    static final String ENVIRONMENT_VARIABLE = "environment variable";

    private final Precedence precedence;

    public ConfigLoader(Precedence precedence) {
        this.precedence = precedence;
    }

    public HailctlConfig load(Path file, Overrides overrides) {
        return parse(YamlSource.read(file), file.toString(), overrides);
    }

    /**
     * Loads configuration text; {@code fileName} is what problems name ({@code hailctl.yaml:12: ...}).
     * Handy for tests elsewhere that need a valid {@link HailctlConfig}.
     */
    public HailctlConfig parse(String yaml, String fileName, Overrides overrides) {
        Optional<Node> document = YamlSource.compose(yaml, fileName);
        if (document.isEmpty()) {
            // One line for a file with no settings at all, rather than one per required field.
            throw new HailctlException(ExitCode.USAGE, fileName + ": no settings (the file is"
                    + " empty or only comments): run 'hailctl init' for a commented starter, or set environment,"
                    + " network and buckets");
        }
        ProblemList problems = new ProblemList(fileName);
        Optional<HailctlConfig> fromFile = new ConfigReader(problems).read(document);
        Optional<Setting> region = precedence.region(overrides.region(),
                fromFile.flatMap(HailctlConfig::region), fileName);
        Optional<Setting> profile = precedence.profile(overrides.profile(),
                fromFile.flatMap(HailctlConfig::profile), fileName);
        region.ifPresent(s -> checkOverride(s, FieldRules::region, problems));
        profile.ifPresent(s -> checkOverride(s, FieldRules::profile, problems));
        if (!problems.isEmpty() || fromFile.isEmpty()) {
            throw new ConfigException(problems.inFileOrder());
        }
        HailctlConfig c = fromFile.get();
        return new HailctlConfig(c.environment(), region.map(Setting::value), profile.map(Setting::value),
                c.network(), c.buckets(), c.notebooks(), c.users(), c.efs(), c.ami(), c.clusters(), c.tags(),
                c.legacySsmParameters());
    }

    /** A bad file value is already reported with its line; flags and variables are checked here. */
    private static void checkOverride(Setting setting, Function<String, Optional<String>> rule, ProblemList problems) {
        if (setting.source() == Setting.Source.FILE) {
            return;
        }
        String where = setting.source() == Setting.Source.FLAG ? COMMAND_LINE : ENVIRONMENT_VARIABLE;
        rule.apply(setting.value()).ifPresent(broken ->
                problems.add(new ConfigProblem(where, 0, setting.origin(), Optional.of(setting.value()), broken)));
    }
}

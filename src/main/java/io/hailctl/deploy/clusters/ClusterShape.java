package io.hailctl.deploy.clusters;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.config.EmrSpec;
import io.hailctl.config.FieldRules;
import io.hailctl.config.Market;
import io.hailctl.config.Scaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ad-hoc cluster's shape: the environment's defaults with the flags of {@code cluster start} (or
 * {@code cluster modify}) laid over them, each checked with the same rule as its hailctl.yaml field,
 * and the shape a deployed cluster stack was given, read back from its parameters.
 *
 * @param maxIdle auto-termination when idle; {@link Duration#ZERO} = never
 */
public record ClusterShape(Optional<String> masterType, Optional<String> coreType, Optional<Integer> workers,
                           Optional<String> taskType, Optional<Integer> taskMin, Optional<Integer> taskMax,
                           boolean spot, Optional<Duration> maxIdle, Optional<String> release) {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(s|m|h|d)");

    public static ClusterShape none() {
        return new ClusterShape(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty());
    }

    /** {@code base} with these flags over it; a broken flag is one usage error naming it (exit 2). */
    public EmrSpec over(EmrSpec base, String name) {
        List<String> problems = new ArrayList<>();
        FieldRules.clusterName(name).ifPresent(rule -> problems.add("cluster name \"" + name + "\": " + rule));
        masterType.flatMap(FieldRules::instanceType).ifPresent(r -> problems.add("--master-type " + masterType.get() + ": " + r));
        coreType.flatMap(FieldRules::instanceType).ifPresent(r -> problems.add("--core-type " + coreType.get() + ": " + r));
        taskType.flatMap(FieldRules::instanceType).ifPresent(r -> problems.add("--task-type " + taskType.get() + ": " + r));
        release.flatMap(FieldRules::releaseLabel).ifPresent(r -> problems.add("--release " + release.get() + ": " + r));
        workers.filter(n -> n < 1 || n > EmrSpec.MAX_NODES).ifPresent(n -> problems.add("--workers " + n
                + ": at least one core node is needed; expected 1 to " + EmrSpec.MAX_NODES));
        taskMax.filter(n -> n < 0 || n > EmrSpec.MAX_NODES).ifPresent(n -> problems.add("--task-max " + n
                + ": expected 0 to " + EmrSpec.MAX_NODES + " (0 = no task nodes)"));
        taskMin.filter(n -> n < 0 || n > EmrSpec.MAX_NODES).ifPresent(n -> problems.add("--task-min " + n
                + ": expected 0 to " + EmrSpec.MAX_NODES));
        int min = taskMin.orElse(base.taskMin());
        int max = taskMax.orElse(base.taskMax());
        if (problems.isEmpty() && min > max) {
            problems.add("--task-min " + min + " is more than --task-max " + max + "; the minimum must not exceed the maximum");
        }
        long idleMinutes = maxIdle.map(Duration::toMinutes).orElse((long) base.idleTimeoutMinutes());
        if (maxIdle.isPresent() && (idleMinutes > EmrSpec.MAX_IDLE_TIMEOUT_MINUTES
                || (!maxIdle.get().isZero() && idleMinutes < 1))) {
            problems.add("--max-idle " + text(maxIdle.get()) + ": expected 0 (never) or 1m to 7d (EMR allows 1 minute to 7 days)");
        }
        if (!problems.isEmpty()) {
            throw new HailctlException(ExitCode.USAGE, problems.get(0));
        }
        return new EmrSpec(name, release.orElse(base.releaseLabel()), masterType.orElse(base.masterType()),
                coreType.orElse(base.coreType()), workers.orElse(base.coreCount()), taskType.orElse(base.taskType()),
                min, max, spot ? Market.SPOT : base.taskMarket(), base.scaling(), (int) idleMinutes, base.ssm());
    }

    /**
     * A duration as people type it: {@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}, or {@code 0} (never).
     * Empty when it is not one of those.
     */
    public static Optional<Duration> parseDuration(String text) {
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /** Minutes as the shortest of {@code 0}, {@code 45m}, {@code 2h}, {@code 3d}. */
    public static String text(Duration d) {
        long minutes = d.toMinutes();
        if (minutes == 0) {
            return d.isZero() ? "0" : d.toSeconds() + "s";
        }
        if (minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + "d";
        }
        return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }

    /**
     * The shape a cluster stack was deployed with, from its parameters (the template's names); what a
     * parameter does not say comes from {@code fallback}.
     */
    public static EmrSpec fromStack(String name, Map<String, String> p, EmrSpec fallback) {
        return new EmrSpec(name, p.getOrDefault("ReleaseLabel", fallback.releaseLabel()),
                p.getOrDefault("MasterInstanceType", fallback.masterType()),
                p.getOrDefault("CoreInstanceType", fallback.coreType()),
                number(p.get("CoreInstanceCount")).orElse(fallback.coreCount()),
                p.getOrDefault("TaskInstanceType", fallback.taskType()),
                number(p.get("TaskInstanceMin")).orElse(fallback.taskMin()),
                number(p.get("TaskInstanceMax")).orElse(fallback.taskMax()),
                "SPOT".equals(p.get("TaskMarket")) ? Market.SPOT
                        : p.containsKey("TaskMarket") ? Market.ON_DEMAND : fallback.taskMarket(),
                "rules".equals(p.get("ScalingMode")) ? Scaling.RULES
                        : p.containsKey("ScalingMode") ? Scaling.MANAGED : fallback.scaling(),
                number(p.get("IdleTimeoutSeconds")).map(s -> s / 60).orElse(fallback.idleTimeoutMinutes()),
                Boolean.parseBoolean(p.getOrDefault("AllowSsmShell", Boolean.toString(fallback.ssm()))));
    }

    private static Optional<Integer> number(String s) {
        try {
            return s == null ? Optional.empty() : Optional.of(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

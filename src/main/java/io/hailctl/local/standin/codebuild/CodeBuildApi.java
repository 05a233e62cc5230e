package io.hailctl.local.standin.codebuild;

import io.hailctl.progress.Json;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CodeBuild's JSON protocol (X-Amz-Target CodeBuild_20161006.*) for the operations the stand-in
 * answers itself — StartBuild, BatchGetBuilds, ListBuildsForProject — on {@link CodeBuildStandIn};
 * every other CodeBuild operation (projects) is the emulator's. Timestamps are epoch seconds, as
 * CodeBuild sends them.
 */
public final class CodeBuildApi {
    /** An HTTP answer: status and JSON body. */
    public record Answer(int status, String body) {
    }

    private final CodeBuildStandIn standIn;
    private final String region;
    private final String account;

    public CodeBuildApi(CodeBuildStandIn standIn, String region, String account) {
        this.standIn = standIn;
        this.region = region;
        this.account = account;
    }

    /** The answer to {@code operation} (StartBuild, ...), or empty when the emulator answers it. */
    public Optional<Answer> answer(String operation, String body) {
        Map<?, ?> request = parse(body);
        try {
            return switch (operation) {
                case "StartBuild" -> Optional.of(ok(Map.of("build", build(standIn.start(text(request.get("projectName")),
                        overrides(request.get("environmentVariablesOverride")))))));
                case "BatchGetBuilds" -> {
                    List<String> ids = strings(request.get("ids"));
                    List<CodeBuildStandIn.BuildView> found = standIn.read(ids);
                    List<String> missing = new ArrayList<>(ids);
                    found.forEach(b -> missing.remove(b.record().id()));
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("builds", found.stream().map(this::build).toList());
                    out.put("buildsNotFound", missing);
                    yield Optional.of(ok(out));
                }
                case "ListBuildsForProject" -> {
                    List<String> ids = new ArrayList<>(standIn.ids(text(request.get("projectName"))));
                    if ("ASCENDING".equals(request.get("sortOrder"))) {
                        java.util.Collections.reverse(ids);
                    }
                    yield Optional.of(ok(Map.of("ids", ids)));
                }
                default -> Optional.empty();
            };
        } catch (CodeBuildStandIn.MissingProject e) {
            return Optional.of(new Answer(400, Json.write(Map.of("__type", "ResourceNotFoundException",
                    "message", e.getMessage()))));
        }
    }

    private Map<String, Object> build(CodeBuildStandIn.BuildView v) {
        BuildRecord r = v.record();
        ProjectSettings p = v.project();
        BuildTimeline.Progress progress = v.progress();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", r.id());
        b.put("arn", "arn:aws:codebuild:" + region + ":" + account + ":build/" + r.id());
        b.put("buildNumber", r.number());
        b.put("startTime", epoch(r.start()));
        progress.end().ifPresent(e -> b.put("endTime", epoch(e)));
        b.put("currentPhase", progress.currentPhase());
        b.put("buildStatus", progress.status());
        b.put("projectName", r.project());
        List<Map<String, Object>> phases = new ArrayList<>();
        for (BuildTimeline.Phase phase : progress.phases()) {
            Map<String, Object> ph = new LinkedHashMap<>();
            ph.put("phaseType", phase.type());
            phase.status().ifPresent(s -> ph.put("phaseStatus", s));
            ph.put("startTime", epoch(phase.start()));
            phase.end().ifPresent(e -> {
                ph.put("endTime", epoch(e));
                ph.put("durationInSeconds", phase.durationSeconds());
                String[] why = phase.failure().map(f -> f.split(": ", 2)).orElse(new String[] {"", ""});
                ph.put("contexts", List.of(Map.of("statusCode", why[0], "message", why.length > 1 ? why[1] : "")));
            });
            phases.add(ph);
        }
        b.put("phases", phases);
        b.put("source", Map.of("type", p.sourceType(), "location", p.sourceLocation(), "buildspec", p.buildspec()));
        List<Map<String, String>> env = new ArrayList<>();
        r.environment().forEach((k, val) -> env.add(Map.of("name", k, "value", val, "type", "PLAINTEXT")));
        b.put("environment", Map.of("type", p.environmentType(), "image", p.image(), "computeType", p.computeType(),
                "environmentVariables", env));
        b.put("serviceRole", p.serviceRole());
        String group = v.logGroup();
        Map<String, Object> logs = new LinkedHashMap<>();
        logs.put("groupName", group);
        logs.put("streamName", r.logStream());
        logs.put("deepLink", "https://console.aws.amazon.com/cloudwatch/home?region=" + region + "#logsV2:log-groups/log-group/"
                + group.replace("/", "$252F") + "/log-events/" + r.logStream());
        logs.put("cloudWatchLogs", Map.of("status", "ENABLED", "groupName", group));
        b.put("logs", logs);
        b.put("timeoutInMinutes", p.timeoutInMinutes());
        b.put("queuedTimeoutInMinutes", p.queuedTimeoutInMinutes());
        b.put("buildComplete", progress.complete());
        b.put("initiator", "hailctl-emulator-stand-in");
        List<Map<String, String>> exported = new ArrayList<>();
        v.exported().forEach((k, val) -> exported.add(Map.of("name", k, "value", val)));
        b.put("exportedEnvironmentVariables", exported);
        return b;
    }

    private static Answer ok(Map<String, ?> body) {
        return new Answer(200, Json.write(body));
    }

    private static double epoch(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    private static Map<?, ?> parse(String body) {
        Object o = body == null || body.isBlank() ? Map.of() : new Load(LoadSettings.builder().build()).loadFromString(body);
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static Map<String, String> overrides(Object list) {
        Map<String, String> out = new LinkedHashMap<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    out.put(text(m.get("name")), text(m.get("value")));
                }
            }
        }
        return out;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(text(x)));
        }
        return out;
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}

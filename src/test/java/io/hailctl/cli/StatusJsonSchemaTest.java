package io.hailctl.cli;

import io.hailctl.deploy.status.EnvironmentStatus;
import io.hailctl.deploy.status.EnvironmentStatus.AmiView;
import io.hailctl.deploy.status.EnvironmentStatus.BuildView;
import io.hailctl.deploy.status.EnvironmentStatus.ClusterView;
import io.hailctl.deploy.status.EnvironmentStatus.Drift;
import io.hailctl.deploy.status.EnvironmentStatus.GroupView;
import io.hailctl.deploy.status.EnvironmentStatus.NotebookView;
import io.hailctl.deploy.status.EnvironmentStatus.SeedView;
import io.hailctl.deploy.status.EnvironmentStatus.StackView;
import io.hailctl.progress.Json;
import io.hailctl.testing.JsonDoc;
import io.hailctl.testing.SchemaCheck;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status document against its published schema and its documentation (the IT checks real output too). */
class StatusJsonSchemaTest {
    static final Path SCHEMA = Path.of("docs/status.schema.json");
    private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

    static SchemaCheck schema() throws Exception {
        return new SchemaCheck(JsonDoc.object(Files.readString(SCHEMA)));
    }

    /** Every field set, so every branch of the schema is exercised. */
    static EnvironmentStatus full() {
        return new EnvironmentStatus("demo", "us-east-1", T, Duration.ofMillis(230),
                List.of(new StackView("demo-s3", Optional.of("s3"), "s3", true, Optional.of("UPDATE_COMPLETE"), Optional.of("ok"),
                                Optional.of(T), Drift.CHANGES_PENDING, Optional.of("parameters changed: JupyterBucketName")),
                        new StackView("demo-network", Optional.of("network"), "network", true, Optional.empty(), Optional.empty(),
                                Optional.empty(), Drift.NOT_DEPLOYED, Optional.empty()),
                        new StackView("demo-jupyter-old", Optional.empty(), "jupyter", false, Optional.of("CREATE_COMPLETE"),
                                Optional.of("ok"), Optional.of(T), Drift.NOT_IN_CONFIG, Optional.of("no longer in hailctl.yaml"))),
                List.of(new NotebookView("alice", true, "demo-jupyter-alice", Optional.of("demo-alice"), "InService",
                        Optional.of("ml.t3.medium"), Optional.of("https://demo-alice.notebook.us-east-1.sagemaker.aws"), Optional.empty()),
                        new NotebookView("bob", true, "demo-jupyter-bob", Optional.empty(), "not deployed", Optional.empty(),
                                Optional.empty(), Optional.empty())),
                List.of(new ClusterView("hail", true, false, "demo-emr-hail", Optional.of("j-ABC"), "WAITING", Optional.of("Cluster ready"),
                        Optional.of("ip-10-0-0-5.ec2.internal"), Optional.of("ip-10-0-0-5.ec2.internal"),
                        Optional.of("http://ip-10-0-0-5.ec2.internal:8998"),
                        List.of(new GroupView("MASTER", "m5.xlarge", "ON_DEMAND", 1, 1), new GroupView("TASK", "m5.xlarge", "SPOT", 0, 2)),
                        Optional.of(30), Optional.of("AutoTerminationPolicy"),
                        Optional.of(new io.hailctl.plan.HardStop(java.time.Instant.parse("2026-12-04T20:15:00Z"))),
                        Optional.empty())),
                new AmiView("build", Optional.of("ami-0abc"), Optional.of("built 2026-04-30"), Optional.of(""),
                        Optional.of("ami-0abc"), Optional.of(new BuildView("demo-hail-ami", "demo-hail-ami:7", "SUCCEEDED",
                        Optional.of("COMPLETED"), Optional.of(T), Optional.of(T))), Optional.empty()),
                new SeedView("changes pending", Optional.of("demo-jupyter"), 3, 1, 0, Optional.empty()),
                List.of("notebook carol: SageMaker: AccessDeniedException: no"));
    }

    private static Map<String, Object> rendered(EnvironmentStatus s) {
        return JsonDoc.object(Json.write(StatusJson.document(s)));
    }

    @Test
    void aFullDocumentIsValid() throws Exception {
        Map<String, Object> doc = rendered(full());
        assertEquals(List.of(), schema().violations(doc));
        assertTrue(Json.write(doc).contains("\"hardStopAt\":\"2026-12-04T20:15:00Z\""), Json.write(doc));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCheckerRejectsWhatTheSchemaForbids() throws Exception {
        SchemaCheck check = schema();
        Map<String, Object> doc = rendered(full());
        doc.remove("region");
        ((Map<String, Object>) ((List<Object>) doc.get("stacks")).get(0)).put("drift", "drifting");
        ((Map<String, Object>) doc.get("seed")).put("colour", "green");
        ((Map<String, Object>) ((List<Object>) doc.get("clusters")).get(0)).put("livyUrl", "https://x/livy");
        ((Map<String, Object>) doc.get("ami")).put("lastBuild", Map.of("id", "x"));
        List<String> v = check.violations(doc);
        assertTrue(v.contains("$: missing required property region"), v.toString());
        assertTrue(v.contains("$.stacks[0].drift: \"drifting\" is not one of [up to date, changes pending, not deployed, "
                + "unknown, not in config]"), v.toString());
        assertTrue(v.contains("$.seed: property colour is not in the schema"), v.toString());
        assertTrue(v.stream().anyMatch(x -> x.startsWith("$.clusters[0].livyUrl: \"https://x/livy\" does not match")), v.toString());
        assertTrue(v.contains("$.ami.lastBuild: matches 0 of the oneOf alternatives, not exactly one"), v.toString());
        assertEquals(5, v.size(), v.toString());
    }

    @Test
    void everyPropertyOfTheSchemaIsDocumented() throws Exception {
        String schema = Files.readString(SCHEMA);
        String doc = Files.readString(Path.of("docs/status-json.md"));
        Set<String> properties = new TreeSet<>();
        Matcher m = Pattern.compile("\"([a-zA-Z]+)\": \\{").matcher(schema.substring(schema.indexOf("\"properties\"")));
        while (m.find()) {
            properties.add(m.group(1));
        }
        properties.removeAll(Set.of("properties", "items", "$defs", "time", "optionalTime", "optionalString", "stack", "notebook",
                "instanceGroup", "cluster", "build", "ami", "seed"));
        properties.addAll(Set.of("ami", "seed"));
        List<String> undocumented = properties.stream().filter(p -> !doc.contains("`" + p + "`")).toList();
        assertEquals(List.of(), undocumented);
        assertTrue(properties.size() > 40, properties.toString());
    }
}

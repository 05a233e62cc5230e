package io.hailctl.cli;

import io.hailctl.testing.CallCounter;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.JsonDoc;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import io.hailctl.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `status` after a real `deploy all` on moto. Moto facts: an EMR cluster made by a template is
 * TERMINATED at once with no instance groups; GetAutoTerminationPolicy answers HTTP 500 (so the
 * idle timeout comes from the stack parameter); the notebook URL is DescribeNotebookInstance's.
 */
@ExtendWith(MotoExtension.class)
class StatusIT {
    private static final List<String> STACKS = List.of("demo-s3", "demo-network", "demo-jupyter-alice", "demo-jupyter-bob",
            "demo-emr-hail");

    private static CliRun cli(Moto moto, Path dir) throws Exception {
        Files.writeString(dir.resolve("hailctl.yaml"), Files.readString(TestTools.projectDir().resolve("examples/local.yaml")));
        return new CliRun().against(moto).workingDir(dir);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> doc, String key) {
        return (List<Map<String, Object>>) doc.get(key);
    }

    @Test
    void afterDeployAllTextAndJsonNameEveryStackUserAndCluster(Moto moto, @TempDir Path dir) throws Exception {
        CliRun cli = cli(moto, dir);
        CliRun.Result deploy = cli.run("deploy", "all", "--yes");
        assertEquals(0, deploy.exitCode(), deploy.toString());

        CliRun.Result text = cli.run("status");
        assertEquals(0, text.exitCode(), text.toString());
        for (String stack : STACKS) {
            assertTrue(text.out().lines().anyMatch(l -> l.matches("  " + stack + " +CREATE_COMPLETE +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC +up to date")),
                    stack + "\n" + text.out());
        }
        assertTrue(text.out().lines().anyMatch(l -> l.matches("  alice +InService +ml\\.t3\\.medium +https://.+")), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("  bob +InService +ml\\.t3\\.medium +https://.+")), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("  hail  TERMINATED( \\(.*\\))?  j-[A-Z0-9]+")), text.out());
        assertTrue(text.out().contains("    idle     terminates after 30 min idle (stack parameter)"), text.out());
        assertTrue(text.out().contains("  in use      the default EMR AMI"), text.out());
        assertEquals("", text.err());

        CallCounter calls = new CallCounter();
        CliRun.Result json = cli.awsCalls(calls).run("status", "--output", "json");
        assertEquals(0, json.exitCode(), json.toString());
        assertEquals(1, json.out().lines().count(), "one document, one line");
        Map<String, Object> doc = JsonDoc.object(json.out());
        assertEquals(List.of(), StatusJsonSchemaTest.schema().violations(doc));
        assertEquals(STACKS, list(doc, "stacks").stream().map(s -> s.get("name")).toList());
        list(doc, "stacks").forEach(s -> assertEquals("up to date", s.get("drift"), s.toString()));
        assertEquals(List.of("alice", "bob"), list(doc, "notebooks").stream().map(n -> n.get("user")).toList());
        list(doc, "notebooks").forEach(n -> assertEquals("InService", n.get("state")));
        Map<String, Object> cluster = list(doc, "clusters").get(0);
        assertEquals("hail", cluster.get("name"));
        assertTrue(((String) cluster.get("clusterId")).startsWith("j-"));
        assertEquals("TERMINATED", cluster.get("state"));
        assertEquals("stack parameter", cluster.get("idleTimeoutSource"));
        assertEquals("up to date", ((Map<String, Object>) doc.get("seed")).get("state"));
        // A read must not pay retry back-offs anywhere (it was a 2 s bound on the whole read; since reads are
        // paced at 4 a second, its length says how many reads it makes, so the retries are asserted instead).
        assertEquals(List.of(), calls.retried(), "status took " + doc.get("seconds") + " s");
        assertFalse(calls.all().isEmpty(), "the counter saw the status run's calls");
    }

    @Test
    void configChangesShowAsPendingAndRemovedPartsAsNotInConfig(Moto moto, @TempDir Path dir) throws Exception {
        CliRun cli = cli(moto, dir);
        assertEquals(0, cli.run("deploy", "all", "--yes").exitCode());
        Path config = dir.resolve("hailctl.yaml");
        String yaml = Files.readString(config);
        Files.writeString(config, yaml.replace("idleTimeoutMinutes: 30", "idleTimeoutMinutes: 60")
                .replace("  - name: bob\n", ""));

        CliRun.Result text = cli.run("status");
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("  demo-emr-hail +CREATE_COMPLETE .* changes pending "
                + "\\(parameters changed: IdleTimeoutSeconds\\)")), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("  demo-s3 +CREATE_COMPLETE .* up to date")), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("  demo-jupyter-bob +CREATE_COMPLETE .* not in config "
                + "\\(no longer in hailctl.yaml\\)")), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("  bob \\(not in config\\) +InService .*")), text.out());
    }

    @Test
    void nothingDeployedIsNotAnErrorAndWatchPrintsOneDocumentPerRefresh(Moto moto, @TempDir Path dir) throws Exception {
        CliRun cli = cli(moto, dir);
        CliRun.Result r = cli.run("-o", "json", "status", "--watch", "1", "--count", "2");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> docs = r.out().lines().toList();
        assertEquals(2, docs.size(), r.out());
        for (String line : docs) {
            Map<String, Object> doc = JsonDoc.object(line);
            assertEquals(List.of(), StatusJsonSchemaTest.schema().violations(doc));
            list(doc, "stacks").forEach(s -> assertEquals("not deployed", s.get("drift")));
            list(doc, "notebooks").forEach(n -> assertEquals("not deployed", n.get("state")));
            assertEquals(List.of(), doc.get("problems"));
        }
        CliRun.Result text = cli.run("status");
        assertTrue(text.out().contains("  demo-s3             not deployed"), text.out());
        assertTrue(text.out().contains("  hail  not deployed"), text.out());
        assertTrue(text.out().contains("  not deployed\n"), text.out());
    }
}

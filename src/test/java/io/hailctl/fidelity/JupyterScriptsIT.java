package io.hailctl.fidelity;

import io.hailctl.testing.JsonDoc;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import io.hailctl.testing.Sandbox;
import io.hailctl.testing.TestTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jupyter/scripts (list-clusters, use-cluster, ssm) run as ec2-user on a {@link NotebookMachine},
 * with the real AWS CLI against moto holding two WAITING clusters made by RunJobFlow. What
 * use-cluster writes is read back by the real sparkmagic package's config loader, the way its
 * kernels read it.
 */
@ExtendWith(MotoExtension.class)
class JupyterScriptsIT {
    private static final String BIN = NotebookMachine.NB + "/bin/";
    private static final Map<String, String> LOGIN = Map.of("HOME", NotebookMachine.HOME, "USER", "ec2-user",
            "PATH", Sandbox.fakeBin() + ":/usr/local/bin:/usr/bin:/bin");

    private Sandbox notebook;
    private Cluster main;
    private Cluster big;

    record Cluster(String id, String masterIp, String masterEc2Id) {
    }

    @BeforeEach
    void twoClusters(Moto moto) {
        notebook = NotebookMachine.create(moto, "jupyter-scripts");
        notebook.run(Duration.ofMinutes(1), "install", "-D", "-o", "ec2-user", "-m", "0755", "-t",
                NotebookMachine.NB + "/bin", script("list-clusters"), script("use-cluster"), script("ssm")).ok();
        main = runJobFlow("dev-main", "8998", "true");
        big = runJobFlow("dev-big", "8999", "false");
    }

    @Test
    void listClustersShowsBothWithMasterEndpointAndSsmTag() {
        try (Sandbox s = notebook) {
            Sandbox.Run run = user(s, BIN + "list-clusters").ok();
            String out = run.output();
            assertTrue(out.lines().findFirst().orElse("").startsWith("Cluster Name"), out);
            assertRow(out, "dev-main", main, "http://" + main.masterIp() + ":8998", "true");
            assertRow(out, "dev-big", big, "http://" + big.masterIp() + ":8999", "false");
            // The real TCP check ran for both (this machine's network accepts a connect to any
            // address, so whether it says OK or Failed here says nothing about a real master).
            assertEquals(2, out.lines().filter(l -> l.contains("  OK  ") || l.contains("Failed - check EMR master SG")).count(), out);

            String noCheck = user(s, BIN + "list-clusters", "--no-check", "--port", "9000").ok().output();
            assertTrue(noCheck.contains("http://" + main.masterIp() + ":9000"), noCheck);
            assertEquals(2, noCheck.lines().filter(l -> l.contains("(not checked)")).count(), noCheck);
        }
    }

    @Test
    void useClusterWritesWhatSparkmagicReads() throws Exception {
        try (Sandbox s = notebook) {
            // A config.json the user already has: its other settings must survive.
            s.run(Duration.ofMinutes(1), "bash", "-c", "install -D -o ec2-user -m 0644 /dev/stdin "
                    + NotebookMachine.HOME + "/.sparkmagic/config.json <<'EOF'\n"
                    + "{\"livy_session_startup_timeout_seconds\": 300,"
                    + " \"kernel_python_credentials\": {\"username\": \"\", \"password\": \"\", \"url\": \"http://localhost:8998\", \"auth\": \"None\"}}\n"
                    + "EOF").ok();

            Sandbox.Run byName = user(s, BIN + "use-cluster", "main").ok();
            assertTrue(byName.output().contains("Sparkmagic now uses http://" + main.masterIp() + ":8998 (dev-main, "
                    + main.id() + ")"), byName.output());
            assertEndpoints(s, "http://" + main.masterIp() + ":8998");
            Map<String, Object> cluster = JsonDoc.object(Sandbox.read(s.written(NotebookMachine.HOME + "/.hailctl/cluster.json")));
            assertEquals(Map.of("cluster_id", main.id(), "cluster_name", "dev-main",
                    "livy_url", "http://" + main.masterIp() + ":8998",
                    "plots_location", "s3://dev-hail/plots/dev-main/", "region", Sandbox.REGION), cluster);

            user(s, BIN + "use-cluster", big.id()).ok();
            assertEndpoints(s, "http://" + big.masterIp() + ":8999");

            Sandbox.Run unknown = user(s, BIN + "use-cluster", "nope");
            assertEquals(1, unknown.exit(), unknown.output());
            assertTrue(unknown.output().contains("use-cluster: no active cluster named nope in us-east-1"), unknown.output());
        }
    }

    @Test
    void ssmFindsTheMasterThenNeedsThePlugin() {
        try (Sandbox s = notebook) {
            Sandbox.Run run = user(s, BIN + "ssm", main.id());
            assertTrue(run.output().contains("ssm: master node of " + main.id() + " is " + main.masterEc2Id()), run.output());
            // No session-manager-plugin here (nor on a notebook without AllowSsmShell): a clear refusal.
            assertEquals(1, run.exit(), run.output());
            assertTrue(run.output().contains("ssm: the session-manager-plugin is not installed"), run.output());

            Sandbox.Run bad = user(s, BIN + "ssm", "j-nope");
            assertEquals(2, bad.exit(), bad.output());
            assertTrue(bad.output().contains("ssm: 'j-nope' is not an EC2 instance id"), bad.output());
        }
    }

    private void assertEndpoints(Sandbox s, String url) throws Exception {
        Path out = s.root().resolve("sparkmagic.json");
        ProcessBuilder pb = new ProcessBuilder(TestTools.hailVenvBin("python").toString(),
                TestTools.projectDir().resolve("src/test/sandbox/sparkmagic-endpoints.py").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("SPARKMAGIC_CONF_DIR", s.written(NotebookMachine.HOME + "/.sparkmagic").toString());
        Process loader = pb.start();
        assertTrue(loader.waitFor(2, java.util.concurrent.TimeUnit.MINUTES));
        String json = Sandbox.read(out);
        assertEquals(0, loader.exitValue(), json);
        Map<String, Object> endpoints = JsonDoc.object(json.lines().reduce((a, b) -> b).orElse(""));
        for (String language : List.of("python", "python3", "scala")) {
            // auth "None": sparkmagic's initialize_auth gives no authenticator (plain HTTP to Livy).
            assertEquals(Map.of("url", url, "auth", "NoneType"), endpoints.get(language), language + ": " + json);
        }
        assertEquals(List.of("livy_session_startup_timeout_seconds"), endpoints.get("other_keys"), json);
    }

    private static Sandbox.Run user(Sandbox s, String... command) {
        return NotebookMachine.asEc2User(s, Duration.ofMinutes(2), LOGIN, command);
    }

    private static void assertRow(String out, String name, Cluster c, String endpoint, String ssm) {
        String row = out.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name + ":\n" + out));
        assertTrue(row.contains(" " + c.id() + " ") && row.contains(" " + c.masterEc2Id() + " ")
                && row.contains(" " + endpoint + " ") && row.trim().endsWith(" " + ssm), row + "\nin:\n" + out);
    }

    private Cluster runJobFlow(String name, String livyPort, String ssm) {
        String id = notebook.aws("emr", "create-cluster", "--name", name, "--release-label", "emr-7.9.0",
                "--applications", "Name=Spark", "Name=Livy", "--instance-type", "m5.xlarge", "--instance-count", "2",
                "--service-role", "EMR_DefaultRole", "--ec2-attributes", "InstanceProfile=EMR_EC2_DefaultRole",
                "--tags", "hailctl:livy-port=" + livyPort, "allow-emr-ssm=" + ssm,
                "hailctl:plots-location=s3://dev-hail/plots/" + name + "/",
                "--query", "ClusterId", "--output", "text").trim();
        String state = notebook.aws("emr", "describe-cluster", "--cluster-id", id, "--query", "Cluster.Status.State",
                "--output", "text").trim();
        assertEquals("WAITING", state);
        String[] master = notebook.aws("emr", "list-instances", "--cluster-id", id, "--instance-group-types", "MASTER",
                "--query", "Instances[0].[PrivateIpAddress,Ec2InstanceId]", "--output", "text").trim().split("\\s+");
        return new Cluster(id, master[0], master[1]);
    }

    private static String script(String name) {
        return TestTools.projectDir().resolve("jupyter/scripts").resolve(name).toString();
    }
}

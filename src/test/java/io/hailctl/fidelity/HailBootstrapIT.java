package io.hailctl.fidelity;

import io.hailctl.testing.JsonDoc;
import io.hailctl.testing.Sandbox;
import io.hailctl.testing.TestTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The install-hail bootstrap action of cloudformation/hail-emr.yml, executed on an EMR node in a
 * {@link Sandbox}: this machine's /usr/bin/python3.11 stands for the default AMI's, the real
 * hail==0.2.139 wheel and its requirements come from a local copy of PyPI
 * ($HAILCTL_TOOLS_DIR/hail-wheels, PIP_NO_INDEX), dnf is faked. Then the template's own
 * spark-defaults, written where EMR writes them, start PySpark and Hail on that install with the
 * master as the only change (local[2] for YARN), and a tiny balding_nichols_model runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HailBootstrapIT {
    private static final String TEMPLATE = "cloudformation/hail-emr.yml";
    private static final Map<String, String> PARAMS = Map.of("EnvironmentName", "dev", "ClusterName", "main",
            "HailBucket", "dev-hail-123456789012", "LogBucket", "dev-logs-123456789012", "SubnetId", "subnet-1",
            "EmrMasterSecurityGroupId", "sg-1", "EmrWorkerSecurityGroupId", "sg-2");
    private static final String JAR = "/usr/lib/hail/hail-all-spark.jar";

    private static Sandbox node;
    private static String bootstrap;
    private static String hailVersion;

    @BeforeAll
    static void node() {
        node = Sandbox.create("emr-node", URI.create("http://127.0.0.1:9")); // the bootstrap calls no AWS API
        bootstrap = TemplateNode.text(TEMPLATE, "/Resources/Cluster/Properties/BootstrapActions/0/ScriptBootstrapAction/Args/1", PARAMS);
        hailVersion = Pattern.compile("HAIL_VERSION='([^']+)'").matcher(bootstrap).results()
                .map(m -> m.group(1)).findFirst().orElseThrow(() -> new AssertionError(bootstrap));
    }

    @AfterAll
    static void cleanUp() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void bootstrapInstallsTheWheelsJarAndPlotsLocation() throws Exception {
        Path wheel = wheel();
        String pinned = Files.readString(TestTools.projectDir().resolve("scripts/hail-test-requirements.txt"));
        assertTrue(pinned.contains("hail==" + hailVersion + "\n"), "the template's HailVersion is the tested wheel");

        // Every path the bootstrap takes from the installed package exists in the wheel.
        Matcher fromPackage = Pattern.compile("\"\\$hail_dir/([^\"]+)\"").matcher(bootstrap);
        List<String> taken = fromPackage.results().map(m -> "hail/" + m.group(1)).toList();
        assertFalse(taken.isEmpty(), bootstrap);
        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            for (String path : taken) {
                assertTrue(zip.getEntry(path) != null, path + " is not in " + wheel.getFileName());
            }
        }

        Sandbox.Run run = node.run(Duration.ofMinutes(15), "env", "PIP_NO_INDEX=1",
                "PIP_FIND_LINKS=" + TestTools.dir().resolve("hail-wheels"), "bash", "-c", bootstrap);
        System.out.printf("EMR bootstrap (install-hail, offline wheels): %d ms%n", run.total().toMillis());
        run.ok();
        assertTrue(run.output().contains("hail-bootstrap: installing Hail " + hailVersion + " into /usr/bin/python3.11"),
                run.output());
        String calls = Sandbox.read(node.root().resolve("calls.log"));
        assertTrue(calls.contains("dnf install -y -q python3.11 python3.11-pip python3.11-devel gcc-c++"), calls);

        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            assertEquals(sha256(zip.getInputStream(zip.getEntry("hail/backend/hail-all-spark.jar"))),
                    sha256(Files.newInputStream(node.written(JAR))), JAR + " is the wheel's jar");
        }
        assertEquals("HAIL_PLOTS_LOCATION=s3://dev-hail-123456789012/plots/main/\n",
                Sandbox.read(node.written("/etc/hail/hail.env")));
        try (Stream<Path> installed = Files.list(node.written("/usr/local/lib/python3.11/dist-packages"))) {
            List<String> names = installed.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.contains("hail-" + hailVersion + ".dist-info"), names.toString());
            assertFalse(names.stream().anyMatch(n -> n.startsWith("pyspark")), "pyspark is EMR's: " + names);
        }

        // On a custom AMI with this Hail already there, a second run only rewrites hail.env.
        Sandbox.Run again = node.run(Duration.ofMinutes(5), "env", "PIP_NO_INDEX=1", "bash", "-c", bootstrap).ok();
        assertTrue(again.output().contains("hail-bootstrap: Hail " + hailVersion + " already installed (custom AMI)"),
                again.output());
    }

    @Test
    @Order(2)
    void templateSparkSettingsStartHailOnTheBootstrappedInstall() throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, String> sparkEnv = new LinkedHashMap<>();
        for (Object c : (List<?>) TemplateNode.render(TEMPLATE, "/Resources/Cluster/Properties/Configurations", PARAMS)) {
            Map<?, ?> classification = (Map<?, ?>) c;
            if ("spark-defaults".equals(classification.get("Classification"))) {
                ((Map<?, ?>) classification.get("ConfigurationProperties")).forEach((k, v) -> defaults.put((String) k, (String) v));
            }
            if ("spark-env".equals(classification.get("Classification"))) {
                for (Object e : (List<?>) classification.get("Configurations")) {
                    ((Map<?, ?>) ((Map<?, ?>) e).get("ConfigurationProperties")).forEach((k, v) -> sparkEnv.put((String) k, (String) v));
                }
            }
        }
        assertFalse(defaults.isEmpty(), "no spark-defaults classification");
        StringBuilder conf = new StringBuilder();
        defaults.forEach((k, v) -> conf.append(k).append(' ').append(v).append('\n'));
        Path staged = node.root().resolve("spark-defaults.conf");
        Files.writeString(staged, conf);
        node.run(Duration.ofMinutes(1), "install", "-D", "-m", "0644", staged.toString(), "/etc/spark/conf/spark-defaults.conf").ok();

        // EMR's Spark provides pyspark and py4j; here they come from the pinned pyspark 3.5 of the hail venv.
        Path sparkHome = TestTools.hailVenvBin("python").getParent().getParent().resolve("lib/python3.11/site-packages/pyspark");
        Path sparkPython = node.root().resolve("spark-python");
        Files.createDirectories(sparkPython);
        Files.createSymbolicLink(sparkPython.resolve("pyspark"), sparkHome);
        Files.createSymbolicLink(sparkPython.resolve("py4j"), sparkHome.getParent().resolve("py4j"));

        List<String> cmd = new java.util.ArrayList<>(List.of("env", "SPARK_HOME=" + sparkHome,
                "SPARK_CONF_DIR=/etc/spark/conf", "PYTHONPATH=" + sparkPython));
        sparkEnv.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(List.of(sparkEnv.get("PYSPARK_DRIVER_PYTHON"),
                TestTools.projectDir().resolve("src/test/sandbox/hail-on-emr-settings.py").toString()));
        Sandbox.Run run = node.run(Duration.ofMinutes(10), cmd.toArray(String[]::new));
        System.out.printf("hl.init + balding_nichols_model on the bootstrapped install: %d ms%n", run.total().toMillis());
        run.ok();
        Map<String, Object> seen = JsonDoc.object(run.output().lines().filter(l -> l.startsWith("{\"rows\""))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError(run.output())));
        // balding_nichols_model(3, 10, 50): 10 samples (columns), 50 variants (rows).
        assertEquals("50", seen.get("rows").toString(), run.output());
        assertEquals("10", seen.get("cols").toString(), run.output());
        assertEquals(hailVersion, ((String) seen.get("hail_version")).split("-")[0]);
        assertTrue(((String) seen.get("hail_module")).startsWith("/usr/local/lib/python3.11/dist-packages/hail/"),
                "Hail from the bootstrap's install: " + seen.get("hail_module"));
        Map<?, ?> effective = (Map<?, ?>) seen.get("conf");
        for (String key : List.of("spark.serializer", "spark.kryo.registrator", "spark.jars",
                "spark.driver.extraClassPath", "spark.executor.extraClassPath", "spark.pyspark.python", "spark.task.maxFailures")) {
            assertEquals(defaults.get(key), effective.get(key), key + " as the template sets it");
        }
        System.out.println("Hail ran on Java " + seen.get("java"));
    }

    /**
     * jupyter/common-notebooks/hail-plotting-example.ipynb, executed by nbclient on this node: the
     * cluster cells on a local Spark with the template's spark-defaults and the bootstrap's jar
     * (src/test/sandbox/livy-standin.py), the plots location a local folder, simulated data.
     */
    @Test
    @Order(3)
    void examplePlottingNotebookProducesEveryPlot() throws Exception {
        Path home = node.root().resolve("notebook-home");
        Path work = node.root().resolve("notebook-work");
        Path bucket = node.root().resolve("plots-bucket/plots/main");
        Path startup = node.root().resolve("ipython/profile_default/startup");
        Files.createDirectories(home.resolve(".hailctl"));
        Files.createDirectories(work);
        Files.createDirectories(bucket);
        Files.createDirectories(startup);
        Files.copy(TestTools.projectDir().resolve("src/test/sandbox/livy-standin.py"), startup.resolve("00-livy-standin.py"));
        // What use-cluster writes, with the plots location a folder instead of s3://<hail bucket>/plots/main/.
        Files.writeString(home.resolve(".hailctl/cluster.json"), "{\"cluster_id\": \"j-LOCAL\", \"cluster_name\": \"dev-main\","
                + " \"livy_url\": \"http://localhost:8998\", \"plots_location\": \"file://" + bucket + "/\", \"region\": \"us-east-1\"}");
        Path executed = node.root().resolve("executed.ipynb");
        Path python = TestTools.hailVenvBin("python");
        Path sparkHome = python.getParent().getParent().resolve("lib/python3.11/site-packages/pyspark");

        Sandbox.Run run = node.run(Duration.ofMinutes(20), "env", "HOME=" + home, "IPYTHONDIR=" + node.root().resolve("ipython"),
                "SPARK_HOME=" + sparkHome, "SPARK_CONF_DIR=/etc/spark/conf", "PYTHONHASHSEED=0",
                "HAILCTL_LOCAL_SPARK=1", "HAILCTL_EXAMPLE_DATA=synthetic", "HAIL_PLOTS_LOCATION=file://" + bucket + "/",
                python.toString(), TestTools.projectDir().resolve("src/test/sandbox/run-notebook.py").toString(),
                TestTools.projectDir().resolve("jupyter/common-notebooks/hail-plotting-example.ipynb").toString(),
                executed.toString(), work.toString());
        System.out.printf("hail-plotting-example.ipynb on a local Hail: %d ms%n", run.total().toMillis());
        String notebook = Files.exists(executed) ? Files.readString(executed) : "(not written)";
        assertEquals(0, run.exit(), run.output());

        List<String> plots = List.of("dp-histogram", "cumulative-histogram", "scatter", "pca", "histogram-2d", "qq", "manhattan");
        List<Map<?, ?>> cells = ((List<?>) JsonDoc.object(notebook).get("cells")).stream().<Map<?, ?>>map(c -> (Map<?, ?>) c).toList();
        for (String plot : plots) {
            Map<?, ?> shown = cells.stream().filter(c -> String.join("", strings(c.get("source"))).contains("show_plot(\"" + plot + "\")"))
                    .findFirst().orElseThrow(() -> new AssertionError("no show_plot cell for " + plot));
            String html = ((List<?>) shown.get("outputs")).stream().map(o -> (Map<?, ?>) ((Map<?, ?>) o).get("data"))
                    .filter(d -> d != null && d.get("text/html") != null)
                    .map(d -> String.join("", strings(d.get("text/html")))).findFirst()
                    .orElseThrow(() -> new AssertionError(plot + ": no HTML output: " + shown.get("outputs")));
            assertTrue(html.startsWith("<iframe srcdoc=") && html.contains("Bokeh") && html.length() > 2000,
                    plot + ": " + html.substring(0, Math.min(300, html.length())));
            Path copy = work.resolve("plots/" + plot + ".html");
            assertTrue(Files.size(copy) > 2000, copy + " is the local copy");
            try (Stream<Path> saved = Files.walk(bucket)) {
                assertEquals(1, saved.filter(p -> p.getFileName().toString().equals(plot + ".html")).count(),
                        plot + ".html saved once under the plots location by save_plot");
            }
        }
        for (Map<?, ?> c : cells) {
            for (Object o : (List<?>) (c.get("outputs") == null ? List.of() : c.get("outputs"))) {
                assertFalse("error".equals(((Map<?, ?>) o).get("output_type")), "a cell failed: " + o);
            }
        }
    }

    private static List<String> strings(Object textOrLines) {
        return textOrLines instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of(String.valueOf(textOrLines));
    }

    private static Path wheel() throws IOException {
        try (Stream<Path> files = Files.list(TestTools.hailVenvBin("python").getParent().getParent().getParent().resolve("hail-wheels"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("hail-" + hailVersion + "-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no hail " + hailVersion + " wheel in the tools cache"));
        }
    }

    private static String sha256(InputStream in) throws Exception {
        try (in) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        }
    }
}

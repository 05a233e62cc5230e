package io.hailctl.fidelity;

import io.hailctl.testing.JsonDoc;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import io.hailctl.testing.Sandbox;
import io.hailctl.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notebook lifecycle configuration of cloudformation/hail-jupyter.yml, executed: the OnCreate
 * and OnStart scripts exactly as SageMaker receives them (template substitutions done for user
 * alice), run as root in a {@link Sandbox} with the real AWS CLI against moto. A first boot creates
 * the layout and restores nothing; the backup cron entry passes {@code crontab -n} and its command,
 * run once as ec2-user with cron's environment, copies the work folder to s3://jupyter/alice/; a
 * second start keeps the volume's newer edits; a new volume (a new notebook) gets the backup back.
 */
@ExtendWith(MotoExtension.class)
class NotebookLifecycleIT {
    private static final String TEMPLATE = "cloudformation/hail-jupyter.yml";
    private static final String BUCKET = "dev-jupyter-123456789012";
    private static final String USER = "alice";
    private static final Map<String, String> PARAMS = Map.of("EnvironmentName", "dev", "UserName", USER,
            "JupyterBucket", BUCKET, "HailBucket", "dev-hail-123456789012", "SubnetId", "subnet-1",
            "NotebookSecurityGroupId", "sg-1");
    /** SageMaker's limit on one lifecycle script: its base64 text is 1-16384 characters. */
    private static final int SAGEMAKER_SCRIPT_LIMIT = 16384;
    /** SageMaker fails the notebook when a lifecycle script runs longer than 5 minutes. */
    private static final Duration SAGEMAKER_TIME_LIMIT = Duration.ofMinutes(5);
    private static final String NB = NotebookMachine.NB;
    private static final String EC2_USER_UID = NotebookMachine.EC2_USER_UID;

    @Test
    void firstBootBackupSecondStartAndNewVolume(Moto moto) throws Exception {
        String onCreate = script("OnCreate");
        String onStart = script("OnStart");
        for (String s : List.of(onCreate, onStart)) {
            int size = Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)).length();
            assertTrue(size <= SAGEMAKER_SCRIPT_LIMIT, "lifecycle script is " + size + " base64 characters:\n" + s);
            System.out.printf("lifecycle script %s: %d bytes, %d base64 characters (limit %d)%n",
                    s.lines().skip(1).findFirst().orElse(""), s.length(), size, SAGEMAKER_SCRIPT_LIMIT);
        }
        try (Sandbox first = NotebookMachine.create(moto, "lifecycle-first"); Sandbox second = NotebookMachine.create(moto, "lifecycle-new-volume")) {
            first.aws("s3", "mb", "s3://" + BUCKET);
            Path project = TestTools.projectDir();
            first.aws("s3", "cp", project.resolve("jupyter/common-notebooks/hail-plotting-example.ipynb").toString(),
                    "s3://" + BUCKET + "/common-notebooks/hail-plotting-example.ipynb");
            first.aws("s3", "cp", "--recursive", project.resolve("jupyter/scripts").toString(), "s3://" + BUCKET + "/scripts/");

            // First boot of a new notebook: OnCreate, then OnStart.
            boot(first, onCreate, onStart);
            assertLayout(first);
            assertEquals(Set.of(), userKeys(first), "nothing to restore, nothing written to the user's prefix yet");

            // The backup entry: cron syntax, then its command once, as cron would run it.
            String cronFile = Sandbox.read(first.written("/etc/cron.d/hailctl-backup"));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(first.written("/etc/cron.d/hailctl-backup"))));
            CronEntry entry = CronEntry.parse(cronFile);
            assertEquals("*/5 * * * *", entry.schedule());
            assertEquals("ec2-user", entry.user());
            assertFalse(entry.command().contains("%"), "cron turns % into a newline: " + entry.command());
            assertCrontabAccepts(first, entry);

            write(first, NB + "/project/analysis.ipynb", "{\"cells\": [], \"v\": 1}");
            write(first, NB + "/project/.ipynb_checkpoints/analysis-checkpoint.ipynb", "{}");
            write(first, NB + "/bin/scratch", "not backed up");
            Sandbox.Run backup = runCron(first, entry).ok();
            Set<String> backedUp = userKeys(first);
            assertTrue(backedUp.contains(USER + "/project/analysis.ipynb"), backedUp + "\n" + backup.output());
            for (String key : backedUp) {
                assertFalse(key.contains("/bin/") || key.contains(".ipynb_checkpoints") || key.contains("/.hailctl-")
                        || key.contains("lost+found"), "excluded path backed up: " + key);
            }

            // Second start of the same volume: a local edit newer than the backup stays.
            write(first, NB + "/project/analysis.ipynb", "{\"cells\": [], \"v\": 2}");
            Sandbox.Run restart = first.run(Duration.ofMinutes(2), "bash", "-c", onStart).ok();
            assertInsideLimit(restart);
            assertEquals("{\"cells\": [], \"v\": 2}", Sandbox.read(first.written(NB + "/project/analysis.ipynb")));

            // A new volume (the notebook re-created): OnCreate + OnStart restore the backup.
            boot(second, onCreate, onStart);
            assertLayout(second);
            Path restored = second.written(NB + "/project/analysis.ipynb");
            assertEquals("{\"cells\": [], \"v\": 1}", Sandbox.read(restored));
            assertEquals(EC2_USER_UID, owner(restored), "restored files belong to ec2-user");
        }
    }

    private static String script(String hook) {
        return TemplateNode.text(TEMPLATE, "/Resources/LifecycleConfig/Properties/" + hook + "/0/Content", PARAMS);
    }

    private static void boot(Sandbox s, String onCreate, String onStart) {
        for (String script : List.of(onCreate, onStart)) {
            Sandbox.Run run = s.run(SAGEMAKER_TIME_LIMIT, "bash", "-c", script).ok();
            assertInsideLimit(run);
        }
    }

    /** SageMaker waits for the foreground only; the background work is measured too, to stay honest. */
    private static void assertInsideLimit(Sandbox.Run run) {
        System.out.printf("lifecycle script: foreground %d ms, with its background work %d ms%n",
                run.foreground().toMillis(), run.total().toMillis());
        assertTrue(run.foreground().compareTo(Duration.ofSeconds(30)) < 0, "foreground took " + run.foreground());
        assertTrue(run.total().compareTo(Duration.ofMinutes(1)) < 0, "background work took " + run.total());
    }

    private static void assertLayout(Sandbox s) throws IOException {
        Map<String, Object> facts = JsonDoc.object(Sandbox.read(s.written("/home/ec2-user/.hailctl/notebook.json")));
        assertEquals(Map.of("environment", "dev", "user", USER, "region", Sandbox.REGION,
                "jupyter_bucket", BUCKET, "hail_bucket", "dev-hail-123456789012"), facts);
        assertTrue(Files.isRegularFile(s.written(NB + "/.hailctl-restored")), "restore marker");
        assertTrue(Files.isRegularFile(s.written(NB + "/common-notebooks/hail-plotting-example.ipynb")));
        for (String script : List.of("list-clusters", "use-cluster", "ssm")) {
            Path p = s.written(NB + "/bin/" + script);
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), script);
            assertEquals(EC2_USER_UID, owner(p), script + " belongs to ec2-user");
        }
        String log = Sandbox.read(s.written("/home/ec2-user/hailctl-lifecycle.log"));
        assertFalse(log.contains("fatal error") || log.contains("An error occurred"), log);
    }

    private static void assertCrontabAccepts(Sandbox s, CronEntry entry) throws IOException {
        // crontab -n checks a user crontab: the same line without the cron.d user field.
        Path userCrontab = s.root().resolve("crontab-check");
        Files.writeString(userCrontab, entry.asUserCrontab());
        Path out = s.root().resolve("crontab-check.log");
        Process p = new ProcessBuilder("crontab", "-n", userCrontab.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(0, p.exitValue(), "crontab -n rejects the backup entry:\n" + Sandbox.read(out));
    }

    /** cron's way: SHELL and the other variables from the file, a minimal environment, the job's user. */
    private static Sandbox.Run runCron(Sandbox s, CronEntry entry) {
        Map<String, String> vars = new java.util.LinkedHashMap<>(Map.of("HOME", NotebookMachine.HOME,
                "LOGNAME", "ec2-user", "PATH", "/usr/bin:/bin"));
        vars.putAll(entry.variables());
        return NotebookMachine.asEc2User(s, Duration.ofMinutes(2), vars,
                entry.variables().getOrDefault("SHELL", "/bin/sh"), "-c", entry.command());
    }

    private static void write(Sandbox s, String path, String content) {
        s.run(Duration.ofMinutes(1), "bash", "-c", "install -D -o ec2-user -g ec2-user -m 0644 /dev/stdin '"
                + path + "' <<'EOF'\n" + content + "\nEOF\ntruncate -s -1 '" + path + "'").ok();
    }

    private static Set<String> userKeys(Sandbox s) {
        String out = s.aws("s3api", "list-objects-v2", "--bucket", BUCKET, "--prefix", USER + "/",
                "--query", "Contents[].Key", "--output", "text");
        Set<String> keys = new TreeSet<>();
        for (String k : out.trim().split("\\s+")) {
            if (!k.isEmpty() && !k.equals("None")) {
                keys.add(k);
            }
        }
        return keys;
    }

    private static String owner(Path p) throws IOException {
        return String.valueOf(Files.getAttribute(p, "unix:uid"));
    }
}

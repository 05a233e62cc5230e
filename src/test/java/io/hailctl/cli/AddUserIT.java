package io.hailctl.cli;

import io.hailctl.config.ConfigLoader;
import io.hailctl.config.HailctlConfig;
import io.hailctl.config.Overrides;
import io.hailctl.config.Precedence;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.efs.model.AccessPointDescription;
import software.amazon.awssdk.services.efs.model.Tag;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(MotoExtension.class)
class AddUserIT {

    @Test
    void createsTheDocumentedAccessPointAndHandsItsIdToTheNotebookStack(Moto moto, @TempDir Path dir) throws Exception {
        try (UsersFixture env = UsersFixture.deployed(moto, dir, true)) {
            String fs = env.fileSystemId.orElseThrow();

            CliRun.Result r = env.cli().run("add-user", "carol");

            assertEquals(0, r.exitCode(), r.toString());
            List<AccessPointDescription> aps = env.accessPoints();
            assertEquals(1, aps.size(), aps.toString());
            AccessPointDescription ap = aps.get(0);
            assertEquals(fs, ap.fileSystemId());
            assertEquals(500L, ap.posixUser().uid());
            assertEquals(501L, ap.posixUser().gid());
            assertEquals(List.of(), ap.posixUser().secondaryGids());
            assertEquals("/sagemaker/carol", ap.rootDirectory().path());
            assertEquals(500L, ap.rootDirectory().creationInfo().ownerUid());
            assertEquals(501L, ap.rootDirectory().creationInfo().ownerGid());
            assertEquals("750", ap.rootDirectory().creationInfo().permissions());
            Map<String, String> tags = ap.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
            assertEquals("carol", tags.get("Name"));
            assertEquals("itest", tags.get("hailctl:environment"));
            assertEquals("carol", tags.get("hailctl:user"));

            Stack notebook = env.stack("itest-jupyter-carol").orElseThrow();
            Map<String, String> params = notebook.parameters().stream()
                    .collect(Collectors.toMap(Parameter::parameterKey, Parameter::parameterValue));
            assertEquals(ap.accessPointId(), params.get("EfsAccessPointId"));
            assertEquals(fs, params.get("EfsFileSystemId"));
            assertEquals("carol", params.get("UserName"));

            // The file system now has a valid policy (IAM authorisation on), not the original's NoAction.
            String policy = env.aws.efs().describeFileSystemPolicy(b -> b.fileSystemId(fs)).policy();
            assertFalse(policy.contains("NoAction"), policy);
            List<?> statements = (List<?>) ((Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(policy))
                    .get("Statement");
            assertEquals(List.of("HailctlDenyClientsWithoutTls", "HailctlWriteOnlyThroughAccessPoints"),
                    statements.stream().map(s -> ((Map<?, ?>) s).get("Sid")).toList());

            // How to open it: the console and the Jupyter URL; no presigned link unless asked (it is a credential).
            String name = output(notebook, "NotebookInstanceName");
            assertTrue(r.out().contains("  carol: notebook " + name + ", EFS access point " + ap.accessPointId() + "\n"), r.out());
            assertTrue(r.out().contains("    (sign-in link: not asked for (--sign-in-link prints a personal 5-minute link))\n"),
                    r.out());
            assertTrue(r.out().contains("    open it from the SageMaker console: https://us-east-1.console.aws.amazon.com/"
                    + "sagemaker/home?region=us-east-1#/notebook-instances/" + name + "\n"), r.out());
            assertTrue(r.out().contains(output(notebook, "NotebookUrl")), r.out());

            // hailctl.yaml lists carol now, its comments and order kept.
            String config = env.config();
            assertTrue(config.startsWith(env.configText), config);
            assertTrue(config.endsWith("  - name: alice       # already there\n  - name: carol\n"), config);
            assertTrue(r.out().endsWith("hailctl.yaml: added carol\n"), r.out());
            assertEquals(List.of("alice", "carol"), load(dir).userNames());

            // The writes counted are exactly the ones expected (so counting them elsewhere means something),
            // between taking the environment lock and giving it back.
            assertEquals(List.of("Ssm.PutParameter", "Efs.PutFileSystemPolicy", "Efs.CreateAccessPoint",
                    "CloudFormation.CreateStack", "Ssm.DeleteParameter"), env.calls.writes());
        }
    }

    @Test
    void aSecondRunCreatesNothing(Moto moto, @TempDir Path dir) throws Exception {
        try (UsersFixture env = UsersFixture.deployed(moto, dir, true)) {
            assertEquals(0, env.cli().run("add-user", "carol").exitCode());
            String configAfterFirst = env.config();
            String accessPoint = env.accessPoints().get(0).accessPointId();
            env.calls.clear();

            CliRun.Result again = env.cli().run("add-user", "carol", "--sign-in-link");

            assertEquals(0, again.exitCode(), again.toString());
            // Asked for, the link is requested; the emulator has none and that is said plainly.
            assertTrue(again.out().contains("    (sign-in link: SageMaker CreatePresignedNotebookInstanceUrl answered HTTP 500)\n"),
                    again.out());
            assertEquals(List.of(), env.calls.writes(), "no write call on the second run");
            assertFalse(env.calls.all().isEmpty(), "the second run did read (the counter sees calls)");
            assertEquals(List.of(accessPoint), env.accessPoints().stream().map(AccessPointDescription::accessPointId).toList());
            assertEquals(configAfterFirst, env.config());
            assertTrue(Pattern.compile("(?m)^  efs-carol +unchanged ").matcher(again.out()).find(), again.out());
            assertTrue(Pattern.compile("(?m)^  jupyter-carol +unchanged ").matcher(again.out()).find(), again.out());
            assertTrue(again.out().endsWith("hailctl.yaml: already lists carol\n"), again.out());
        }
    }

    @Test
    void fiveKindsOfBadNameAreRefusedWithNoWrite(Moto moto, @TempDir Path dir) throws Exception {
        try (UsersFixture env = UsersFixture.deployed(moto, dir, true)) {
            Map<String, String> refused = Map.of(
                    "x", "user names are 2 to 32 characters",
                    "Carol", "user names use lowercase letters, digits and single hyphens, start with a letter and "
                            + "end with a letter or digit",
                    "carol/../bob", "user names use lowercase letters, digits and single hyphens, start with a letter "
                            + "and end with a letter or digit",
                    "carol_smith", "user names use lowercase letters, digits and single hyphens, start with a letter "
                            + "and end with a letter or digit",
                    "common-notebooks", "\"common-notebooks\" is reserved: the buckets use it as a shared top-level folder");
            for (Map.Entry<String, String> bad : refused.entrySet()) {
                // A good name first: it must not be added either.
                CliRun.Result r = env.cli().run("add-user", "dave", bad.getKey());

                assertEquals(2, r.exitCode(), r.toString());
                assertEquals("hailctl: user name \"" + bad.getKey() + "\": " + bad.getValue() + "\n", r.err());
            }
            assertEquals(List.of(), env.calls.all(), "not even a read: names are checked before AWS");
            assertEquals(List.of(), env.accessPoints());
            assertTrue(env.stack("itest-jupyter-dave").isEmpty());
            assertEquals(env.configText, env.config());
        }
    }

    @Test
    void withoutEfsItJustDeploysTheNotebook(Moto moto, @TempDir Path dir) throws Exception {
        try (UsersFixture env = UsersFixture.deployed(moto, dir, false)) {
            CliRun.Result r = env.cli().run("add-user", "dave", "--instance-type", "ml.t3.large", "--volume-size", "50");

            assertEquals(0, r.exitCode(), r.toString());
            Stack notebook = env.stack("itest-jupyter-dave").orElseThrow();
            Map<String, String> params = notebook.parameters().stream()
                    .collect(Collectors.toMap(Parameter::parameterKey, Parameter::parameterValue));
            assertEquals("", params.get("EfsAccessPointId"));
            assertEquals("", params.get("EfsFileSystemId"));
            assertEquals("ml.t3.large", params.get("InstanceType"));
            assertEquals("50", params.get("VolumeSizeGB"));
            assertEquals(List.of(), env.accessPoints());
            assertTrue(env.calls.all().stream().noneMatch(c -> c.startsWith("Efs.")),
                    env.calls.all().toString());
            assertTrue(env.config().endsWith("  - name: dave\n    instanceType: ml.t3.large\n    volumeSizeGb: 50\n"),
                    env.config());
        }
    }

    @Test
    void severalUsersAtOnceAndNoSave(Moto moto, @TempDir Path dir) throws Exception {
        try (UsersFixture env = UsersFixture.deployed(moto, dir, true)) {
            CliRun.Result r = env.cli().run("add-user", "erin", "frank", "--no-save");

            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(List.of("/sagemaker/erin", "/sagemaker/frank"), env.accessPoints().stream()
                    .map(a -> a.rootDirectory().path()).sorted().toList());
            assertTrue(env.stack("itest-jupyter-erin").isPresent());
            assertTrue(env.stack("itest-jupyter-frank").isPresent());
            assertEquals(env.configText, env.config(), "--no-save leaves hailctl.yaml alone");
            assertTrue(r.out().contains("hailctl.yaml: not changed (--no-save)"), r.out());
        }
    }

    @Test
    void aFileSystemThatIsNotThereIsRefusedBeforeAnyWrite(Moto moto, @TempDir Path dir) throws Exception {
        try (UsersFixture env = UsersFixture.deployed(moto, dir, true)) {
            String text = env.config().replace(env.fileSystemId.orElseThrow(), "fs-0123456789abcdef0");
            java.nio.file.Files.writeString(dir.resolve("hailctl.yaml"), text);

            CliRun.Result r = env.cli().run("add-user", "carol");

            assertEquals(3, r.exitCode(), r.toString());
            // Pre-flight refuses it, before the run starts: one line on stderr.
            assertEquals("hailctl: efs.fileSystemId = fs-0123456789abcdef0: no such EFS file system in us-east-1",
                    r.err().lines().findFirst().orElse(""), r.toString());
            assertEquals(List.of(), env.calls.writes());
            assertTrue(env.stack("itest-jupyter-carol").isEmpty());
            assertEquals(text, env.config(), "carol is not listed: her notebook was not made");
        }
    }

    private static String output(Stack stack, String key) {
        return stack.outputs().stream().filter(o -> o.outputKey().equals(key)).findFirst().orElseThrow().outputValue();
    }

    private static HailctlConfig load(Path dir) {
        return new ConfigLoader(new Precedence(Map.of())).load(dir.resolve("hailctl.yaml"),
                new Overrides(Optional.empty(), Optional.empty()));
    }
}

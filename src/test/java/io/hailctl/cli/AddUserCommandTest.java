package io.hailctl.cli;

import io.hailctl.testing.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The paths where add-user and remove-user refuse their input. AWS points at a closed port: had
 * anything reached for AWS before the refusal, the exit code would be 4 (unreachable), not 2.
 */
class AddUserCommandTest {
    private static final String SHAPE = "user names use lowercase letters, digits and single hyphens, start with a"
            + " letter and end with a letter or digit";
    private static final String CONFIG = """
            # the team's environment
            environment: demo
            region: us-east-1
            network:
              vpcId: default
              subnetId: default
            buckets:
              hail: demo-hail-bucket
              logs: demo-logs-bucket
              jupyter: demo-jupyter-bucket
            users:
              - name: alice   # the first user
                instanceType: ml.t3.large
            """;

    @TempDir
    Path dir;
    private CliRun cli;
    private int closed;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(dir.resolve("hailctl.yaml"), CONFIG);
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        cli = new CliRun().workingDir(dir).home(dir)
                .env("AWS_ACCESS_KEY_ID", "test").env("AWS_SECRET_ACCESS_KEY", "test").env("AWS_REGION", "us-east-1")
                .env("AWS_ENDPOINT_URL", "http://127.0.0.1:" + closed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a                                 | user name "a": user names are 2 to 32 characters
            abcdefghijklmnopqrstuvwxyz0123456 | user name "abcdefghijklmnopqrstuvwxyz0123456": user names are 2 to 32 characters
            Bob                               | user name "Bob": SHAPE
            bob_smith                         | user name "bob_smith": SHAPE
            ../etc                            | user name "../etc": SHAPE
            bob--smith                        | user name "bob--smith": SHAPE
            bob-                              | user name "bob-": SHAPE
            scripts                           | user name "scripts": "scripts" is reserved: the buckets use it as a shared top-level folder
            """)
    void badNamesAreRefusedInOneLineBeforeAnyAwsCall(String name, String line) throws Exception {
        CliRun.Result r = cli.run("add-user", "carol", name);

        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("hailctl: " + line.replace("SHAPE", SHAPE) + "\n", r.err());
        assertEquals("", r.out());
        assertEquals(CONFIG, Files.readString(dir.resolve("hailctl.yaml")), "hailctl.yaml untouched");
    }

    @Test
    void removeUserRefusesABadNameTheSameWay() throws Exception {
        CliRun.Result r = cli.run("--yes", "remove-user", "alice", "Alice");

        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("hailctl: user name \"Alice\": " + SHAPE + "\n", r.err());
        assertEquals(CONFIG, Files.readString(dir.resolve("hailctl.yaml")));
    }

    @Test
    void aBadInstanceTypeIsRefused() throws Exception {
        CliRun.Result r = cli.run("add-user", "carol", "--instance-type", "t3.large");

        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("hailctl: --instance-type \"t3.large\": expected a SageMaker notebook instance type like "
                + "ml.t3.medium\n", r.err());
    }

    @Test
    void aVolumeOutsideSageMakersLimitsIsRefused() {
        CliRun.Result r = cli.run("add-user", "carol", "--volume-size", "2");

        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("hailctl: --volume-size 2: expected 5 to 16384 (GB)\n", r.err());
    }

    @Test
    void aListedUserIsNotChangedBehindTheFilesBack() throws Exception {
        CliRun.Result r = cli.run("add-user", "alice", "--instance-type", "ml.t3.medium");

        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("hailctl: user alice is already in hailctl.yaml with instance type ml.t3.large; add-user does "
                + "not change it to ml.t3.medium\n  Change it in hailctl.yaml and run: hailctl deploy jupyter alice\n",
                r.err());
        assertEquals(CONFIG, Files.readString(dir.resolve("hailctl.yaml")));
    }

    @Test
    void validInputGoesOnToAwsOnlyThen() {
        // The same command with good input gets as far as AWS, which is unreachable here: exit 4.
        CliRun.Result r = cli.run("add-user", "carol", "dave", "--volume-size", "30", "--instance-type", "ml.t3.large");

        assertEquals(4, r.exitCode(), r.toString());
        assertEquals("hailctl: Cannot reach the AWS endpoint http://127.0.0.1:" + closed + " (Connection refused)",
                r.err().lines().findFirst().orElse(""));
    }
}

package io.hailctl.aws;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(MotoExtension.class)
class AwsClientsIT {

    @Test
    void talksToTheEmulatorAsTheLocalAccount(Moto moto) {
        try (AwsClients aws = moto.clients()) {
            assertEquals(Moto.ACCOUNT, aws.sts().getCallerIdentity().account());
            assertEquals("us-east-1", aws.region());
        }
    }

    @Test
    void s3RoundTripUsesPathStyleUnderTheOverride(Moto moto) {
        try (AwsClients aws = moto.clients()) {
            S3Client s3 = aws.s3();
            s3.createBucket(b -> b.bucket("round.trip-bucket"));
            s3.putObject(p -> p.bucket("round.trip-bucket").key("a/b.txt"), RequestBody.fromString("hello"));
            assertEquals("hello", s3.getObjectAsBytes(g -> g.bucket("round.trip-bucket").key("a/b.txt")).asUtf8String());
        }
    }

    @Test
    void anUnreachableEndpointFailsWithOneClearLineWithinSeconds() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        AwsTarget target = AwsTarget.emulator(URI.create("http://127.0.0.1:" + closedPort));
        Instant start = Instant.now();
        try (AwsClients aws = AwsClients.open(target, Map.of())) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> aws.sts().getCallerIdentity());
            HailctlException h = AwsFailures.translate(e).orElseThrow();
            assertEquals(ExitCode.AWS_ACCESS, h.exitCode());
            assertEquals("Cannot reach the AWS endpoint http://127.0.0.1:" + closedPort + " (Connection refused)",
                    h.getMessage());
        }
        Duration took = Duration.between(start, Instant.now());
        assertTrue(took.toSeconds() < 10, "no long hang: took " + took);
    }

    @Test
    void noRegionAnywhereIsOneClearLine(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "[default]\noutput = json\n");
        HailctlException e = withAwsConfig(config, dir.resolve("none"), () -> assertThrows(HailctlException.class,
                () -> AwsClients.open(new AwsTarget(Optional.empty(), Optional.empty(), Optional.empty(), false),
                        Map.of("AWS_EC2_METADATA_DISABLED", "true"))));
        assertEquals(ExitCode.AWS_ACCESS, e.exitCode());
        assertEquals("No AWS region: none in --region, AWS_REGION, hailctl.yaml or the AWS profile", e.getMessage());
    }

    @Test
    void theProfilesRegionIsUsedWhenNothingElseGivesOne(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "[profile lab]\nregion = eu-west-2\n");
        Path credentials = Files.writeString(dir.resolve("credentials"),
                "[lab]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n");
        try (AwsClients aws = withAwsConfig(config, credentials, () -> AwsClients.open(
                new AwsTarget(Optional.empty(), Optional.of("lab"), Optional.empty(), false), Map.of()))) {
            assertEquals("eu-west-2", aws.region());
        }
    }

    @Test
    void anUnknownProfileIsNamed(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "[profile lab]\nregion = eu-west-2\n");
        HailctlException e = withAwsConfig(config, dir.resolve("none"), () -> assertThrows(HailctlException.class,
                () -> AwsClients.open(new AwsTarget(Optional.of("us-east-1"), Optional.of("labb"), Optional.empty(), false),
                        Map.of())));
        assertEquals(ExitCode.AWS_ACCESS, e.exitCode());
        assertEquals("AWS profile 'labb' is not defined in ~/.aws/config or ~/.aws/credentials", e.getMessage());
    }

    @Test
    void missingCredentialsFailFastOffEc2(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "[default]\nregion = us-east-1\n");
        Instant start = Instant.now();
        HailctlException e = withAwsConfig(config, dir.resolve("none"), () -> assertThrows(HailctlException.class,
                () -> AwsClients.open(new AwsTarget(Optional.of("us-east-1"), Optional.empty(), Optional.empty(), false),
                        Map.of("AWS_EC2_METADATA_DISABLED", "true"))));
        assertEquals(ExitCode.AWS_ACCESS, e.exitCode());
        assertTrue(e.getMessage().startsWith("No usable AWS credentials: "), e.getMessage());
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 5, "no metadata-service hang");
    }

    /** Points the SDK's profile files at test files (system properties the SDK documents). */
    private static <T> T withAwsConfig(Path config, Path credentials, java.util.concurrent.Callable<T> body) throws Exception {
        String oldConfig = System.getProperty("aws.configFile");
        String oldCreds = System.getProperty("aws.sharedCredentialsFile");
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try {
            return body.call();
        } finally {
            restore("aws.configFile", oldConfig);
            restore("aws.sharedCredentialsFile", oldCreds);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}

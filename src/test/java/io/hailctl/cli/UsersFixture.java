package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.testing.CallCounter;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.Moto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An environment in the emulator for the add-user / remove-user tests: hailctl.yaml (with
 * comments, to see them survive), an EFS file system made the way a team would make it by hand,
 * and the s3 and network stacks deployed by hailctl itself. {@link #cli()} runs count their AWS calls.
 */
final class UsersFixture implements AutoCloseable {
    static final String ENV = "itest";
    static final String JUPYTER_BUCKET = "itest-hailctl-jupyter";

    final Moto moto;
    final Path dir;
    final AwsClients aws;
    final CallCounter calls = new CallCounter();
    final Optional<String> fileSystemId;
    final String configText;

    private UsersFixture(Moto moto, Path dir, boolean withEfs) throws Exception {
        this.moto = moto;
        this.dir = dir;
        this.aws = moto.clients();
        this.fileSystemId = withEfs
                ? Optional.of(aws.efs().createFileSystem(b -> b.creationToken("team-efs").encrypted(true)).fileSystemId())
                : Optional.empty();
        this.configText = """
                # Hail on EMR for the integration tests
                environment: itest
                region: us-east-1

                network:
                  vpcId: default      # the emulator's default VPC
                  subnetId: default

                buckets:
                  hail: itest-hailctl-hail
                  logs: itest-hailctl-logs
                  jupyter: itest-hailctl-jupyter
                """ + fileSystemId.map(fs -> "\nefs:\n  fileSystemId: " + fs + "   # made by hand\n").orElse("") + """

                users:
                  - name: alice       # already there
                """;
        Files.writeString(dir.resolve("hailctl.yaml"), configText);
    }

    /** The environment with its buckets and security groups deployed, ready for users. */
    static UsersFixture deployed(Moto moto, Path dir, boolean withEfs) throws Exception {
        UsersFixture f = new UsersFixture(moto, dir, withEfs);
        for (String part : List.of("s3", "network")) {
            CliRun.Result r = f.direct().run("-q", "deploy", part);
            assertEquals(0, r.exitCode(), r.toString());
        }
        return f;
    }

    /** hailctl on the emulator, its AWS calls counted in {@link #calls}. */
    CliRun cli() {
        return new CliRun().workingDir(dir).home(dir).against(moto).awsCalls(calls);
    }

    /** hailctl on the emulator for set-up that the test does not count. */
    CliRun direct() {
        return new CliRun().workingDir(dir).home(dir).against(moto);
    }

    String config() throws Exception {
        return Files.readString(dir.resolve("hailctl.yaml"));
    }

    List<software.amazon.awssdk.services.efs.model.AccessPointDescription> accessPoints() {
        return aws.efs().describeAccessPoints(b -> fileSystemId.ifPresent(b::fileSystemId)).accessPoints();
    }

    Optional<software.amazon.awssdk.services.cloudformation.model.Stack> stack(String name) {
        return aws.cloudFormation().describeStacks().stacks().stream().filter(s -> s.stackName().equals(name))
                .filter(s -> !s.stackStatusAsString().equals("DELETE_COMPLETE")).findFirst();
    }

    @Override
    public void close() {
        aws.close();
    }
}

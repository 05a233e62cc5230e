package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.bundle.Bundle;
import io.hailctl.bundle.PackerBundle;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `hailctl amis` through the real CLI against moto: catalogue, this environment's AMIs, deploy's choice. */
@ExtendWith(MotoExtension.class)
class AmisIT {
    private static final String CONFIG = """
            environment: demo
            network:
              vpcId: default
              subnetId: default
            buckets:
              hail: demo-hail-bucket
              logs: demo-log-bucket
              jupyter: demo-jupyter-bucket
            ami:
              source: %s
            """;

    @TempDir
    Path dir;
    private Moto moto;

    @BeforeEach
    void setUp(Moto moto) {
        this.moto = moto;
    }

    private CliRun.Result amis(String source, String... args) throws Exception {
        Files.writeString(dir.resolve("hailctl.yaml"), CONFIG.formatted(source));
        List<String> all = new ArrayList<>(List.of("amis"));
        all.addAll(List.of(args));
        return new CliRun().against(moto).workingDir(dir).run(all.toArray(String[]::new));
    }

    /** An AMI as a build of this environment leaves it (packer/ tags, the bundle tag hailctl adds, SSM). */
    private String built(AwsClients aws, String env, String hail, String bundleSha) {
        String id = aws.ec2().registerImage(b -> b.name("hail-" + hail + "-vep-none-emr-7.12.0-x")).imageId();
        List<Tag> tags = new ArrayList<>();
        Map.of("hailctl:environment", env, "hailctl:build-id", env + "-hail-ami:b-" + hail, "hail-version", hail,
                "vep-version", "none", "emr-release", "emr-7.12.0", "hailctl:packer-bundle", bundleSha)
                .forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        aws.ec2().createTags(b -> b.resources(id).tags(tags));
        aws.ssm().putParameter(b -> b.name("/hail/" + env + "/ami/latest").type("String").value(id).overwrite(true));
        return id;
    }

    @Test
    void listsTheLegacyCatalogueThisEnvironmentsAmisAndTheOneDeployWouldUse() throws Exception {
        String sha = PackerBundle.of(new Bundle()).sha256();
        String mine;
        try (AwsClients aws = moto.clients()) {
            built(aws, "other", "0.2.139", sha);
            mine = built(aws, "demo", "0.2.139", sha);
        }
        CliRun.Result r = amis("build");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("Public AMI catalogue of the original solution (legacy EMR 5.x on Amazon Linux 1 (Spark 2.4): none "
                + "of these boots on EMR 7 or runs Hail >= 0.2.131):", lines.get(0));
        assertEquals(18, lines.stream().filter(l -> l.matches("^  us-(east|west)-\\d .*")).count(),
                "the original's 18 public AMIs: " + r.out());
        assertTrue(lines.contains("AMIs built by environment demo in us-east-1 (newest first):"), r.out());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("  ami-")).count(), "only this environment's: " + r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  " + mine + " ") && l.contains(" 0.2.139 none emr-7.12.0 ")
                && l.endsWith(" demo-hail-ami:b-0.2.139")), r.out());
        assertEquals("deploy would use (ami.source: build): " + mine + ", built for Hail 0.2.139, VEP none, emr-7.12.0, "
                + "bundle " + sha.substring(0, 12), lines.get(lines.size() - 1));

        CliRun.Result json = amis("build", "--output", "json");
        assertEquals(0, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"deployWouldUse\":{\"source\":\"build\",\"amiId\":\"" + mine + "\""), json.out());
        assertTrue(json.out().contains("\"amiId\":\"ami-070a61a0df447c1f9\",\"legacy\":true"), json.out());
    }

    @Test
    void withPublicItSaysWhyDeployWouldRefuse() throws Exception {
        CliRun.Result r = amis("public");
        assertEquals(0, r.exitCode(), r.toString());
        String last = r.out().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("deploy would use (ami.source: public): none, deploy refuses: ami.source = public: the "
                + "public AMI catalogue has no AMI for Hail 0.2.139 without VEP in us-east-1; in us-east-1 it has only "
                + "legacy EMR 5.x AMIs: Hail 0.2.32 + VEP 99 on emr-5.29.0 (ami-070a61a0df447c1f9)"), last);
        assertTrue(r.out().contains("AMIs built by environment demo in us-east-1 (newest first):\n  none yet (hailctl "
                + "build-ami builds one)"), r.out());
    }

    @Test
    void deployAmiDryRunShowsTheBundleKeyAndThatAnAmiWouldBeBuiltAndWritesNothing() throws Exception {
        Files.writeString(dir.resolve("hailctl.yaml"), CONFIG.formatted("build"));
        io.hailctl.testing.CallCounter calls = new io.hailctl.testing.CallCounter();
        CliRun cli = new CliRun().against(moto).workingDir(dir).awsCalls(calls);
        assertEquals(0, cli.run("deploy", "s3").exitCode());
        calls.clear();
        CliRun.Result r = cli.run("deploy", "ami", "--dry-run");
        assertEquals(0, r.exitCode(), r.toString());
        String sha = PackerBundle.of(new Bundle()).sha256();
        assertTrue(r.out().contains("would upload s3://demo-hail-bucket/hailctl/packer/" + sha + ".zip"), r.out());
        assertTrue(r.out().contains("PackerBundleKey = hailctl/packer/" + sha + ".zip (from packer-bundle.BundleKey)"),
                r.out());
        assertTrue(r.out().contains("would build an AMI for Hail 0.2.139, VEP none, emr-7.12.0, bundle "
                + sha.substring(0, 12)), r.out());
        assertEquals(List.of(), calls.writes());
    }

    @Test
    void deployWithPublicIsRefusedBeforeAnyStackExists() throws Exception {
        Files.writeString(dir.resolve("hailctl.yaml"), CONFIG.formatted("public"));
        CliRun.Result r = new CliRun().against(moto).workingDir(dir).run("deploy", "all");
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("hailctl: ami.source = public: the public AMI catalogue has no AMI for Hail 0.2.139 "
                + "without VEP in us-east-1;"), r.err());
        assertEquals("  Use ami.source: default (Hail installed at boot) or build (hailctl build-ami).",
                r.err().lines().toList().get(1));
        try (AwsClients aws = moto.clients()) {
            assertTrue(aws.cloudFormation().describeStacks().stacks().isEmpty(), "nothing written");
        }
    }
}

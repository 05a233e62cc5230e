package io.hailctl.iac;

import io.hailctl.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.JsonSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Packer provisioner scripts run for real, as Packer's shell provisioner runs them on the
 * builder (root, the template's variables, /tmp/hail-files), in a sandbox ({@code
 * scripts/lib/packer-dry-run}: a private mount namespace whose /etc, /opt, /usr, /var, /root, /home
 * and /tmp are overlays, so the scripts write their real paths and the machine is untouched), with
 * stubs only for what needs Amazon Linux, Docker or AWS (dnf, systemctl, docker, aws, cloud-init),
 * which record their calls. Both VEP branches: off installs nothing; on writes, per assembly, the
 * config Hail's {@code hl.vep} reads, checked as Hail reads it. The real {@code packer validate} of
 * both branches is {@code lint-iac packer} (TemplateLintIT). Needs root (the mounts), as the
 * builder has and as CI runs.
 */
class PackerProvisionersIT {
    private static final String IMAGE = "ensemblorg/ensembl-vep:release_116.0";

    @Test
    void vepOffInstallsNothing(TestInfo test) throws Exception {
        DryRun run = dryRun(test, "packer/scripts/install-vep.sh", Map.of(), "VEP_VERSION=none");

        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("== install-vep: VEP_VERSION=none, skipping"), run.out());
        assertEquals(List.of(), run.calls(), "no package, service, container or S3 call");
        for (String path : List.of("opt/vep", "usr/local/bin/vep", "usr/local/libexec/hail-vep-docker",
                "etc/sudoers.d/hail-vep", "etc/hail/vep-image")) {
            assertFalse(Files.exists(run.written(path)), path + " written with VEP off");
        }
    }

    @Test
    void vepOnInstallsTheRunnerAndWritesHailVepConfigs(TestInfo test) throws Exception {
        // GRCh37's cache and FASTA are in the data bucket; GRCh38's come from Ensembl (INSTALL.pl).
        DryRun run = dryRun(test, "packer/scripts/install-vep.sh", Map.of("DRY_RUN_S3_ASSEMBLIES", "GRCh37"),
                vep116("GRCh37,GRCh38"));

        assertEquals(0, run.exit(), run.out());
        assertTrue(run.calls().containsAll(List.of("dnf install -y -q docker", "systemctl enable --now docker",
                "docker pull -q " + IMAGE,
                "aws s3 cp --only-show-errors s3://hail-vep-pipeline/vep/cache/homo_sapiens_vep_116_GRCh37.tar.gz -",
                "docker run --rm -v /opt/vep/.vep:/opt/vep/.vep " + IMAGE + " INSTALL.pl --AUTO c --SPECIES homo_sapiens"
                        + " --ASSEMBLY GRCh38 --CACHE_VERSION 116 --CACHEDIR /opt/vep/.vep --NO_UPDATE --NO_HTSLIB --NO_TEST")),
                String.join("\n", run.calls()));
        // The smoke test went through /usr/local/bin/vep and the root helper into a network-less,
        // read-only container, as Hail's tasks will.
        assertTrue(run.calls().contains("docker run --rm -i --network none -v /opt/vep/.vep:/opt/vep/.vep:ro " + IMAGE
                + " vep --format vcf --json --cache --offline --assembly GRCh37 --dir_cache /opt/vep/.vep --no_stats -o STDOUT"),
                String.join("\n", run.calls()));
        assertTrue(run.out().contains("/etc/sudoers.d/hail-vep: parsed OK"), "visudo -cf: " + run.out());
        assertEquals("r--r-----", perms(run.written("etc/sudoers.d/hail-vep")));
        assertEquals("rwxr-xr-x", perms(run.written("usr/local/bin/vep")));
        assertEquals("rwxr-xr-x", perms(run.written("usr/local/libexec/hail-vep-docker")));
        assertEquals(IMAGE, Files.readString(run.written("etc/hail/vep-image")).strip());

        for (String assembly : List.of("GRCh37", "GRCh38")) {
            assertHailReadsVepConfig(run, assembly);
        }
    }

    @Test
    void vepWithoutAFastaFailsTheBuild(TestInfo test) throws Exception {
        DryRun run = dryRun(test, "packer/scripts/install-vep.sh", Map.of("DRY_RUN_NO_FASTA", "1"), vep116("GRCh38"));

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("install-vep: no toplevel FASTA for GRCh38 in /opt/vep/.vep/homo_sapiens/116_GRCh38"),
                run.out());
        assertFalse(Files.exists(run.written("opt/vep/vep-GRCh38.json")), "no config for a cache without FASTA");
    }

    @Test
    void baseRefusesAnythingButAmazonLinux2023(TestInfo test) throws Exception {
        DryRun run = dryRun(test, "packer/scripts/install-base.sh", Map.of("DRY_RUN_OS", "debian"));

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("install-base: this build needs an Amazon Linux 2023 source AMI (EMR 7)"), run.out());
        assertEquals(List.of(), run.calls());
    }

    @Test
    void baseOnAmazonLinux2023InstallsPython311AndNativeLibraries(TestInfo test) throws Exception {
        DryRun run = dryRun(test, "packer/scripts/install-base.sh", Map.of("DRY_RUN_OS", "al2023"));

        assertEquals(0, run.exit(), run.out());
        assertEquals(List.of(
                "dnf install -y -q python3.11 python3.11-pip python3.11-devel gcc-c++ libstdc++ jq unzip tar gzip",
                "dnf install -y -q lapack blas",
                "python3.11 --version"), run.calls());
    }

    @Test
    void cleanupLeavesNoKeysOrInstanceData(TestInfo test) throws Exception {
        DryRun run = dryRun(test, "packer/scripts/cleanup.sh", Map.of());

        assertEquals(0, run.exit(), run.out());
        assertEquals(List.of("dnf clean all -q", "cloud-init clean --logs"), run.calls());
        assertTrue(run.out().contains("cleanup: done"), run.out());
    }

    /** The config as Hail's hl.vep reads it: command (with the output-format placeholder), env, schema. */
    @SuppressWarnings("unchecked")
    private static void assertHailReadsVepConfig(DryRun run, String assembly) throws IOException {
        Path file = run.written("opt/vep/vep-" + assembly + ".json");
        Object doc = new Load(LoadSettings.builder().setSchema(new JsonSchema()).build())
                .loadFromString(Files.readString(file));
        Map<String, Object> config = assertInstanceOf(Map.class, doc, file + " is a JSON object");
        List<Object> command = assertInstanceOf(List.class, config.get("command"), "command is a list");
        assertTrue(command.stream().allMatch(String.class::isInstance), "command holds strings only");
        assertTrue(command.contains("__OUTPUT_FORMAT_FLAG__"), "Hail puts --json/--vcf there: " + command);
        assertEquals("/usr/local/bin/vep", command.get(0));
        assertEquals(assembly, after(command, "--assembly"));
        assertEquals("/opt/vep/.vep", after(command, "--dir_cache"));
        String fasta = (String) after(command, "--fasta");
        assertTrue(fasta.startsWith("/opt/vep/.vep/homo_sapiens/116_" + assembly + "/") && fasta.endsWith(".dna.toplevel.fa.gz"),
                fasta);
        assertTrue(Files.isRegularFile(run.written(fasta.substring(1))), "the FASTA the config names exists: " + fasta);
        assertEquals("STDOUT", after(command, "-o"), "Hail reads VEP's output from stdout");
        Map<Object, Object> env = assertInstanceOf(Map.class, config.get("env"), "env is an object");
        assertTrue(env.values().stream().allMatch(String.class::isInstance), "env values are strings");
        HailType schema = HailType.parse((String) config.get("vep_json_schema"));
        HailType.Struct root = assertInstanceOf(HailType.Struct.class, schema, "the schema is a Struct");
        assertEquals(new HailType.Primitive("String"), root.fields().get("input"));
        assertEquals(new HailType.Primitive("String"), root.fields().get("most_severe_consequence"));
        HailType.Container transcripts = assertInstanceOf(HailType.Container.class, root.fields().get("transcript_consequences"));
        assertEquals("Array", transcripts.kind());
        assertInstanceOf(HailType.Struct.class, transcripts.elements().get(0));
    }

    /** The variables hail.pkr.hcl gives install-vep.sh for VEP 116. */
    private static String[] vep116(String assemblies) {
        return new String[] {"VEP_VERSION=116", "VEP_ASSEMBLIES=" + assemblies, "VEP_IMAGE=" + IMAGE,
                "VEP_DATA_BUCKET=hail-vep-pipeline", "AWS_DEFAULT_REGION=us-east-1"};
    }

    private static Object after(List<Object> command, String flag) {
        int i = command.indexOf(flag);
        assertTrue(i >= 0 && i + 1 < command.size(), flag + " with a value in " + command);
        return command.get(i + 1);
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private record DryRun(int exit, String out, List<String> calls, Path upper) {
        /** Where the script's write to /{@code path} landed (the overlay's upper layer). */
        Path written(String path) {
            String top = path.split("/", 2)[0];
            return upper.resolve(top).resolve(path.substring(top.length()).replaceFirst("^/", ""));
        }
    }

    private static DryRun dryRun(TestInfo test, String script, Map<String, String> stubs, String... vars)
            throws IOException, InterruptedException {
        Path project = TestTools.projectDir();
        // Not under /tmp: inside the sandbox /tmp is an overlay, and the stubs' log must stay outside.
        Path tmp = project.resolve("target/packer-dry-run").resolve(test.getTestMethod().orElseThrow().getName());
        Files.createDirectories(tmp);
        Path sandbox = tmp.resolve("sandbox");
        Path log = tmp.resolve("dry-run.log");
        List<String> cmd = new ArrayList<>(List.of("bash", project.resolve("scripts/lib/packer-dry-run").toString(),
                sandbox.toString(), script));
        cmd.addAll(List.of(vars));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(stubs);
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(script + " did not finish in 2 minutes:\n" + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(out.contains("packer-dry-run: " + script + " exited "), "the sandbox did not run:\n" + out);
        List<String> calls = Files.readAllLines(sandbox.resolve("calls.log"));
        return new DryRun(p.exitValue(), out, calls, sandbox.resolve("upper"));
    }
}

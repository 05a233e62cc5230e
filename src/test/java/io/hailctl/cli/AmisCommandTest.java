package io.hailctl.cli;

import io.hailctl.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AmisCommandTest {
    @TempDir
    Path dir;

    @Test
    void withoutHailctlYamlTheCatalogueIsListedWithoutTouchingAws() {
        CliRun.Result r = new CliRun().workingDir(dir).env("AWS_ENDPOINT_URL", "http://127.0.0.1:1").run("amis");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("  us-east-1 0.2.32 99   emr-5.29.0 ami-070a61a0df447c1f9\n"), r.out());
        assertTrue(r.out().endsWith("No hailctl.yaml here: built AMIs and the one deploy would use need an environment "
                + "(hailctl init writes one).\n"), r.out());
    }
}

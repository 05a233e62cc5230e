package io.hailctl.cli;

import io.hailctl.config.ConfigLoader;
import io.hailctl.config.HailctlConfig;
import io.hailctl.config.Overrides;
import io.hailctl.config.Precedence;
import io.hailctl.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitCommandTest {

    @Test
    void writesAStarterThatLoadsAsWritten(@TempDir Path dir) throws Exception {
        CliRun.Result r = new CliRun().workingDir(dir).run("init", "--environment", "lab", "--region", "eu-west-1");
        assertEquals(0, r.exitCode(), r.toString());
        Path file = dir.resolve("hailctl.yaml");
        assertTrue(Files.readString(file).startsWith("#"), "commented");
        HailctlConfig config = new ConfigLoader(new Precedence(Map.of())).load(file, Overrides.none());
        assertEquals("lab", config.environment());
        assertEquals("eu-west-1", config.region().orElseThrow());
    }

    @Test
    void neverOverwritesWithoutForce(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("hailctl.yaml"), "environment: mine\n");
        CliRun.Result r = new CliRun().workingDir(dir).run("init");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("hailctl: " + file + " already exists; not overwriting it\n"
                + "  Pass --force to replace it, or --config FILE to write elsewhere.\n", r.err());
        assertEquals("environment: mine\n", Files.readString(file));
        assertEquals(0, new CliRun().workingDir(dir).run("init", "--force").exitCode());
        assertTrue(Files.readString(file).contains("environment: dev"));
    }

    @Test
    void aBadEnvironmentNameIsOneLine(@TempDir Path dir) {
        CliRun.Result r = new CliRun().workingDir(dir).run("init", "--environment", "Bad_Name");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("hailctl: environment \"Bad_Name\": "), r.err());
        assertTrue(!Files.exists(dir.resolve("hailctl.yaml")));
    }
}

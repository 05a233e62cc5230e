package io.hailctl.cli;

import io.hailctl.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The time-true options: a bad value is one line and exit 2, before anything starts. */
class StandInTimingsTest {
    @TempDir
    Path home;

    @Test
    void theStandInRefusesABadScale() {
        CliRun.Result r = new CliRun().run("__stand-in", "--upstream", "http://127.0.0.1:9", "--timings", "aws", "--time-scale", "0");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("hailctl: stand-in: time scale '0' is not a number greater than 0 and at most 1000 (e.g. 0.05: twenty times "
                + "faster than AWS)", r.err().strip());
    }

    @Test
    void localUpRefusesBadTimingsBeforeStartingAnything() throws Exception {
        CliRun.Result r = new CliRun().env("HAILCTL_CACHE_DIR", home.toString()).run("local", "up", "--timings", "azure");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("hailctl: stand-in: timings 'azure' is not one of: aws, none", r.err().strip());
        try (var files = Files.list(home)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().contains("state")), "nothing started");
        }
    }
}

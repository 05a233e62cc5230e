package io.hailctl.local;

import io.hailctl.testing.CliRun;
import io.hailctl.testing.Listeners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real `hailctl local` lifecycle: installs moto into its own venv, starts, finds, stops it. */
class LocalEmulatorIT {

    @Test
    void upStatusDownInAFreshCacheFolder(@TempDir Path cache) throws Exception {
        CliRun cli = new CliRun().env("HAILCTL_CACHE_DIR", cache.toString());
        try {
            CliRun.Result up = cli.run("local", "up");
            assertEquals(0, up.exitCode(), up.toString());
            assertTrue(up.out().startsWith("Local AWS emulator running at http://127.0.0.1:"), up.out());
            if (Listeners.available()) {
                // The emulator takes any credentials: it must not be reachable from the network.
                int port = Integer.parseInt(up.out().replaceAll("(?s).*http://127\\.0\\.0\\.1:(\\d+).*", "$1"));
                assertEquals(List.of("127.0.0.1"), Listeners.on(port), "moto listens on loopback only");
            }

            CliRun.Result status = cli.run("--output", "json", "local", "status");
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.out().startsWith("{\"running\":true,\"endpoint\":\"http://127.0.0.1:"), status.out());

            CliRun.Result again = cli.run("local", "up");
            assertEquals(up.out(), again.out(), "a second `up` finds the same server");
        } finally {
            CliRun.Result down = cli.run("local", "down");
            assertEquals("Local AWS emulator stopped.\n", down.out(), down.toString());
        }
        assertFalse(new LocalEmulator(cache.resolve("emulator"), "python3", s -> { }).status().running());
        assertEquals("Local AWS emulator was not running.\n", cli.run("local", "down").out());
    }

    @Test
    void aMissingPythonIsOneClearLine(@TempDir Path cache) {
        CliRun.Result r = new CliRun().env("HAILCTL_CACHE_DIR", cache.toString())
                .env("HAILCTL_PYTHON", "/nonexistent/python3").run("local", "up");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("hailctl: Python 3 with the venv module is needed for the local emulator: cannot run /nonexistent/python3"),
                r.err());
    }
}

package io.hailctl.local;

import io.hailctl.testing.CliRun;
import io.hailctl.testing.JsonDoc;
import io.hailctl.testing.Listeners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real `hailctl local` lifecycle: installs moto into its own venv, starts it and the stand-in in front of it, finds, stops both. */
class LocalEmulatorIT {

    @Test
    void upStatusDownInAFreshCacheFolder(@TempDir Path cache) throws Exception {
        CliRun cli = new CliRun().env("HAILCTL_CACHE_DIR", cache.toString());
        List<Long> pids = new ArrayList<>();
        try {
            CliRun.Result up = cli.run("local", "up");
            assertEquals(0, up.exitCode(), up.toString());
            assertTrue(up.out().startsWith("Local AWS emulator running at http://127.0.0.1:"), up.out());
            CliRun.Result status = cli.run("--output", "json", "local", "status");
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.out().startsWith("{\"running\":true,\"endpoint\":\"http://127.0.0.1:"), status.out());
            Map<String, Object> doc = JsonDoc.object(status.out());
            @SuppressWarnings("unchecked")
            Map<String, Object> moto = (Map<String, Object>) doc.get("moto");
            assertNotEquals(doc.get("endpoint"), moto.get("endpoint"), "clients talk to the stand-in, not to moto");
            pids.add(((Number) doc.get("pid")).longValue());
            pids.add(((Number) moto.get("pid")).longValue());
            if (Listeners.available()) {
                // The emulator takes any credentials: neither process may be reachable from the network.
                assertEquals(List.of("127.0.0.1"), Listeners.on(((Number) moto.get("port")).intValue()), "moto listens on loopback only");
                assertEquals(List.of("127.0.0.1"), Listeners.on(((Number) doc.get("port")).intValue()),
                        "the stand-in listens on loopback only");
            }
            String page = get(URI.create(doc.get("endpoint") + "/__stand-in/"));
            assertTrue(page.startsWith("{\"standIn\":true,\"moto\":\"" + moto.get("endpoint") + "\""), page);

            CliRun.Result again = cli.run("local", "up");
            assertEquals(up.out(), again.out(), "a second `up` finds the same server");
        } finally {
            CliRun.Result down = cli.run("local", "down");
            assertEquals("Local AWS emulator stopped.\n", down.out(), down.toString());
        }
        assertFalse(new LocalEmulator(cache.resolve("emulator"), "python3", s -> { }).status().running());
        assertEquals(2, pids.size());
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " stopped");
        }
        assertEquals("Local AWS emulator was not running.\n", cli.run("local", "down").out());
        String standInLog = java.nio.file.Files.readString(cache.resolve("emulator/stand-in.log"));
        assertTrue(standInLog.strip().endsWith(" stand-in stopped"), standInLog);
        assertFalse(standInLog.contains("interrupted"), "being stopped is how the stand-in ends: " + standInLog);
    }

    private static String get(URI uri) {
        try {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) uri.toURL().openConnection();
            try (java.io.InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

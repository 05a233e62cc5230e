package io.hailctl.local;

import java.nio.file.Path;
import java.util.Map;

/** The user's cache folder for hailctl: HAILCTL_CACHE_DIR, else the platform's usual place. */
public final class CacheDir {
    private CacheDir() {
    }

    public static Path of(Map<String, String> env, Path home) {
        String explicit = env.get("HAILCTL_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "hailctl");
        }
        if (System.getProperty("os.name", "").toLowerCase().contains("mac")) {
            return home.resolve("Library/Caches/hailctl");
        }
        return home.resolve(".cache/hailctl");
    }
}

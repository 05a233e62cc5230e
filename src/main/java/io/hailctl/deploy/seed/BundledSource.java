package io.hailctl.deploy.seed;

import io.hailctl.bundle.Bundle;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The Jupyter content shipped in hailctl's jar (the repository's {@code jupyter/} folder, copied at
 * build time). Jar entries carry no permissions, so everything under scripts/ counts as executable.
 */
public final class BundledSource implements SeedSource {
    private static final String FOLDER = "jupyter";

    private final Bundle bundle;

    public BundledSource(Bundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public String describe() {
        return "the bundled jupyter/ content";
    }

    @Override
    public List<String> prefixes() {
        List<String> out = new ArrayList<>();
        List<String> all = bundle.list(FOLDER);
        for (String prefix : PREFIXES) {
            if (all.stream().anyMatch(p -> p.startsWith(prefix))) {
                out.add(prefix);
            }
        }
        return out;
    }

    @Override
    public List<SeedFile> files() {
        List<SeedFile> out = new ArrayList<>();
        for (String path : bundle.list(FOLDER)) {
            if (PREFIXES.stream().noneMatch(path::startsWith)) {
                continue;
            }
            byte[] bytes = bundle.bytes(FOLDER + "/" + path);
            out.add(new SeedFile(path, bytes.length, path.startsWith("scripts/"), () -> new ByteArrayInputStream(bytes)));
        }
        return out;
    }
}

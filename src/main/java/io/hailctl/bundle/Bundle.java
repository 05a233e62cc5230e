package io.hailctl.bundle;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What hailctl ships inside its jar: the CloudFormation templates, the Jupyter content, the Packer
 * bundle and the public AMI catalogue. Maven copies them from the repository's top-level folders
 * (one source of truth), under {@code io/hailctl/bundle/}.
 */
public final class Bundle {
    private static final String ROOT = "io/hailctl/bundle/";

    private final ClassLoader loader;

    public Bundle() {
        this(Bundle.class.getClassLoader());
    }

    public Bundle(ClassLoader loader) {
        this.loader = loader;
    }

    /** A bundled text file, e.g. {@code cloudformation/hail-s3.yml}. */
    public String text(String path) {
        try (InputStream in = loader.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new HailctlException(ExitCode.INTERNAL, "bundled file " + path + " is missing from this hailctl build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] bytes(String path) {
        try (InputStream in = loader.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new HailctlException(ExitCode.INTERNAL, "bundled file " + path + " is missing from this hailctl build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String template(String file) {
        return text("cloudformation/" + file);
    }

    /**
     * Every bundled file under {@code folder} (e.g. {@code jupyter}), as paths relative to it with
     * '/' separators, sorted. Works from a jar and from a classes directory alike.
     */
    public List<String> list(String folder) {
        URL url = loader.getResource(ROOT + folder);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return walk(fs.getPath(ROOT + folder));
            }
            return walk(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new HailctlException(ExitCode.INTERNAL, "cannot list bundled " + folder + ": " + e.getMessage());
        }
    }

    private static List<String> walk(Path base) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(base)) {
            files.filter(Files::isRegularFile).forEach(p -> out.add(base.relativize(p).toString().replace('\\', '/')));
        }
        out.sort(String::compareTo);
        return out;
    }
}

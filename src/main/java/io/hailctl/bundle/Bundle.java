package io.hailctl.bundle;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

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
                return jarEntries(url, ROOT + folder + "/");
            }
            return walk(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new HailctlException(ExitCode.INTERNAL, "cannot list bundled " + folder + ": " + e.getMessage());
        }
    }

    /**
     * The jar's entries under {@code prefix}, read from its central directory with {@link ZipFile}
     * (the JDK shares that directory with the class loader's open copy of the same jar). Not a zip
     * {@code FileSystem}: that indexes every one of the fat jar's ~38 000 entries into objects kept
     * for the rest of the run, 8-10 MiB of heap and RSS in `status`, `plan` and `deploy`
     * (BENCHMARKS.md, "Memory").
     */
    private static List<String> jarEntries(URL url, String prefix) throws IOException, URISyntaxException {
        Path jar = Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
        List<String> out = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith(prefix) && !name.endsWith("/"))
                    .forEach(name -> out.add(name.substring(prefix.length())));
        }
        out.sort(String::compareTo);
        return out;
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

package io.hailctl.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The zip of the bundled {@code packer/} folder that CodeBuild unpacks ({@code buildspec.yml} at
 * its root), made byte-for-byte reproducible: entries sorted, stored uncompressed (compressed
 * output depends on the zlib at hand) and stamped with one fixed local time (a DOS time, so no
 * time zone enters). The same hailctl therefore always makes the same zip, and its SHA-256 names
 * it: {@code hailctl/packer/<sha256>.zip}.
 */
public final class PackerBundle {
    public static final String KEY_PREFIX = "hailctl/packer/";
    private static final String FOLDER = "packer";
    private static final LocalDateTime STAMP = LocalDateTime.of(2020, 1, 1, 0, 0);

    private final byte[] zip;
    private final String sha256;
    private final List<String> files;

    private PackerBundle(byte[] zip, List<String> files) {
        this.zip = zip;
        this.files = List.copyOf(files);
        this.sha256 = sha256(zip);
    }

    /** The bundle made from {@code packer/} as shipped in this hailctl. */
    public static PackerBundle of(Bundle bundle) {
        List<String> files = bundle.list(FOLDER);
        if (!files.contains("buildspec.yml")) {
            throw new io.hailctl.HailctlException(io.hailctl.ExitCode.INTERNAL,
                    "bundled packer/ has no buildspec.yml at its root: this hailctl build is incomplete");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String file : files) {
                byte[] content = bundle.bytes(FOLDER + "/" + file);
                ZipEntry entry = new ZipEntry(file);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(content.length);
                entry.setCompressedSize(content.length);
                CRC32 crc = new CRC32();
                crc.update(content);
                entry.setCrc(crc.getValue());
                entry.setTimeLocal(STAMP);
                zip.putNextEntry(entry);
                zip.write(content);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PackerBundle(out.toByteArray(), files);
    }

    public byte[] zip() {
        return zip.clone();
    }

    public int size() {
        return zip.length;
    }

    /** Lower-case hex SHA-256 of the zip. */
    public String sha256() {
        return sha256;
    }

    /** Where it lives in the Hail bucket: content-addressed, so a changed bundle never overwrites a used one. */
    public String key() {
        return KEY_PREFIX + sha256 + ".zip";
    }

    /** The paths inside the zip, sorted. */
    public List<String> files() {
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

package io.hailctl.deploy.seed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The full-object checksums S3 can store, computed locally the way S3 encodes them (base64 of the
 * big-endian digest), so a local file can be compared with what S3 holds without downloading it.
 * CRC64NVME matters because S3 gives every object uploaded without a checksum a CRC64NVME one.
 */
public final class Checksums {
    public static final String CRC32 = "CRC32";
    public static final String CRC32C = "CRC32C";
    public static final String CRC64NVME = "CRC64NVME";
    public static final String SHA1 = "SHA1";
    public static final String SHA256 = "SHA256";
    public static final Set<String> SUPPORTED = Set.of(CRC32, CRC32C, CRC64NVME, SHA1, SHA256);

    private Checksums() {
    }

    /** The checksum of everything {@code in} yields; empty for an algorithm hailctl cannot compute. */
    public static Optional<String> compute(String algorithm, InputStream in) throws IOException {
        Digest digest = switch (algorithm) {
            case CRC32 -> crc(new CRC32(), 4);
            case CRC32C -> crc(new CRC32C(), 4);
            case CRC64NVME -> new Crc64Nvme();
            case SHA1 -> message("SHA-1");
            case SHA256 -> message("SHA-256");
            default -> null;
        };
        if (digest == null) {
            return Optional.empty();
        }
        byte[] buf = new byte[64 * 1024];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            digest.update(buf, n);
        }
        return Optional.of(Base64.getEncoder().encodeToString(digest.finish()));
    }

    public static String compute(String algorithm, byte[] data) {
        try {
            return compute(algorithm, new java.io.ByteArrayInputStream(data))
                    .orElseThrow(() -> new IllegalArgumentException("unsupported checksum " + algorithm));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private interface Digest {
        void update(byte[] b, int len);

        byte[] finish();
    }

    private static Digest crc(Checksum crc, int bytes) {
        return new Digest() {
            @Override
            public void update(byte[] b, int len) {
                crc.update(b, 0, len);
            }

            @Override
            public byte[] finish() {
                return ByteBuffer.allocate(bytes).putInt((int) crc.getValue()).array();
            }
        };
    }

    private static Digest message(String name) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is part of every JDK", e);
        }
        return new Digest() {
            @Override
            public void update(byte[] b, int len) {
                md.update(b, 0, len);
            }

            @Override
            public byte[] finish() {
                return md.digest();
            }
        };
    }

    /**
     * CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, initial value and final xor all ones);
     * the JDK has no CRC64, and pulling in the CRT for one checksum would cost start-up time.
     */
    private static final class Crc64Nvme implements Digest {
        private static final long[] TABLE = table();
        private long crc = -1L;

        private static long[] table() {
            long[] t = new long[256];
            for (int i = 0; i < 256; i++) {
                long c = i;
                for (int k = 0; k < 8; k++) {
                    c = (c & 1) != 0 ? (c >>> 1) ^ 0x9A6C9329AC4BC9B5L : c >>> 1;
                }
                t[i] = c;
            }
            return t;
        }

        @Override
        public void update(byte[] b, int len) {
            long c = crc;
            for (int i = 0; i < len; i++) {
                c = TABLE[(int) ((c ^ b[i]) & 0xff)] ^ (c >>> 8);
            }
            crc = c;
        }

        @Override
        public byte[] finish() {
            return ByteBuffer.allocate(8).putLong(~crc).array();
        }
    }
}

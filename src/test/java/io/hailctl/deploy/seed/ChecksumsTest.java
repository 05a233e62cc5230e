package io.hailctl.deploy.seed;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChecksumsTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    private static String b64(long value, int bytes) {
        ByteBuffer b = ByteBuffer.allocate(8).putLong(value);
        byte[] all = b.array();
        byte[] tail = new byte[bytes];
        System.arraycopy(all, 8 - bytes, tail, 0, bytes);
        return Base64.getEncoder().encodeToString(tail);
    }

    @Test
    void catalogueCheckValuesOfTheCrcs() {
        // The "check" values of the CRC catalogue: each algorithm over the ASCII digits 1-9.
        assertEquals(b64(0xCBF43926L, 4), Checksums.compute(Checksums.CRC32, CHECK));
        assertEquals(b64(0xE3069283L, 4), Checksums.compute(Checksums.CRC32C, CHECK));
        assertEquals(b64(0xAE8B14860A799888L, 8), Checksums.compute(Checksums.CRC64NVME, CHECK));
    }

    @Test
    void crc32IsWhatTheSdkSendsAndS3Stores() {
        // Observed: SDK 2.40.2 computed and moto stored rwg7LQ== for this body.
        assertEquals("rwg7LQ==", Checksums.compute(Checksums.CRC32, "hello world\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shaDigestsAreBase64OfTheRawDigest() {
        assertEquals("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", Checksums.compute(Checksums.SHA256, new byte[0]));
        assertEquals("2jmj7l5rSw0yVb/vlWAYkK/YBwk=", Checksums.compute(Checksums.SHA1, new byte[0]));
    }

    @Test
    void crc64IsTheSameWhenFedInPieces() throws Exception {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        String whole = Checksums.compute(Checksums.CRC64NVME, big);
        // A stream that hands out at most 1,000 bytes per read.
        java.io.InputStream trickle = new java.io.ByteArrayInputStream(big) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
        assertEquals(whole, Checksums.compute(Checksums.CRC64NVME, trickle).orElseThrow());
    }

    @Test
    void anUnknownAlgorithmIsNotComputed() throws Exception {
        assertTrue(Checksums.compute("MD5", new java.io.ByteArrayInputStream(CHECK)).isEmpty());
    }
}

package io.hailctl.deploy.seed;

/**
 * A checksum S3 stores with an object (HeadObject in checksum mode), as S3 writes it: the algorithm
 * name (CRC32, CRC32C, CRC64NVME, SHA1, SHA256) and the base64 of the big-endian digest.
 *
 * @param fullObject false for a multipart upload's composite checksum (a checksum of part
 *                   checksums, "value-N"), which cannot be compared with a checksum of the file
 */
public record ObjectChecksum(String algorithm, String value, boolean fullObject) {
    public static ObjectChecksum full(String algorithm, String value) {
        return new ObjectChecksum(algorithm, value, true);
    }
}

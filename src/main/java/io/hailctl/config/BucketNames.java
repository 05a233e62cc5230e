package io.hailctl.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * S3's naming rules for general purpose buckets, checked locally so a bad name fails before any stack is
 * created (CloudFormation would only fail minutes later, after rolling back).
 */
public final class BucketNames {
    private static final Pattern CHARACTERS = Pattern.compile("[a-z0-9.-]+");
    private static final Pattern ENDS = Pattern.compile("[a-z0-9](.*[a-z0-9])?");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Prefixes and suffixes S3 reserves for access points, directory buckets, table buckets and docs. */
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3",
            "--table-s3");

    private BucketNames() {
    }

    /** The first rule {@code name} breaks, in words; empty when it is a valid bucket name. */
    public static Optional<String> violation(String name) {
        if (name.length() < 3 || name.length() > 63) {
            return Optional.of("bucket names are 3 to 63 characters");
        }
        if (!CHARACTERS.matcher(name).matches()) {
            return Optional.of("bucket names use only lowercase letters, digits, dots and hyphens");
        }
        if (!ENDS.matcher(name).matches()) {
            return Optional.of("bucket names start and end with a lowercase letter or digit");
        }
        if (name.contains("..")) {
            return Optional.of("bucket names must not contain two adjacent periods");
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            return Optional.of("bucket names must not be formatted as an IP address");
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return Optional.of("bucket names must not start with \"" + prefix + "\" (reserved by S3)");
            }
        }
        for (String suffix : RESERVED_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return Optional.of("bucket names must not end with \"" + suffix + "\" (reserved by S3)");
            }
        }
        return Optional.empty();
    }
}

package io.hailctl.deploy.stack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hash of everything hailctl sends for a stack (template, parameters, tags), stored on the stack
 * as a tag. One DescribeStacks then proves "unchanged" with no write call and no change set.
 */
public final class Fingerprint {
    public static final String TAG = "hailctl:fingerprint";

    private Fingerprint() {
    }

    public static String of(String templateBody, Map<String, String> parameters, Map<String, String> tags) {
        StringBuilder sb = new StringBuilder("v1\n").append(templateBody).append("\n--parameters\n");
        new TreeMap<>(parameters).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        sb.append("--tags\n");
        new TreeMap<>(tags).forEach((k, v) -> {
            if (!k.equals(TAG)) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

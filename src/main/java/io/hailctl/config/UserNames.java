package io.hailctl.config;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule for notebook user names, shared by {@code hailctl.yaml} validation and {@code add-user}.
 *
 * <p>A user name ends up in several places, and the rule is the intersection of what each accepts:
 * <ul>
 * <li>SageMaker notebook instance {@code <environment>-<user>}: letters, digits and hyphens, at most 63
 *     characters in all;</li>
 * <li>IAM role and policy names: IAM compares names case-insensitively, so "Alice" and "alice" would
 *     collide; lowercase only removes that trap;</li>
 * <li>the user's S3 prefix {@code <user>/} in the Jupyter bucket: the IAM policy scopes access with
 *     {@code <user>/*} and an {@code s3:prefix} condition, where characters such as {@code *}, {@code ?}
 *     or {@code /} would widen the scope to other users; and it must not be one of the shared top-level
 *     folders ({@link #RESERVED}), or the user would get write access to everyone's content;</li>
 * <li>the EFS access point root {@code /sagemaker/<user>}: no slashes, dots or spaces, so no path
 *     escapes its directory;</li>
 * <li>CloudFormation stack names and tag values: letters, digits and hyphens.</li>
 * </ul>
 * Single hyphens only and a letter first keep {@code <environment>-<user>} names unambiguous and valid
 * POSIX user-style names; 32 characters is the Linux user-name limit, which also leaves room in
 * 64-character IAM role names.
 */
public final class UserNames {
    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 32;
    /** SageMaker's limit for notebook instance names, which hailctl forms as {@code <environment>-<user>}. */
    public static final int MAX_NOTEBOOK_NAME_LENGTH = 63;
    /** Top-level folders the buckets share between all users. */
    public static final Set<String> RESERVED = Set.of("scripts", "common-notebooks", "plots", "hailctl");

    private static final Pattern SHAPE = Pattern.compile("[a-z]([a-z0-9-]*[a-z0-9])?");

    private UserNames() {
    }

    /** The rule {@code name} breaks on its own, ignoring the environment it will live in. */
    public static Optional<String> violation(String name) {
        if (name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
            return Optional.of("user names are " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (!SHAPE.matcher(name).matches() || name.contains("--")) {
            return Optional.of("user names use lowercase letters, digits and single hyphens, "
                    + "start with a letter and end with a letter or digit");
        }
        if (RESERVED.contains(name)) {
            return Optional.of("\"" + name + "\" is reserved: the buckets use it as a shared top-level folder");
        }
        return Optional.empty();
    }

    /** The rule {@code name} breaks in {@code environment}, including the notebook-name length. */
    public static Optional<String> violation(String environment, String name) {
        Optional<String> own = violation(name);
        if (own.isPresent()) {
            return own;
        }
        String notebook = notebookName(environment, name);
        if (notebook.length() > MAX_NOTEBOOK_NAME_LENGTH) {
            return Optional.of("the notebook name \"" + notebook + "\" would be " + notebook.length()
                    + " characters; SageMaker allows at most " + MAX_NOTEBOOK_NAME_LENGTH);
        }
        return Optional.empty();
    }

    /** Returns {@code name} when it is valid, or refuses it in one line (exit code USAGE). */
    public static String requireValid(String environment, String name) {
        violation(environment, name).ifPresent(rule -> {
            throw new HailctlException(ExitCode.USAGE, "user name " + ConfigProblem.quoted(name) + ": " + rule);
        });
        return name;
    }

    /** The SageMaker notebook instance name of a user. */
    public static String notebookName(String environment, String name) {
        return environment + "-" + name;
    }
}

package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.config.FieldRules;
import io.hailctl.config.HailctlConfig;
import io.hailctl.config.NotebookDefaults;
import io.hailctl.config.UserNames;
import io.hailctl.config.UserSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The users {@code add-user} was given, checked before anything touches AWS: every name against the
 * user-name rule, the options against SageMaker's limits, and users already in hailctl.yaml against
 * the options (add-user does not change a listed user's settings behind the file's back). The
 * result carries the configuration with the new users in it, so they get into the plan.
 *
 * @param names    the users to add, in the order given, without repeats
 * @param unlisted those of them not in hailctl.yaml yet
 * @param config   hailctl.yaml's configuration plus the unlisted users
 */
record UsersToAdd(List<String> names, List<String> unlisted, HailctlConfig config) {

    UsersToAdd {
        names = List.copyOf(names);
        unlisted = List.copyOf(unlisted);
    }

    static UsersToAdd check(HailctlConfig config, List<String> given, Optional<String> instanceType,
                            OptionalInt volumeSizeGb, String configFile) {
        List<String> names = new ArrayList<>(new LinkedHashSet<>(given));
        for (String name : names) {
            UserNames.requireValid(config.environment(), name);
        }
        instanceType.ifPresent(t -> FieldRules.notebookInstanceType(t).ifPresent(rule -> {
            throw new HailctlException(ExitCode.USAGE, "--instance-type " + quoted(t) + ": " + rule);
        }));
        if (volumeSizeGb.isPresent() && (volumeSizeGb.getAsInt() < NotebookDefaults.MIN_VOLUME_GB
                || volumeSizeGb.getAsInt() > NotebookDefaults.MAX_VOLUME_GB)) {
            throw new HailctlException(ExitCode.USAGE, "--volume-size " + volumeSizeGb.getAsInt() + ": expected "
                    + NotebookDefaults.MIN_VOLUME_GB + " to " + NotebookDefaults.MAX_VOLUME_GB + " (GB)");
        }
        List<UserSpec> users = new ArrayList<>(config.users());
        List<String> unlisted = new ArrayList<>();
        for (String name : names) {
            Optional<UserSpec> listed = config.user(name);
            if (listed.isPresent()) {
                refuseChange(listed.get(), instanceType, volumeSizeGb, configFile);
                continue;
            }
            unlisted.add(name);
            users.add(new UserSpec(name, instanceType.orElse(config.notebooks().instanceType()),
                    volumeSizeGb.orElse(config.notebooks().volumeSizeGb()), config.clusterDefaults().ssm()));
        }
        HailctlConfig withUsers = new HailctlConfig(config.environment(), config.region(), config.profile(),
                config.network(), config.buckets(), config.notebooks(), users, config.efs(), config.ami(), config.clusters(),
                config.tags(), config.legacySsmParameters());
        return new UsersToAdd(names, unlisted, withUsers);
    }

    private static void refuseChange(UserSpec listed, Optional<String> instanceType, OptionalInt volumeSizeGb,
                                     String configFile) {
        String hint = "Change it in " + configFile + " and run: hailctl deploy jupyter " + listed.name();
        if (instanceType.isPresent() && !instanceType.get().equals(listed.instanceType())) {
            throw new HailctlException(ExitCode.USAGE, "user " + listed.name() + " is already in " + configFile
                    + " with instance type " + listed.instanceType() + "; add-user does not change it to "
                    + instanceType.get(), hint);
        }
        if (volumeSizeGb.isPresent() && volumeSizeGb.getAsInt() != listed.volumeSizeGb()) {
            throw new HailctlException(ExitCode.USAGE, "user " + listed.name() + " is already in " + configFile
                    + " with a " + listed.volumeSizeGb() + " GB volume; add-user does not change it to "
                    + volumeSizeGb.getAsInt() + " GB", hint);
        }
    }

    /** The value as typed, in quotes, with control characters made visible (it is echoed to a terminal). */
    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}

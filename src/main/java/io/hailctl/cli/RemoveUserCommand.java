package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.config.ConfigFileEditor;
import io.hailctl.config.FileChange;
import io.hailctl.config.HailctlConfig;
import io.hailctl.config.UserNames;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.users.UserRemoval;
import io.hailctl.plan.AccessPointStep;
import io.hailctl.plan.Topology;
import io.hailctl.progress.Durations;
import io.hailctl.progress.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Command(name = "remove-user", description = {
    "Remove users: each one's notebook stack, then EFS access point (asks first; --yes does not ask), then "
            + "takes them out of hailctl.yaml.",
    "The user's S3 prefix (s3://<jupyter bucket>/NAME/) and EFS files are kept unless --delete-data."})
final class RemoveUserCommand extends CommandBase {
    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    @Option(names = "--delete-data", description = "Also delete every object version under the user's S3 prefix in "
            + "the jupyter bucket. EFS files cannot be deleted through the AWS API; hailctl says how to remove them.")
    boolean deleteData;

    @Option(names = "--no-save", description = "Do not remove the user from hailctl.yaml.")
    boolean noSave;

    RemoveUserCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() throws InterruptedException {
        Invocation inv = invocation();
        HailctlConfig config = inv.config();
        List<String> users = new ArrayList<>(new LinkedHashSet<>(names));
        for (String name : users) {
            UserNames.requireValid(config.environment(), name);
        }
        String configFile = inv.configPath().getFileName().toString();

        inv.aws();
        Wiring wiring = new Wiring(inv);
        UserRemoval removal = wiring.userRemoval();
        Optional<String> bucket = deleteData ? Optional.of(jupyterBucket(config, wiring)) : Optional.empty();
        List<UserRemoval.Target> targets = new ArrayList<>();
        for (String name : users) {
            Optional<AccessPointStep> ap = config.efs().map(efs -> new AccessPointStep(Topology.accessPoint(name),
                    efs.fileSystemId(), name, Map.of(), Map.of()));
            targets.add(new UserRemoval.Target(name, Topology.jupyterStackName(config.environment(), name), ap, bucket));
        }

        PrintWriter listing = inv.json() ? host.err() : host.out();
        StepContext ctx = wiring.context("remove-user", wiring.progress(), new Cancellation());
        List<UserRemoval.Found> found = new ArrayList<>();
        for (UserRemoval.Target t : targets) {
            found.add(removal.survey(t, ctx));
        }
        listing.println("remove-user in environment " + config.environment() + ":");
        found.forEach(f -> listing.println("  " + describe(f, config)));
        listing.flush();

        if (found.stream().anyMatch(UserRemoval.Found::anything)) {
            String question = "Delete what is listed above" + (deleteData ? ", including the S3 files" : "") + "?";
            if (!wiring.confirmer().confirm(question)) {
                throw inv.options().yes() || host.interactive()
                        ? new HailctlException(ExitCode.REFUSED, "not confirmed: nothing was removed")
                        : new HailctlException(ExitCode.REFUSED, "remove-user deletes notebooks and access points "
                        + "and needs a confirmation; nothing was removed",
                        "Re-run with --yes to confirm (or run it at a terminal to be asked).");
            }
        }

        Instant start = wiring.clock().instant();
        List<UserRemoval.Result> results = removal.removeAll(targets, ctx, wiring.parallelism());
        Duration took = Duration.between(start, wiring.clock().instant());
        List<String> saved = new ArrayList<>();
        List<String> notListed = new ArrayList<>();
        Optional<HailctlException> saveFailure = Optional.empty();
        if (!noSave) {
            ConfigFileEditor editor = new ConfigFileEditor();
            try {
                host.interrupts().finishing("finishing the edit of " + configFile, () -> {
                    for (UserRemoval.Result r : results) {
                        if (r.ok()) {
                            (editor.removeUser(inv.configPath(), r.user()) == FileChange.CHANGED ? saved : notListed)
                                    .add(r.user());
                        }
                    }
                });
            } catch (HailctlException e) {
                // What was deleted in AWS stays deleted; only the file could not be edited.
                saveFailure = Optional.of(e);
            }
        }
        Optional<HailctlException> firstFailure = results.stream().map(UserRemoval.Result::failure)
                .flatMap(Optional::stream).findFirst();
        if (inv.json()) {
            printJson(results, targets, config, saved, firstFailure);
        } else {
            printText(results, targets, config, configFile, saved, notListed, took);
        }
        if (saveFailure.isPresent()) {
            throw saveFailure.get();
        }
        return firstFailure.map(f -> f.exitCode().code()).orElse(0);
    }

    /** The bucket the s3 stack made (its output), or the configured name when that stack is not there. */
    private static String jupyterBucket(HailctlConfig config, Wiring wiring) {
        return wiring.stacks().describe(Topology.s3StackName(config.environment()))
                .map(s -> s.outputs().get("JupyterBucket")).filter(b -> !b.isEmpty())
                .orElse(config.buckets().jupyter());
    }

    private String describe(UserRemoval.Found f, HailctlConfig config) {
        UserRemoval.Target t = f.target();
        List<String> delete = new ArrayList<>();
        f.stackStatus().ifPresent(s -> delete.add("notebook stack " + t.stackName() + " (" + s + ")"));
        f.accessPointIds().forEach(id -> delete.add("EFS access point " + id));
        f.objectVersions().filter(n -> n > 0).ifPresent(n -> delete.add(n + " object versions under s3://"
                + t.dataBucket().orElseThrow() + "/" + t.prefix()));
        List<String> kept = kept(t, config);
        return t.user() + ": " + (delete.isEmpty() ? "nothing to delete" : "delete " + String.join(", ", delete))
                + (kept.isEmpty() ? "" : "; keep " + String.join(", ", kept));
    }

    private List<String> kept(UserRemoval.Target t, HailctlConfig config) {
        List<String> kept = new ArrayList<>();
        if (t.dataBucket().isEmpty()) {
            kept.add("s3://" + config.buckets().jupyter() + "/" + t.prefix());
        }
        t.accessPoint().ifPresent(ap -> kept.add("EFS files in " + ap.rootPath() + " on " + ap.fileSystemId()));
        return kept;
    }

    private void printText(List<UserRemoval.Result> results, List<UserRemoval.Target> targets, HailctlConfig config,
                           String configFile, List<String> saved, List<String> notListed, Duration took) {
        PrintWriter out = host.out();
        boolean ok = results.stream().allMatch(UserRemoval.Result::ok);
        out.println();
        out.println("Remove " + (ok ? "done" : "FAILED") + " in " + Durations.human(took) + ":");
        for (int i = 0; i < results.size(); i++) {
            UserRemoval.Result r = results.get(i);
            UserRemoval.Target t = targets.get(i);
            out.println("  " + r.user() + ": " + (r.done().isEmpty() ? "nothing done" : String.join("; ", r.done()))
                    + (r.ok() ? "" : "; FAILED"));
            if (r.ok() && t.dataBucket().isEmpty()) {
                out.println("    kept s3://" + config.buckets().jupyter() + "/" + t.prefix()
                        + " (--delete-data deletes it)");
            }
            t.accessPoint().ifPresent(ap -> out.println("    kept EFS files in " + ap.rootPath() + " on "
                    + ap.fileSystemId() + (deleteData ? ": EFS has no API to delete files; mount the file system "
                    + "through an access point with POSIX user 500:501 and delete them there (docs/users.md)" : "")));
        }
        for (UserRemoval.Result r : results) {
            r.failure().ifPresent(f -> {
                out.println();
                out.println("✗ " + r.user() + ": " + f.getMessage());
                f.hint().ifPresent(h -> out.println("  " + h));
            });
        }
        if (noSave) {
            out.println(configFile + ": not changed (--no-save)");
        } else {
            if (!saved.isEmpty()) {
                out.println(configFile + ": removed " + String.join(", ", saved));
            }
            if (!notListed.isEmpty()) {
                out.println(configFile + ": did not list " + String.join(", ", notListed));
            }
        }
        out.flush();
    }

    private void printJson(List<UserRemoval.Result> results, List<UserRemoval.Target> targets, HailctlConfig config,
                           List<String> saved, Optional<HailctlException> firstFailure) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event", "summary");
        doc.put("command", "remove-user");
        doc.put("ok", firstFailure.isEmpty());
        doc.put("exitCode", firstFailure.map(f -> f.exitCode().code()).orElse(0));
        List<Object> users = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            UserRemoval.Result r = results.get(i);
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("user", r.user());
            u.put("ok", r.ok());
            u.put("done", r.done());
            u.put("kept", kept(targets.get(i), config));
            u.put("error", r.failure().map(Throwable::getMessage));
            u.put("hint", r.failure().flatMap(HailctlException::hint));
            u.put("removedFromConfig", saved.contains(r.user()));
            users.add(u);
        }
        doc.put("users", users);
        host.out().println(Json.write(doc));
        host.out().flush();
    }
}

package io.hailctl.cli;

import io.hailctl.HailctlException;
import io.hailctl.config.ConfigFileEditor;
import io.hailctl.config.FileChange;
import io.hailctl.deploy.Deployment;
import io.hailctl.deploy.RunReport;
import io.hailctl.deploy.StepResult;
import io.hailctl.deploy.users.NotebookSignIn;
import io.hailctl.plan.NetworkFacts;
import io.hailctl.plan.Plan;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Topology;
import io.hailctl.progress.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

@Command(name = "add-user", description = {
    "Add users: each one's EFS access point (when EFS is configured: uid 500, gid 501, root /sagemaker/NAME "
            + "created 500:501 mode 750, tag Name=NAME) and notebook stack, then list them in hailctl.yaml.",
    "Several users are added in parallel; one user's failure does not stop the others. Running it again "
            + "changes nothing. Needs the s3 and network stacks (hailctl deploy s3 network, or deploy all)."})
final class AddUserCommand extends CommandBase {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "User names (lowercase letters, digits, hyphens).")
    List<String> names;

    @Option(names = "--instance-type", paramLabel = "TYPE", description = "Notebook instance type (e.g. ml.t3.large).")
    String instanceType;

    @Option(names = "--volume-size", paramLabel = "GB", description = "Notebook volume size in GB.")
    Integer volumeSize;

    @Option(names = "--sign-in-link", description = "Also print a presigned sign-in link for each notebook. It is a "
            + "personal credential for 5 minutes: keep it out of shared logs (hence off by default).")
    boolean signInLink;

    @Option(names = "--no-save", description = "Do not add the user to hailctl.yaml.")
    boolean noSave;

    AddUserCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() throws InterruptedException {
        Invocation inv = invocation();
        String configFile = inv.configPath().getFileName().toString();
        // Every name and option is checked before the first AWS call: bad input writes nothing.
        UsersToAdd add = UsersToAdd.check(inv.config(), names, Optional.ofNullable(instanceType),
                volumeSize == null ? OptionalInt.empty() : OptionalInt.of(volumeSize), configFile);

        inv.aws();
        DeployRun run = new DeployRun(inv);
        NetworkFacts network = run.wiring().preflight().notebooks(add.config());
        Plan plan = Topology.plan(add.config(), network);
        Set<StepId> targets = new LinkedHashSet<>();
        plan.step(Topology.EFS_POLICY).ifPresent(s -> targets.add(s.id()));
        for (String name : add.names()) {
            plan.step(Topology.accessPoint(name)).ifPresent(s -> targets.add(s.id()));
            targets.add(Topology.jupyter(name));
        }
        RunReport report = run.report("add-user " + String.join(" ", add.names()), plan, targets,
                Deployment.Mode.APPLY, "Deploy", Deployment.OnFailure.SKIP_DEPENDENTS);
        if (report.interrupted()) {
            // The summary said how to continue; per-user lines would only repeat it, and nothing is saved.
            return report.exitCode().code();
        }

        List<Map<String, Object>> users = new ArrayList<>();
        List<String> ready = new ArrayList<>();
        for (String name : add.names()) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("user", name);
            Optional<StepResult> notebook = report.result(Topology.jupyter(name).value())
                    .filter(r -> r.status() == StepResult.Status.SUCCEEDED);
            user.put("ok", notebook.isPresent());
            if (notebook.isPresent()) {
                ready.add(name);
                Map<String, String> outputs = notebook.get().outcome().orElseThrow().outputs();
                report.result(Topology.accessPoint(name).value()).flatMap(StepResult::outcome)
                        .map(o -> o.outputs().get("AccessPointId")).ifPresent(id -> user.put("accessPointId", id));
                user.putAll(howToOpen(run.wiring(), inv.aws().region(), outputs, signInLink));
            }
            users.add(user);
        }
        Optional<HailctlException> saveFailure = Optional.empty();
        List<String> saved = new ArrayList<>();
        try {
            saved = save(inv, add, ready, users);
        } catch (HailctlException e) {
            // The notebooks exist; only the file could not be edited. Say so after the users' lines.
            saveFailure = Optional.of(e);
        }
        PrintWriter out = host.out();
        if (inv.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("event", "users");
            doc.put("users", users);
            doc.put("saved", saved);
            out.println(Json.write(doc));
        } else {
            printUsers(out, users);
            printSaved(out, add, ready, saved, configFile);
        }
        out.flush();
        if (saveFailure.isPresent()) {
            throw saveFailure.get();
        }
        return report.exitCode().code();
    }

    /**
     * The console page and the Jupyter URL; with --sign-in-link also a fresh presigned link (never by
     * default: it works as a password for five minutes, and CI logs keep it for much longer).
     */
    private static Map<String, Object> howToOpen(Wiring wiring, String region, Map<String, String> outputs,
                                                 boolean signInLink) {
        Map<String, Object> open = new LinkedHashMap<>();
        String notebook = outputs.getOrDefault("NotebookInstanceName", "");
        open.put("notebook", notebook);
        open.put("notebookUrl", outputs.getOrDefault("NotebookUrl", ""));
        open.put("consoleUrl", "https://" + region + ".console.aws.amazon.com/sagemaker/home?region=" + region
                + "#/notebook-instances/" + notebook);
        if (!signInLink) {
            open.put("signInUnavailable", "not asked for (--sign-in-link prints a personal 5-minute link)");
            return open;
        }
        NotebookSignIn.Link link = wiring.notebookSignIn().presignedUrl(notebook);
        if (link instanceof NotebookSignIn.Link.Presigned p) {
            open.put("signInUrl", p.url());
        } else if (link instanceof NotebookSignIn.Link.Unavailable u) {
            open.put("signInUnavailable", u.why());
        }
        return open;
    }

    /** Lists the users whose notebook is there, unless --no-save; returns those newly written. */
    private List<String> save(Invocation inv, UsersToAdd add, List<String> ready, List<Map<String, Object>> users) {
        List<String> saved = new ArrayList<>();
        if (noSave) {
            return saved;
        }
        ConfigFileEditor editor = new ConfigFileEditor();
        host.interrupts().finishing("finishing the edit of " + inv.configPath().getFileName(), () -> {
            for (String name : add.unlisted()) {
                if (!ready.contains(name)) {
                    continue;
                }
                FileChange change = editor.addUser(inv.configPath(), name, Optional.ofNullable(instanceType),
                        volumeSize == null ? OptionalInt.empty() : OptionalInt.of(volumeSize));
                if (change == FileChange.CHANGED) {
                    saved.add(name);
                }
            }
        });
        users.forEach(u -> u.put("saved", saved.contains((String) u.get("user"))));
        return saved;
    }

    private static void printUsers(PrintWriter out, List<Map<String, Object>> users) {
        out.println();
        out.println("Notebooks:");
        for (Map<String, Object> u : users) {
            String name = (String) u.get("user");
            if (!Boolean.TRUE.equals(u.get("ok"))) {
                out.println("  " + name + ": not ready (see the failure above); run `hailctl add-user " + name
                        + "` again once it is fixed");
                continue;
            }
            out.println("  " + name + ": notebook " + u.get("notebook")
                    + (u.containsKey("accessPointId") ? ", EFS access point " + u.get("accessPointId") : ""));
            if (u.containsKey("signInUrl")) {
                out.println("    open: " + u.get("signInUrl"));
                out.println("    (a personal sign-in link, valid for 5 minutes: do not share it; "
                        + "`hailctl add-user " + name + "` prints a new one)");
            } else {
                out.println("    open it from the SageMaker console: " + u.get("consoleUrl"));
                out.println("    (sign-in link: " + u.get("signInUnavailable") + ")");
                out.println("    (JupyterLab, once signed in to the console: " + u.get("notebookUrl") + ")");
            }
        }
    }

    private void printSaved(PrintWriter out, UsersToAdd add, List<String> ready, List<String> saved, String configFile) {
        List<String> listed = add.names().stream().filter(n -> !add.unlisted().contains(n)).toList();
        List<String> notReady = add.unlisted().stream().filter(n -> !ready.contains(n)).toList();
        if (noSave) {
            out.println(configFile + ": not changed (--no-save)" + (add.unlisted().isEmpty() ? ""
                    : "; `hailctl deploy all` will not know " + String.join(", ", add.unlisted())
                    + " until listed there"));
            return;
        }
        if (!saved.isEmpty()) {
            out.println(configFile + ": added " + String.join(", ", saved));
        }
        if (!listed.isEmpty()) {
            out.println(configFile + ": already lists " + String.join(", ", listed));
        }
        if (!notReady.isEmpty()) {
            out.println(configFile + ": " + String.join(", ", notReady) + " not added (notebook not ready)");
        }
    }
}

package io.hailctl.deploy.status;

import io.hailctl.HailctlException;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.status.EnvironmentStatus.NotebookView;
import io.hailctl.deploy.status.FoundStacks.Member;
import io.hailctl.deploy.status.Notebooks.Notebook;
import io.hailctl.deploy.status.ParallelReads.Pending;
import io.hailctl.plan.Topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notebooks part of the status: the SageMaker notebook instance behind each jupyter stack, one
 * view per configured user and per jupyter stack the config no longer names. Only stacks that name
 * an instance cost a call; a notebook SageMaker will not describe is one problem line, not a failure.
 */
final class NotebookStatus {
    private final FoundStacks found;
    private final List<Member> users;
    private final Map<String, Pending<Optional<Notebook>>> described;

    private NotebookStatus(FoundStacks found, List<Member> users, Map<String, Pending<Optional<Notebook>>> described) {
        this.found = found;
        this.users = users;
        this.described = described;
    }

    /** Starts describing the notebook instance of every jupyter stack that names one. */
    static NotebookStatus start(Notebooks notebooks, ParallelReads pool, FoundStacks found, List<String> configuredUsers) {
        // Every user's stack name is this prefix and the user's name.
        String prefix = Topology.jupyterStackName(found.environment(), "");
        Map<String, Pending<Optional<Notebook>>> described = new LinkedHashMap<>();
        found.outputUnder(prefix, "NotebookInstanceName")
                .forEach((stack, name) -> described.put(stack, pool.start(() -> notebooks.describe(name))));
        return new NotebookStatus(found, found.members(configuredUsers, prefix), described);
    }

    /** @param problems where a notebook that could not be described is reported */
    List<NotebookView> views(List<String> problems) throws InterruptedException {
        List<NotebookView> views = new ArrayList<>();
        for (Member user : users) {
            views.add(view(user, problems));
        }
        return views;
    }

    private NotebookView view(Member user, List<String> problems) throws InterruptedException {
        Optional<StackState> st = found.get(user.stack());
        if (st.isEmpty()) {
            return withoutInstance(user, Optional.empty(), EnvironmentStatus.NOT_DEPLOYED, Optional.empty());
        }
        Optional<String> name = FoundStacks.output(st.get(), "NotebookInstanceName");
        Pending<Optional<Notebook>> f = described.get(user.stack());
        if (f == null) {
            return withoutInstance(user, name, "stack " + st.get().status(), Optional.empty());
        }
        try {
            Optional<Notebook> nb = f.await();
            if (nb.isEmpty()) {
                return withoutInstance(user, name, EnvironmentStatus.NOT_DEPLOYED,
                        Optional.of("notebook instance " + name.orElse("?") + " does not exist"));
            }
            Notebook n = nb.get();
            return new NotebookView(user.name(), user.inConfig(), user.stack(), Optional.of(n.name()), n.status(),
                    Optional.of(n.instanceType()), n.url(), n.failureReason());
        } catch (HailctlException e) {
            problems.add("notebook " + user.name() + ": " + e.getMessage());
            return withoutInstance(user, name, "unknown", Optional.of(e.getMessage()));
        }
    }

    /** A view with nothing from SageMaker. */
    private static NotebookView withoutInstance(Member user, Optional<String> name, String state, Optional<String> problem) {
        return new NotebookView(user.name(), user.inConfig(), user.stack(), name, state, Optional.empty(), Optional.empty(),
                problem);
    }
}

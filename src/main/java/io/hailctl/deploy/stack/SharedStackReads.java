package io.hailctl.deploy.stack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One run's stack reads, shared: reads are paced (at most 4 a second, {@code ReadPace}), so a read whose
 * answer the run already has is time lost. Within {@link #FRESH} of being read:
 * <ul>
 *   <li>one listing serves every {@link #names} prefix (pre-flight asks for notebooks and clusters), unless
 *       the run has since written a stack under that prefix. It is DescribeStacks without a name, so each
 *       settled stack's description comes with it (ListStacks where a policy refuses that form);</li>
 *   <li>a stack missing from that listing is absent for {@link #describe} by name: a fresh deploy's steps
 *       learn that their stacks do not exist yet without one DescribeStacks each;</li>
 *   <li>a settled stack's DescribeStacks answer by name serves the next read of that name (pre-flight reads
 *       the buckets stack, then its step does).</li>
 * </ul>
 * Never reused: an answer about a stack this run has written since (create, update, delete), an answer
 * {@code *_IN_PROGRESS} (the reader waits for it to change), reads by stack id (watchers follow an
 * operation and need the present). A stack made by someone else within those seconds makes our CreateStack
 * fail with AlreadyExists, which {@code CloudFormationStacks} adopts when it carries our fingerprint and
 * reports otherwise; another hailctl run on the environment is kept out by the environment lock.
 */
public final class SharedStackReads implements Stacks {
    /** Long enough for a run's start (pre-flight, then the first steps), short against anyone else's changes. */
    public static final Duration FRESH = Duration.ofSeconds(10);

    private final Stacks stacks;
    private final Clock clock;
    private Listing listing;
    private final Map<String, Answer> answers = new HashMap<>();
    /** Stacks this run has written to since the answers were read (names; ids resolved through {@link #names}). */
    private final Set<String> written = new HashSet<>();

    private record Listing(Instant at, Set<String> names) {
    }

    private record Answer(Instant at, Optional<StackState> state) {
    }

    public SharedStackReads(Stacks stacks, Clock clock) {
        this.stacks = stacks;
        this.clock = clock;
    }

    @Override
    public Optional<StackState> describe(String nameOrId) {
        if (isId(nameOrId)) {
            return stacks.describe(nameOrId);
        }
        Optional<Optional<StackState>> known = known(nameOrId);
        if (known.isPresent()) {
            return known.get();
        }
        Instant at = clock.instant();
        Optional<StackState> state = stacks.describe(nameOrId);
        synchronized (this) {
            if (!written.contains(nameOrId)
                    && state.map(s -> s.category() != StackStatus.Category.IN_PROGRESS).orElse(true)) {
                answers.put(nameOrId, new Answer(at, state));
            }
        }
        return state;
    }

    /** What this run already knows of a stack by name, if it knows it freshly. */
    private synchronized Optional<Optional<StackState>> known(String name) {
        if (written.contains(name)) {
            return Optional.empty();
        }
        Answer a = answers.get(name);
        if (a != null && fresh(a.at())) {
            return Optional.of(a.state());
        }
        if (listing != null && fresh(listing.at()) && !listing.names().contains(name)) {
            return Optional.of(Optional.empty());
        }
        return Optional.empty();
    }

    @Override
    public List<String> names(String prefix) {
        Listing l;
        synchronized (this) {
            // A stack this run created or deleted under the prefix makes the listing out of date for it.
            boolean changed = written.stream().anyMatch(n -> n.startsWith(prefix));
            l = listing != null && fresh(listing.at()) && !changed ? listing : null;
        }
        if (l == null) {
            Instant at = clock.instant();
            Optional<List<StackState>> described = stacks.describeAll("");
            if (described.isPresent()) {
                // One read for the listing and every settled stack's own DescribeStacks answer.
                Set<String> names = new HashSet<>();
                synchronized (this) {
                    for (StackState s : described.get()) {
                        names.add(s.name());
                        if (!written.contains(s.name()) && s.category() != StackStatus.Category.IN_PROGRESS) {
                            answers.put(s.name(), new Answer(at, Optional.of(s)));
                        }
                    }
                }
                l = new Listing(at, Set.copyOf(names));
            } else {
                l = new Listing(at, Set.copyOf(stacks.names("")));
            }
            synchronized (this) {
                listing = l;
            }
        }
        return l.names().stream().filter(n -> n.startsWith(prefix)).sorted().toList();
    }

    @Override
    public String create(StackRequest request) {
        wrote(request.stackName());
        return stacks.create(request);
    }

    @Override
    public Optional<String> update(StackRequest request) {
        wrote(request.stackName());
        return stacks.update(request);
    }

    @Override
    public void delete(String stackId, String clientRequestToken) {
        wrote(nameOf(stackId));
        stacks.delete(stackId, clientRequestToken);
    }

    @Override
    public List<StackEvent> eventsSince(String stackId, Optional<String> stopAtEventId) {
        return stacks.eventsSince(stackId, stopAtEventId);
    }

    @Override
    public List<ResourceChange> previewUpdate(StackRequest request) {
        return stacks.previewUpdate(request);
    }

    private synchronized void wrote(String name) {
        written.add(name);
        answers.remove(name);
    }

    private boolean fresh(Instant at) {
        return clock.instant().isBefore(at.plus(FRESH));
    }

    /** A stack id is its ARN: arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/UUID. */
    private static boolean isId(String nameOrId) {
        return nameOrId.startsWith("arn:");
    }

    static String nameOf(String nameOrId) {
        if (!isId(nameOrId)) {
            return nameOrId;
        }
        int stack = nameOrId.indexOf(":stack/");
        if (stack < 0) {
            return nameOrId;
        }
        String rest = nameOrId.substring(stack + ":stack/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}

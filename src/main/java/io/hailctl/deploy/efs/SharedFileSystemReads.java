package io.hailctl.deploy.efs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One run's EFS reads, shared: reads are paced (at most 4 a second, {@code ReadPace}), and a run with N users
 * would otherwise read the same file system N + 2 times (pre-flight, the policy step, each user's step) and
 * list its access points N times, all in the same second. Within {@link #FRESH} of being read, a file
 * system's description and its access-point listing serve every later reader; readers that ask while the
 * read is under way wait for it instead of repeating it. A write this run makes (an access point created or
 * deleted) drops the listing of that file system, so the next reader reads it again.
 */
public final class SharedFileSystemReads implements FileSystems {
    /** As {@code SharedStackReads.FRESH}: a run's start, short against anyone else's changes. */
    public static final Duration FRESH = Duration.ofSeconds(10);

    private final FileSystems efs;
    private final Clock clock;
    private final Map<String, Shared<Optional<FileSystem>>> described = new HashMap<>();
    private final Map<String, Shared<List<AccessPoint>>> listed = new HashMap<>();

    /** An answer read once at {@code at} (perhaps still being read), for every reader within FRESH. */
    private record Shared<T>(Instant at, CompletableFuture<T> answer) {
    }

    public SharedFileSystemReads(FileSystems efs, Clock clock) {
        this.efs = efs;
        this.clock = clock;
    }

    @Override
    public Optional<FileSystem> describe(String fileSystemId) {
        return shared(described, fileSystemId, () -> efs.describe(fileSystemId));
    }

    @Override
    public List<AccessPoint> accessPoints(String fileSystemId) {
        return shared(listed, fileSystemId, () -> efs.accessPoints(fileSystemId));
    }

    private <T> T shared(Map<String, Shared<T>> answers, String key, Supplier<T> read) {
        Shared<T> mine;
        boolean reader;
        synchronized (this) {
            Shared<T> known = answers.get(key);
            reader = known == null || !clock.instant().isBefore(known.at().plus(FRESH))
                    || known.answer().isCompletedExceptionally();
            if (reader) {
                known = new Shared<>(clock.instant(), new CompletableFuture<>());
                answers.put(key, known);
            }
            mine = known;
        }
        if (reader) {
            try {
                mine.answer().complete(read.get());
            } catch (RuntimeException e) {
                // Every reader waiting for this answer gets the failure; the next one reads again.
                mine.answer().completeExceptionally(e);
            }
        }
        try {
            return mine.answer().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @Override
    public Optional<String> policy(String fileSystemId) {
        return efs.policy(fileSystemId);
    }

    @Override
    public void putPolicy(String fileSystemId, String policyJson) {
        efs.putPolicy(fileSystemId, policyJson);
    }

    @Override
    public Optional<AccessPoint> accessPoint(String accessPointId) {
        return efs.accessPoint(accessPointId);
    }

    @Override
    public AccessPoint create(AccessPointRequest request) {
        synchronized (this) {
            listed.remove(request.fileSystemId());
        }
        AccessPoint created = efs.create(request);
        synchronized (this) {
            listed.remove(request.fileSystemId());
        }
        return created;
    }

    @Override
    public boolean delete(String accessPointId) {
        synchronized (this) {
            // The id alone does not name its file system: every listing goes.
            listed.clear();
        }
        boolean deleted = efs.delete(accessPointId);
        synchronized (this) {
            listed.clear();
        }
        return deleted;
    }
}

package io.hailctl.deploy.users;

import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.efs.AccessPointRunner;
import io.hailctl.deploy.efs.FakeFileSystems;
import io.hailctl.deploy.fakes.Contexts;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.deploy.fakes.FakeStacks;
import io.hailctl.deploy.teardown.StackDeletionRunner;
import io.hailctl.plan.AccessPointStep;
import io.hailctl.plan.StepId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserRemovalTest {
    private static final String FS = "fs-0123456789abcdef0";
    private static final String BUCKET = "demo-jupyter-bucket";

    private final FakeFileSystems efs = new FakeFileSystems();
    private final FakeBucket s3 = new FakeBucket();
    private final FakeClock clock = new FakeClock();
    private final FakeStacks stacks = new FakeStacks(clock);
    private final StepContext ctx = Contexts.on(clock, new Contexts.Recording(), Confirmer.NO);
    private final AccessPointRunner accessPoints = new AccessPointRunner(efs, "us-east-1");
    private final UserRemoval removal = new UserRemoval(stacks, new StackDeletionRunner(stacks), accessPoints, s3);

    UserRemovalTest() {
        efs.addFileSystem(FS);
        s3.put("alice/work.ipynb", "v1", "v2");
        s3.put("alice2/other-user.ipynb", "v1");
        s3.put("scripts/list-clusters", "v1");
    }

    @Test
    void removesTheNotebookStackAndAccessPointAndKeepsTheFiles() throws Exception {
        addUser("alice");

        UserRemoval.Result r = removal.remove(target("alice", false), ctx);

        assertTrue(r.ok(), r.toString());
        assertTrue(stacks.describe("demo-jupyter-alice").isEmpty());
        assertEquals(List.of(), efs.all());
        assertEquals(3, s3.keys().size(), "the S3 files stay: " + s3.keys());
    }

    @Test
    void deleteDataRemovesEveryVersionUnderTheUsersPrefixAndNothingElse() throws Exception {
        addUser("alice");

        UserRemoval.Result r = removal.remove(target("alice", true), ctx);

        assertTrue(r.ok(), r.toString());
        assertEquals(List.of("alice2/other-user.ipynb", "scripts/list-clusters"), s3.keys());
        assertTrue(r.done().contains("2 object versions deleted from s3://" + BUCKET + "/alice/"), r.done().toString());
    }

    @Test
    void theAccessPointStaysWhileTheNotebookThatMountsItCouldNotBeDeleted() throws Exception {
        addUser("alice");
        addUser("bob");
        stacks.onDelete(name -> name.equals("demo-jupyter-bob") ? FakeStacks.failedDelete(name)
                : FakeStacks.successfulDelete(name));

        List<UserRemoval.Result> results = removal.removeAll(List.of(target("alice", true), target("bob", true)), ctx, 2);

        assertTrue(results.get(0).ok(), results.get(0).toString());
        UserRemoval.Result bob = results.get(1);
        assertFalse(bob.ok());
        assertTrue(bob.failure().orElseThrow().getMessage().contains("Notebook instance is in use"));
        assertEquals(List.of("/sagemaker/bob"), efs.all().stream().map(a -> a.rootPath()).toList());
        assertTrue(stacks.describe("demo-jupyter-alice").isEmpty());
    }

    @Test
    void nothingThereIsNotAnError() throws Exception {
        UserRemoval.Found found = removal.survey(target("carol", true), ctx);
        UserRemoval.Result r = removal.remove(target("carol", true), ctx);

        assertFalse(found.anything());
        assertTrue(r.ok());
        assertEquals(List.of("no notebook stack demo-jupyter-carol", "no EFS access point for /sagemaker/carol",
                "0 object versions deleted from s3://" + BUCKET + "/carol/"), r.done());
        assertEquals(List.of(), stacks.writes());
    }

    @Test
    void aTargetNeverHasAPrefixWiderThanTheUsersOwn() {
        assertThrows(IllegalArgumentException.class, () -> target("", true));
        assertThrows(IllegalArgumentException.class, () -> target("a/../scripts", true));
        assertThrows(IllegalArgumentException.class, () -> target("scripts", true));
    }

    private void addUser(String user) throws Exception {
        stacks.existing("demo-jupyter-" + user, "CREATE_COMPLETE", Map.of("UserName", user), Map.of(), Map.of(), List.of());
        accessPoints.apply(step(user), Inputs.resolved(Map.of()), ctx);
    }

    private static AccessPointStep step(String user) {
        return new AccessPointStep(StepId.of("efs-" + user), FS, user, Map.of("Name", user), Map.of());
    }

    private static UserRemoval.Target target(String user, boolean deleteData) {
        return new UserRemoval.Target(user, "demo-jupyter-" + user, Optional.of(step(user)),
                deleteData ? Optional.of(BUCKET) : Optional.empty());
    }

    /** One bucket's object versions in memory. */
    private static final class FakeBucket implements BucketPrefixes {
        private final List<ObjectVersion> versions = new ArrayList<>();

        void put(String key, String... versionIds) {
            for (String v : versionIds) {
                versions.add(new ObjectVersion(key, v));
            }
        }

        synchronized List<String> keys() {
            return versions.stream().map(ObjectVersion::key).distinct().sorted().toList();
        }

        @Override
        public boolean exists(String bucket) {
            return bucket.equals(BUCKET);
        }

        @Override
        public synchronized List<ObjectVersion> versions(String bucket, String prefix) {
            return versions.stream().filter(v -> v.key().startsWith(prefix)).toList();
        }

        @Override
        public synchronized void delete(String bucket, List<ObjectVersion> these) {
            versions.removeAll(these);
        }
    }
}

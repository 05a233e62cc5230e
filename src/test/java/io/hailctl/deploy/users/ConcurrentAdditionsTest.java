package io.hailctl.deploy.users;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.config.ConfigLoader;
import io.hailctl.config.HailctlConfig;
import io.hailctl.config.Overrides;
import io.hailctl.config.Precedence;
import io.hailctl.deploy.CallBudget;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Deployment;
import io.hailctl.deploy.RunReport;
import io.hailctl.deploy.StepResult;
import io.hailctl.deploy.efs.AccessPointRunner;
import io.hailctl.deploy.efs.FakeFileSystems;
import io.hailctl.deploy.efs.FileSystemPolicyRunner;
import io.hailctl.deploy.efs.FileSystems;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.deploy.fakes.FakeStacks;
import io.hailctl.deploy.stack.StackRunner;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.plan.NetworkFacts;
import io.hailctl.plan.Plan;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Topology;
import io.hailctl.deploy.fakes.Contexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * add-user alice bob, as the engine runs it (the plan, the runners, SKIP_DEPENDENTS) over in-memory
 * CloudFormation and EFS: both users' access points are created at the same time, bob's fails, and
 * alice still ends with her notebook, wired to her access point.
 */
class ConcurrentAdditionsTest {
    private static final String FS = "fs-0123456789abcdef0";

    @Test
    void twoUsersAtOnceOneFailingTheOtherStillDone(@TempDir Path dir) throws Exception {
        HailctlConfig config = config(dir, "alice", "bob");
        NetworkFacts network = new NetworkFacts("vpc-0123456789abcdef0", "subnet-0123456789abcdef0", "us-east-1a");
        Plan plan = Topology.plan(config, network);

        FakeClock clock = new FakeClock();
        FakeStacks stacks = new FakeStacks(clock).outputs(r -> Map.of(
                "NotebookInstanceName", "demo-" + r.parameters().get("UserName"),
                "NotebookRoleArn", "arn:aws:iam::123456789012:role/x", "LifecycleConfigName", "lc",
                "NotebookUrl", "https://demo-" + r.parameters().get("UserName") + ".notebook.us-east-1.sagemaker.aws/lab"));
        stacks.existing(Topology.s3StackName("demo"), "CREATE_COMPLETE", Map.of(), outputs(Topology.S3_OUTPUTS),
                Map.of(), List.of());
        stacks.existing(Topology.networkStackName("demo"), "CREATE_COMPLETE", Map.of(),
                outputs(Topology.NETWORK_OUTPUTS), Map.of(), List.of());
        FakeFileSystems efs = new FakeFileSystems();
        efs.addFileSystem(FS);
        // Each create waits until the other user's create has started too: only concurrent runs get past.
        CyclicBarrier bothCreating = new CyclicBarrier(2);
        efs.onCreate(request -> {
            try {
                bothCreating.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the two access points were not created at the same time", e);
            }
            if (request.rootPath().equals("/sagemaker/bob")) {
                throw new HailctlException(ExitCode.FAILED, "EFS: AccessPointLimitExceeded: too many access points");
            }
        });

        Deployment engine = new Deployment(List.of(new StackRunner(stacks, template -> "template " + template),
                new FileSystemPolicyRunner(efs, "us-east-1"), new AccessPointRunner(efs, "us-east-1")),
                new Contexts.Recording(), clock, clock, new Cancellation(), Confirmer.NO,
                CallBudget.standard(clock, clock), 8);
        Set<StepId> targets = new LinkedHashSet<>(List.of(Topology.EFS_POLICY, Topology.accessPoint("alice"),
                Topology.accessPoint("bob"), Topology.jupyter("alice"), Topology.jupyter("bob")));

        RunReport report = engine.run(plan, targets, Deployment.Mode.APPLY, Deployment.OnFailure.SKIP_DEPENDENTS);

        assertEquals(StepResult.Status.FAILED, status(report, "efs-bob"));
        assertEquals("EFS: AccessPointLimitExceeded: too many access points",
                report.result("efs-bob").orElseThrow().failure().orElseThrow().getMessage());
        assertEquals(Optional.of("needs efs-bob, which failed"), report.result("jupyter-bob").orElseThrow().skippedBecause());
        assertTrue(stacks.describe("demo-jupyter-bob").isEmpty(), "no notebook for bob");

        assertEquals(StepResult.Status.SUCCEEDED, status(report, "efs-alice"));
        assertEquals(StepResult.Status.SUCCEEDED, status(report, "jupyter-alice"));
        FileSystems.AccessPoint alices = efs.all().get(0);
        assertEquals("/sagemaker/alice", alices.rootPath());
        StackState notebook = stacks.describe("demo-jupyter-alice").orElseThrow();
        assertEquals(alices.id(), notebook.parameters().get("EfsAccessPointId"));
        assertEquals(FS, notebook.parameters().get("EfsFileSystemId"));
        assertEquals(ExitCode.FAILED, report.exitCode());
    }

    private static StepResult.Status status(RunReport report, String step) {
        return report.result(step).orElseThrow().status();
    }

    private static Map<String, String> outputs(Set<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, n.toLowerCase().contains("securitygroup") ? "sg-0123456789abcdef0" : "demo-" + n.toLowerCase()));
        return out;
    }

    static HailctlConfig config(Path dir, String... users) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                environment: demo
                region: us-east-1
                network:
                  vpcId: vpc-0123456789abcdef0
                  subnetId: subnet-0123456789abcdef0
                buckets:
                  hail: demo-hail-bucket
                  logs: demo-logs-bucket
                  jupyter: demo-jupyter-bucket
                efs:
                  fileSystemId: %s
                users:
                """.formatted(FS));
        for (String u : users) {
            yaml.append("  - name: ").append(u).append('\n');
        }
        Path file = Files.writeString(dir.resolve("hailctl.yaml"), yaml);
        return new ConfigLoader(new Precedence(Map.of())).load(file, new Overrides(Optional.empty(), Optional.empty()));
    }
}

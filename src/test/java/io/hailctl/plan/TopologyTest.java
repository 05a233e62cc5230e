package io.hailctl.plan;

import io.hailctl.config.HailctlConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologyTest {

    private static StackStep stack(Plan plan, String id) {
        return (StackStep) plan.require(StepId.of(id));
    }

    @Test
    void everyStackIsNamedAfterTheEnvironmentAndItsPart() {
        Plan plan = Topology.plan(Configs.twoUsers(""), Configs.NETWORK);
        List<String> names = plan.steps().stream().filter(s -> s instanceof StackStep).map(s -> ((StackStep) s).stackName()).toList();
        assertEquals(List.of("demo-s3", "demo-network", "demo-jupyter-alice", "demo-jupyter-bob", "demo-emr-hail"), names);
    }

    @Test
    void eachConfiguredClusterIsItsOwnStackOnTheSameNetworkBucketsAndAmi() {
        Plan plan = Topology.plan(Configs.twoUsers("clusters:\n  - name: hail\n  - name: big\n    coreCount: 8\n"),
                Configs.NETWORK);
        StackStep hail = stack(plan, "emr-hail");
        StackStep big = stack(plan, "emr-big");
        assertEquals("demo-emr-big", big.stackName());
        assertEquals(Value.literal("8"), big.parameters().get("CoreInstanceCount"));
        assertEquals(Value.literal("2"), hail.parameters().get("CoreInstanceCount"));
        assertEquals(Value.literal("demo-big"), big.parameters().get("ClusterName"));
        for (String shared : List.of("SubnetId", "CustomAmiId", "LogBucket", "HailBucket", "EmrMasterSecurityGroupId")) {
            assertEquals(hail.parameters().get(shared), big.parameters().get(shared), shared);
        }
        assertEquals("big", big.tags().get(Topology.TAG_CLUSTER));
        assertFalse(big.tags().containsKey(Topology.TAG_AD_HOC));
        assertTrue(Topology.plan(Configs.twoUsers("clusters: []\n"), Configs.NETWORK).steps().stream()
                .noneMatch(s -> s.id().value().startsWith("emr-")), "clusters: [] deploys none");
    }

    @Test
    void anAdHocClusterIsTheSameTemplateTaggedAdHoc() {
        HailctlConfig config = Configs.twoUsers("");
        StackStep adHoc = Topology.clusterStep(config, Configs.NETWORK,
                new io.hailctl.config.EmrSpec("scratch", "emr-7.12.0", "m5.xlarge", "r5.2xlarge", 4, "r5.xlarge", 0, 6,
                        io.hailctl.config.Market.SPOT, io.hailctl.config.Scaling.MANAGED, 30, false), true);
        assertEquals("demo-emr-scratch", adHoc.stackName());
        assertEquals("hail-emr.yml", adHoc.template());
        assertEquals("true", adHoc.tags().get(Topology.TAG_AD_HOC));
        assertEquals("demo", adHoc.tags().get(Topology.TAG_ENVIRONMENT));
        assertEquals(Value.literal("1800"), adHoc.parameters().get("IdleTimeoutSeconds"));
        assertEquals(Value.literal("SPOT"), adHoc.parameters().get("TaskMarket"));
    }

    @Test
    void outputsOfEarlierStacksBecomeParametersOfLaterOnes() {
        Plan plan = Topology.plan(Configs.twoUsers(""), Configs.NETWORK);
        StackStep alice = stack(plan, "jupyter-alice");
        assertEquals(Value.outputOf(Topology.S3, "JupyterBucket"), alice.parameters().get("JupyterBucket"));
        assertEquals(Value.outputOf(Topology.NETWORK, "NotebookSecurityGroupId"), alice.parameters().get("NotebookSecurityGroupId"));
        assertEquals(Value.literal("subnet-0123456789abcdef0"), alice.parameters().get("SubnetId"));
        assertEquals(Value.literal("ml.t3.large"), stack(plan, "jupyter-bob").parameters().get("InstanceType"));
        StackStep emr = stack(plan, "emr-hail");
        assertEquals(Value.outputOf(Topology.AMI, "AmiId"), emr.parameters().get("CustomAmiId"));
        assertEquals(Value.literal("subnet-0123456789abcdef0"), emr.parameters().get("SubnetId"),
                "notebooks and the cluster share the one subnet");
        assertEquals(Value.outputOf(Topology.S3, "LogBucket"), emr.parameters().get("LogBucket"));
    }

    @Test
    void notebooksDoNotWaitForTheAmiOrTheCluster() {
        Plan plan = Topology.plan(Configs.twoUsers("ami:\n  source: build\n  vepVersion: 116\n"), Configs.NETWORK);
        assertEquals(Set.of(Topology.S3, Topology.NETWORK), plan.require(StepId.of("jupyter-alice")).dependsOn());
        assertTrue(plan.require(StepId.of("emr-hail")).dependsOn().containsAll(List.of(Topology.AMI, Topology.SUBNET_TAG)),
                "the cluster waits for its AMI and for the EMR tag on the subnet");
        assertEquals(Set.of(StepId.of("packer-bundle"), StepId.of("ami-stack")), plan.require(Topology.AMI).dependsOn());
        List<List<StepId>> waves = plan.waves();
        assertTrue(waves.get(0).containsAll(List.of(Topology.S3, Topology.NETWORK, Topology.SUBNET_TAG)), waves.toString());
        assertFalse(waves.get(0).contains(StepId.of("jupyter-alice")));
        assertTrue(waves.get(1).containsAll(List.of(StepId.of("jupyter-alice"), StepId.of("jupyter-bob"), Topology.SEED,
                StepId.of("packer-bundle"))), waves.toString());
    }

    @Test
    void withEfsEachUserGetsAnAccessPointFedToTheirNotebook() {
        HailctlConfig config = Configs.twoUsers("efs:\n  fileSystemId: fs-0123456789abcdef0\n");
        Plan plan = Topology.plan(config, Configs.NETWORK);
        assertEquals(Value.outputOf(StepId.of("efs-alice"), "AccessPointId"),
                stack(plan, "jupyter-alice").parameters().get("EfsAccessPointId"));
        assertEquals(Value.literal("fs-0123456789abcdef0"), stack(plan, "emr-hail").parameters().get("EfsFileSystemId"));
        assertTrue(plan.step(Topology.EFS_POLICY).isPresent());
    }

    @Test
    void withoutEfsNoAccessPointSteps() {
        Plan plan = Topology.plan(Configs.twoUsers(""), Configs.NETWORK);
        assertFalse(plan.step(StepId.of("efs-alice")).isPresent());
        assertEquals(Value.literal(""), stack(plan, "jupyter-alice").parameters().get("EfsAccessPointId"));
    }

    @Test
    void everyStackCarriesTheEnvironmentTagsAndTheUsersOwnTags() {
        Plan plan = Topology.plan(Configs.twoUsers("tags:\n  team: genomics\n"), Configs.NETWORK);
        StackStep alice = stack(plan, "jupyter-alice");
        assertEquals("demo", alice.tags().get("hailctl:environment"));
        assertEquals("jupyter", alice.tags().get("hailctl:component"));
        assertEquals("alice", alice.tags().get("hailctl:user"));
        assertEquals("genomics", alice.tags().get("team"));
    }
}

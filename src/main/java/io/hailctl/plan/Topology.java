package io.hailctl.plan;

import io.hailctl.config.AmiSource;
import io.hailctl.config.EmrSpec;
import io.hailctl.config.HailctlConfig;
import io.hailctl.config.UserSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bundled topology, in one readable place: which steps an environment is made of, which
 * template each stack uses, and where every parameter comes from. Pure: config and resolved network
 * facts in, a {@link Plan} out.
 *
 * <pre>
 *   s3 ──► seed
 *    │ ──► jupyter-USER ◄── network, efs-USER ◄── efs-policy
 *    │ ──► packer-bundle ──► ami-stack ──► ami ──► emr-CLUSTER ◄── network, subnet-tag
 * </pre>
 */
public final class Topology {
    public static final StepId S3 = StepId.of("s3");
    public static final StepId NETWORK = StepId.of("network");
    public static final StepId SEED = StepId.of("seed");
    public static final StepId EFS_POLICY = StepId.of("efs-policy");
    public static final StepId PACKER_BUNDLE = StepId.of("packer-bundle");
    public static final StepId AMI_STACK = StepId.of("ami-stack");
    public static final StepId AMI = StepId.of("ami");
    public static final StepId SUBNET_TAG = StepId.of("subnet-tag");

    /** Outputs of each template that the CLI reads (the wiring contract; checked against the templates by tests). */
    public static final Set<String> S3_OUTPUTS = Set.of("HailBucket", "HailBucketArn", "LogBucket", "LogBucketArn",
            "JupyterBucket", "JupyterBucketArn");
    public static final Set<String> NETWORK_OUTPUTS = Set.of("NotebookSecurityGroupId", "EmrMasterSecurityGroupId",
            "EmrWorkerSecurityGroupId");
    public static final Set<String> JUPYTER_OUTPUTS = Set.of("NotebookInstanceName", "NotebookRoleArn",
            "LifecycleConfigName", "NotebookUrl");
    public static final Set<String> AMI_OUTPUTS = Set.of("BuildProjectName", "AmiParameterName", "LogGroupName",
            "BuildSecurityGroupId");
    public static final Set<String> EMR_OUTPUTS = Set.of("ClusterId", "ClusterName", "LivyPort", "PlotsLocation",
            "InstanceProfileName", "ServiceRoleName");

    public static final String TAG_ENVIRONMENT = "hailctl:environment";
    public static final String TAG_COMPONENT = "hailctl:component";
    public static final String TAG_USER = "hailctl:user";
    public static final String TAG_CLUSTER = "hailctl:cluster";
    public static final String TAG_AD_HOC = "hailctl:ad-hoc";

    private Topology() {
    }

    public static StepId jupyter(String user) {
        return StepId.of("jupyter-" + user);
    }

    public static StepId accessPoint(String user) {
        return StepId.of("efs-" + user);
    }

    public static StepId emr(String cluster) {
        return StepId.of("emr-" + cluster);
    }

    public static String s3StackName(String env) {
        return env + "-s3";
    }

    public static String networkStackName(String env) {
        return env + "-network";
    }

    public static String jupyterStackName(String env, String user) {
        return env + "-jupyter-" + user;
    }

    public static String amiStackName(String env) {
        return env + "-ami";
    }

    public static String emrStackName(String env, String cluster) {
        return env + "-emr-" + cluster;
    }

    /** The whole environment as steps. */
    public static Plan plan(HailctlConfig config, NetworkFacts network) {
        String env = config.environment();
        List<Step> steps = new ArrayList<>();

        steps.add(stack(config, S3, "buckets", Component.S3, s3StackName(env), "hail-s3.yml", S3_OUTPUTS,
                Duration.ofMinutes(15), Map.of(), params(
                        "EnvironmentName", lit(env),
                        "HailBucketName", lit(config.buckets().hail()),
                        "LogBucketName", lit(config.buckets().logs()),
                        "JupyterBucketName", lit(config.buckets().jupyter()),
                        "PublishLegacySsmParameters", lit(Boolean.toString(config.legacySsmParameters())))));

        steps.add(stack(config, NETWORK, "security groups", Component.NETWORK, networkStackName(env),
                "hail-network.yml", NETWORK_OUTPUTS, Duration.ofMinutes(10), Map.of(), params(
                        "EnvironmentName", lit(env),
                        "VpcId", lit(network.vpcId()))));

        steps.add(new SeedStep(SEED, out(S3, "JupyterBucket"), Optional.empty(), false));

        config.efs().ifPresent(efs -> steps.add(new FileSystemPolicyStep(EFS_POLICY, efs.fileSystemId())));

        for (UserSpec user : config.users()) {
            steps.addAll(userSteps(config, network, user));
        }

        steps.addAll(amiSteps(config, network));
        steps.add(new SubnetTagStep(SUBNET_TAG, network.subnetId(), SubnetTagStep.EMR_MANAGED_POLICY_TAG));
        for (EmrSpec cluster : config.clusters()) {
            steps.add(clusterStep(config, network, cluster, false));
        }
        return Plan.of(steps);
    }

    /** A user's access point (with EFS) and notebook stack. */
    public static List<Step> userSteps(HailctlConfig config, NetworkFacts network, UserSpec user) {
        String env = config.environment();
        List<Step> steps = new ArrayList<>();
        Value accessPoint = lit("");
        if (config.efs().isPresent()) {
            String fs = config.efs().get().fileSystemId();
            Map<String, String> tags = new LinkedHashMap<>(config.tags());
            tags.put(TAG_ENVIRONMENT, env);
            tags.put(TAG_COMPONENT, Component.EFS.tag());
            tags.put(TAG_USER, user.name());
            tags.put("Name", user.name());
            steps.add(new AccessPointStep(accessPoint(user.name()), fs, user.name(), tags, Map.of(
                    AccessPointStep.FILE_SYSTEM_ARN, out(EFS_POLICY, FileSystemPolicyStep.FILE_SYSTEM_ARN))));
            accessPoint = out(accessPoint(user.name()), AccessPointStep.ACCESS_POINT_ID);
        }
        steps.add(stack(config, jupyter(user.name()), "notebook for " + user.name(), Component.JUPYTER,
                jupyterStackName(env, user.name()), "hail-jupyter.yml", JUPYTER_OUTPUTS, Duration.ofMinutes(30),
                Map.of(TAG_USER, user.name()), params(
                        "EnvironmentName", lit(env),
                        "UserName", lit(user.name()),
                        "InstanceType", lit(user.instanceType()),
                        "VolumeSizeGB", lit(Integer.toString(user.volumeSizeGb())),
                        "PlatformIdentifier", lit(config.notebooks().platform()),
                        "DirectInternetAccess", lit(config.notebooks().directInternetAccess() ? "Enabled" : "Disabled"),
                        "SubnetId", lit(network.subnetId()),
                        "NotebookSecurityGroupId", out(NETWORK, "NotebookSecurityGroupId"),
                        "JupyterBucket", out(S3, "JupyterBucket"),
                        "HailBucket", out(S3, "HailBucket"),
                        "AllowSsmShell", lit(Boolean.toString(user.ssm())),
                        "EfsFileSystemId", lit(config.efs().map(e -> e.fileSystemId()).orElse("")),
                        "EfsAccessPointId", accessPoint)));
        return steps;
    }

    private static List<Step> amiSteps(HailctlConfig config, NetworkFacts network) {
        String env = config.environment();
        List<Step> steps = new ArrayList<>();
        Map<String, Value> amiInputs = Map.of();
        if (config.ami().source() instanceof AmiSource.Build) {
            steps.add(new PackerBundleStep(PACKER_BUNDLE, out(S3, "HailBucket")));
            steps.add(stack(config, AMI_STACK, "AMI build project", Component.AMI, amiStackName(env), "hail-ami.yml",
                    AMI_OUTPUTS, Duration.ofMinutes(15), Map.of(), params(
                            "EnvironmentName", lit(env),
                            "HailBucket", out(S3, "HailBucket"),
                            "PackerBundleKey", out(PACKER_BUNDLE, PackerBundleStep.BUNDLE_KEY),
                            "VpcId", lit(network.vpcId()),
                            "SubnetId", lit(network.subnetId()),
                            "HailVersion", lit(config.ami().hailVersion()),
                            "VepVersion", lit(config.ami().vepVersion()),
                            "EmrReleaseLabel", lit(config.clusterDefaults().releaseLabel()))));
            amiInputs = params(
                    AmiStep.ENVIRONMENT, lit(env),
                    AmiStep.BUILD_PROJECT, out(AMI_STACK, "BuildProjectName"),
                    AmiStep.AMI_PARAMETER, out(AMI_STACK, "AmiParameterName"),
                    AmiStep.LOG_GROUP, out(AMI_STACK, "LogGroupName"),
                    AmiStep.BUNDLE_SHA256, out(PACKER_BUNDLE, PackerBundleStep.BUNDLE_SHA256));
        }
        steps.add(new AmiStep(AMI, config.ami().source(), config.ami().hailVersion(), config.ami().vepVersion(),
                config.clusterDefaults().releaseLabel(), config.region().orElse(""), amiInputs));
        return steps;
    }

    /**
     * One cluster's stack: a configured one, or an ad-hoc one ({@code hailctl cluster start}, tagged
     * {@value #TAG_AD_HOC} so status, list and destroy tell them apart). Every cluster shares the
     * environment's network, subnet, buckets and AMI decision.
     */
    public static StackStep clusterStep(HailctlConfig config, NetworkFacts network, EmrSpec emr, boolean adHoc) {
        return clusterStep(config, network, emr, adHoc, Optional.empty());
    }

    /** As above, with an ad-hoc cluster's hard stop (`cluster start --max-age`); configured clusters have none. */
    public static StackStep clusterStep(HailctlConfig config, NetworkFacts network, EmrSpec emr, boolean adHoc,
                                        Optional<HardStop> hardStop) {
        String env = config.environment();
        Map<String, String> extraTags = new LinkedHashMap<>();
        extraTags.put(TAG_CLUSTER, emr.name());
        if (adHoc) {
            extraTags.put(TAG_AD_HOC, "true");
        }
        StackStep cluster = stack(config, emr(emr.name()), "EMR cluster " + emr.name(), Component.EMR,
                emrStackName(env, emr.name()), "hail-emr.yml", EMR_OUTPUTS, Duration.ofMinutes(60),
                extraTags, params(
                        "EnvironmentName", lit(env),
                        "ClusterName", lit(env + "-" + emr.name()),
                        "ReleaseLabel", lit(emr.releaseLabel()),
                        "CustomAmiId", out(AMI, AmiStep.AMI_ID),
                        "HailVersion", lit(config.ami().hailVersion()),
                        "MasterInstanceType", lit(emr.masterType()),
                        "CoreInstanceType", lit(emr.coreType()),
                        "CoreInstanceCount", lit(Integer.toString(emr.coreCount())),
                        "TaskInstanceType", lit(emr.taskType()),
                        "TaskInstanceMin", lit(Integer.toString(emr.taskMin())),
                        "TaskInstanceMax", lit(Integer.toString(emr.taskMax())),
                        "TaskMarket", lit(emr.taskMarket().name()),
                        "ScalingMode", lit(emr.scaling().name().toLowerCase()),
                        "IdleTimeoutSeconds", lit(Integer.toString(emr.idleTimeoutMinutes() * 60)),
                        HardStop.PARAMETER, lit(HardStop.parameterValue(hardStop)),
                        "AllowSsmShell", lit(Boolean.toString(emr.ssm())),
                        "EfsFileSystemId", lit(config.efs().map(e -> e.fileSystemId()).orElse("")),
                        "SubnetId", lit(network.subnetId()),
                        "EmrMasterSecurityGroupId", out(NETWORK, "EmrMasterSecurityGroupId"),
                        "EmrWorkerSecurityGroupId", out(NETWORK, "EmrWorkerSecurityGroupId"),
                        "LogBucket", out(S3, "LogBucket"),
                        "HailBucket", out(S3, "HailBucket")));
        return new StackStep(cluster.id(), cluster.title(), cluster.component(), cluster.stackName(), cluster.template(),
                cluster.parameters(), cluster.outputs(), cluster.tags(), cluster.timeout(), Set.of(SUBNET_TAG));
    }

    private static StackStep stack(HailctlConfig config, StepId id, String title, Component component, String stackName,
                                   String template, Set<String> outputs, Duration timeout,
                                   Map<String, String> extraTags, Map<String, Value> parameters) {
        Map<String, String> tags = new LinkedHashMap<>(config.tags());
        tags.put(TAG_ENVIRONMENT, config.environment());
        tags.put(TAG_COMPONENT, component.tag());
        tags.putAll(extraTags);
        return new StackStep(id, title, component, stackName, template, parameters, outputs, tags, timeout);
    }

    private static Value lit(String v) {
        return Value.literal(v);
    }

    private static Value out(StepId step, String output) {
        return Value.outputOf(step, output);
    }

    private static Map<String, Value> params(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Value) kv[i + 1]);
        }
        return m;
    }
}

package io.hailctl.testing;

import io.hailctl.aws.AwsClients;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackRequest;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * moto quirk (emulator.md §3), contained in test wiring: moto's CloudFormation skips
 * {@code AWS::CodeBuild::Project}, so the AMI stack completes without its project. After a
 * CreateStack/UpdateStack of an {@code ENV-ami} stack, this makes the project the way
 * hail-ami.yml's BuildProject says (name, S3 source at HailBucket/PackerBundleKey, environment
 * variables, timeouts, log group), through the CodeBuild API — what CloudFormation would have done.
 * moto has no UpdateProject: an update deletes and creates it again.
 */
public final class MotoCodeBuildProjects implements ExecutionInterceptor {
    private final Supplier<AwsClients> aws;

    /** {@code aws}: clients for the stand-in's own calls (without this interceptor). */
    public MotoCodeBuildProjects(Supplier<AwsClients> aws) {
        this.aws = aws;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String stack = context.request() instanceof CreateStackRequest c ? c.stackName()
                : context.request() instanceof UpdateStackRequest u ? u.stackName() : null;
        if (stack == null || !stack.endsWith("-ami")) {
            return;
        }
        AwsClients clients = aws.get();
        Stack s = clients.cloudFormation().describeStacks(b -> b.stackName(stack)).stacks().get(0);
        Map<String, String> p = new LinkedHashMap<>();
        s.parameters().forEach(x -> p.put(x.parameterKey(), x.parameterValue()));
        String env = p.get("EnvironmentName");
        String name = env + "-hail-ami";
        String role = clients.cloudFormation().describeStackResource(b -> b.stackName(stack).logicalResourceId("BuildRole"))
                .stackResourceDetail().physicalResourceId();
        List<EnvironmentVariable> vars = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ENVIRONMENT_NAME", env);
        values.put("HAIL_VERSION", p.getOrDefault("HailVersion", "0.2.139"));
        values.put("VEP_VERSION", p.getOrDefault("VepVersion", "none"));
        values.put("VEP_ASSEMBLIES", p.getOrDefault("VepAssemblies", "GRCh38"));
        values.put("EMR_RELEASE_LABEL", p.getOrDefault("EmrReleaseLabel", "emr-7.12.0"));
        values.put("HAIL_BUCKET", p.get("HailBucket"));
        values.put("VPC_ID", p.get("VpcId"));
        values.put("SUBNET_ID", p.get("SubnetId"));
        values.put("AMI_PARAMETER_PREFIX", "/hail/" + env + "/ami");
        values.forEach((k, v) -> vars.add(EnvironmentVariable.builder().name(k).value(v == null ? "" : v).type("PLAINTEXT").build()));
        if (clients.codeBuild().batchGetProjects(b -> b.names(name)).hasProjects()
                && !clients.codeBuild().batchGetProjects(b -> b.names(name)).projects().isEmpty()) {
            clients.codeBuild().deleteProject(b -> b.name(name));
        }
        clients.codeBuild().createProject(b -> b.name(name)
                .serviceRole(role.startsWith("arn:") ? role : "arn:aws:iam::" + Moto.ACCOUNT + ":role/" + role)
                .timeoutInMinutes(Integer.parseInt(p.getOrDefault("BuildTimeoutMinutes", "240")))
                .queuedTimeoutInMinutes(60)
                .artifacts(a -> a.type("NO_ARTIFACTS"))
                .source(src -> src.type("S3").location(p.get("HailBucket") + "/"
                        + p.getOrDefault("PackerBundleKey", "hailctl/packer/packer.zip")).buildspec("buildspec.yml"))
                .environment(e -> e.type("LINUX_CONTAINER").computeType("BUILD_GENERAL1_SMALL")
                        .image("aws/codebuild/amazonlinux-x86_64-standard:5.0").environmentVariables(vars))
                .logsConfig(l -> l.cloudWatchLogs(c -> c.status("ENABLED").groupName("/aws/codebuild/" + name))));
    }
}

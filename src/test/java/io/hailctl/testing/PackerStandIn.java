package io.hailctl.testing;

import io.hailctl.aws.AwsClients;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.codebuild.model.Project;
import software.amazon.awssdk.services.codebuild.model.StartBuildRequest;
import software.amazon.awssdk.services.codebuild.model.StartBuildResponse;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Stands in for Packer and the buildspec, which moto's CodeBuild does not run (emulator.md §5):
 * when a StartBuild succeeds it does what a successful build of packer/ would leave behind, from
 * the build's environment (the project's variables overlaid with the request's overrides, as
 * CodeBuild does): an AMI registered with hail.pkr.hcl's tags, tagged again by
 * scripts/publish-ami.sh, and the SSM parameters {@code <prefix>/latest} and
 * {@code <prefix>/<hail>-vep-<vep>}. It also records every StartBuild's overrides (moto drops them
 * from the build it returns).
 */
public final class PackerStandIn implements ExecutionInterceptor {
    /** One build as the stand-in saw it. */
    public record Started(String buildId, Map<String, String> overrides, String amiId) {
    }

    private final Supplier<AwsClients> aws;
    private final List<Started> started = Collections.synchronizedList(new ArrayList<>());

    public PackerStandIn(Supplier<AwsClients> aws) {
        this.aws = aws;
    }

    public List<Started> started() {
        synchronized (started) {
            return List.copyOf(started);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof StartBuildRequest request) || !(context.response() instanceof StartBuildResponse r)) {
            return;
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        request.environmentVariablesOverride().forEach(v -> overrides.put(v.name(), v.value()));
        AwsClients clients = aws.get();
        Map<String, String> env = new LinkedHashMap<>();
        Project project = clients.codeBuild().batchGetProjects(b -> b.names(request.projectName())).projects().get(0);
        project.environment().environmentVariables().forEach(v -> env.put(v.name(), v.value()));
        env.putAll(overrides);
        String buildId = r.build().id();
        String hail = env.get("HAIL_VERSION");
        String vep = env.getOrDefault("VEP_VERSION", "none");
        String emr = env.get("EMR_RELEASE_LABEL");
        String environment = env.get("ENVIRONMENT_NAME");
        String prefix = env.getOrDefault("AMI_PARAMETER_PREFIX", "/hail/" + environment + "/ami");
        String name = "hail-" + hail + "-vep-" + vep + "-" + emr + "-" + started.size();

        // hail.pkr.hcl: ami_tags = common_tags + the build's description.
        String amiId = clients.ec2().registerImage(b -> b.name(name).description("Hail " + hail + " (python3.11), VEP " + vep
                + ", for " + emr + " - hailctl " + environment).architecture("x86_64").rootDeviceName("/dev/xvda")).imageId();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("managed-by", "hailctl");
        tags.put("hailctl:environment", environment);
        tags.put("hailctl:build-id", buildId);
        tags.put("Name", name);
        tags.put("hail-version", hail);
        tags.put("vep-version", vep);
        tags.put("vep-assemblies", "none".equals(vep) ? "none" : env.getOrDefault("VEP_ASSEMBLIES", "GRCh38"));
        tags.put("emr-release", emr);
        tags.put("packer-version", env.getOrDefault("PACKER_VERSION", "1.15.0"));
        tags.put("base-os", "al2023");
        tag(clients, amiId, tags);
        // scripts/publish-ami.sh: the same identity tags again, then the SSM records.
        tag(clients, amiId, Map.of("hailctl:build-id", buildId, "hailctl:environment", environment, "hail-version", hail,
                "vep-version", vep, "emr-release", emr, "managed-by", "hailctl"));
        for (String parameter : List.of(prefix + "/latest", prefix + "/" + hail + "-vep-" + vep)) {
            clients.ssm().putParameter(b -> b.name(parameter).type("String").dataType("aws:ec2:image").value(amiId)
                    .overwrite(true).description("hailctl " + environment + ": Hail " + hail + ", VEP " + vep + ", " + emr
                            + " (build " + buildId + ")"));
        }
        started.add(new Started(buildId, Map.copyOf(overrides), amiId));
    }

    private static void tag(AwsClients clients, String amiId, Map<String, String> tags) {
        List<Tag> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
        clients.ec2().createTags(b -> b.resources(amiId).tags(list));
    }
}

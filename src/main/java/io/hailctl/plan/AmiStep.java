package io.hailctl.plan;

import io.hailctl.config.AmiSource;

import java.util.Map;
import java.util.Set;

/**
 * Decides the AMI the cluster uses: none (the default EMR AMI, Hail installed at boot), one from
 * the public catalogue, an explicit id, or one built by CodeBuild/Packer (inputs then name the
 * build stack's outputs and the Packer bundle). Produces {@link #AMI_ID}, empty for the default
 * AMI, and {@link #BUILD_ID} when a build ran or was started.
 */
public record AmiStep(StepId id, AmiSource source, String hailVersion, String vepVersion, String releaseLabel,
                      String region, Map<String, Value> inputs) implements Step {
    public static final String AMI_ID = "AmiId";
    public static final String BUILD_ID = "BuildId";

    /** Inputs of a build (ami.source: build). */
    public static final String ENVIRONMENT = "EnvironmentName";
    public static final String BUILD_PROJECT = "BuildProjectName";
    public static final String AMI_PARAMETER = "AmiParameterName";
    public static final String LOG_GROUP = "LogGroupName";
    public static final String BUNDLE_SHA256 = "PackerBundleSha256";

    public AmiStep {
        inputs = Ordered.copy(inputs);
    }

    @Override
    public String title() {
        return "AMI (" + source.yamlValue() + ")";
    }

    @Override
    public Component component() {
        return Component.AMI;
    }

    @Override
    public Set<String> outputs() {
        return Set.of(AMI_ID, BUILD_ID);
    }

    /** The same step for other Hail/VEP versions (`build-ami --hail-version`): the stack keeps the file's. */
    public AmiStep withVersions(String hail, String vep) {
        return new AmiStep(id, source, hail, vep, releaseLabel, region, inputs);
    }
}

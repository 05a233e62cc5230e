package io.hailctl.plan;

import io.hailctl.config.AmiSource;

import java.util.Map;
import java.util.Set;

/**
 * Decides the AMI the cluster uses: none (the default EMR AMI, Hail installed at boot), one from
 * the public catalogue, an explicit id, or one built by CodeBuild/Packer (inputs then name the
 * build stack's outputs). Produces {@link #AMI_ID}, empty for the default AMI.
 */
public record AmiStep(StepId id, AmiSource source, String hailVersion, String vepVersion, String releaseLabel,
                      String region, Map<String, Value> inputs) implements Step {
    public static final String AMI_ID = "AmiId";

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
        return Set.of(AMI_ID);
    }
}

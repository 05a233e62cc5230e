package io.hailctl.deploy.stack;

import java.util.Map;

/** A CreateStack/UpdateStack/change-set request in hailctl's terms. */
public record StackRequest(String stackName, String templateBody, Map<String, String> parameters,
                           Map<String, String> tags, String clientRequestToken) {
    public StackRequest {
        parameters = Map.copyOf(parameters);
        tags = Map.copyOf(tags);
    }
}

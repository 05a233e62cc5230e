package io.hailctl.local.standin.codebuild;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::CodeBuild::Project} resource of a template, its properties already resolved
 * (Ref, Sub, GetAtt ... replaced by values), as the project CloudFormation would create.
 */
final class TemplateProject {
    static final String TYPE = "AWS::CodeBuild::Project";

    private TemplateProject() {
    }

    /** {@code stack} and {@code logicalId} name the project when the template does not (CloudFormation's rule, without its suffix). */
    static ProjectSettings settings(String stack, String logicalId, Map<?, ?> properties) {
        Map<?, ?> source = map(properties.get("Source"));
        Map<?, ?> environment = map(properties.get("Environment"));
        Map<String, String> variables = new LinkedHashMap<>();
        for (Object v : list(environment.get("EnvironmentVariables"))) {
            Map<?, ?> variable = map(v);
            variables.put(text(variable.get("Name")), text(variable.get("Value")));
        }
        Map<?, ?> cloudWatch = map(map(properties.get("LogsConfig")).get("CloudWatchLogs"));
        Optional<String> group = "DISABLED".equals(text(cloudWatch.get("Status"))) ? Optional.empty()
                : Optional.ofNullable(cloudWatch.get("GroupName")).map(TemplateProject::text);
        Map<String, String> tags = new LinkedHashMap<>();
        for (Object t : list(properties.get("Tags"))) {
            tags.put(text(map(t).get("Key")), text(map(t).get("Value")));
        }
        String name = properties.containsKey("Name") ? text(properties.get("Name")) : stack + "-" + logicalId;
        return new ProjectSettings(name, text(properties.get("Description")), text(properties.get("ServiceRole")),
                text(source.get("Type")), text(source.get("Location")),
                source.containsKey("BuildSpec") ? text(source.get("BuildSpec")) : "buildspec.yml",
                text(environment.get("Type")), text(environment.get("ComputeType")), text(environment.get("Image")), variables,
                number(properties.get("TimeoutInMinutes"), 60), number(properties.get("QueuedTimeoutInMinutes"), 480), group,
                tags);
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    /** CodeBuild's defaults when absent; a parameter's value arrives as text. */
    private static int number(Object o, int absent) {
        return o == null ? absent : Integer.parseInt(String.valueOf(o).strip());
    }
}

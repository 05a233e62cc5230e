package io.hailctl.local.standin.timing;

import io.hailctl.local.standin.cfn.CfnTemplate;
import io.hailctl.local.standin.cfn.Intrinsics;
import io.hailctl.local.standin.cfn.StackFacts;
import io.hailctl.local.timing.Resource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template's resources with what each waits for, as CloudFormation orders them: DependsOn, Ref,
 * Fn::GetAtt and the ${X} / ${X.Attr} of Fn::Sub (parameters and pseudo parameters are left in; the
 * timeline ignores ids that are not resources of the operation).
 */
final class TemplateGraph {
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^!}][^}.]*)(?:\\.[^}]*)?}");

    private TemplateGraph() {
    }

    static List<Resource> resources(CfnTemplate template, Map<String, String> parameters) {
        return resources(template, parameters, id -> true);
    }

    /**
     * The resources the stack has with these parameters (a resource whose Condition is false is not made)
     * that {@code include} keeps (e.g. those an update changes).
     */
    static List<Resource> resources(CfnTemplate template, Map<String, String> parameters, Predicate<String> include) {
        Map<String, String> values = new java.util.HashMap<>(template.parameterDefaults());
        values.putAll(parameters);
        Intrinsics intrinsics = new Intrinsics(template, StackFacts.of(values, Map.of(), Map.of(), Map.of(), Map.of()));
        List<Resource> out = new ArrayList<>();
        template.resources().forEach((id, definition) -> {
            if (!include.test(id) || !(definition instanceof Map<?, ?> def) || !created(intrinsics, id)) {
                return;
            }
            Set<String> deps = new LinkedHashSet<>();
            Object dependsOn = def.get("DependsOn");
            if (dependsOn instanceof List<?> l) {
                l.forEach(d -> deps.add(String.valueOf(d)));
            } else if (dependsOn != null) {
                deps.add(String.valueOf(dependsOn));
            }
            collect(def.get("Properties"), deps);
            out.add(new Resource(id, String.valueOf(def.get("Type")), deps));
        });
        return out;
    }

    private static boolean created(Intrinsics intrinsics, String id) {
        try {
            return intrinsics.created(id);
        } catch (RuntimeException e) {
            return true; // a condition this reading cannot decide: timed as made (moto decided it already)
        }
    }

    private static void collect(Object node, Set<String> deps) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object v = e.getValue();
                switch (String.valueOf(e.getKey())) {
                    case "Ref" -> deps.add(String.valueOf(v));
                    case "Fn::GetAtt" -> {
                        if (v instanceof List<?> l && !l.isEmpty()) {
                            deps.add(String.valueOf(l.get(0)));
                        } else if (v instanceof String s) {
                            deps.add(s.split("\\.", 2)[0]);
                        }
                    }
                    case "Fn::Sub" -> {
                        Object text = v instanceof List<?> l && !l.isEmpty() ? l.get(0) : v;
                        if (text instanceof String s) {
                            Matcher matcher = SUB_VAR.matcher(s);
                            while (matcher.find()) {
                                deps.add(matcher.group(1));
                            }
                        }
                    }
                    default -> {
                    }
                }
                collect(v, deps);
            }
        } else if (node instanceof List<?> l) {
            l.forEach(x -> collect(x, deps));
        }
    }
}

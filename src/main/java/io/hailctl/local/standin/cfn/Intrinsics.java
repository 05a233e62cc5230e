package io.hailctl.local.standin.cfn;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation's intrinsic functions in a part of a template, as CloudFormation does when
 * it creates a resource: {@code Ref}, {@code Fn::Sub}, {@code Fn::GetAtt}, {@code Fn::If} with the
 * template's {@code Conditions} ({@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or},
 * {@code Condition}), {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::FindInMap},
 * {@code Fn::Base64}, {@code Fn::GetAZs}; {@code Ref: AWS::NoValue} removes the key or element.
 * A function it cannot resolve (an unknown attribute, {@code Fn::ImportValue}) is an
 * {@link IllegalArgumentException} naming it.
 */
public final class Intrinsics {
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]*)}");

    private final CfnTemplate template;
    private final StackFacts facts;
    private final Map<String, Boolean> conditions = new HashMap<>();

    public Intrinsics(CfnTemplate template, StackFacts facts) {
        this.template = template;
        this.facts = facts;
    }

    /** The value with every intrinsic function resolved: maps, lists and strings. */
    public Object resolve(Object node) {
        Object v = value(node);
        return v == NO_VALUE ? null : v;
    }

    /** A resource's {@code Properties}, resolved. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> properties(String logicalId) {
        Object props = CfnTemplate.map(template.resources().get(logicalId)).get("Properties");
        Object resolved = resolve(props == null ? Map.of() : props);
        return resolved instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** True when the resource is created: it has no {@code Condition}, or its condition holds. */
    public boolean created(String logicalId) {
        Object c = CfnTemplate.map(template.resources().get(logicalId)).get("Condition");
        return c == null || condition(String.valueOf(c));
    }

    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        Object definition = template.section("Conditions").get(name);
        if (definition == null) {
            throw new IllegalArgumentException("unknown condition " + name);
        }
        boolean value = truth(definition);
        conditions.put(name, value);
        return value;
    }

    private Object value(Object node) {
        if (node instanceof Map<?, ?> m) {
            if (m.size() == 1) {
                Map.Entry<?, ?> only = m.entrySet().iterator().next();
                String key = String.valueOf(only.getKey());
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return function(key, only.getValue());
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Object r = value(v);
                if (r != NO_VALUE) {
                    out.put(String.valueOf(k), r);
                }
            });
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                Object r = value(o);
                if (r != NO_VALUE) {
                    out.add(r);
                }
            }
            return out;
        }
        return node;
    }

    private Object function(String name, Object arg) {
        switch (name) {
            case "Ref": {
                String ref = String.valueOf(arg);
                if (ref.equals("AWS::NoValue")) {
                    return NO_VALUE;
                }
                return ref(ref);
            }
            case "Condition":
                return Boolean.toString(condition(String.valueOf(arg)));
            case "Fn::Sub":
                return sub(arg);
            case "Fn::GetAtt": {
                List<?> parts = arg instanceof List<?> l ? l : List.of(String.valueOf(arg).split("\\.", 2));
                String id = String.valueOf(value(parts.get(0)));
                String attribute = parts.size() > 1 ? String.valueOf(value(parts.get(1))) : "";
                return facts.attribute(id, attribute)
                        .orElseThrow(() -> new IllegalArgumentException("cannot resolve Fn::GetAtt " + id + "." + attribute));
            }
            case "Fn::If": {
                List<?> a = list(arg, name, 3);
                return value(condition(String.valueOf(a.get(0))) ? a.get(1) : a.get(2));
            }
            case "Fn::Equals": case "Fn::Not": case "Fn::And": case "Fn::Or":
                return Boolean.toString(truth(Map.of(name, arg)));
            case "Fn::Join": {
                List<?> a = list(arg, name, 2);
                List<String> parts = new ArrayList<>();
                for (Object o : asList(value(a.get(1)))) {
                    parts.add(String.valueOf(o));
                }
                return String.join(String.valueOf(a.get(0)), parts);
            }
            case "Fn::Select": {
                List<?> a = list(arg, name, 2);
                int index = Integer.parseInt(String.valueOf(value(a.get(0))));
                return asList(value(a.get(1))).get(index);
            }
            case "Fn::Split": {
                List<?> a = list(arg, name, 2);
                return List.of(String.valueOf(value(a.get(1))).split(Pattern.quote(String.valueOf(a.get(0))), -1));
            }
            case "Fn::FindInMap": {
                List<?> a = list(arg, name, 3);
                Object top = CfnTemplate.map(template.section("Mappings").get(String.valueOf(value(a.get(0)))))
                        .get(String.valueOf(value(a.get(1))));
                Object found = CfnTemplate.map(top).get(String.valueOf(value(a.get(2))));
                if (found == null) {
                    throw new IllegalArgumentException("Fn::FindInMap found nothing for " + a);
                }
                return found;
            }
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(String.valueOf(value(arg)).getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs": {
                String region = facts.pseudo("AWS::Region").orElse("us-east-1");
                return List.of(region + "a", region + "b", region + "c");
            }
            default:
                throw new IllegalArgumentException("the stand-in cannot resolve " + name);
        }
    }

    /** A parameter, pseudo parameter or resource; list-typed parameters are lists, as in CloudFormation. */
    private Object ref(String name) {
        if (template.section("Parameters").containsKey(name)) {
            String value = facts.parameter(name).orElseThrow(() -> new IllegalArgumentException("parameter " + name + " has no value"));
            String type = String.valueOf(CfnTemplate.map(template.section("Parameters").get(name)).get("Type"));
            return type.equals("CommaDelimitedList") || type.startsWith("List<") ? List.of(value.split(",", -1)) : value;
        }
        return scalarRef(name);
    }

    private String scalarRef(String name) {
        if (name.startsWith("AWS::")) {
            return facts.pseudo(name).orElseThrow(() -> new IllegalArgumentException("unknown pseudo parameter " + name));
        }
        if (template.section("Parameters").containsKey(name)) {
            return facts.parameter(name).orElseThrow(() -> new IllegalArgumentException("parameter " + name + " has no value"));
        }
        return facts.physicalId(name).orElseThrow(() -> new IllegalArgumentException("cannot resolve Ref " + name));
    }

    private String sub(Object arg) {
        String text;
        Map<String, Object> vars = new HashMap<>();
        if (arg instanceof List<?> l) {
            text = String.valueOf(l.get(0));
            if (l.size() > 1) {
                CfnTemplate.map(l.get(1)).forEach((k, v) -> vars.put(k, value(v)));
            }
        } else {
            text = String.valueOf(arg);
        }
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expr = m.group(1);
            String replacement;
            if (expr.startsWith("!")) {
                replacement = "${" + expr.substring(1) + "}";
            } else if (vars.containsKey(expr)) {
                replacement = String.valueOf(vars.get(expr));
            } else if (expr.contains(".") && !expr.startsWith("AWS::")) {
                String[] parts = expr.split("\\.", 2);
                replacement = facts.attribute(parts[0], parts[1])
                        .orElseThrow(() -> new IllegalArgumentException("cannot resolve ${" + expr + "}"));
            } else {
                replacement = scalarRef(expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private boolean truth(Object node) {
        if (node instanceof Map<?, ?> m && m.size() == 1) {
            Map.Entry<?, ?> only = m.entrySet().iterator().next();
            String key = String.valueOf(only.getKey());
            switch (key) {
                case "Fn::Equals": {
                    List<?> a = list(only.getValue(), key, 2);
                    return String.valueOf(value(a.get(0))).equals(String.valueOf(value(a.get(1))));
                }
                case "Fn::Not":
                    return !truth(asList(only.getValue()).get(0));
                case "Fn::And":
                    return asList(only.getValue()).stream().allMatch(this::truth);
                case "Fn::Or":
                    return asList(only.getValue()).stream().anyMatch(this::truth);
                case "Condition":
                    return condition(String.valueOf(only.getValue()));
                default:
                    break;
            }
        }
        return Boolean.parseBoolean(String.valueOf(value(node)));
    }

    private static List<?> list(Object arg, String function, int size) {
        List<?> l = asList(arg);
        if (l.size() < size) {
            throw new IllegalArgumentException(function + " needs " + size + " arguments, got " + l);
        }
        return l;
    }

    private static List<?> asList(Object o) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("expected a list, got " + o);
    }
}

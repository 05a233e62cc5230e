package io.hailctl.testing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A JSON Schema (2020-12) validator for the subset hailctl's schemas use: $ref to local $defs,
 * type (one or several), const, enum, oneOf, properties, required, additionalProperties: false,
 * items, minLength, minimum, pattern and format date-time. Any other keyword fails loudly, so a
 * schema cannot silently rely on something this checker ignores.
 */
public final class SchemaCheck {
    private static final java.util.Set<String> KNOWN = java.util.Set.of("$schema", "$id", "title", "description", "$defs",
            "$ref", "type", "const", "enum", "oneOf", "properties", "required", "additionalProperties", "items",
            "minLength", "minimum", "pattern", "format");

    private final Map<String, Object> root;

    public SchemaCheck(Map<String, Object> root) {
        this.root = root;
    }

    /** Every violation, each as "path: what"; empty when the document is valid. */
    public List<String> violations(Object doc) {
        List<String> out = new ArrayList<>();
        check(root, doc, "$", out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private void check(Map<String, Object> schema, Object v, String path, List<String> out) {
        for (String k : schema.keySet()) {
            if (!KNOWN.contains(k)) {
                throw new IllegalArgumentException("schema keyword not supported by this checker: " + k);
            }
        }
        if (schema.containsKey("$ref")) {
            String ref = (String) schema.get("$ref");
            if (!ref.startsWith("#/$defs/")) {
                throw new IllegalArgumentException("only local $defs refs are supported: " + ref);
            }
            Map<String, Object> target = (Map<String, Object>) ((Map<String, Object>) root.get("$defs"))
                    .get(ref.substring("#/$defs/".length()));
            if (target == null) {
                throw new IllegalArgumentException("dangling $ref " + ref);
            }
            check(target, v, path, out);
        }
        if (schema.containsKey("type")) {
            Object t = schema.get("type");
            List<Object> types = t instanceof List<?> l ? (List<Object>) l : List.of(t);
            if (types.stream().noneMatch(x -> is((String) x, v))) {
                out.add(path + ": expected " + types + " but was " + describe(v));
                return;
            }
        }
        if (schema.containsKey("const") && !same(schema.get("const"), v)) {
            out.add(path + ": expected " + schema.get("const") + " but was " + describe(v));
        }
        if (schema.containsKey("enum") && ((List<Object>) schema.get("enum")).stream().noneMatch(e -> same(e, v))) {
            out.add(path + ": " + describe(v) + " is not one of " + schema.get("enum"));
        }
        if (schema.containsKey("oneOf")) {
            int matching = 0;
            for (Object alt : (List<Object>) schema.get("oneOf")) {
                List<String> sub = new ArrayList<>();
                check((Map<String, Object>) alt, v, path, sub);
                if (sub.isEmpty()) {
                    matching++;
                }
            }
            if (matching != 1) {
                out.add(path + ": matches " + matching + " of the oneOf alternatives, not exactly one");
            }
        }
        if (v instanceof String s) {
            if (schema.containsKey("minLength") && s.length() < ((BigDecimal) schema.get("minLength")).intValue()) {
                out.add(path + ": shorter than " + schema.get("minLength"));
            }
            if (schema.containsKey("pattern") && !Pattern.compile((String) schema.get("pattern")).matcher(s).find()) {
                out.add(path + ": \"" + s + "\" does not match " + schema.get("pattern"));
            }
            if ("date-time".equals(schema.get("format"))) {
                try {
                    OffsetDateTime.parse(s);
                } catch (DateTimeParseException e) {
                    out.add(path + ": \"" + s + "\" is not a date-time");
                }
            }
        }
        if (v instanceof BigDecimal n && schema.containsKey("minimum") && n.compareTo((BigDecimal) schema.get("minimum")) < 0) {
            out.add(path + ": " + n + " is below " + schema.get("minimum"));
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            for (Object req : (List<Object>) schema.getOrDefault("required", List.of())) {
                if (!m.containsKey(req)) {
                    out.add(path + ": missing required property " + req);
                }
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = (String) e.getKey();
                if (props.containsKey(k)) {
                    check((Map<String, Object>) props.get(k), e.getValue(), path + "." + k, out);
                } else if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                    out.add(path + ": property " + k + " is not in the schema");
                }
            }
        }
        if (v instanceof List<?> l && schema.containsKey("items")) {
            for (int i = 0; i < l.size(); i++) {
                check((Map<String, Object>) schema.get("items"), l.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static boolean is(String type, Object v) {
        return switch (type) {
            case "null" -> v == null;
            case "string" -> v instanceof String;
            case "boolean" -> v instanceof Boolean;
            case "object" -> v instanceof Map;
            case "array" -> v instanceof List;
            case "number" -> v instanceof BigDecimal;
            case "integer" -> v instanceof BigDecimal n && n.stripTrailingZeros().scale() <= 0;
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    private static String describe(Object v) {
        return v == null ? "null" : v instanceof String s ? "\"" + s + "\"" : v.getClass().getSimpleName() + " " + v;
    }
}

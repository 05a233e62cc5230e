package io.hailctl.local.standin.cfn;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CloudFormation template (YAML or JSON) as plain values: maps, lists and strings, with the YAML
 * short forms turned into their long forms ({@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !Sub s}
 * becomes {@code {"Fn::Sub": s}}, {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}}), as
 * CloudFormation itself reads it. Scalars stay strings: CloudFormation passes them on as text.
 */
public final class CfnTemplate {
    private final Map<String, Object> root;

    private CfnTemplate(Map<String, Object> root) {
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    public static CfnTemplate parse(String text) {
        LoadSettings settings = LoadSettings.builder().setLabel("template").setAllowDuplicateKeys(false)
                .setCodePointLimit(8 * 1024 * 1024).build();
        Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
        Optional<Node> node = composer.getSingleNode();
        Object value = node.map(CfnTemplate::value).orElse(Map.of());
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("a template is a mapping at its top level");
        }
        return new CfnTemplate((Map<String, Object>) value);
    }

    public Map<String, Object> root() {
        return root;
    }

    public Map<String, Object> section(String name) {
        return map(root.get(name));
    }

    /** Logical id to resource definition ({@code Type}, {@code Properties}, {@code DependsOn}, ...), in template order. */
    public Map<String, Object> resources() {
        return section("Resources");
    }

    public Optional<String> type(String logicalId) {
        return Optional.ofNullable(map(resources().get(logicalId)).get("Type")).map(String::valueOf);
    }

    /** The logical ids of the resources of this type, in template order. */
    public List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, r) -> {
            if (type.equals(map(r).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The template's parameter defaults (parameters without one are absent). */
    public Map<String, String> parameterDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        section("Parameters").forEach((name, p) -> {
            Object d = map(p).get("Default");
            if (d != null) {
                defaults.put(name, d instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                        : String.valueOf(d));
            }
        });
        return defaults;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Object value(Node node) {
        Object plain;
        if (node instanceof MappingNode m) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                map.put(String.valueOf(value(t.getKeyNode())), value(t.getValueNode()));
            }
            plain = map;
        } else if (node instanceof SequenceNode s) {
            List<Object> list = new ArrayList<>();
            for (Node n : s.getValue()) {
                list.add(value(n));
            }
            plain = list;
        } else if (node instanceof ScalarNode s) {
            plain = s.getValue();
        } else {
            throw new IllegalArgumentException("unsupported YAML node " + node.getNodeType());
        }
        String tag = node.getTag().getValue();
        if (!tag.startsWith("!") || tag.startsWith("!!")) {
            return plain;
        }
        String name = tag.substring(1);
        if (name.equals("GetAtt") && plain instanceof String s) {
            int dot = s.indexOf('.');
            plain = dot < 0 ? List.of(s) : List.of(s.substring(0, dot), s.substring(dot + 1));
        }
        String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
        Map<String, Object> intrinsic = new LinkedHashMap<>();
        intrinsic.put(key, plain);
        return intrinsic;
    }
}

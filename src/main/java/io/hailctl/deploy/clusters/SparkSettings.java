package io.hailctl.deploy.clusters;

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
 * The Spark settings a Hail cluster runs with, read from the one place that defines them: the
 * {@code spark-defaults} classification of the bundled {@code hail-emr.yml} (a template that also deploys by
 * hand, so it cannot take them from hailctl). {@code cluster submit} passes the same settings to
 * spark-submit, so a step runs as a notebook's Livy session does even where spark-defaults.conf was
 * changed on the node. The template's two intrinsics here are resolved: {@code !FindInMap} against its
 * Mappings, {@code !Sub} with the cluster's HailBucket and ClusterName.
 */
public final class SparkSettings {
    private SparkSettings() {
    }

    /** The settings, in the template's order. */
    public static Map<String, String> fromTemplate(String template, String hailBucket, String clusterName) {
        LoadSettings settings = LoadSettings.builder().setLabel("hail-emr.yml").build();
        MappingNode root = (MappingNode) new Composer(settings, new ParserImpl(settings, new StreamReader(settings, template)))
                .getSingleNode().orElseThrow();
        MappingNode defaults = sparkDefaults(root).orElseThrow(() -> new IllegalStateException(
                "hail-emr.yml has no spark-defaults classification"));
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple t : defaults.getValue()) {
            out.put(scalar(t.getKeyNode()), resolve(root, t.getValueNode(), hailBucket, clusterName));
        }
        return out;
    }

    /**
     * The step's command ({@code command-runner.jar} arguments): spark-submit in client mode, so the
     * script's output is the step's stdout, with every Hail setting as {@code --conf}.
     */
    public static List<String> submitArgs(Map<String, String> spark, String scriptUri, List<String> fileUris,
                                          List<String> scriptArgs) {
        List<String> args = new ArrayList<>(List.of("spark-submit", "--deploy-mode", "client"));
        spark.forEach((k, v) -> {
            args.add("--conf");
            args.add(k + "=" + v);
        });
        if (!fileUris.isEmpty()) {
            args.add("--files");
            args.add(String.join(",", fileUris));
            List<String> python = fileUris.stream().filter(u -> u.endsWith(".py") || u.endsWith(".zip")).toList();
            if (!python.isEmpty()) {
                args.add("--py-files");
                args.add(String.join(",", python));
            }
        }
        args.add(scriptUri);
        args.addAll(scriptArgs);
        return args;
    }

    private static Optional<MappingNode> sparkDefaults(Node node) {
        if (node instanceof MappingNode m) {
            boolean isIt = m.getValue().stream().anyMatch(t -> "Classification".equals(scalarOrNull(t.getKeyNode()))
                    && "spark-defaults".equals(scalarOrNull(t.getValueNode())));
            if (isIt) {
                return child(m, "ConfigurationProperties").map(MappingNode.class::cast);
            }
            for (NodeTuple t : m.getValue()) {
                Optional<MappingNode> found = sparkDefaults(t.getValueNode());
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node instanceof SequenceNode s) {
            for (Node n : s.getValue()) {
                Optional<MappingNode> found = sparkDefaults(n);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static String resolve(MappingNode root, Node value, String hailBucket, String clusterName) {
        String tag = value.getTag().getValue();
        if (tag.equals("!FindInMap") && value instanceof SequenceNode s && s.getValue().size() == 3) {
            Node mapping = child(root, "Mappings").flatMap(m -> child((MappingNode) m, scalar(s.getValue().get(0))))
                    .flatMap(m -> child((MappingNode) m, scalar(s.getValue().get(1))))
                    .flatMap(m -> child((MappingNode) m, scalar(s.getValue().get(2))))
                    .orElseThrow(() -> new IllegalStateException("hail-emr.yml: unresolved !FindInMap in spark-defaults"));
            return scalar(mapping);
        }
        String text = scalar(value);
        if (tag.equals("!Sub")) {
            text = text.replace("${HailBucket}", hailBucket).replace("${ClusterName}", clusterName);
            if (text.contains("${")) {
                throw new IllegalStateException("hail-emr.yml: spark-defaults uses an unknown !Sub variable: " + text);
            }
        }
        return text;
    }

    private static Optional<Node> child(MappingNode m, String key) {
        return m.getValue().stream().filter(t -> key.equals(scalarOrNull(t.getKeyNode()))).map(NodeTuple::getValueNode)
                .findFirst();
    }

    private static String scalar(Node n) {
        if (!(n instanceof ScalarNode s)) {
            throw new IllegalStateException("hail-emr.yml: expected a plain value in spark-defaults");
        }
        return s.getValue();
    }

    private static String scalarOrNull(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }
}

package io.hailctl.config;

import io.hailctl.HailctlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The cluster names a hailctl.yaml configures, read leniently for shell completion: only the YAML, no
 * validation of the other fields, no AWS. {@code clusters:} gives its entries' names, the older
 * {@code emr:} block its name (default {@code hail}), neither the default cluster {@code hail};
 * {@code clusters: []} none. A file that cannot be read gives no names: completion never errs.
 */
public final class ClusterNames {
    private ClusterNames() {
    }

    public static List<String> in(Path file) {
        try {
            return of(YamlSource.read(file));
        } catch (HailctlException e) {
            return List.of();
        }
    }

    public static List<String> of(String yaml) {
        Optional<Node> root;
        try {
            root = YamlSource.compose(yaml, "hailctl.yaml");
        } catch (HailctlException e) {
            return List.of();
        }
        if (root.isEmpty() || !(root.get() instanceof MappingNode top)) {
            return List.of();
        }
        Optional<Node> clusters = value(top, "clusters");
        Optional<Node> emr = value(top, "emr");
        if (clusters.isPresent()) {
            List<String> names = new ArrayList<>();
            if (clusters.get() instanceof SequenceNode list) {
                for (Node item : list.getValue()) {
                    if (item instanceof MappingNode entry) {
                        name(entry).ifPresent(n -> {
                            if (!names.contains(n)) {
                                names.add(n);
                            }
                        });
                    }
                }
            }
            return names;
        }
        if (emr.isPresent() && emr.get() instanceof MappingNode block) {
            return List.of(name(block).orElse(EmrSpec.DEFAULTS.name()));
        }
        return List.of(EmrSpec.DEFAULTS.name());
    }

    /** A valid name only: a completion offering anything else would only lead to an error. */
    private static Optional<String> name(MappingNode entry) {
        return value(entry, "name").filter(n -> n instanceof ScalarNode).map(n -> ((ScalarNode) n).getValue().trim())
                .filter(n -> FieldRules.clusterName(n).isEmpty());
    }

    private static Optional<Node> value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return Optional.of(t.getValueNode());
            }
        }
        return Optional.empty();
    }
}

package io.hailctl.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One YAML mapping of {@code hailctl.yaml} with its field path and line. Unknown and duplicate keys are
 * reported when it is built, so every level of the file gets the same treatment.
 */
final class YamlMap {
    /**
     * One value and where it is. {@code keyLine} is where a problem about the key or a missing child is
     * reported, {@code valueLine} where a problem with the value is.
     */
    record Entry(String key, String path, int keyLine, int valueLine, Node node) {
        boolean isNull() {
            return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
        }
    }

    private final String path;
    private final int line;
    private final Map<String, Entry> entries;

    private YamlMap(String path, int line, Map<String, Entry> entries) {
        this.path = path;
        this.line = line;
        this.entries = entries;
    }

    static YamlMap empty(String path, int line) {
        return new YamlMap(path, line, Map.of());
    }

    /**
     * @param knownKeys the keys this level allows, in schema order; empty when any key is allowed (tags)
     */
    static YamlMap read(MappingNode node, String path, int line, Optional<List<String>> knownKeys,
                        ProblemList problems) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            int keyLine = lineOf(tuple.getKeyNode());
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(keyLine, path.isEmpty() ? "(document)" : path, Optional.empty(),
                        "keys must be plain text, not a list or map");
                continue;
            }
            String key = keyNode.getValue();
            String keyPath = child(path, key);
            if (knownKeys.isPresent() && !knownKeys.get().contains(key)) {
                problems.add(keyLine, keyPath, Optional.empty(), unknownKey(key, knownKeys.get()));
                continue;
            }
            Entry first = entries.get(key);
            if (first != null) {
                problems.add(keyLine, keyPath, Optional.empty(), "duplicate key; first set on line " + first.keyLine());
                continue;
            }
            Node value = tuple.getValueNode();
            boolean isNull = value instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
            entries.put(key, new Entry(key, keyPath, keyLine, isNull ? keyLine : lineOf(value), value));
        }
        return new YamlMap(path, line, entries);
    }

    private static String unknownKey(String key, List<String> known) {
        return KeySuggestion.closest(key, known)
                .map(k -> "unknown key; did you mean '" + k + "'?")
                .orElseGet(() -> "unknown key; expected one of " + String.join(", ", known));
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static int lineOf(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    String path() {
        return path;
    }

    int line() {
        return line;
    }

    String childPath(String key) {
        return child(path, key);
    }

    /** The key's value; empty when the key is absent or has no value ({@code key:} or {@code key: null}). */
    Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key)).filter(e -> !e.isNull());
    }

    /** Where a problem about {@code key} belongs: its own line when written, else this map's line. */
    int lineFor(String key) {
        Entry e = entries.get(key);
        return e != null ? e.keyLine() : line;
    }

    /** Every entry in file order, including those without a value. */
    List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }
}

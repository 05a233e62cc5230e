package io.hailctl.config;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Adds and removes entries of the {@code users:} list in {@code hailctl.yaml} as text, so people's
 * comments, key order and indentation survive (a YAML dump would lose all three). The node tree only
 * says where things are; every edit is checked by parsing the result and comparing it with the original
 * (everything but the users list identical, the list exactly as intended) before the file is replaced
 * atomically. Calls on one instance are serialised, so {@code add-user a b c} run in parallel cannot lose
 * each other's lines; share one editor per process.
 */
public final class ConfigFileEditor {
    private static final String USERS = "users";
    /** Plain words other YAML readers (1.1) or ours (1.2 core) would not read as text. */
    private static final Set<String> NEEDS_QUOTES = Set.of("true", "false", "null", "yes", "no", "on", "off");

    /**
     * Appends {@code name} to {@code users:} (creating the key when absent), with the optional per-user
     * settings. Adding a user who is already listed changes nothing, whatever the options.
     */
    public synchronized FileChange addUser(Path file, String name, Optional<String> instanceType,
                                           OptionalInt volumeSizeGb) {
        Document doc = Document.open(file);
        String label = file.toString();
        doc.environment().ifPresentOrElse(env -> UserNames.requireValid(env, name), () ->
                UserNames.violation(name).ifPresent(rule -> {
                    throw new HailctlException(ExitCode.USAGE, "user name " + ConfigProblem.quoted(name) + ": " + rule);
                }));
        instanceType.ifPresent(t -> FieldRules.notebookInstanceType(t).ifPresent(rule -> {
            throw new HailctlException(ExitCode.USAGE, "instance type " + ConfigProblem.quoted(t) + ": " + rule);
        }));
        if (volumeSizeGb.isPresent() && (volumeSizeGb.getAsInt() < NotebookDefaults.MIN_VOLUME_GB
                || volumeSizeGb.getAsInt() > NotebookDefaults.MAX_VOLUME_GB)) {
            throw new HailctlException(ExitCode.USAGE, "volume size " + volumeSizeGb.getAsInt() + ": expected "
                    + NotebookDefaults.MIN_VOLUME_GB + " to " + NotebookDefaults.MAX_VOLUME_GB + " (GB)");
        }

        List<Node> items = doc.userItems(label);
        if (indexOf(items, name) >= 0) {
            return FileChange.UNCHANGED;
        }
        Lines text = new Lines(doc.text());
        Optional<NodeTuple> users = doc.usersEntry();
        String edited;
        if (users.isEmpty()) {
            int keyColumn = doc.root().getValue().isEmpty() ? 0 : column(doc.root().getValue().get(0).getKeyNode());
            List<String> block = new ArrayList<>();
            block.add(" ".repeat(keyColumn) + USERS + ":");
            block.addAll(item(keyColumn + doc.indentUnit(), keyColumn + doc.indentUnit() + 2, name, instanceType,
                    volumeSizeGb));
            edited = text.insertAfter(text.count() - 1, block);
        } else if (users.get().getValueNode() instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
            if (seq.getFlowStyle() == FlowStyle.FLOW) {
                throw flowStyle(label, users.get());
            }
            Mark dash = seq.getStartMark().orElseThrow();
            Mark first = seq.getValue().get(0).getStartMark().orElseThrow();
            int contentColumn = first.getLine() == dash.getLine() ? first.getColumn() : dash.getColumn() + 2;
            edited = text.insertAfter(lastLine(seq),
                    item(dash.getColumn(), contentColumn, name, instanceType, volumeSizeGb));
        } else {
            // users: / users: ~ / users: []: drop the empty value, then start a block list below the key.
            Node key = users.get().getKeyNode();
            Node value = users.get().getValueNode();
            if (value instanceof SequenceNode seq && seq.getFlowStyle() == FlowStyle.FLOW
                    && line(seq) != endLine(seq)) {
                throw flowStyle(label, users.get());
            }
            int dashColumn = column(key) + doc.indentUnit();
            List<String> block = item(dashColumn, dashColumn + 2, name, instanceType, volumeSizeGb);
            boolean writtenEmptyValue = value instanceof SequenceNode
                    || value instanceof ScalarNode s && !s.getValue().isEmpty();
            edited = writtenEmptyValue
                    ? text.replaceSpanAndInsertAfter(value, endLine(value), block)
                    : text.insertAfter(line(key), block);
        }
        List<String> expected = new ArrayList<>(canonical(items));
        expected.add(canonical(newItemNode(name, instanceType, volumeSizeGb)));
        return replace(file, doc, edited, expected);
    }

    /** Removes {@code name}'s entry (its lines only); a user who is not listed changes nothing. */
    public synchronized FileChange removeUser(Path file, String name) {
        Document doc = Document.open(file);
        String label = file.toString();
        List<Node> items = doc.userItems(label);
        int index = indexOf(items, name);
        if (index < 0) {
            return FileChange.UNCHANGED;
        }
        SequenceNode seq = (SequenceNode) doc.usersEntry().orElseThrow().getValueNode();
        if (seq.getFlowStyle() == FlowStyle.FLOW) {
            throw flowStyle(label, doc.usersEntry().get());
        }
        Lines text = new Lines(doc.text());
        int dashColumn = column(seq);
        int dashLine = index == 0 ? line(seq) : -1;
        for (int l = lastLine(items.get(Math.max(0, index - 1))) + 1; index > 0 && l <= line(items.get(index)); l++) {
            String candidate = text.line(l);
            if (candidate.length() > dashColumn && candidate.substring(0, dashColumn).isBlank()
                    && candidate.charAt(dashColumn) == '-') {
                dashLine = l;
                break;
            }
        }
        if (dashLine < 0) {
            throw unsafe(label);
        }
        String edited = text.removeLines(dashLine, lastLine(items.get(index)));
        List<String> expected = new ArrayList<>(canonical(items));
        expected.remove(index);
        return replace(file, doc, edited, expected);
    }

    // ---- checking and writing ----

    private static FileChange replace(Path file, Document before, String edited, List<String> expectedUsers) {
        String label = file.toString();
        Node after;
        try {
            after = YamlSource.compose(edited, label).orElseThrow(() -> unsafe(label));
        } catch (HailctlException e) {
            throw unsafe(label);
        }
        if (!(after instanceof MappingNode afterRoot)
                || !canonicalWithoutUsers(afterRoot).equals(canonicalWithoutUsers(before.root()))
                || !canonical(new Document(edited, false, afterRoot).userItems(label)).equals(expectedUsers)) {
            throw unsafe(label);
        }
        write(file, before.byteOrderMark() ? YamlSource.BYTE_ORDER_MARK + edited : edited);
        return FileChange.CHANGED;
    }

    /** Temp file in the same directory, flushed, then moved over the original: readers see old or new, never half. */
    private static void write(Path file, String text) {
        try {
            Path target = file.toRealPath();
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                    channel.force(true);
                }
                try {
                    Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the temp file's default permissions are the directory's, which is what we want.
                }
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, "cannot write " + file + ": " + e.getMessage(), null, e);
        }
    }

    private static HailctlException unsafe(String label) {
        return new HailctlException(ExitCode.USAGE, label + ": cannot edit the users list safely (unusual layout);"
                + " edit it by hand");
    }

    private static HailctlException flowStyle(String label, NodeTuple users) {
        return new HailctlException(ExitCode.USAGE, label + ":" + (line(users.getKeyNode()) + 1)
                + ": users is written in flow style ([...]); hailctl only edits a block list (\"- name: alice\""
                + " lines): rewrite it that way and run again");
    }

    // ---- the new entry ----

    private static List<String> item(int dashColumn, int contentColumn, String name, Optional<String> instanceType,
                                     OptionalInt volumeSizeGb) {
        String indent = " ".repeat(contentColumn);
        List<String> lines = new ArrayList<>();
        lines.add(" ".repeat(dashColumn) + "-" + " ".repeat(Math.max(1, contentColumn - dashColumn - 1))
                + "name: " + (NEEDS_QUOTES.contains(name) ? "\"" + name + "\"" : name));
        instanceType.ifPresent(t -> lines.add(indent + "instanceType: " + t));
        volumeSizeGb.ifPresent(v -> lines.add(indent + "volumeSizeGb: " + v));
        return lines;
    }

    private static Node newItemNode(String name, Optional<String> instanceType, OptionalInt volumeSizeGb) {
        String alone = String.join("\n", item(0, 2, name, instanceType, volumeSizeGb)) + "\n";
        return ((SequenceNode) YamlSource.compose(alone, "new user").orElseThrow()).getValue().get(0);
    }

    private static int indexOf(List<Node> items, String name) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof MappingNode m && m.getValue().stream().anyMatch(t ->
                    t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("name")
                            && t.getValueNode() instanceof ScalarNode v && v.getValue().equals(name))) {
                return i;
            }
        }
        return -1;
    }

    // ---- positions (0-based lines and code-point columns, as snakeyaml marks them) ----

    private static int line(Node node) {
        return node.getStartMark().orElseThrow().getLine();
    }

    private static int column(Node node) {
        return node.getStartMark().orElseThrow().getColumn();
    }

    private static int endLine(Node node) {
        return node.getEndMark().orElseThrow().getLine();
    }

    /**
     * The last line holding any of {@code node}'s text. Block collections end where the next token starts,
     * possibly after comments, so they are measured by their last child instead; block scalars end at the
     * start of the following line.
     */
    private static int lastLine(Node node) {
        if (node instanceof CollectionNode<?> c && c.getFlowStyle() == FlowStyle.FLOW) {
            return endLine(node);
        }
        if (node instanceof MappingNode m && !m.getValue().isEmpty()) {
            return m.getValue().stream().mapToInt(t -> Math.max(lastLine(t.getKeyNode()), lastLine(t.getValueNode())))
                    .max().orElseThrow();
        }
        if (node instanceof SequenceNode s && !s.getValue().isEmpty()) {
            return s.getValue().stream().mapToInt(ConfigFileEditor::lastLine).max().orElseThrow();
        }
        Mark end = node.getEndMark().orElseThrow();
        return end.getColumn() == 0 && end.getLine() > line(node) ? end.getLine() - 1 : end.getLine();
    }

    // ---- comparison: what must not change ----

    private static List<String> canonical(List<Node> nodes) {
        return nodes.stream().map(ConfigFileEditor::canonical).toList();
    }

    private static String canonical(Node node) {
        StringBuilder out = new StringBuilder();
        canonical(node, out, 0);
        return out.toString();
    }

    private static void canonical(Node node, StringBuilder out, int depth) {
        if (depth > 64) {
            throw new IllegalStateException("nesting too deep");
        }
        if (node instanceof ScalarNode s) {
            out.append(s.getTag().getValue()).append('(').append(s.getValue().length()).append(')')
                    .append(s.getValue());
        } else if (node instanceof SequenceNode s) {
            out.append('[');
            s.getValue().forEach(n -> {
                canonical(n, out, depth + 1);
                out.append(',');
            });
            out.append(']');
        } else if (node instanceof MappingNode m) {
            out.append('{');
            m.getValue().forEach(t -> {
                canonical(t.getKeyNode(), out, depth + 1);
                out.append('=');
                canonical(t.getValueNode(), out, depth + 1);
                out.append(';');
            });
            out.append('}');
        }
    }

    private static String canonicalWithoutUsers(MappingNode root) {
        List<NodeTuple> others = root.getValue().stream()
                .filter(t -> !(t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(USERS))).toList();
        return canonical(new MappingNode(Tag.MAP, others, FlowStyle.BLOCK));
    }

    /** The file as read: text without a byte-order mark (marks count from after it) and its root mapping. */
    private record Document(String text, boolean byteOrderMark, MappingNode root) {
        static Document open(Path file) {
            String raw = YamlSource.read(file);
            String text = YamlSource.withoutByteOrderMark(raw);
            Optional<Node> node = YamlSource.compose(text, file.toString());
            if (node.isPresent() && !(node.get() instanceof MappingNode)) {
                throw new HailctlException(ExitCode.USAGE, file + ": expected settings as key: value lines;"
                        + " cannot edit the users list");
            }
            MappingNode root = node.map(MappingNode.class::cast)
                    .orElseGet(() -> new MappingNode(Tag.MAP, List.of(), FlowStyle.BLOCK));
            return new Document(text, text.length() != raw.length(), root);
        }

        Optional<NodeTuple> usersEntry() {
            return root.getValue().stream()
                    .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(USERS)).findFirst();
        }

        List<Node> userItems(String label) {
            Optional<NodeTuple> users = usersEntry();
            if (users.isEmpty()) {
                return List.of();
            }
            Node value = users.get().getValueNode();
            if (value instanceof SequenceNode seq) {
                return seq.getValue();
            }
            if (value instanceof ScalarNode s && Tag.NULL.equals(s.getTag())) {
                return List.of();
            }
            throw new HailctlException(ExitCode.USAGE, label + ":" + (line(users.get().getKeyNode()) + 1)
                    + ": users: expected a list (lines starting with \"- \"); fix it before adding or removing users");
        }

        /** The environment when it is valid; the user-name length rule depends on it. */
        Optional<String> environment() {
            return root.getValue().stream()
                    .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("environment"))
                    .map(NodeTuple::getValueNode)
                    .filter(v -> v instanceof ScalarNode s && Tag.STR.equals(s.getTag()))
                    .map(v -> ((ScalarNode) v).getValue())
                    .filter(v -> FieldRules.environment(v).isEmpty())
                    .findFirst();
        }

        /** How far this file indents nested blocks, taken from its first nested block; 2 when there is none. */
        int indentUnit() {
            for (NodeTuple t : root.getValue()) {
                if (t.getValueNode() instanceof MappingNode m && m.getFlowStyle() == FlowStyle.BLOCK
                        && !m.getValue().isEmpty()) {
                    int unit = column(m.getValue().get(0).getKeyNode()) - column(t.getKeyNode());
                    if (unit > 0) {
                        return unit;
                    }
                }
            }
            return 2;
        }
    }

    /** The text split at line breaks, keeping every byte of what is not edited. */
    private static final class Lines {
        private final String text;
        private final List<Integer> starts = new ArrayList<>();
        private final String lineBreak;

        Lines(String text) {
            this.text = text;
            String firstBreak = null;
            if (!text.isEmpty()) {
                starts.add(0);
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
                if (c == '\n' || c == '\r') {
                    if (firstBreak == null) {
                        firstBreak = crlf ? "\r\n" : String.valueOf(c);
                    }
                    if (crlf) {
                        i++;
                    }
                    if (i + 1 < text.length()) {
                        starts.add(i + 1);
                    }
                }
            }
            this.lineBreak = firstBreak == null ? "\n" : firstBreak;
        }

        int count() {
            return starts.size();
        }

        int start(int line) {
            return line < starts.size() ? starts.get(line) : text.length();
        }

        String line(int line) {
            return text.substring(start(line), start(line + 1)).replaceAll("[\r\n]+$", "");
        }

        int offset(Mark mark) {
            String line = line(mark.getLine());
            return start(mark.getLine()) + line.offsetByCodePoints(0, Math.min(mark.getColumn(),
                    line.codePointCount(0, line.length())));
        }

        String insertAfter(int line, List<String> newLines) {
            return insertAt(start(line + 1), text, newLines);
        }

        /** Removes {@code node}'s text (and the spaces before it) on its line, then inserts below {@code line}. */
        String replaceSpanAndInsertAfter(Node node, int line, List<String> newLines) {
            int from = offset(node.getStartMark().orElseThrow());
            int to = offset(node.getEndMark().orElseThrow());
            while (from > 0 && (text.charAt(from - 1) == ' ' || text.charAt(from - 1) == '\t')) {
                from--;
            }
            String without = text.substring(0, from) + text.substring(to);
            return insertAt(start(line + 1) - (to - from), without, newLines);
        }

        String removeLines(int first, int last) {
            return text.substring(0, start(first)) + text.substring(start(last + 1));
        }

        private String insertAt(int offset, String in, List<String> newLines) {
            StringBuilder out = new StringBuilder(in.substring(0, offset));
            if (offset == in.length() && !in.isEmpty() && !in.endsWith("\n") && !in.endsWith("\r")) {
                out.append(lineBreak);
            }
            newLines.forEach(l -> out.append(l).append(lineBreak));
            return out.append(in.substring(offset)).toString();
        }
    }
}

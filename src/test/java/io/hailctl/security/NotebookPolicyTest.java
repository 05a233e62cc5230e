package io.hailctl.security;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notebook role's policy (hail-jupyter.yml, as shipped) evaluated for the requests that decide
 * per-user isolation, including the one moto cannot judge: ListBucket limited by the
 * {@code s3:prefix} condition (design/emulator.md item 12; IsolationIT shows the rest on the
 * emulator with IAM enforcement on). The evaluator is deliberately small and only as wide as this
 * policy needs: identity-policy statements, Allow/Deny, Action and Resource with * and ? wildcards,
 * StringEquals/StringLike conditions (a missing key never matches), implicit deny.
 */
class NotebookPolicyTest {
    private static final String BUCKET = "demo-jupyter-bucket";
    private static final String HAIL = "demo-hail-bucket";

    record Statement(String sid, boolean allow, List<String> actions, List<String> resources,
                     Map<String, Map<String, List<String>>> conditions) {
    }

    /** The role's inline policies, with the stack's parameters substituted as CloudFormation would. */
    static List<Statement> policyFor(String user) throws Exception {
        String yaml = Files.readString(Path.of("cloudformation/hail-jupyter.yml"));
        Map<String, String> vars = Map.of("AWS::Partition", "aws", "AWS::Region", "us-east-1", "AWS::AccountId",
                "123456789012", "JupyterBucket", BUCKET, "HailBucket", HAIL, "UserName", user);
        LoadSettings settings = LoadSettings.builder().setLabel("hail-jupyter.yml").build();
        Node root = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml))).getSingleNode().orElseThrow();
        Node role = get(get(root, "Resources").orElseThrow(), "NotebookRole").orElseThrow();
        List<Statement> out = new ArrayList<>();
        for (Node policy : ((SequenceNode) get(get(role, "Properties").orElseThrow(), "Policies").orElseThrow()).getValue()) {
            Node doc = get(policy, "PolicyDocument").orElseThrow();
            for (Node st : ((SequenceNode) get(doc, "Statement").orElseThrow()).getValue()) {
                Map<String, Map<String, List<String>>> conditions = new java.util.LinkedHashMap<>();
                get(st, "Condition").ifPresent(c -> {
                    for (NodeTuple op : ((MappingNode) c).getValue()) {
                        Map<String, List<String>> keys = new java.util.LinkedHashMap<>();
                        for (NodeTuple k : ((MappingNode) op.getValueNode()).getValue()) {
                            keys.put(((ScalarNode) k.getKeyNode()).getValue(), strings(k.getValueNode(), vars));
                        }
                        conditions.put(((ScalarNode) op.getKeyNode()).getValue(), keys);
                    }
                });
                out.add(new Statement(get(st, "Sid").map(n -> ((ScalarNode) n).getValue()).orElse("?"),
                        strings(get(st, "Effect").orElseThrow(), vars).get(0).equals("Allow"),
                        strings(get(st, "Action").orElseThrow(), vars), strings(get(st, "Resource").orElseThrow(), vars),
                        conditions));
            }
        }
        return out;
    }

    /** Allowed when some Allow statement matches and no Deny does (IAM's order for one identity policy). */
    static boolean allowed(List<Statement> policy, String action, String resource, Map<String, String> context) {
        boolean allow = false;
        for (Statement s : policy) {
            boolean matches = s.actions().stream().anyMatch(a -> glob(a.toLowerCase(), action.toLowerCase()))
                    && s.resources().stream().anyMatch(r -> glob(r, resource))
                    && conditionsHold(s.conditions(), context);
            if (matches && !s.allow()) {
                return false;
            }
            allow |= matches;
        }
        return allow;
    }

    private static boolean conditionsHold(Map<String, Map<String, List<String>>> conditions, Map<String, String> context) {
        for (var op : conditions.entrySet()) {
            for (var key : op.getValue().entrySet()) {
                String value = context.get(key.getKey());
                if (value == null) {
                    return false;
                }
                boolean any = switch (op.getKey()) {
                    case "StringEquals" -> key.getValue().contains(value);
                    case "StringLike" -> key.getValue().stream().anyMatch(p -> glob(p, value));
                    default -> throw new IllegalStateException("the evaluator does not know " + op.getKey()
                            + ": extend it before trusting this test");
                };
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean glob(String pattern, String value) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(re.toString());
    }

    private static List<String> strings(Node n, Map<String, String> vars) {
        if (n instanceof SequenceNode seq) {
            List<String> out = new ArrayList<>();
            seq.getValue().forEach(item -> out.addAll(strings(item, vars)));
            return out;
        }
        String text = ((ScalarNode) n).getValue();
        String tag = n.getTag().getValue();
        if (tag.equals("!Ref")) {
            return List.of(require(vars, text));
        }
        if (tag.equals("!Sub")) {
            Matcher m = Pattern.compile("\\$\\{([^}!]+)}").matcher(text);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(b, Matcher.quoteReplacement(require(vars, m.group(1))));
            }
            m.appendTail(b);
            return List.of(b.toString());
        }
        return List.of(text);
    }

    private static String require(Map<String, String> vars, String name) {
        String v = vars.get(name);
        if (v == null) {
            throw new IllegalStateException("unknown reference " + name);
        }
        return v;
    }

    private static Optional<Node> get(Node map, String key) {
        if (!(map instanceof MappingNode m)) {
            return Optional.empty();
        }
        return m.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
                .map(NodeTuple::getValueNode).findFirst();
    }

    private static String object(String bucket, String key) {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }

    private static boolean list(List<Statement> p, String prefix) {
        return allowed(p, "s3:ListBucket", "arn:aws:s3:::" + BUCKET, prefix == null ? Map.of() : Map.of("s3:prefix", prefix));
    }

    @Test
    void aliceReadsAndWritesHerPrefixOnly() throws Exception {
        List<Statement> alice = policyFor("alice");
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")) {
            assertTrue(allowed(alice, action, object(BUCKET, "alice/analysis.ipynb"), Map.of()), action + " own");
            assertFalse(allowed(alice, action, object(BUCKET, "bob/analysis.ipynb"), Map.of()), action + " bob's");
            assertFalse(allowed(alice, action, object(BUCKET, "alice2/analysis.ipynb"), Map.of()), action + " alice2's");
        }
        assertTrue(allowed(alice, "s3:GetObject", object(BUCKET, "common-notebooks/hail-plotting-example.ipynb"), Map.of()));
        assertFalse(allowed(alice, "s3:PutObject", object(BUCKET, "common-notebooks/x.ipynb"), Map.of()),
                "shared content is read-only");
    }

    @Test
    void aliceListsHerPrefixAndTheSharedOnesNeverBobsNorTheWholeBucket() throws Exception {
        List<Statement> alice = policyFor("alice");
        assertTrue(list(alice, "alice/"));
        assertTrue(list(alice, "alice/notebooks/"));
        assertTrue(list(alice, "scripts/"));
        assertTrue(list(alice, "common-notebooks/"));
        assertFalse(list(alice, "bob/"), "bob's prefix");
        assertFalse(list(alice, null), "the whole bucket (no prefix)");
        assertFalse(list(alice, ""), "the whole bucket (empty prefix)");
        // A prefix without the slash lists every user whose name starts with it (alice2/, alice-b/):
        // their object names would leak. The shipped policy used to allow the bare name; no more.
        assertFalse(list(alice, "alice"), "bare user name: would list alice2/ too");
        assertFalse(list(alice, "b"), "a guessed prefix");
    }

    @Test
    void theHailBucketIsReadableNotWritable() throws Exception {
        List<Statement> alice = policyFor("alice");
        assertTrue(allowed(alice, "s3:GetObject", object(HAIL, "jars/hail.jar"), Map.of()));
        assertTrue(allowed(alice, "s3:ListBucket", "arn:aws:s3:::" + HAIL, Map.of()));
        assertFalse(allowed(alice, "s3:PutObject", object(HAIL, "jars/hail.jar"), Map.of()));
        assertFalse(allowed(alice, "s3:DeleteObject", object(HAIL, "jars/hail.jar"), Map.of()));
    }

    @Test
    void theEvaluatorItselfDeniesWhatItShould() {
        List<Statement> p = List.of(
                new Statement("a", true, List.of("s3:Get*"), List.of("arn:aws:s3:::b/u/*"), Map.of()),
                new Statement("d", false, List.of("s3:GetObject"), List.of("arn:aws:s3:::b/u/secret"), Map.of()),
                new Statement("l", true, List.of("s3:ListBucket"), List.of("arn:aws:s3:::b"),
                        Map.of("StringLike", Map.of("s3:prefix", List.of("u/*")))));
        assertTrue(allowed(p, "s3:GetObject", "arn:aws:s3:::b/u/x", Map.of()));
        assertFalse(allowed(p, "s3:GetObject", "arn:aws:s3:::b/u/secret", Map.of()), "explicit deny wins");
        assertFalse(allowed(p, "s3:PutObject", "arn:aws:s3:::b/u/x", Map.of()), "implicit deny");
        assertTrue(allowed(p, "s3:ListBucket", "arn:aws:s3:::b", Map.of("s3:prefix", "u/")));
        assertFalse(allowed(p, "s3:ListBucket", "arn:aws:s3:::b", Map.of()), "a condition key that is absent never matches");
        assertEquals(List.of(true, false), List.of(glob("a?c*", "abcdef"), glob("a?c", "ac")));
    }
}

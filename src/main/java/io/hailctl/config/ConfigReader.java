package io.hailctl.config;

import io.hailctl.config.YamlMap.Entry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns the node tree of one {@code hailctl.yaml} into a {@link HailctlConfig}, checking every field and
 * recording every problem instead of stopping at the first. Invalid or missing values are replaced by
 * defaults or blanks so reading can go on; the result is only used when no problem was recorded.
 * One instance reads one document.
 */
final class ConfigReader {
    static final List<String> ROOT_KEYS = List.of("environment", "region", "profile", "network", "buckets",
            "notebooks", "users", "efs", "ami", "clusters", "emr", "tags", "legacySsmParameters");
    static final List<String> NETWORK_KEYS = List.of("vpcId", "subnetId");
    static final List<String> BUCKET_KEYS = List.of("hail", "logs", "jupyter");
    static final List<String> NOTEBOOK_KEYS = List.of("instanceType", "volumeSizeGb", "platform",
            "directInternetAccess");
    static final List<String> USER_KEYS = List.of("name", "instanceType", "volumeSizeGb", "ssm");
    static final List<String> EFS_KEYS = List.of("fileSystemId");
    static final List<String> AMI_KEYS = List.of("source", "hailVersion", "vepVersion");
    static final List<String> EMR_KEYS = List.of("name", "releaseLabel", "masterType", "coreType", "coreCount",
            "taskType", "taskMin", "taskMax", "taskMarket", "scaling", "idleTimeoutMinutes", "ssm");

    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final String MAP_LINES = "expected a map (indented key: value lines)";
    private static final String USER_ITEM = "expected a map like \"- name: alice\"";
    private static final String CLUSTER_ITEM = "expected a map like \"- name: hail\"";

    private final ProblemList problems;

    ConfigReader(ProblemList problems) {
        this.problems = problems;
    }

    /** The configuration as written in the file; empty only when the document is not a map at all. */
    Optional<HailctlConfig> read(Optional<Node> document) {
        YamlMap root;
        if (document.isEmpty()) {
            root = YamlMap.empty("", 1);
        } else if (document.get() instanceof MappingNode node) {
            root = YamlMap.read(node, "", 1, Optional.of(ROOT_KEYS), problems);
        } else {
            Node node = document.get();
            problems.add(YamlMap.lineOf(node), "(document)", Optional.empty(),
                    "expected settings as key: value lines (environment:, network:, buckets: ...), got " + kind(node));
            return Optional.empty();
        }

        Optional<String> environment = required(root, "environment", "e.g. dev",
                e -> text(e, FieldRules::environment));
        Optional<String> region = text(root.get("region"), FieldRules::region);
        Optional<String> profile = text(root.get("profile"), FieldRules::profile);
        Network network = network(root);
        Buckets buckets = buckets(root);
        NotebookDefaults notebooks = notebooks(root);
        AmiSpec ami = ami(root);
        List<EmrSpec> clusters = clusters(root, ami);
        boolean defaultSsm = clusters.isEmpty() ? EmrSpec.DEFAULTS.ssm() : clusters.get(0).ssm();
        List<UserSpec> users = users(root, environment, notebooks, defaultSsm);
        Optional<EfsSpec> efs = map(root.get("efs"), EFS_KEYS, MAP_LINES).map(m -> new EfsSpec(
                required(m, "fileSystemId", "e.g. fs-0123456789abcdef0", e -> text(e, FieldRules::fileSystemId))
                        .orElse("")));
        Map<String, String> tags = tags(root);
        boolean legacySsmParameters = bool(root.get("legacySsmParameters")).orElse(false);
        return Optional.of(new HailctlConfig(environment.orElse(""), region, profile, network, buckets, notebooks,
                users, efs, ami, clusters, tags, legacySsmParameters));
    }

    private Network network(YamlMap root) {
        Optional<YamlMap> block = requiredMap(root, "network", "vpcId and subnetId", NETWORK_KEYS);
        if (block.isEmpty()) {
            return new Network("", "");
        }
        YamlMap m = block.get();
        Optional<String> vpc = required(m, "vpcId", "e.g. vpc-0123456789abcdef0, or default",
                e -> text(e, FieldRules::vpcId));
        Optional<String> subnet = required(m, "subnetId", "e.g. subnet-0123456789abcdef0",
                e -> text(e, FieldRules::subnetId));
        if (subnet.filter(Network.DEFAULT::equals).isPresent() && vpc.filter(v -> !v.equals(Network.DEFAULT)).isPresent()) {
            Entry e = m.get("subnetId").orElseThrow();
            problems.add(e.valueLine(), e.path(), subnet, "\"default\" is only allowed when vpcId is \"default\";"
                    + " name a subnet of " + vpc.get());
        }
        return new Network(vpc.orElse(""), subnet.orElse(""));
    }

    private Buckets buckets(YamlMap root) {
        Optional<YamlMap> block = requiredMap(root, "buckets", "hail, logs and jupyter bucket names", BUCKET_KEYS);
        if (block.isEmpty()) {
            return new Buckets("", "", "");
        }
        YamlMap m = block.get();
        Map<String, String> fieldByName = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (String key : BUCKET_KEYS) {
            Optional<String> name = required(m, key, "a globally unique S3 bucket name",
                    e -> text(e, BucketNames::violation));
            if (name.isPresent()) {
                String earlier = fieldByName.putIfAbsent(name.get(), m.childPath(key));
                if (earlier != null) {
                    Entry e = m.get(key).orElseThrow();
                    problems.add(e.valueLine(), e.path(), name,
                            "the same name as " + earlier + "; the three buckets must be distinct");
                }
            }
            names.add(name.orElse(""));
        }
        return new Buckets(names.get(0), names.get(1), names.get(2));
    }

    private NotebookDefaults notebooks(YamlMap root) {
        NotebookDefaults d = NotebookDefaults.DEFAULTS;
        Optional<YamlMap> block = map(root.get("notebooks"), NOTEBOOK_KEYS, MAP_LINES);
        if (block.isEmpty()) {
            return d;
        }
        YamlMap m = block.get();
        return new NotebookDefaults(
                text(m.get("instanceType"), FieldRules::notebookInstanceType).orElse(d.instanceType()),
                volumeSize(m.get("volumeSizeGb")).orElse(d.volumeSizeGb()),
                text(m.get("platform"), FieldRules::notebookPlatform).orElse(d.platform()),
                bool(m.get("directInternetAccess")).orElse(d.directInternetAccess()));
    }

    private List<UserSpec> users(YamlMap root, Optional<String> environment, NotebookDefaults notebooks,
                                 boolean defaultSsm) {
        List<UserSpec> users = new ArrayList<>();
        Map<String, String> fieldByName = new HashMap<>();
        for (Entry item : list(root.get("users")).orElse(List.of())) {
            Optional<YamlMap> block = item.isNull()
                    ? problem(item, USER_ITEM + ", got nothing")
                    : map(Optional.of(item), USER_KEYS, USER_ITEM);
            if (block.isEmpty()) {
                continue;
            }
            YamlMap m = block.get();
            Function<String, Optional<String>> nameRule = name -> environment
                    .map(env -> UserNames.violation(env, name))
                    .orElseGet(() -> UserNames.violation(name));
            Optional<String> name = required(m, "name", "e.g. - name: alice", e -> text(e, nameRule));
            if (name.isPresent()) {
                String earlier = fieldByName.putIfAbsent(name.get(), m.childPath("name"));
                if (earlier != null) {
                    Entry e = m.get("name").orElseThrow();
                    problems.add(e.valueLine(), e.path(), name,
                            "the same name as " + earlier + "; each user is listed once");
                }
            }
            users.add(new UserSpec(name.orElse(""),
                    text(m.get("instanceType"), FieldRules::notebookInstanceType).orElse(notebooks.instanceType()),
                    volumeSize(m.get("volumeSizeGb")).orElse(notebooks.volumeSizeGb()),
                    bool(m.get("ssm")).orElse(defaultSsm)));
        }
        return users;
    }

    private AmiSpec ami(YamlMap root) {
        AmiSpec d = AmiSpec.DEFAULTS;
        Optional<YamlMap> block = map(root.get("ami"), AMI_KEYS, MAP_LINES);
        if (block.isEmpty()) {
            return d;
        }
        YamlMap m = block.get();
        AmiSource source = text(m.get("source"), FieldRules::amiSource)
                .flatMap(FieldRules::parseAmiSource).orElse(d.source());
        String hail = text(m.get("hailVersion"), FieldRules::hailVersion).orElse(d.hailVersion());
        // "116" and 116 mean the same release; keep one spelling so stacks see one value.
        Optional<String> vep = text(m.get("vepVersion"), FieldRules::vepVersion)
                .map(v -> v.equals(AmiSpec.NO_VEP) ? v : String.valueOf(Integer.parseInt(v)));
        if (vep.filter(v -> !v.equals(AmiSpec.NO_VEP)).isPresent() && source instanceof AmiSource.DefaultAmi
                && validOrAbsentSource(m.get("source"))) {
            Entry e = m.get("vepVersion").orElseThrow();
            problems.add(e.valueLine(), e.path(), vep, "VEP needs a custom AMI: set ami.source to build"
                    + " (or to the id of an AMI built with VEP)");
        }
        return new AmiSpec(source, hail, vep.orElse(d.vepVersion()));
    }

    /** False when ami.source is present but invalid: its own problem says enough, the VEP rule would add noise. */
    private static boolean validOrAbsentSource(Optional<Entry> entry) {
        return entry.map(e -> e.node() instanceof ScalarNode s && FieldRules.amiSource(s.getValue()).isEmpty())
                .orElse(true);
    }

    /**
     * The configured clusters: {@code clusters:} (a list, each entry named), or the older {@code emr:}
     * block as a one-element list, or the default cluster when neither is set. Names are unique; with a
     * custom AMI every cluster runs that one AMI, so they share its EMR release.
     */
    private List<EmrSpec> clusters(YamlMap root, AmiSpec ami) {
        Optional<Entry> legacy = root.get("emr");
        Optional<Entry> listed = root.get("clusters");
        if (legacy.isPresent() && listed.isPresent()) {
            Entry e = listed.get();
            problems.add(e.keyLine(), e.path(), Optional.empty(), "clusters and emr are both set: move the emr block"
                    + " into clusters as one entry (\"- name: " + EmrSpec.DEFAULTS.name() + "\" and its fields)");
            return List.of(EmrSpec.DEFAULTS);
        }
        if (listed.isEmpty()) {
            return List.of(map(legacy, EMR_KEYS, MAP_LINES)
                    .map(m -> emr(m, text(m.get("name"), FieldRules::clusterName).orElse(EmrSpec.DEFAULTS.name())))
                    .orElse(EmrSpec.DEFAULTS));
        }
        List<EmrSpec> clusters = new ArrayList<>();
        Map<String, String> fieldByName = new HashMap<>();
        Optional<String> firstRelease = Optional.empty();
        for (Entry item : list(listed).orElse(List.of())) {
            Optional<YamlMap> block = item.isNull()
                    ? problem(item, CLUSTER_ITEM + ", got nothing")
                    : map(Optional.of(item), EMR_KEYS, CLUSTER_ITEM);
            if (block.isEmpty()) {
                continue;
            }
            YamlMap m = block.get();
            Optional<String> name = required(m, "name", "e.g. - name: hail", e -> text(e, FieldRules::clusterName));
            if (name.isPresent()) {
                String earlier = fieldByName.putIfAbsent(name.get(), m.childPath("name"));
                if (earlier != null) {
                    Entry e = m.get("name").orElseThrow();
                    problems.add(e.valueLine(), e.path(), name,
                            "the same name as " + earlier + "; each cluster is listed once (it names the stack)");
                }
            }
            EmrSpec spec = emr(m, name.orElse(""));
            if (firstRelease.isEmpty()) {
                firstRelease = Optional.of(m.childPath("releaseLabel") + " (" + spec.releaseLabel() + ")");
            } else if (!(ami.source() instanceof AmiSource.DefaultAmi)
                    && !spec.releaseLabel().equals(clusters.get(0).releaseLabel())) {
                int line = m.get("releaseLabel").map(Entry::valueLine).orElse(m.lineFor("releaseLabel"));
                problems.add(line, m.childPath("releaseLabel"), Optional.of(spec.releaseLabel()),
                        "differs from " + firstRelease.get() + ": with ami.source " + ami.source().yamlValue()
                                + " every cluster runs the one AMI, made for one EMR release");
            }
            clusters.add(spec);
        }
        return clusters;
    }

    /** One cluster's fields but its name, which the list and the older block read differently. */
    private EmrSpec emr(YamlMap m, String name) {
        EmrSpec d = EmrSpec.DEFAULTS;
        int max = EmrSpec.MAX_NODES;
        Optional<Integer> taskMin = wholeNumber(m.get("taskMin"), 0, max, "expected 0 to " + max);
        Optional<Integer> taskMax = wholeNumber(m.get("taskMax"), 0, max,
                "expected 0 to " + max + " (0 = no task nodes)");
        int min = taskMin.orElse(d.taskMin());
        int top = taskMax.orElse(d.taskMax());
        if (taskMin.isPresent() && min > top && (taskMax.isPresent() || m.get("taskMax").isEmpty())) {
            Entry e = m.get("taskMin").orElseThrow();
            problems.add(e.valueLine(), e.path(), Optional.of(String.valueOf(min)),
                    "more than " + m.childPath("taskMax") + " (" + top + "); taskMin must not exceed taskMax");
        }
        return new EmrSpec(
                name,
                text(m.get("releaseLabel"), FieldRules::releaseLabel).orElse(d.releaseLabel()),
                text(m.get("masterType"), FieldRules::instanceType).orElse(d.masterType()),
                text(m.get("coreType"), FieldRules::instanceType).orElse(d.coreType()),
                wholeNumber(m.get("coreCount"), 1, max, "at least one core node is needed; expected 1 to " + max)
                        .orElse(d.coreCount()),
                text(m.get("taskType"), FieldRules::instanceType).orElse(d.taskType()),
                min,
                top,
                choice(m.get("taskMarket"), Map.of("SPOT", Market.SPOT, "ON_DEMAND", Market.ON_DEMAND),
                        "expected SPOT or ON_DEMAND").orElse(d.taskMarket()),
                choice(m.get("scaling"), Map.of("managed", Scaling.MANAGED, "rules", Scaling.RULES),
                        "expected managed or rules").orElse(d.scaling()),
                idleTimeout(m.get("idleTimeoutMinutes")).orElse(d.idleTimeoutMinutes()),
                bool(m.get("ssm")).orElse(d.ssm()));
    }

    private Optional<Integer> idleTimeout(Optional<Entry> entry) {
        return wholeNumber(entry, 0, EmrSpec.MAX_IDLE_TIMEOUT_MINUTES, "expected 0 (never) or 1 to "
                + EmrSpec.MAX_IDLE_TIMEOUT_MINUTES + " minutes (EMR allows 1 minute to 7 days)");
    }

    private Optional<Integer> volumeSize(Optional<Entry> entry) {
        return wholeNumber(entry, NotebookDefaults.MIN_VOLUME_GB, NotebookDefaults.MAX_VOLUME_GB,
                "expected " + NotebookDefaults.MIN_VOLUME_GB + " to " + NotebookDefaults.MAX_VOLUME_GB + " (GB)");
    }

    private Map<String, String> tags(YamlMap root) {
        Map<String, String> tags = new LinkedHashMap<>();
        Optional<YamlMap> block = map(root.get("tags"), List.of(), MAP_LINES);
        for (Entry e : block.map(YamlMap::entries).orElse(List.of())) {
            Optional<String> keyProblem = FieldRules.tagKey(e.key());
            keyProblem.ifPresent(rule -> problems.add(e.keyLine(), e.path(), Optional.empty(), rule));
            // A tag's value is text to AWS whatever YAML makes of it: "true" and 2024 are fine tag values.
            Optional<String> value = e.isNull() ? Optional.of("")
                    : e.node() instanceof ScalarNode s ? Optional.of(s.getValue())
                    : problem(e, "expected text, got " + kind(e.node()));
            Optional<String> valueProblem = value.flatMap(FieldRules::tagValue);
            valueProblem.ifPresent(rule -> problems.add(e.valueLine(), e.path(), value, rule));
            if (keyProblem.isEmpty() && value.isPresent() && valueProblem.isEmpty()) {
                tags.put(e.key(), value.get());
            }
        }
        return tags;
    }

    // ---- typed access: each records its own problem and returns empty when the value is unusable ----

    private <T> Optional<T> required(YamlMap m, String key, String example,
                                     Function<Optional<Entry>, Optional<T>> read) {
        Optional<Entry> entry = m.get(key);
        if (entry.isEmpty()) {
            problems.add(m.lineFor(key), m.childPath(key), Optional.empty(), "is required (" + example + ")");
            return Optional.empty();
        }
        return read.apply(entry);
    }

    private Optional<YamlMap> requiredMap(YamlMap root, String key, String contents, List<String> keys) {
        if (root.get(key).isEmpty()) {
            problems.add(root.lineFor(key), root.childPath(key), Optional.empty(), "is required (" + contents + ")");
            return Optional.empty();
        }
        return map(root.get(key), keys, MAP_LINES);
    }

    private Optional<String> text(Optional<Entry> entry, Function<String, Optional<String>> rule) {
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Entry e = entry.get();
        if (!(e.node() instanceof ScalarNode s)) {
            return problem(e, "expected text, got " + kind(e.node()));
        }
        if (Tag.BOOL.equals(s.getTag())) {
            return problem(e, "expected text, got true/false (quote it to mean the word)");
        }
        Optional<String> broken = rule.apply(s.getValue());
        if (broken.isPresent()) {
            return problem(e, broken.get());
        }
        return Optional.of(s.getValue());
    }

    private Optional<Integer> wholeNumber(Optional<Entry> entry, int min, int max, String rangeRule) {
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Entry e = entry.get();
        if (!(e.node() instanceof ScalarNode s)) {
            return problem(e, "expected a whole number, got " + kind(e.node()));
        }
        if (!Tag.INT.equals(s.getTag())) {
            boolean quotedNumber = Tag.STR.equals(s.getTag()) && DECIMAL.matcher(s.getValue()).matches();
            return problem(e, quotedNumber ? "expected a whole number without quotes" : "expected a whole number");
        }
        BigInteger value = parseInteger(s.getValue());
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            return problem(e, rangeRule);
        }
        return Optional.of(value.intValueExact());
    }

    /** The YAML 1.2 core schema's integers: decimal with optional sign, 0o octal, 0x hex. */
    private static BigInteger parseInteger(String text) {
        if (text.startsWith("0x")) {
            return new BigInteger(text.substring(2), 16);
        }
        if (text.startsWith("0o")) {
            return new BigInteger(text.substring(2), 8);
        }
        return new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    }

    private Optional<Boolean> bool(Optional<Entry> entry) {
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Entry e = entry.get();
        if (!(e.node() instanceof ScalarNode s)) {
            return problem(e, "expected true or false, got " + kind(e.node()));
        }
        if (!Tag.BOOL.equals(s.getTag())) {
            boolean quoted = s.getValue().equalsIgnoreCase("true") || s.getValue().equalsIgnoreCase("false");
            return problem(e, quoted ? "expected true or false without quotes" : "expected true or false");
        }
        return Optional.of(Boolean.parseBoolean(s.getValue()));
    }

    private <E> Optional<E> choice(Optional<Entry> entry, Map<String, E> choices, String rule) {
        return text(entry, v -> choices.containsKey(v) ? Optional.empty() : Optional.of(rule)).map(choices::get);
    }

    /** @param keys the keys allowed here; an empty list allows any key (tags) */
    private Optional<YamlMap> map(Optional<Entry> entry, List<String> keys, String expected) {
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Entry e = entry.get();
        if (!(e.node() instanceof MappingNode node)) {
            return problem(e, e.node() instanceof ScalarNode ? expected : expected + ", got " + kind(e.node()));
        }
        return Optional.of(YamlMap.read(node, e.path(), e.keyLine(),
                keys.isEmpty() ? Optional.empty() : Optional.of(keys), problems));
    }

    private Optional<List<Entry>> list(Optional<Entry> entry) {
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Entry e = entry.get();
        String expected = "expected a list (lines starting with \"- \")";
        if (!(e.node() instanceof SequenceNode node)) {
            return problem(e, e.node() instanceof ScalarNode ? expected : expected + ", got " + kind(e.node()));
        }
        List<Entry> items = new ArrayList<>();
        for (int i = 0; i < node.getValue().size(); i++) {
            Node item = node.getValue().get(i);
            int line = YamlMap.lineOf(item);
            items.add(new Entry(e.key(), e.path() + "[" + i + "]", line, line, item));
        }
        return Optional.of(items);
    }

    /** Records a problem with {@code e}'s value (shown when it is a scalar) and yields nothing. */
    private <T> Optional<T> problem(Entry e, String rule) {
        Optional<String> shown = e.node() instanceof ScalarNode s && !e.isNull()
                ? Optional.of(s.getValue()) : Optional.empty();
        problems.add(e.valueLine(), e.path(), shown, rule);
        return Optional.empty();
    }

    private static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return "nothing";
        }
        if (Tag.BOOL.equals(tag)) {
            return "true/false";
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "a number";
        }
        return "text";
    }
}

package io.hailctl.iac;

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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No template lets the internet in: every ingress rule of every security group (inline
 * {@code SecurityGroupIngress} or an {@code AWS::EC2::SecurityGroupIngress} resource) names a source
 * security group, never an address range — so neither 0.0.0.0/0 nor ::/0, nor a parameter that
 * could be set to them. Egress to anywhere is allowed (S3, PyPI, NAT). Templates are read as YAML
 * nodes, so CloudFormation's short tags (!Ref, !Sub) need no resolving.
 */
class TemplateIngressTest {
    private static final List<String> RANGE_KEYS = List.of("CidrIp", "CidrIpv6", "SourcePrefixListId");

    /** Every template hailctl ships: the top-level folder (the jar's copies are made from it at build time). */
    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("cloudformation"))) {
            return files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** One ingress rule found: where, and its source if it is an address range. */
    record Ingress(String where, Optional<String> range) {
    }

    static List<Ingress> ingressRules(String label, String yaml) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).build();
        MappingNode root = (MappingNode) new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml)))
                .getSingleNode().orElseThrow();
        List<Ingress> out = new ArrayList<>();
        Optional<Node> resources = get(root, "Resources");
        if (resources.isEmpty()) {
            return out;
        }
        for (NodeTuple r : ((MappingNode) resources.get()).getValue()) {
            String name = label + ": " + ((ScalarNode) r.getKeyNode()).getValue();
            String type = get(r.getValueNode(), "Type").map(TemplateIngressTest::text).orElse("");
            Optional<Node> props = get(r.getValueNode(), "Properties");
            if (props.isEmpty()) {
                continue;
            }
            if (type.equals("AWS::EC2::SecurityGroupIngress")) {
                out.add(rule(name, props.get()));
            } else if (type.equals("AWS::EC2::SecurityGroup")) {
                Optional<Node> inline = get(props.get(), "SecurityGroupIngress");
                if (inline.isPresent() && inline.get() instanceof SequenceNode seq) {
                    for (Node rule : seq.getValue()) {
                        out.add(rule(name + " (inline)", rule));
                    }
                }
            }
        }
        return out;
    }

    private static Ingress rule(String where, Node rule) {
        for (String key : RANGE_KEYS) {
            Optional<Node> v = get(rule, key);
            if (v.isPresent()) {
                return new Ingress(where, Optional.of(key + " " + text(v.get())));
            }
        }
        return new Ingress(where, Optional.empty());
    }

    private static Optional<Node> get(Node map, String key) {
        if (!(map instanceof MappingNode m)) {
            return Optional.empty();
        }
        return m.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
                .map(NodeTuple::getValueNode).findFirst();
    }

    private static String text(Node n) {
        return n instanceof ScalarNode s ? (n.getTag().getValue().startsWith("!") ? n.getTag().getValue() + " " : "") + s.getValue()
                : n.getTag().getValue() + " " + n.getNodeType();
    }

    @Test
    void noTemplateOpensIngressToAnAddressRangeLetAlone0000() throws IOException {
        List<Path> files = templates();
        assertTrue(files.size() >= 5, "every template found: " + files);
        List<Ingress> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(ingressRules(f.getFileName().toString(), Files.readString(f)));
        }
        assertTrue(all.size() >= 4, "the ingress rules were found (Livy, NFS, SSH): " + all);
        List<Ingress> ranges = all.stream().filter(i -> i.range().isPresent()).toList();
        assertEquals(List.of(), ranges, "ingress from an address range");
    }

    @Test
    void theCheckSeesOpenIngressInlineAsAResourceAndThroughAParameter() {
        String yaml = """
                Parameters:
                  Open: {Type: String, Default: 0.0.0.0/0}
                Resources:
                  Sg:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
                        - {IpProtocol: tcp, FromPort: 8998, ToPort: 8998, SourceSecurityGroupId: !Ref Other}
                  V6:
                    Type: AWS::EC2::SecurityGroupIngress
                    Properties: {GroupId: !Ref Sg, IpProtocol: "-1", CidrIpv6: "::/0"}
                  ByParameter:
                    Type: AWS::EC2::SecurityGroupIngress
                    Properties: {GroupId: !Ref Sg, IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: !Ref Open}
                """;
        List<Ingress> rules = ingressRules("bad.yml", yaml);
        assertEquals(List.of(Optional.of("CidrIp 0.0.0.0/0"), Optional.empty(), Optional.of("CidrIpv6 ::/0"),
                Optional.of("CidrIp !Ref Open")), rules.stream().map(Ingress::range).toList());
    }
}

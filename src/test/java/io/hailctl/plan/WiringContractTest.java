package io.hailctl.plan;

import io.hailctl.bundle.Bundle;
import io.hailctl.config.HailctlConfig;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The contract between the CLI and the bundled templates, checked both ways for every stack the
 * topology can produce: every parameter the CLI passes exists in the template, every output the CLI
 * reads exists, and no template parameter without a default is left unfed.
 */
class WiringContractTest {
    private final Bundle bundle = new Bundle();

    /** Configurations that together make every step kind and template appear. */
    private static final List<HailctlConfig> CONFIGS = List.of(
            Configs.twoUsers(""),
            Configs.twoUsers("efs:\n  fileSystemId: fs-0123456789abcdef0\nami:\n  source: build\n  vepVersion: 116\n"
                    + "emr:\n  taskMax: 4\n  taskMarket: SPOT\n  scaling: rules\n"),
            Configs.twoUsers("clusters:\n  - name: hail\n  - name: big\n    taskMax: 4\n    scaling: rules\n"));

    @Test
    void everyStackStepMatchesItsTemplate() {
        List<String> problems = new ArrayList<>();
        Set<String> templatesSeen = new TreeSet<>();
        for (HailctlConfig config : CONFIGS) {
            for (Step step : Topology.plan(config, Configs.NETWORK).steps()) {
                if (!(step instanceof StackStep s)) {
                    continue;
                }
                templatesSeen.add(s.template());
                Template t = template(s.template());
                for (String p : s.parameters().keySet()) {
                    if (!t.parameters.containsKey(p)) {
                        problems.add(s.template() + ": the CLI passes parameter " + p + ", which the template lacks");
                    }
                }
                t.parameters.forEach((name, hasDefault) -> {
                    if (!hasDefault && !s.parameters().containsKey(name)) {
                        problems.add(s.template() + ": parameter " + name + " has no default and the CLI does not pass it");
                    }
                });
                for (String o : s.outputs()) {
                    if (!t.outputs.contains(o)) {
                        problems.add(s.template() + ": the CLI reads output " + o + ", which the template lacks");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(Set.of("hail-s3.yml", "hail-network.yml", "hail-jupyter.yml", "hail-ami.yml", "hail-emr.yml"),
                templatesSeen, "every bundled template is exercised");
    }

    @Test
    void everyOutputWiredBetweenStepsIsDeclaredBySomeTemplate() {
        for (HailctlConfig config : CONFIGS) {
            Plan plan = Topology.plan(config, Configs.NETWORK);
            for (Step step : plan.steps()) {
                for (Value v : step.inputs().values()) {
                    if (v instanceof Value.OutputOf o && plan.require(o.step()) instanceof StackStep source) {
                        assertEquals(true, template(source.template()).outputs.contains(o.output()),
                                step.id() + " takes " + o + " which " + source.template() + " does not output");
                    }
                }
            }
        }
    }

    private record Template(Map<String, Boolean> parameters, Set<String> outputs) {
    }

    /** Reads Parameters (name → has a Default) and Outputs names, without resolving CloudFormation's !tags. */
    private Template template(String file) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).build();
        Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, bundle.template(file))));
        MappingNode root = (MappingNode) composer.getSingleNode().orElseThrow();
        Map<String, Boolean> params = new LinkedHashMap<>();
        Set<String> outputs = new TreeSet<>();
        for (NodeTuple top : root.getValue()) {
            String key = ((ScalarNode) top.getKeyNode()).getValue();
            if (key.equals("Parameters")) {
                for (NodeTuple p : ((MappingNode) top.getValueNode()).getValue()) {
                    params.put(((ScalarNode) p.getKeyNode()).getValue(), hasKey(p.getValueNode(), "Default"));
                }
            } else if (key.equals("Outputs")) {
                for (NodeTuple o : ((MappingNode) top.getValueNode()).getValue()) {
                    outputs.add(((ScalarNode) o.getKeyNode()).getValue());
                }
            }
        }
        return new Template(params, outputs);
    }

    private static boolean hasKey(Node node, String key) {
        return node instanceof MappingNode m && m.getValue().stream()
                .anyMatch(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key));
    }
}

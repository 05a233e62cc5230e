package io.hailctl.local.standin.cfn;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * moto's CloudFormation answers, corrected for the resources it dropped on an update ({@link KeptResources}):
 * DescribeStacks gains the outputs it lost; DescribeStackResources and ListStackResources name the
 * resources again (moto lists each as a member with no logical id, type or physical id).
 */
final class KeptResourcesXml {
    private KeptResourcesXml() {
    }

    /** A resource as the corrected listing shows it. */
    record Resource(String logicalId, String physicalId, String type) {
    }

    /** Each stack of a DescribeStacks answer gets the outputs {@code outputs} gives for its id that it lacks. */
    static String withOutputs(String xml, Function<String, Optional<Map<String, String>>> outputs) {
        Document doc = parse(xml);
        for (Element stack : members(doc, "Stacks")) {
            Optional<Map<String, String>> wanted = child(stack, "StackId").flatMap(id -> outputs.apply(id.getTextContent().trim()));
            if (wanted.isEmpty()) {
                continue;
            }
            Element list = child(stack, "Outputs").orElseGet(() -> append(stack, "Outputs", null));
            Set<String> present = new HashSet<>();
            for (Element o : elements(list, "member")) {
                child(o, "OutputKey").ifPresent(k -> present.add(k.getTextContent().trim()));
            }
            wanted.get().forEach((key, value) -> {
                if (!present.contains(key)) {
                    Element member = append(list, "member", null);
                    append(member, "OutputKey", key);
                    append(member, "OutputValue", value);
                }
            });
        }
        return write(doc);
    }

    /**
     * A DescribeStackResources or ListStackResources answer ({@code listElement} StackResources or
     * StackResourceSummaries) with moto's nameless members replaced by the kept resources.
     */
    static String withResources(String xml, String listElement, List<Resource> kept) {
        Document doc = parse(xml);
        var lists = doc.getElementsByTagName(listElement);
        if (lists.getLength() == 0 || kept.isEmpty()) {
            return xml;
        }
        Element list = (Element) lists.item(0);
        List<Element> nameless = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (Element m : elements(list, "member")) {
            Optional<String> logical = child(m, "LogicalResourceId").map(e -> e.getTextContent().trim()).filter(s -> !s.isEmpty());
            if (logical.isPresent()) {
                named.add(logical.get());
            } else {
                nameless.add(m);
            }
        }
        int i = 0;
        for (Resource r : kept) {
            if (named.contains(r.logicalId())) {
                continue;
            }
            Element m = i < nameless.size() ? nameless.get(i++) : append(list, "member", null);
            set(m, "LogicalResourceId", r.logicalId());
            set(m, "PhysicalResourceId", r.physicalId());
            set(m, "ResourceType", r.type());
            set(m, "ResourceStatus", "UPDATE_COMPLETE");
        }
        return write(doc);
    }

    private static List<Element> members(Document doc, String listName) {
        List<Element> out = new ArrayList<>();
        var lists = doc.getElementsByTagName(listName);
        for (int i = 0; i < lists.getLength(); i++) {
            out.addAll(elements((Element) lists.item(i), "member"));
        }
        return out;
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Optional<Element> child(Element parent, String name) {
        return elements(parent, name).stream().findFirst();
    }

    private static Element append(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElementNS(parent.getNamespaceURI(), name);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }

    private static void set(Element parent, String name, String text) {
        child(parent, name).ifPresentOrElse(e -> e.setTextContent(text), () -> append(parent, name, text));
    }

    private static Document parse(String xml) {
        return QueryXml.parse(xml);
    }

    private static String write(Document doc) {
        return QueryXml.write(doc);
    }
}

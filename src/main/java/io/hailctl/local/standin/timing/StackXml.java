package io.hailctl.local.standin.timing;

import io.hailctl.local.standin.cfn.QueryXml;
import io.hailctl.local.timing.StackEvent;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** CloudFormation's query-protocol XML, read and rewritten: stack descriptions and events. */
final class StackXml {
    static final String NS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private StackXml() {
    }

    /** One event as DescribeStackEvents lists it. */
    record Event(String eventId, String stackId, String stackName, StackEvent event) {
    }

    static Optional<String> text(String xml, String element) {
        int i = xml.indexOf("<" + element + ">");
        int j = i < 0 ? -1 : xml.indexOf("</" + element + ">", i);
        return j < 0 ? Optional.empty() : Optional.of(xml.substring(i + element.length() + 2, j).trim());
    }

    /** The text of the first element of this name, entities decoded (a template body in GetTemplate's answer). */
    static Optional<String> element(String xml, String name) {
        var nodes = parse(xml).getElementsByTagName(name);
        return nodes.getLength() == 0 ? Optional.empty() : Optional.of(nodes.item(0).getTextContent());
    }

    /** The first stack's parameters in a DescribeStacks answer. */
    static Map<String, String> parameters(String describeStacksXml) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element member : stackMembers(parse(describeStacksXml))) {
            childElement(member, "Parameters").ifPresent(ps -> {
                for (Node n = ps.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element p) {
                        child(p, "ParameterKey").ifPresent(k -> out.put(k, child(p, "ParameterValue").orElse("")));
                    }
                }
            });
            break;
        }
        return out;
    }

    /** Logical id to physical id of each resource in a DescribeStackResources answer. */
    static Map<String, String> physicalIds(String describeStackResourcesXml) {
        Map<String, String> out = new LinkedHashMap<>();
        var members = parse(describeStackResourcesXml).getElementsByTagName("member");
        for (int i = 0; i < members.getLength(); i++) {
            if (members.item(i) instanceof Element m) {
                Optional<String> logical = child(m, "LogicalResourceId");
                Optional<String> physical = child(m, "PhysicalResourceId").filter(v -> !v.isEmpty());
                if (logical.isPresent() && physical.isPresent()) {
                    out.put(logical.get(), physical.get());
                }
            }
        }
        return out;
    }

    /** Applies {@code edit} to each stack (each member of Stacks) of a DescribeStacks answer. */
    static String editStacks(String xml, Consumer<Element> edit) {
        Document doc = parse(xml);
        for (Element member : stackMembers(doc)) {
            edit.accept(member);
        }
        return write(doc);
    }

    static List<Element> stackMembers(Document doc) {
        List<Element> out = new ArrayList<>();
        var stacks = doc.getElementsByTagName("Stacks");
        for (int i = 0; i < stacks.getLength(); i++) {
            for (Node n = stacks.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals("member")) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    static Optional<String> child(Element parent, String name) {
        return childElement(parent, name).map(e -> e.getTextContent().trim());
    }

    static void setChild(Element parent, String name, String value) {
        Optional<Element> e = childElement(parent, name);
        if (e.isPresent()) {
            e.get().setTextContent(value);
        } else {
            Element created = parent.getOwnerDocument().createElementNS(parent.getNamespaceURI(), name);
            created.setTextContent(value);
            parent.appendChild(created);
        }
    }

    static void removeChild(Element parent, String name) {
        childElement(parent, name).ifPresent(parent::removeChild);
    }

    private static Optional<Element> childElement(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static String describeStackEvents(List<Event> events, String requestId) {
        StringBuilder b = new StringBuilder("<DescribeStackEventsResponse xmlns=\"").append(NS)
                .append("\"><DescribeStackEventsResult><StackEvents>");
        for (Event e : events) {
            StackEvent ev = e.event();
            boolean stack = ev.type().equals(StackEvent.STACK_TYPE);
            b.append("<member><StackId>").append(esc(e.stackId())).append("</StackId><EventId>").append(esc(e.eventId()))
                    .append("</EventId><StackName>").append(esc(e.stackName())).append("</StackName><LogicalResourceId>")
                    .append(esc(ev.logicalId())).append("</LogicalResourceId>");
            if (stack) {
                b.append("<PhysicalResourceId>").append(esc(e.stackId())).append("</PhysicalResourceId>");
            }
            b.append("<ResourceType>").append(esc(ev.type())).append("</ResourceType><Timestamp>").append(ev.time())
                    .append("</Timestamp><ResourceStatus>").append(ev.status()).append("</ResourceStatus>");
            if (!stack && ev.status().endsWith("_IN_PROGRESS") && !ev.status().startsWith("DELETE")) {
                b.append("<ResourceStatusReason>Resource creation Initiated</ResourceStatusReason>");
            }
            b.append("</member>");
        }
        return b.append("</StackEvents></DescribeStackEventsResult><ResponseMetadata><RequestId>").append(esc(requestId))
                .append("</RequestId></ResponseMetadata></DescribeStackEventsResponse>").toString();
    }

    static String validationError(String message) {
        return "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>"
                + esc(message) + "</Message></Error><RequestId>stand-in</RequestId></ErrorResponse>";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static Document parse(String xml) {
        return QueryXml.parse(xml);
    }

    static String write(Document doc) {
        return QueryXml.write(doc);
    }
}

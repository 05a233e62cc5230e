#!/usr/bin/env python3
"""Prints one node of a CloudFormation template as CloudFormation would hand it to the service,
for given parameter values: Ref, Fn::Sub (both forms, ${!x} kept literally as ${x}), Fn::FindInMap,
Fn::Join, Fn::Base64 (left decoded: the text the instance runs) and the pseudo parameters are
resolved; anything else (conditions, GetAtt, ...) is an error, so a test never runs a guess.

Usage: render-template-node.py TEMPLATE /Resources/Name/Properties/... [Param=Value ...]
Prints the node as JSON. Parameters not given take their template Default.
Run it with the Python of the tools venv (uses cfn-lint's YAML loader for the short-form tags).
"""
import json
import re
import sys

from cfnlint.decode import decode  # type: ignore

PSEUDO = {"AWS::Region": "us-east-1", "AWS::AccountId": "123456789012", "AWS::Partition": "aws",
          "AWS::URLSuffix": "amazonaws.com", "AWS::StackName": "hailctl-test", "AWS::NoValue": None}


class Renderer:
    def __init__(self, template, params):
        self.t = template
        self.values = dict(PSEUDO)
        for name, spec in (template.get("Parameters") or {}).items():
            if "Default" in spec:
                self.values[name] = str(spec["Default"])
        self.values.update(params)

    def ref(self, name):
        if name not in self.values:
            raise SystemExit(f"no value for parameter {name} (pass {name}=...)")
        return self.values[name]

    def sub(self, body, local):
        def repl(m):
            inner = m.group(1)
            if inner.startswith("!"):
                return "${" + inner[1:] + "}"
            if inner in local:
                return str(local[inner])
            if "." in inner and not inner.startswith("AWS::"):
                raise SystemExit(f"Fn::Sub attribute ${{{inner}}} cannot be rendered here")
            return str(self.ref(inner))
        return re.sub(r"\$\{([^}]*)\}", repl, body)

    def render(self, node):
        if isinstance(node, list):
            return [self.render(v) for v in node if not (isinstance(v, dict) and v == {"Ref": "AWS::NoValue"})]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            (key, value), = node.items()
            if key == "Ref":
                return self.ref(value)
            if key == "Fn::Sub":
                if isinstance(value, list):
                    return self.sub(value[0], {k: self.render(v) for k, v in value[1].items()})
                return self.sub(value, {})
            if key == "Fn::FindInMap":
                m, k1, k2 = (self.render(v) for v in value)
                return self.t["Mappings"][m][k1][k2]
            if key == "Fn::Join":
                return self.render(value[0]).join(str(self.render(v)) for v in value[1])
            if key == "Fn::Base64":
                return self.render(value)
            if key.startswith("Fn::") or key == "Condition":
                raise SystemExit(f"{key} is not rendered by this tool")
        return {k: self.render(v) for k, v in node.items()}


def main():
    template, pointer, *assignments = sys.argv[1:]
    tpl, matches = decode(template)
    if matches:
        raise SystemExit(f"cannot parse {template}: {matches[0]}")
    params = dict(a.split("=", 1) for a in assignments)
    node = tpl
    for part in pointer.strip("/").split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part]
    print(json.dumps(Renderer(tpl, params).render(node), indent=1))


if __name__ == "__main__":
    main()

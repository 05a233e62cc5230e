#!/usr/bin/env python3
"""Writes every shell script embedded in the CloudFormation templates to OUT_DIR, so that
shellcheck can read them.

An embedded script is any string (plain or inside Fn::Sub / Fn::Base64) that starts with a
"#!/bin/bash" (or "#!/usr/bin/env bash") line, or the script argument of an EMR
"bash -c <script>" bootstrap action or step. CloudFormation substitutions are rendered the way
CloudFormation renders them: ${Name} becomes a placeholder word (PARAM_Name), ${!Name} becomes the
literal ${Name}.

Usage: render-inline-scripts.py OUT_DIR TEMPLATE...
Prints one line per script written: <file> <template>:<path-in-template>.
Uses cfn-lint's YAML loader (it understands the short-form intrinsic tags), so run it with the
Python of the tools venv.
"""
import os
import re
import sys

from cfnlint.decode import decode  # type: ignore

SHEBANG = re.compile(r"^#!\s*(/bin/bash|/usr/bin/env bash)")


def render_sub(text: str) -> str:
    def repl(m: "re.Match[str]") -> str:
        inner = m.group(1)
        if inner.startswith("!"):
            return "${" + inner[1:] + "}"
        return "PARAM_" + re.sub(r"[^A-Za-z0-9]", "_", inner)

    return re.sub(r"\$\{([^}]*)\}", repl, text)


def as_text(node):
    """The text of a string-ish node: plain string, Fn::Sub, Fn::Base64 of those; else None."""
    if isinstance(node, str):
        return node
    if isinstance(node, dict) and len(node) == 1:
        (key, value), = node.items()
        if key == "Fn::Sub":
            body = value[0] if isinstance(value, list) else value
            return render_sub(body) if isinstance(body, str) else None
        if key == "Fn::Base64":
            return as_text(value)
    return None


def walk(node, path, found):
    text = as_text(node)
    if text is not None:
        if SHEBANG.match(text):
            found.append((path, text))
        return
    if isinstance(node, dict):
        # EMR: {"Path": "file:/usr/bin/bash", "Args": ["-c", SCRIPT, ...]} and
        #      {"Jar": "command-runner.jar", "Args": ["bash", "-c", SCRIPT]}
        args = node.get("Args")
        if isinstance(args, list):
            for i, a in enumerate(args[:-1]):
                if a == "-c":
                    script = as_text(args[i + 1])
                    if script is not None and not SHEBANG.match(script):
                        found.append((f"{path}/Args/{i + 1}", "#!/bin/bash\n" + script))
        for k, v in node.items():
            walk(v, f"{path}/{k}", found)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, f"{path}/{i}", found)


def main() -> int:
    out_dir, templates = sys.argv[1], sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    n = 0
    for template in templates:
        tpl, matches = decode(template)
        if matches:
            for m in matches:
                print(f"cannot parse {template}: {m}", file=sys.stderr)
            return 2
        found = []
        walk(tpl.get("Resources", {}), "Resources", found)
        for path, text in found:
            n += 1
            name = os.path.join(out_dir, f"{n:02d}-{os.path.basename(template)}.sh")
            with open(name, "w", encoding="utf-8") as f:
                f.write(text if text.endswith("\n") else text + "\n")
            print(f"{name} {os.path.basename(template)}:{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

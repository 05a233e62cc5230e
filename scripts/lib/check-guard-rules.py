#!/usr/bin/env python3
"""Runs AWS's Guard rules (the Control Tower proactive controls, cfn-guard) against the templates.

The controls are evaluated by AWS against the resolved properties of each resource (as
CloudFormation hooks), so they are run here against the templates rendered by render_cfn
(realistic values, every condition true and every condition false): a rule such as "RootAccess
must be Disabled" then sees "Disabled", not {"Ref": "RootAccess"}, which Guard cannot compare.

Suppressions: a resource lists the rules it is exempt from in Metadata.guard.SuppressedRules
(the Guard Rules Registry's convention), each entry followed on its line by a "# reason" comment of
at least 20 characters. The Control Tower rules do not read that metadata themselves, so for each
rule the resources that suppress it are left out of the data it is run on. A suppression whose
rule would not fail the template without it is stale and fails the check, as does one without a
reason.

Usage: check-guard-rules.py CFN_GUARD RULES_DIR RULE_LIST OUT_DIR TEMPLATE...
RULE_LIST: rule ids (e.g. ct-s3-pr-1), one a line, '#' comments; each must exist in RULES_DIR
(searched recursively as <id>.guard). Exit 0 when no rule fails on any template.
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render_cfn  # noqa: E402


def rule_name(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^#\s*Rule Identifier:\s*\n#\s*(\w+)", text, re.MULTILINE)
    if m:
        return m.group(1)
    return re.search(r"^rule (\w+) when", text, re.MULTILINE).group(1)


def suppressions(path, template):
    """{rule: [resource, ...]} and the problems with their reasons."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    out, problems = {}, []
    for logical, res in (template.get("Resources") or {}).items():
        for rule in ((res.get("Metadata") or {}).get("guard") or {}).get("SuppressedRules") or []:
            out.setdefault(rule, []).append(logical)
            pattern = re.compile(r"^\s*-\s*" + re.escape(rule) + r"\s*#\s*(.*)$")
            reasons = [m.group(1).strip() for m in map(pattern.match, lines) if m]
            if not reasons or min(len(r) for r in reasons) < 20:
                problems.append(f"{os.path.basename(path)}:{logical} suppresses {rule} without a '# reason' comment")
    return out, problems


def run(guard, rule_file, data_dir):
    """{data file name: PASS|FAIL|SKIP}, and the output."""
    p = subprocess.run([guard, "validate", "-r", rule_file, "-d", data_dir, "--show-summary", "all",
                        "-o", "single-line-summary"], capture_output=True, text=True)
    status = {os.path.basename(m.group(1)): m.group(2)
              for m in re.finditer(r"^(\S+) Status = (PASS|FAIL|SKIP)$", p.stdout, re.MULTILINE)}
    if p.returncode not in (0, 19) or not status:
        raise RuntimeError(f"cfn-guard failed on {rule_file} (exit {p.returncode}):\n{p.stdout}\n{p.stderr}")
    return status, p.stdout


def main():
    guard, rules_dir, rule_list, out_dir = sys.argv[1:5]
    templates = sys.argv[5:]
    ids = [line.split("#", 1)[0].strip() for line in open(rule_list, encoding="utf-8")]
    ids = [i for i in ids if i]
    files = {}
    for dirpath, _, names in os.walk(rules_dir):
        for n in names:
            if n.endswith(".guard"):
                files[n[:-len(".guard")]] = os.path.join(dirpath, n)
    bad = [f"rule {i} is not in {rules_dir}" for i in ids if i not in files]

    rendered, suppressed = {}, {}
    for t in templates:
        name = os.path.basename(t).rsplit(".", 1)[0]
        sup, problems = suppressions(t, render_cfn.load(t))
        bad += problems
        suppressed[name] = sup
        for variant in (True, False):
            rendered[f"{name}.all-conditions-{str(variant).lower()}.json"] = (name, render_cfn.rendered_template(t, variant))

    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    used = set()
    for rid in ids:
        if rid not in files:
            continue
        rname = rule_name(files[rid])
        for label, keep_suppressed in (("as shipped", False), ("unsuppressed", True)):
            data = os.path.join(out_dir, rid, label.replace(" ", "-"))
            os.makedirs(data, exist_ok=True)
            for fname, (tname, doc) in rendered.items():
                doc = dict(doc)
                skip = [] if keep_suppressed else suppressed[tname].get(rname, [])
                doc["Resources"] = {k: v for k, v in doc["Resources"].items() if k not in skip}
                with open(os.path.join(data, fname), "w", encoding="utf-8") as f:
                    json.dump(doc, f, indent=1)
            status, output = run(guard, files[rid], data)
            if label == "as shipped":
                for fname, st in sorted(status.items()):
                    counts[st] += 1
                    if st == "FAIL":
                        bad.append(f"{rid} ({rname}) FAILS on {fname}:\n{output}")
            else:
                for tname, sup in suppressed.items():
                    if rname in sup:
                        failed = any(st == "FAIL" for f, st in status.items() if f.startswith(tname + "."))
                        if failed:
                            used.add((tname, rname))
    for tname, sup in suppressed.items():
        for rname, resources in sup.items():
            if (tname, rname) not in used:
                bad.append(f"stale suppression: {tname} {resources} suppress {rname}, which does not fail without it"
                           " (or is not in the rule list)")
            else:
                print(f"  suppressed {rname} on {tname}.yml {resources} (fails there without the suppression)")
    for b in bad:
        print("  " + b)
    print(f"guard: {len(ids)} rules x {len(rendered)} rendered templates: {counts['PASS']} pass, "
          f"{counts['SKIP']} skip (no such resource), {counts['FAIL']} fail; {len(bad)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

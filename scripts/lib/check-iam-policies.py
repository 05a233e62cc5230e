#!/usr/bin/env python3
"""Checks every IAM policy hailctl ships against AWS's catalogue of actions, resource types and
condition keys (the Service Authorization Reference), with two independent catalogues:

  - parliament (Duo Labs): the linter. Every finding it reports counts: unknown actions or service
    prefixes, resources that match none of an action's resource types, condition keys an action
    does not support, mismatched condition operators, malformed statements.
  - policy_sentry (Salesforce): a newer copy of the same catalogue. Used here for a second, plain
    check of the same three things (action exists, each resource ARN matches one of the action's
    ARN formats, each condition key is supported by the action or global), so that an action too
    new for parliament's copy, or a parliament matching quirk, shows up as a disagreement.

Policies come from
  - the templates: every AssumeRolePolicyDocument, Policies[].PolicyDocument and PolicyDocument
    (AWS::IAM::Role/Policy/ManagedPolicy, AWS::S3::BucketPolicy, anything with a PolicyDocument),
    rendered with render_cfn (realistic ARNs for account 123456789012 in us-east-1; every
    condition both true and false so both branches of Fn::If are seen);
  - JSON files given with --policy NAME=FILE (policies built in code, e.g. the EFS file-system
    policy, written out by the test that calls this script);
  - the ```json blocks holding a "Statement" in the Markdown files given with --markdown FILE
    (policies the documentation tells people to put by hand), placeholders such as <region>,
    REGION, <account>, ACCOUNT, <fs-id>, FS_ID rendered like the templates' parameters.

Usage: check-iam-policies.py [--allow FILE] [--policy NAME=FILE]... [--markdown FILE]... TEMPLATE...
--allow: a YAML list of {policy, statement, finding, reason}; a finding listed there (policy and
statement are the printed names, finding the checker's code) is reported as allowed with its
reason. An allow-list entry that matches nothing is itself an error (stale entries go).
Exit 0 when every finding is allowed. Run with the Python of the IAM tools' venv
(scripts/install-iam-tools).
"""
import argparse
import json
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render_cfn  # noqa: E402

import parliament  # noqa: E402
from policy_sentry.querying.actions import get_action_data, get_actions_for_service  # noqa: E402

# Condition keys that every action supports (the IAM global condition context keys), except the
# tag keys, which work only where the action's resource type lists them.
GLOBAL_KEYS = {k.lower() for k in [
    "aws:CalledVia", "aws:CalledViaFirst", "aws:CalledViaLast", "aws:CurrentTime", "aws:EpochTime",
    "aws:FederatedProvider", "aws:MultiFactorAuthAge", "aws:MultiFactorAuthPresent", "aws:PrincipalAccount",
    "aws:PrincipalArn", "aws:PrincipalIsAWSService", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
    "aws:PrincipalServiceName", "aws:PrincipalServiceNamesList", "aws:PrincipalType", "aws:Referer",
    "aws:RequestedRegion", "aws:ResourceAccount", "aws:ResourceOrgID", "aws:ResourceOrgPaths",
    "aws:SecureTransport", "aws:SourceAccount", "aws:SourceArn", "aws:SourceIdentity", "aws:SourceIp",
    "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceVpc", "aws:SourceVpce", "aws:TokenIssueTime",
    "aws:UserAgent", "aws:userid", "aws:username", "aws:ViaAWSService", "aws:VpcSourceIp",
    "aws:Ec2InstanceSourceVpc", "aws:Ec2InstanceSourcePrivateIPv4"]}
GLOBAL_KEY_PREFIXES = ("aws:principaltag/",)


def as_list(v):
    return v if isinstance(v, list) else [] if v is None else [v]


# ------------------------------------------------------------------ collecting policies
def template_policies(path):
    """(name, kind, document) of every policy in the template, for both condition variants."""
    tname = os.path.basename(path).removesuffix(".yml")
    template = render_cfn.load(path)
    seen, out = set(), []
    for variant in (True, False):
        r = render_cfn.Renderer(template, tname, variant)
        for logical, res in (template.get("Resources") or {}).items():
            if "Condition" in res and not variant:
                continue
            props = res.get("Properties") or {}
            typ = res.get("Type")
            found = []
            if "AssumeRolePolicyDocument" in props:
                found.append(("trust", "AssumeRolePolicyDocument", props["AssumeRolePolicyDocument"]))
            for p in as_list(props.get("Policies")):
                found.append(("identity", r.render(p.get("PolicyName")), p.get("PolicyDocument")))
            if "PolicyDocument" in props:
                kind = "resource" if typ in ("AWS::S3::BucketPolicy",) else "identity"
                found.append((kind, "PolicyDocument", props["PolicyDocument"]))
            for kind, label, doc in found:
                rendered = r.render(doc)
                name = f"{os.path.basename(path)}:{logical}/{label}"
                key = (name, json.dumps(rendered, sort_keys=True))
                if key not in seen:
                    seen.add(key)
                    out.append((name, kind, rendered))
    return out


DOC_PLACEHOLDERS = {
    "<region>": render_cfn.REGION, "REGION": render_cfn.REGION,
    "<account>": render_cfn.ACCOUNT, "ACCOUNT": render_cfn.ACCOUNT,
    "<fs-id>": render_cfn.PARAMETER_VALUES["EfsFileSystemId"], "FS_ID": render_cfn.PARAMETER_VALUES["EfsFileSystemId"],
}


def markdown_policies(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    out = []
    for n, m in enumerate(re.finditer(r"```json\n(.*?)```", text, re.DOTALL), start=1):
        body = m.group(1)
        if '"Statement"' not in body:
            continue
        for k, v in DOC_PLACEHOLDERS.items():
            body = body.replace(k, v)
        line = text[:m.start()].count("\n") + 2  # the JSON's first line
        doc = json.loads(body)
        kind = "resource" if "Principal" in body else "identity"
        out.append((f"{os.path.relpath(path)}:{line}", kind, doc))
    return out


# ------------------------------------------------------------------ parliament
def parliament_findings(name, kind, doc):
    """parliament's findings, statement by statement (so that each is attributed to its Sid)."""
    out = []
    statements = as_list(doc.get("Statement"))
    sids = [st.get("Sid") for st in statements if st.get("Sid")]
    for dup in sorted({s for s in sids if sids.count(s) > 1}):
        out.append(("parliament:DUPLICATE_SID", dup, "Sid used twice"))
    for i, st in enumerate(statements):
        single = {"Version": doc.get("Version", "2012-10-17"), "Statement": [st]}
        for f in parliament.analyze_policy_string(json.dumps(single)).findings:
            # A trust policy has no Resource by design; parliament's identity-policy rule does not apply.
            if kind == "trust" and f.issue == "MALFORMED" and "Resource" in str(f.detail):
                continue
            out.append(("parliament:" + f.issue, st.get("Sid") or f"#{i + 1}", str(f.detail or "").strip()))
    return out


# ------------------------------------------------------------------ policy_sentry
def arn_matches(arn_format, resource):
    """Whether the policy's resource (globs allowed) can name a resource of the catalogue's ARN
    format, with parliament's matcher (buckets never match an ARN with a slash)."""
    glob_format = re.sub(r"\$\{[^}]+\}", "*", arn_format)
    kind = "bucket" if re.fullmatch(r"arn:\$\{Partition\}:s3:::\$\{BucketName\}", arn_format) else "resource"
    try:
        return parliament.is_arn_strictly_valid(kind, glob_format, resource)
    except Exception:  # noqa: BLE001 - parliament raises a plain Exception for a malformed ARN
        return False


def key_supported(key, supported):
    k = key.lower()
    if k in GLOBAL_KEYS or k.startswith(GLOBAL_KEY_PREFIXES):
        return True
    for s in supported:
        s = s.lower()
        if "${" in s:
            if k.startswith(s.split("${", 1)[0]) and len(k) > len(s.split("${", 1)[0]):
                return True
        elif k == s or (s.endswith("/tag-key") and k.startswith(s[:-len("tag-key")])):
            return True
    return False


def sentry_entries(action):
    service, name = action.split(":", 1)
    if "*" in name or "?" in name:
        rx = re.compile("^" + re.escape(name).replace(r"\*", ".*").replace(r"\?", ".") + "$", re.IGNORECASE)
        names = [a.split(":", 1)[1] for a in get_actions_for_service(service) if rx.match(a.split(":", 1)[1])]
    else:
        names = [name]
    entries = []
    for n in names:
        try:
            data = get_action_data(service, n)
        except Exception:  # noqa: BLE001 - policy_sentry raises plain exceptions for unknown services
            data = {}
        entries.append((f"{service}:{n}", data.get(service) or []))
    return entries


def sentry_findings(name, kind, doc):
    out = []
    for i, st in enumerate(as_list(doc.get("Statement"))):
        sid = st.get("Sid") or f"#{i + 1}"
        resources = as_list(st.get("Resource"))
        keys = [k for op in (st.get("Condition") or {}).values() for k in (op or {})]
        for action in as_list(st.get("Action")):
            if action == "*" or action.endswith(":*"):
                continue
            entries = sentry_entries(action)
            if not entries or all(not e for _, e in entries):
                out.append(("policy_sentry:UNKNOWN_ACTION", sid, action))
                continue
            for full, ent in entries:
                if not ent:
                    continue
                formats = [e["resource_arn_format"] for e in ent if e["resource_arn_format"] != "*"]
                # An action is granted on the statement's resources that match one of its resource
                # types; when none does, the statement grants that action nothing (a defect).
                named = [r.replace("${aws:userid}", "AIDAEXAMPLE").replace("${aws:username}", "alice")
                         for r in resources if r != "*"]
                if kind != "trust" and named and len(named) == len(resources) \
                        and not any(arn_matches(f, r) for f in formats for r in named):
                    out.append(("policy_sentry:RESOURCE_MISMATCH", sid,
                                f"{full} on {named}: its resource types are {formats or ['* only']}"))
                supported = {k for e in ent for k in e.get("condition_keys") or []}
                for key in keys:
                    if not key_supported(key, supported):
                        out.append(("policy_sentry:UNKNOWN_CONDITION_FOR_ACTION", sid, f"{full}: {key}"))
    return out


# ------------------------------------------------------------------ main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--allow")
    ap.add_argument("--policy", action="append", default=[])
    ap.add_argument("--markdown", action="append", default=[])
    ap.add_argument("templates", nargs="*")
    args = ap.parse_args()

    policies = []
    for t in args.templates:
        policies += template_policies(t)
    for md in args.markdown:
        policies += markdown_policies(md)
    for spec in args.policy:
        name, _, path = spec.partition("=")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        policies.append((name, "resource" if '"Principal"' in text else "identity", json.loads(text)))

    allow = []
    if args.allow:
        with open(args.allow, encoding="utf-8") as f:
            allow = yaml.safe_load(f) or []
    used = [False] * len(allow)

    statements = 0
    bad = 0
    for name, kind, doc in policies:
        statements += len(as_list(doc.get("Statement")))
        print(f"  {kind:8} {name}: {len(as_list(doc.get('Statement')))} statements")
        for code, sid, detail in parliament_findings(name, kind, doc) + sentry_findings(name, kind, doc):
            hit = None
            for i, a in enumerate(allow):
                if (a.get("policy") == name and a.get("finding") == code
                        and str(a.get("statement")) in (str(sid), "*") and str(a.get("detail", "")) in detail):
                    hit = i
                    break
            if hit is None:
                bad += 1
                print(f"  FINDING {name} [{sid}] {code}: {detail}")
            else:
                used[hit] = True
                print(f"  allowed {name} [{sid}] {code}: {allow[hit]['reason']}")
    for i, a in enumerate(allow):
        if not used[i]:
            bad += 1
            print(f"  STALE allow-list entry (matches nothing): {a}")
        elif len(str(a.get("reason", "")).strip()) < 20:
            bad += 1
            print(f"  allow-list entry without a real reason: {a}")
    print(f"iam: {len(policies)} policies, {statements} statements checked with parliament "
          f"{getattr(parliament, '__version__', '?')} and policy_sentry; {bad} unexplained findings")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

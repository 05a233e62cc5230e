#!/usr/bin/env python3
"""House rules for hailctl's CloudFormation templates that cfn-lint and checkov do not check.

Usage: check-template-rules.py TEMPLATE...   (run with the tools venv's Python: uses cfn-lint's loader)

Every template:
  - has a Description, the EnvironmentName parameter (^[a-z][a-z0-9-]{0,22}$), and an
    AWS::CloudFormation::Interface that puts every parameter in a group and gives it a label;
  - gives no IAM resource a fixed name (RoleName, InstanceProfileName, ManagedPolicyName, ...);
  - allows no wildcard service actions ("*", "s3:*", "iam:*", ...; a Deny may use them);
  - opens no security group to a CIDR (ingress only from other security groups);
  - keeps every S3 bucket: DeletionPolicy and UpdateReplacePolicy Retain, default encryption, all
    four public-access blocks, and a bucket policy denying requests without TLS.
hail-jupyter.yml: the notebook role lists the Jupyter bucket only under s3:prefix conditions for
the user's own prefix and the shared ones, and writes objects only under <user>/.
Prints one line per problem; exit status 1 when there is any.
"""
import os
import sys

from cfnlint.decode import decode  # type: ignore

IAM_NAME_PROPS = {
    "AWS::IAM::Role": "RoleName", "AWS::IAM::InstanceProfile": "InstanceProfileName",
    "AWS::IAM::ManagedPolicy": "ManagedPolicyName", "AWS::IAM::User": "UserName", "AWS::IAM::Group": "GroupName",
}
# Not the bare user name: the prefix "alice" also lists "alice2/" (another user's object names).
JUPYTER_LIST_PREFIXES = {"${UserName}/*", "scripts/*", "common-notebooks/*"}


def text(node):
    """A comparable string for a scalar or a Sub/Ref node."""
    if isinstance(node, str):
        return node
    if isinstance(node, dict) and len(node) == 1:
        (k, v), = node.items()
        if k == "Fn::Sub":
            return v if isinstance(v, str) else v[0]
        if k == "Ref":
            return v
    return repr(node)


def as_list(x):
    return x if isinstance(x, list) else [x]


def statements(node):
    """Every IAM statement (dict with Effect) anywhere below node, Fn::If branches included."""
    if isinstance(node, dict):
        if "Effect" in node and ("Action" in node or "NotAction" in node):
            yield node
        for v in node.values():
            yield from statements(v)
    elif isinstance(node, list):
        for v in node:
            yield from statements(v)


def check(path, problems):
    name = os.path.basename(path)
    tpl, errors = decode(path)
    if errors:
        problems.append(f"{name}: cannot parse: {errors[0]}")
        return
    if not str(tpl.get("Description", "")).strip():
        problems.append(f"{name}: no Description")
    params = tpl.get("Parameters") or {}
    env = params.get("EnvironmentName")
    if not env or env.get("AllowedPattern") != "^[a-z][a-z0-9-]{0,22}$":
        problems.append(f"{name}: EnvironmentName parameter missing or with another pattern")
    iface = (tpl.get("Metadata") or {}).get("AWS::CloudFormation::Interface") or {}
    grouped = {p for g in iface.get("ParameterGroups", []) for p in g.get("Parameters", [])}
    labelled = set((iface.get("ParameterLabels") or {}).keys())
    for p in params:
        if p not in grouped:
            problems.append(f"{name}: parameter {p} is in no ParameterGroup")
        if p not in labelled:
            problems.append(f"{name}: parameter {p} has no ParameterLabel")

    resources = tpl.get("Resources") or {}
    policies_of_bucket = {}
    for rid, res in resources.items():
        rtype, props = res.get("Type"), res.get("Properties") or {}
        if rtype in IAM_NAME_PROPS and IAM_NAME_PROPS[rtype] in props:
            problems.append(f"{name}: {rid} has a fixed IAM name ({IAM_NAME_PROPS[rtype]})")
        for st in (s for s in statements(props) if s.get("Effect") == "Allow"):
            for action in as_list(st.get("Action", [])):
                a = text(action)
                if a == "*" or a.endswith(":*"):
                    problems.append(f"{name}: {rid} grants the wildcard action {a}")
        if rtype == "AWS::EC2::SecurityGroup":
            for rule in props.get("SecurityGroupIngress") or []:
                if "CidrIp" in rule or "CidrIpv6" in rule:
                    problems.append(f"{name}: {rid} admits a CIDR ({rule.get('CidrIp') or rule.get('CidrIpv6')})")
        if rtype == "AWS::EC2::SecurityGroupIngress" and ("CidrIp" in props or "CidrIpv6" in props):
            problems.append(f"{name}: {rid} admits a CIDR")
        if rtype == "AWS::S3::BucketPolicy":
            policies_of_bucket[text(props.get("Bucket"))] = props.get("PolicyDocument") or {}
    for rid, res in resources.items():
        if res.get("Type") != "AWS::S3::Bucket":
            continue
        props = res.get("Properties") or {}
        if res.get("DeletionPolicy") != "Retain" or res.get("UpdateReplacePolicy") != "Retain":
            problems.append(f"{name}: bucket {rid} is not retained (DeletionPolicy/UpdateReplacePolicy)")
        if not (props.get("BucketEncryption") or {}).get("ServerSideEncryptionConfiguration"):
            problems.append(f"{name}: bucket {rid} has no default encryption")
        pab = props.get("PublicAccessBlockConfiguration") or {}
        if not all(pab.get(k) is True for k in ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")):
            problems.append(f"{name}: bucket {rid} does not block all public access")
        doc = policies_of_bucket.get(rid)
        tls = doc and any(st.get("Effect") == "Deny" and "aws:SecureTransport" in str(st.get("Condition"))
                          for st in statements(doc))
        if not tls:
            problems.append(f"{name}: bucket {rid} has no bucket policy denying requests without TLS")

    if name == "hail-jupyter.yml":
        role = resources.get("NotebookRole", {}).get("Properties", {})
        everything = [role] + [r.get("Properties") for r in resources.values() if r.get("Type") == "AWS::IAM::Policy"]
        for st in (s for node in everything for s in statements(node)):
            actions = {text(a) for a in as_list(st.get("Action", []))}
            res = {text(r) for r in as_list(st.get("Resource", []))}
            jupyter = {r for r in res if "${JupyterBucket}" in r}
            if not jupyter or st.get("Effect") != "Allow":
                continue
            if "s3:ListBucket" in actions:
                prefixes = {text(p) for p in as_list(((st.get("Condition") or {}).get("StringLike") or {}).get("s3:prefix", []))}
                if prefixes != JUPYTER_LIST_PREFIXES:
                    problems.append(f"{name}: s3:ListBucket on the Jupyter bucket must be limited to s3:prefix "
                                    f"{sorted(JUPYTER_LIST_PREFIXES)}, found {sorted(prefixes) or 'no condition'}")
            writes = {a for a in actions if a.startswith("s3:Put") or a.startswith("s3:Delete")}
            if writes and any(not r.endswith("${JupyterBucket}/${UserName}/*") for r in jupyter):
                problems.append(f"{name}: {sorted(writes)} on the Jupyter bucket outside <user>/: {sorted(jupyter)}")


def main():
    problems = []
    for path in sys.argv[1:]:
        check(path, problems)
    for p in problems:
        print("  " + p)
    print(f"  {len(sys.argv) - 1} templates checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

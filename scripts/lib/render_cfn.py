"""Renders a CloudFormation template's intrinsic functions to plausible concrete values, the way
CloudFormation would for one deployment in account 123456789012, us-east-1, partition aws.

Used by the IAM policy check (check-iam-policies.py): the checker must see real ARNs, not
"${HailBucket}" placeholders, or it cannot tell whether a resource matches an action's resource
types. Parameters take their default, else a realistic value from PARAMETER_VALUES (optional
parameters get a non-empty value so that conditional statements are rendered with real ARNs);
conditions are forced all-true and all-false in turn (Fn::If renders one branch per variant), so
every statement of every branch is seen at least once.

Needs only PyYAML (runs in the IAM tools' own venv, without cfn-lint).
"""
import re

import yaml

ACCOUNT = "123456789012"
REGION = "us-east-1"
PARTITION = "aws"

PSEUDO = {
    "AWS::AccountId": ACCOUNT,
    "AWS::Region": REGION,
    "AWS::Partition": PARTITION,
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::StackId": f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/demo/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
}

# Realistic values for parameters without a usable default. A parameter missing here and without
# a default stops the check: a new parameter must get a realistic value, not a silent placeholder.
PARAMETER_VALUES = {
    "EnvironmentName": "demo",
    "UserName": "alice",
    "ClusterName": "hail",
    "HailBucketName": "demo-hail-123456789012",
    "HailBucket": "demo-hail-123456789012",
    "LogBucketName": "demo-hail-logs-123456789012",
    "LogBucket": "demo-hail-logs-123456789012",
    "JupyterBucketName": "demo-hail-jupyter-123456789012",
    "JupyterBucket": "demo-hail-jupyter-123456789012",
    "VpcId": "vpc-0123456789abcdef0",
    "SubnetId": "subnet-0123456789abcdef0",
    "NotebookSecurityGroupId": "sg-0123456789abcdef1",
    "EmrMasterSecurityGroupId": "sg-0123456789abcdef2",
    "EmrWorkerSecurityGroupId": "sg-0123456789abcdef3",
    "EfsMountTargetSecurityGroupId": "sg-0123456789abcdef4",
    "EfsFileSystemId": "fs-0123456789abcdef0",
    "EfsAccessPointId": "fsap-0123456789abcdef0",
    "KmsKeyId": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "KmsKeyArn": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "ExtraInstancePolicyArn": f"arn:aws:iam::{ACCOUNT}:policy/demo-genomics-data",
    "CustomAmiId": "ami-0123456789abcdef0",
    "KeyName": "demo-key",
    "HardStopAt": "2026-12-05T02:00:00",
}

NO_VALUE = object()


class Tagged:
    """A short-form intrinsic (!Ref, !Sub, ...) read from YAML, turned into its long form."""


def _loader():
    class Loader(yaml.SafeLoader):
        pass

    def construct(tag):
        name = "Ref" if tag == "Ref" else "Fn::" + tag

        def f(loader, node):
            if isinstance(node, yaml.ScalarNode):
                value = loader.construct_scalar(node)
                if tag == "GetAtt":
                    value = value.split(".", 1)
            elif isinstance(node, yaml.SequenceNode):
                value = loader.construct_sequence(node, deep=True)
            else:
                value = loader.construct_mapping(node, deep=True)
            return {name: value}

        return f

    for t in ["Ref", "Sub", "GetAtt", "Join", "Select", "Split", "If", "Equals", "Not", "And", "Or",
              "Condition", "FindInMap", "Base64", "GetAZs", "ImportValue", "Cidr"]:
        Loader.add_constructor("!" + t, construct(t))
    return Loader


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_loader())  # noqa: S506 - SafeLoader subclass


def physical_name(template_name, logical):
    """A CloudFormation-style generated physical name: <stack>-<logical>-<suffix>."""
    return f"demo-{template_name}-{logical}-1A2B3C4D5E6F"[:64]


class Renderer:
    def __init__(self, template, template_name, conditions_value, strict=True):
        self.t = template
        self.strict = strict
        self.name = template_name
        self.conditions_value = conditions_value
        self.params = {}
        for pname, p in (template.get("Parameters") or {}).items():
            default = p.get("Default")
            if pname in PARAMETER_VALUES and (default is None or str(default) == ""):
                self.params[pname] = PARAMETER_VALUES[pname]
            elif default is not None and str(default) != "":
                self.params[pname] = str(default)
            elif pname in PARAMETER_VALUES:
                self.params[pname] = PARAMETER_VALUES[pname]
            else:
                raise ValueError(f"{template_name}: parameter {pname} has no default and no realistic value "
                                 f"in render_cfn.PARAMETER_VALUES")

    # ---- Ref and GetAtt of resources
    def ref(self, name):
        if name in PSEUDO:
            return PSEUDO[name]
        if name == "AWS::NoValue":
            return NO_VALUE
        if name == "AWS::StackName":
            return f"demo-{self.name}"
        if name in self.params:
            return self.params[name]
        res = (self.t.get("Resources") or {}).get(name)
        if res is None:
            raise ValueError(f"{self.name}: Ref to unknown {name}")
        typ, props = res["Type"], res.get("Properties") or {}
        if typ == "AWS::S3::Bucket":
            return self.render(props["BucketName"]) if "BucketName" in props else physical_name(self.name, name).lower()
        if typ == "AWS::EC2::SecurityGroup":
            return "sg-0fedcba9876543210"
        if typ == "AWS::EMR::Cluster":
            return "j-1A2B3C4D5E6F7"
        if typ in ("AWS::IAM::Role", "AWS::IAM::InstanceProfile", "AWS::IAM::Policy"):
            return physical_name(self.name, name)
        if typ == "AWS::IAM::ManagedPolicy":
            return f"arn:aws:iam::{ACCOUNT}:policy/{physical_name(self.name, name)}"
        for key in ("Name", "LogGroupName"):
            if key in props:
                return self.render(props[key])
        return physical_name(self.name, name)

    def get_att(self, name, attr):
        res = (self.t.get("Resources") or {}).get(name)
        if res is None:
            raise ValueError(f"{self.name}: GetAtt of unknown {name}")
        typ = res["Type"]
        if attr == "Arn":
            if typ == "AWS::IAM::Role":
                return f"arn:aws:iam::{ACCOUNT}:role/{self.ref(name)}"
            if typ == "AWS::IAM::InstanceProfile":
                return f"arn:aws:iam::{ACCOUNT}:instance-profile/{self.ref(name)}"
            if typ == "AWS::S3::Bucket":
                return f"arn:aws:s3:::{self.ref(name)}"
        if typ == "AWS::SageMaker::NotebookInstance" and attr == "NotebookInstanceName":
            return self.render((res.get("Properties") or {})["NotebookInstanceName"])
        if typ == "AWS::SageMaker::NotebookInstanceLifecycleConfig":
            return self.render((res.get("Properties") or {})["NotebookInstanceLifecycleConfigName"])
        if not self.strict:
            return f"{self.ref(name)}.{attr}"
        raise ValueError(f"{self.name}: no rendering for GetAtt {name}.{attr} ({typ})")

    # ---- conditions and functions
    def condition(self, name):
        return self.conditions_value

    def sub(self, value):
        text, variables = (value[0], value[1]) if isinstance(value, list) else (value, {})

        def repl(m):
            inner = m.group(1)
            if inner.startswith("!"):
                return "${" + inner[1:] + "}"
            if inner in variables:
                return str(self.render(variables[inner]))
            if "." in inner and not inner.startswith("AWS::"):
                return str(self.get_att(*inner.split(".", 1)))
            return str(self.ref(inner))

        return re.sub(r"\$\{([^}]*)\}", repl, text)

    def render(self, node):
        if isinstance(node, dict):
            if len(node) == 1:
                (k, v), = node.items()
                if k == "Ref":
                    return self.ref(v)
                if k == "Fn::Sub":
                    return self.sub(v)
                if k == "Fn::GetAtt":
                    parts = v if isinstance(v, list) else v.split(".", 1)
                    return self.get_att(parts[0], parts[1])
                if k == "Fn::If":
                    return self.render(v[1] if self.condition(v[0]) else v[2])
                if k == "Fn::Join":
                    items = [self.render(i) for i in self.render(v[1])]
                    return self.render(v[0]).join(str(i) for i in items if i is not NO_VALUE)
                if k == "Fn::Select":
                    return self.render(self.render(v[1])[int(self.render(v[0]))])
                if k == "Fn::Split":
                    return self.render(v[1]).split(self.render(v[0]))
                if k == "Fn::FindInMap":
                    m, a, b = (self.render(x) for x in v)
                    return self.t["Mappings"][m][a][b]
                if k == "Fn::Base64":
                    return self.render(v)
                if k == "Fn::GetAZs":
                    return [REGION + "a", REGION + "b"]
                if k.startswith("Fn::") or k == "Condition":
                    raise ValueError(f"{self.name}: no rendering for {k}")
            out = {}
            for k, v in node.items():
                r = self.render(v)
                if r is not NO_VALUE:
                    out[k] = r
            return out
        if isinstance(node, list):
            return [r for r in (self.render(i) for i in node) if r is not NO_VALUE]
        return node


def rendered_template(path, conditions_value):
    """The whole template with its Resources rendered (for tools that cannot read intrinsics, such
    as cfn-guard): Parameters, Metadata and Outputs stay as they are; a resource whose Condition is
    false in this variant is left out, as CloudFormation would."""
    import os
    template = load(path)
    r = Renderer(template, os.path.basename(path).rsplit(".", 1)[0], conditions_value, strict=False)
    out = {k: v for k, v in template.items() if k not in ("Resources", "Outputs", "Conditions", "Rules")}
    out["Resources"] = {}
    for logical, res in (template.get("Resources") or {}).items():
        if "Condition" in res and not conditions_value:
            continue
        res = dict(res)
        res.pop("Condition", None)
        if "Properties" in res:
            res["Properties"] = r.render(res["Properties"])
        out["Resources"][logical] = res
    return out


def main(argv):
    """render_cfn.py OUT_DIR TEMPLATE...: writes OUT_DIR/<name>.all-conditions-true.json and
    OUT_DIR/<name>.all-conditions-false.json for each template."""
    import json
    import os
    out_dir = argv[0]
    os.makedirs(out_dir, exist_ok=True)
    for path in argv[1:]:
        name = os.path.basename(path).rsplit(".", 1)[0]
        for variant in (True, False):
            target = os.path.join(out_dir, f"{name}.all-conditions-{str(variant).lower()}.json")
            with open(target, "w", encoding="utf-8") as f:
                json.dump(rendered_template(path, variant), f, indent=1)
            print(target)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv[1:]))

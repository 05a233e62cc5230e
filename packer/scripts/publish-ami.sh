#!/usr/bin/env bash
# CodeBuild post_build: reads the AMI id from Packer's manifest and publishes it machine-readably:
#   SSM  <prefix>/latest                         (overwritten by every successful build)
#   SSM  <prefix>/<hail>-vep-<vep|none>          (overwritten by the next build of that pair)
#   tags on the AMI: hailctl:build-id, hailctl:environment, hail-version, vep-version,
#        emr-release, managed-by=hailctl
#   ./ami.env with AMI_ID / AMI_NAME (sourced by the buildspec: CodeBuild exported variables)
# <prefix> is $AMI_PARAMETER_PREFIX, default /hail/$ENVIRONMENT_NAME/ami.
set -euo pipefail
if [ "${CODEBUILD_BUILD_SUCCEEDING:-1}" != "1" ]; then
  echo "publish-ami: the build failed; nothing to publish"
  exit 0
fi
manifest=${1:-packer-manifest.json}
[ -f "$manifest" ] || { echo "publish-ami: $manifest not found" >&2; exit 1; }

# The artifact of the last run: "artifact_id": "<region>:ami-..."
read -r region ami_id ami_name < <(python3 - "$manifest" <<'PYEOF'
import json, sys
m = json.load(open(sys.argv[1]))
builds = [b for b in m.get("builds", []) if b.get("packer_run_uuid") == m.get("last_run_uuid")] or m.get("builds", [])[-1:]
if not builds:
    sys.exit("publish-ami: no build in the manifest")
b = builds[-1]
region, ami = b["artifact_id"].split(",")[0].split(":", 1)
print(region, ami, b.get("custom_data", {}).get("ami_name", "-"))
PYEOF
)
case "$ami_id" in ami-*) ;; *) echo "publish-ami: no AMI id in $manifest" >&2; exit 1 ;; esac

env_name=${ENVIRONMENT_NAME:?ENVIRONMENT_NAME is required}
hail=${HAIL_VERSION:?HAIL_VERSION is required}
vep=${VEP_VERSION:-none}
emr=${EMR_RELEASE_LABEL:?EMR_RELEASE_LABEL is required}
prefix=${AMI_PARAMETER_PREFIX:-/hail/$env_name/ami}
build_id=${CODEBUILD_BUILD_ID:-manual}

echo "publish-ami: $ami_id ($ami_name) in $region"
aws ec2 create-tags --region "$region" --resources "$ami_id" --tags \
  "Key=hailctl:build-id,Value=$build_id" \
  "Key=hailctl:environment,Value=$env_name" \
  "Key=hail-version,Value=$hail" \
  "Key=vep-version,Value=$vep" \
  "Key=emr-release,Value=$emr" \
  "Key=managed-by,Value=hailctl"

for name in "$prefix/latest" "$prefix/$hail-vep-$vep"; do
  aws ssm put-parameter --region "$region" --name "$name" --type String --data-type aws:ec2:image \
    --value "$ami_id" --overwrite \
    --description "hailctl $env_name: Hail $hail, VEP $vep, $emr (build $build_id)" >/dev/null
  echo "publish-ami: $name = $ami_id"
done

printf 'export AMI_ID=%q\nexport AMI_NAME=%q\n' "$ami_id" "$ami_name" > ami.env

#!/usr/bin/env bash
# Prints a Packer variables file (build.auto.pkrvars.hcl) from the CodeBuild environment, so that
# `packer validate` and `packer build` see the same values. Packer's own validation rules
# (variables.pkr.hcl) check the values.
set -euo pipefail
hcl_string() { # a value as an HCL string literal
  local v=${1//\\/\\\\}
  v=${v//\"/\\\"}
  printf '"%s"' "$v"
}
emit() { printf '%-22s = %s\n' "$1" "$(hcl_string "$2")"; }

emit hail_version          "${HAIL_VERSION:?HAIL_VERSION is required}"
emit vep_version           "${VEP_VERSION:-none}"
emit vep_assemblies        "${VEP_ASSEMBLIES:-GRCh38}"
emit vep_data_bucket       "${VEP_DATA_BUCKET:-hail-vep-pipeline}"
emit emr_release_label     "${EMR_RELEASE_LABEL:?EMR_RELEASE_LABEL is required}"
emit environment_name      "${ENVIRONMENT_NAME:?ENVIRONMENT_NAME is required}"
emit build_id              "${CODEBUILD_BUILD_ID:-manual}"
emit region                "${AWS_REGION:-${AWS_DEFAULT_REGION:?AWS_REGION is required}}"
emit vpc_id                "${VPC_ID:-}"
emit subnet_id             "${SUBNET_ID:-}"
emit security_group_id     "${BUILD_SECURITY_GROUP_ID:-}"
emit instance_profile_name "${INSTANCE_PROFILE_NAME:-}"
emit instance_type         "${BUILDER_INSTANCE_TYPE:-m6i.xlarge}"
if [ -n "${VEP_IMAGE:-}" ]; then emit vep_image "$VEP_IMAGE"; fi

#!/usr/bin/env bash
# Base packages for a Hail node on Amazon Linux 2023 (EMR 7): Python 3.11 (AL2023's python3 is 3.9;
# Hail 0.2.139 needs >= 3.10), a C++ runtime and BLAS/LAPACK for Hail's native code, tools.
set -euo pipefail
echo "== install-base: $(grep -m1 "^PRETTY_NAME=" /etc/os-release | cut -d= -f2-)"

if ! grep -q 'Amazon Linux.*2023' /etc/os-release; then
  echo "install-base: this build needs an Amazon Linux 2023 source AMI (EMR 7)" >&2
  exit 1
fi

dnf install -y -q python3.11 python3.11-pip python3.11-devel gcc-c++ libstdc++ jq unzip tar gzip
# Hail's linear algebra can use the system BLAS/LAPACK; not fatal where a name differs.
dnf install -y -q lapack blas || echo "install-base: lapack/blas packages not found; Hail falls back to its bundled code"

# The AWS CLI v2 ships with AL2023; the VEP step needs it for s3 cp.
command -v aws >/dev/null || dnf install -y -q awscli-2

python3.11 --version

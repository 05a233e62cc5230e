# shellcheck shell=sh
# Pinned versions of everything bench/setup installs (sourced by bench/setup and bench/run).
# shellcheck disable=SC2034
MOTO=5.2.5
AWSCLI_V1=1.46.3
AWSCLI_V2_DEB=2.9.19-1
SCEPTRE=4.7.0
RAIN=v1.24.4
CDK=2.1148.1
HYPERFINE_DEB=1.15.0-2

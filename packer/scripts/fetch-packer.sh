#!/usr/bin/env bash
# CodeBuild install phase: downloads the pinned Packer release from releases.hashicorp.com, checks
# it against the release's SHA256SUMS and puts the binary in /usr/local/bin.
set -euo pipefail
version=${PACKER_VERSION:?PACKER_VERSION is required}
base="https://releases.hashicorp.com/packer/$version"
zip="packer_${version}_linux_amd64.zip"
tmp=$(mktemp -d)
curl -fsSL --retry 3 -o "$tmp/$zip" "$base/$zip"
curl -fsSL --retry 3 -o "$tmp/SHA256SUMS" "$base/packer_${version}_SHA256SUMS"
(cd "$tmp" && grep " $zip\$" SHA256SUMS | sha256sum -c -)
unzip -o -q "$tmp/$zip" -d /usr/local/bin packer
rm -rf "$tmp"
packer version

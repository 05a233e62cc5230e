#!/usr/bin/env bash
# Optional Ensembl VEP for Hail's hl.vep, the Docker way (see readme.md, "Why VEP in Docker"):
#  - Docker engine, enabled at boot, with the official ensemblorg/ensembl-vep image pulled in;
#  - per assembly, the indexed VEP cache and the toplevel FASTA in /opt/vep/.vep (read-only at run
#    time), from s3://$VEP_DATA_BUCKET/vep/... when present, else from Ensembl (INSTALL.pl);
#  - /usr/local/bin/vep: runs VEP in the container (through a fixed root-owned helper that YARN
#    users may start with sudo, since Docker needs root);
#  - /opt/vep/vep-<assembly>.json: Hail hl.vep configs (command with __OUTPUT_FORMAT_FLAG__, env,
#    vep_json_schema).
# Inputs: VEP_VERSION (none = skip), VEP_ASSEMBLIES, VEP_IMAGE, VEP_DATA_BUCKET, AWS_DEFAULT_REGION.
set -euo pipefail
VEP_VERSION=${VEP_VERSION:-none}
if [ "$VEP_VERSION" = "none" ]; then
  echo "== install-vep: VEP_VERSION=none, skipping"
  exit 0
fi
: "${VEP_IMAGE:?}" "${VEP_ASSEMBLIES:?}" "${VEP_DATA_BUCKET:?}"
DATA=/opt/vep/.vep
echo "== install-vep: VEP $VEP_VERSION ($VEP_IMAGE), assemblies $VEP_ASSEMBLIES"

dnf install -y -q docker
systemctl enable --now docker
docker pull -q "$VEP_IMAGE"
docker run --rm "$VEP_IMAGE" vep --help | grep -m1 -i 'ensembl-vep' || true

mkdir -p "$DATA"
# The container runs as its own unprivileged user: let it write while installing only.
chmod 0777 "$DATA"

s3_has() { aws s3 ls "$1" >/dev/null 2>&1; }

IFS=',' read -r -a assemblies <<< "$VEP_ASSEMBLIES"
for asm in "${assemblies[@]}"; do
  cache_s3="s3://$VEP_DATA_BUCKET/vep/cache/homo_sapiens_vep_${VEP_VERSION}_${asm}.tar.gz"
  fasta_s3="s3://$VEP_DATA_BUCKET/vep/fasta/${VEP_VERSION}_${asm}/"
  if s3_has "$cache_s3"; then
    echo "install-vep: cache $asm from $cache_s3 (streamed, no temporary copy)"
    aws s3 cp --only-show-errors "$cache_s3" - | tar -xz -C "$DATA"
  else
    echo "install-vep: $cache_s3 not found; cache $asm from Ensembl with INSTALL.pl"
    docker run --rm -v "$DATA:$DATA" "$VEP_IMAGE" \
      INSTALL.pl --AUTO c --SPECIES homo_sapiens --ASSEMBLY "$asm" --CACHE_VERSION "$VEP_VERSION" \
      --CACHEDIR "$DATA" --NO_UPDATE --NO_HTSLIB --NO_TEST
  fi
  dest="$DATA/homo_sapiens/${VEP_VERSION}_${asm}"
  mkdir -p "$dest"
  if s3_has "$fasta_s3"; then
    echo "install-vep: FASTA $asm from $fasta_s3"
    aws s3 cp --only-show-errors --recursive "$fasta_s3" "$dest/"
  else
    echo "install-vep: FASTA $asm from Ensembl with INSTALL.pl"
    docker run --rm -v "$DATA:$DATA" "$VEP_IMAGE" \
      INSTALL.pl --AUTO f --SPECIES homo_sapiens --ASSEMBLY "$asm" --CACHE_VERSION "$VEP_VERSION" \
      --CACHEDIR "$DATA" --NO_UPDATE --NO_HTSLIB --NO_TEST
  fi
  fasta=$(find "$dest" -maxdepth 1 -name '*.dna.toplevel.fa.gz' | head -n1)
  if [ -z "$fasta" ]; then
    echo "install-vep: no toplevel FASTA for $asm in $dest" >&2
    exit 1
  fi
  sed -e "s|@ASSEMBLY@|$asm|g" -e "s|@FASTA@|$fasta|g" -e "s|@DATA@|$DATA|g" \
    /tmp/hail-files/vep-config.template.json > "/opt/vep/vep-$asm.json"
  python3 -m json.tool "/opt/vep/vep-$asm.json" >/dev/null
done

chown -R root:root "$DATA"
chmod -R a+rX,go-w "$DATA"
chmod 0755 "$DATA"

# The runner: fixed image, data mounted read-only, no network; only VEP's own arguments pass.
mkdir -p /usr/local/libexec /etc/hail
echo "$VEP_IMAGE" > /etc/hail/vep-image
echo "$VEP_VERSION" > /etc/hail/vep-version
install -m 0755 /tmp/hail-files/hail-vep-docker /usr/local/libexec/hail-vep-docker
install -m 0755 /tmp/hail-files/vep /usr/local/bin/vep
install -m 0440 /tmp/hail-files/sudoers-hail-vep /etc/sudoers.d/hail-vep
visudo -cf /etc/sudoers.d/hail-vep

# Smoke test: one variant through the wrapper, as Hail would run it (JSON on stdout).
first=${assemblies[0]}
printf '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t65568\t.\tA\tC\t.\t.\t.\n' \
  | /usr/local/bin/vep --format vcf --json --cache --offline --assembly "$first" \
      --dir_cache "$DATA" --no_stats -o STDOUT > /tmp/vep-smoke.json
head -c 300 /tmp/vep-smoke.json; echo
grep -q '"input"' /tmp/vep-smoke.json || { echo "install-vep: VEP smoke test produced no JSON record" >&2; exit 1; }
rm -f /tmp/vep-smoke.json
echo "install-vep: done"

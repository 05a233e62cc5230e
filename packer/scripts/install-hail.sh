#!/usr/bin/env bash
# Installs the pinned Hail wheel from PyPI into python3.11 (no source build), its dependencies
# except pyspark (EMR's Spark provides PySpark), and puts the jar bundled in the wheel at a fixed
# path: /usr/lib/hail/hail-all-spark.jar. hail-emr.yml's bootstrap action sees this version and
# skips its own install. Input: HAIL_VERSION (e.g. 0.2.139).
set -euo pipefail
: "${HAIL_VERSION:?HAIL_VERSION is required}"
PY=/usr/bin/python3.11
JAR=/usr/lib/hail/hail-all-spark.jar
export PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
echo "== install-hail: hail==$HAIL_VERSION into $PY"

"$PY" -m pip install -q --upgrade pip
"$PY" -m pip install -q --no-deps "hail==$HAIL_VERSION"

# Hail's declared dependencies minus pyspark (and minus extras).
"$PY" - > /tmp/hail-requirements.txt <<'PYEOF'
import importlib.metadata as m
import re
for req in m.requires("hail") or []:
    if re.match(r"pyspark\b", req) or "extra ==" in req:
        continue
    print(req)
PYEOF
echo "install-hail: dependencies:"; sed 's/^/  /' /tmp/hail-requirements.txt
"$PY" -m pip install -q -r /tmp/hail-requirements.txt

hail_dir=$("$PY" -c 'import importlib.util, os; print(os.path.dirname(importlib.util.find_spec("hail").origin))')
install -D -m 0644 "$hail_dir/backend/hail-all-spark.jar" "$JAR"

installed=$("$PY" -c 'import importlib.metadata as m; print(m.version("hail"))')
if [ "$installed" != "$HAIL_VERSION" ]; then
  echo "install-hail: expected hail $HAIL_VERSION, found $installed" >&2
  exit 1
fi
mkdir -p /etc/hail
echo "$HAIL_VERSION" > /etc/hail/hail-version
"$PY" -m pip freeze > /etc/hail/pip-freeze-python3.11.txt
ls -l "$JAR"
echo "install-hail: done"

#!/usr/bin/env bash
# Install what is missing into the active Python (3.11): the CPU build of torch first, pinned, so that
# nothing resolves torch to a multi-GB CUDA build; then this package with the given extras.
# Skips pip entirely when pyproject.toml has not changed since the last successful install into this same
# Python environment (the stamp names the clone and the environment) and the package and its requirements are
# installed there: a new virtualenv installs again, also one made where an old one was.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
stamp_dir="${XDG_CACHE_HOME:-$HOME/.cache}/qa-install"
environment="$(python -c 'import sys; print(sys.prefix)' | sha256sum | cut -c1-8)"
stamp="$stamp_dir/$(sha256sum pyproject.toml | cut -c1-16)${extras:+-$extras}-$(pwd | sha256sum | cut -c1-8)-$environment"
# The stamp alone is not enough: a new virtualenv made where an old one was has the same prefix. So the package and
# every requirement of the extras asked for must be installed in this environment (not merely importable from here).
installed() {
  python - "$extras" <<'PY' 2>/dev/null
import importlib.metadata as metadata, re, sys
requires = metadata.distribution("qa").requires or []
extra = sys.argv[1]
for requirement in requires:
    name, _, marker = requirement.partition(";")
    if "extra" in marker and extra not in re.findall(r'extra == "([^"]+)"', marker):
        continue
    metadata.distribution(re.split(r"[<>=!~\[ ]", name.strip(), maxsplit=1)[0])
PY
}
if [ -f "$stamp" ] && installed; then
  exit 0
fi
python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { echo "需要 Python 3.11 / Python 3.11 is required" >&2; exit 1; }
python -c 'import torch' 2>/dev/null || pip install --quiet torch==2.13.0
pip install --quiet -e ".${extras:+[$extras]}"
mkdir -p "$stamp_dir" && touch "$stamp"

#!/usr/bin/env bash
# Run the tests: install what is missing (Python packages, and Debian's Chromium and a CJK font for
# the browser test), then pytest. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "wenquanyi"; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei >/dev/null
fi
scripts/install.sh test
export GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1
exec python -m pytest -q "$@"

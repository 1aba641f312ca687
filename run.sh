#!/usr/bin/env bash
# Run the product: install what is missing, build the bundled corpus' index if absent, open the chat.
# Extra arguments go to app.py (e.g. --port 8080, --host 0.0.0.0).
set -euo pipefail
cd "$(dirname "$0")"
scripts/install.sh
export GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1
exec python app.py "$@"

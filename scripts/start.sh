#!/usr/bin/env bash
# Set up and start the dashboard on the bundled data: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
exec .venv/bin/streamlit run app.py --server.port "${PORT:-8501}" "$@"

#!/usr/bin/env bash
# Set up and start the dashboard on the bundled data: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
exec .venv/bin/python -m socieux.server --server.port "${PORT:-8501}" "$@"  # = streamlit run app.py (socieux/server.py)

#!/usr/bin/env bash
# Set up everything the dashboard and its tests need: Debian's chromium (for image export and
# browser tests) and a Python virtual environment in .venv with the pinned requirements.
# Usage: scripts/setup.sh [requirements file]   (default requirements.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
requirements="${1:-requirements.txt}"

# The tests also read the app's spreadsheets back with LibreOffice (headless), as staff would open them, and
# serve the dashboard behind nginx as scripts/serve.sh does.
packages="chromium fonts-liberation"
[ "$requirements" = "requirements-test.txt" ] && packages="$packages libreoffice-calc-nogui nginx npm"
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
fc-list 2>/dev/null | grep -qi "Liberation Sans" || missing="$missing fonts-liberation"
case "$packages" in *libreoffice*) command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-calc-nogui";; esac
case "$packages" in *nginx*) command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx";; esac
case "$packages" in *npm*) command -v npm >/dev/null 2>&1 || missing="$missing npm";; esac
if [ -n "$missing" ]; then
    if [ "$(id -u)" = "0" ]; then
        echo "Installing Debian packages:$missing ..."
        apt-get update -qq
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    else
        echo "Please install Debian's$missing (sudo apt-get install$missing)." >&2
    fi
fi

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "Creating the virtual environment in .venv ..."
    "$python" -m venv .venv
fi
stamp=".venv/.installed-$(cat "$requirements" requirements.txt constraints.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    echo "Installing Python packages from $requirements ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements" -c constraints.txt
    touch "$stamp"
fi

# The browser tests audit every page with axe-core (accessibility), loaded from disk into the page: the version
# pinned in package-lock.json, installed into node_modules/ from npm's registry.
if [ "$requirements" = "requirements-test.txt" ]; then
    npm_stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
    if [ ! -f "$npm_stamp" ]; then
        echo "Installing npm packages from package-lock.json ..."
        npm ci --no-audit --no-fund --loglevel=error
        touch "$npm_stamp"
    fi
fi

#!/usr/bin/env bash
# Installs schemathesis (the OpenAPI fuzzer, from PyPI) into .tools/venv, pinned, for `npm run fuzz`.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=4.32.5
if .tools/venv/bin/schemathesis --version 2>/dev/null | grep -q "$VERSION"; then exit 0; fi
python3 -m venv .tools/venv
.tools/venv/bin/pip install --quiet --disable-pip-version-check "schemathesis==$VERSION"
.tools/venv/bin/schemathesis --version

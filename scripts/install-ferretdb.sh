#!/usr/bin/env bash
# Builds the local MongoDB-compatible server (FerretDB v1 on SQLite) into .tools/bin.
# Why a build: no MongoDB server comes from Debian or npm here and mongodb-memory-server
# cannot download its binary, but FerretDB is a Go module on the Go module proxy.
# The pinned versions live in scripts/ferretdb/go.mod + go.sum; the build is reproducible.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.tools/bin/ferretdb-embed"
if [ -x "$out" ] && [ "$out" -nt "$root/scripts/ferretdb/go.sum" ] && [ "$out" -nt "$root/scripts/ferretdb/main.go" ]; then
  echo "ferretdb-embed is up to date: $out"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "Go is needed to build FerretDB (apt-get install golang, or set MONGODB_URI to a running MongoDB)." >&2
  exit 1
fi
mkdir -p "$root/.tools/bin"
echo "Building FerretDB v1 (SQLite backend) into $out ..."
# -mod=readonly: go.sum must already pin every module, so a fresh machine builds the same server.
(cd "$root/scripts/ferretdb" && GOFLAGS=-mod=readonly go build -trimpath -o "$out" .)
echo "Built $out"

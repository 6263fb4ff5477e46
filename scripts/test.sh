#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs redis-server when it is
# missing (the store tests start their own servers on free ports), then
# go vet, staticcheck and every test with the race detector.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1 && [ -z "${REDIS_SERVER:-}" ]; then
  echo "redis-server is missing: installing it with apt-get" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -q --no-install-recommends redis-server >/dev/null ||
    { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q --no-install-recommends redis-server >/dev/null; }
  command -v redis-server >/dev/null || { echo "redis-server could not be installed" >&2; exit 1; }
fi
echo "using $("${REDIS_SERVER:-redis-server}" --version)"
[ "${1:-}" = "--install-only" ] && exit 0

echo "== go vet"
go vet ./...
echo "== staticcheck"
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
echo "== go test"
go test -race -count=1 -timeout 8m ./...
echo "== deploy/check: kustomize overlays decoded strictly into the Kubernetes API types"
(cd deploy/check && go vet ./... && go test -count=1 ./...)

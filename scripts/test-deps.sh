#!/usr/bin/env bash
# Installs and checks what the test suite needs on a fresh machine of this
# kind: Go modules, Debian's chromium for the browser tests, and a reachable
# PostgreSQL and NATS (started by the machine; in CI their absence is fatal).
set -euo pipefail
cd "$(dirname "$0")/.."
go mod download
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]} (browser tests)"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  fi
fi
check() { # name host port
  if (exec 3<>"/dev/tcp/$2/$3") 2>/dev/null; then echo "$1 reachable at $2:$3"; return 0; fi
  if [ "${CI:-}" = true ]; then echo "CI: $1 is not reachable at $2:$3" >&2; exit 1; fi
  echo "note: $1 not reachable at $2:$3; its tests will skip"
}
check PostgreSQL 127.0.0.1 5432
check NATS 127.0.0.1 4222

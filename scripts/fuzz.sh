#!/usr/bin/env bash
# Runs every fuzz target in the module for the given budget each: a
# duration (30s, 5m) or an execution count (2000x, the default for
# `make test`). Go's fuzzer can end a timed run with a spurious "context
# deadline exceeded" when a worker is slow to stop on a loaded machine;
# such a run is retried once. A real failure (a crasher written to
# testdata/fuzz) fails at once.
set -euo pipefail
t=${1:-2000x}
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for f in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "fuzz $pkg $f ($t)"
    for try in 1 2; do
      if go test -run '^$' -fuzz "^$f\$" -fuzztime "$t" "$pkg" >"$log" 2>&1; then
        break
      fi
      if [ "$try" = 1 ] && grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log"; then
        echo "  (spurious fuzzer deadline; retrying once)"
        continue
      fi
      cat "$log"
      exit 1
    done
  done
done

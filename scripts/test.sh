#!/usr/bin/env bash
# Runs every check of the project on a fresh Debian/Ubuntu machine with Go installed:
# installs what is missing, then gofmt, go vet, go test -race, short fuzz runs and, when the
# desktop app is present, a real start of it under Xvfb with a screenshot check.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-10s}

bash scripts/deps.sh test-gui

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then echo "gofmt 未格式化 needs formatting: $unformatted"; exit 1; fi

echo "== go vet"
CGO_ENABLED=0 go vet -tags ci ./...

echo "== go test -race (all packages without cgo)"
pkgs=$(go list ./... | grep -v '/cmd/nianbao$')
go test -race -tags ci -count=1 $pkgs

echo "== fuzz ($FUZZTIME each)"
grep -rl --include='*_test.go' '^func Fuzz' . | while read -r f; do
  dir=$(dirname "$f")
  for fn in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | cut -d' ' -f2); do
    echo "-- $dir $fn"
    if ! go test -tags ci -run='^$' -fuzz="^${fn}\$" -fuzztime="$FUZZTIME" -fuzzminimizetime=1s "$dir" >/tmp/nianbao-fuzz.log 2>&1; then
      # Go's fuzzer sometimes reports "context deadline exceeded" when its time runs out while
      # a slow input is still running; that is no finding (no failing input is written).
      if grep -q 'context deadline exceeded' /tmp/nianbao-fuzz.log && ! grep -q 'Failing input written' /tmp/nianbao-fuzz.log; then
        echo "   (时间到时仍在运行一个输入，未发现问题 deadline hit mid-input, no failing input)"
      else
        cat /tmp/nianbao-fuzz.log; exit 1
      fi
    fi
  done
done

if [ -d cmd/nianbao ] && [ -f scripts/smoke-gui.sh ]; then
  echo "== desktop app smoke test"
  bash scripts/smoke-gui.sh
fi
echo "== Windows build (a change that breaks it fails here)"
bash scripts/dist.sh windows
echo "== Windows build under wine"
bash scripts/smoke-windows.sh
echo "全部检查通过 all checks passed"

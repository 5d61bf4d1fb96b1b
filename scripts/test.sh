#!/usr/bin/env bash
# Runs every check of the project on a fresh Debian/Ubuntu machine with Go installed:
# installs what is missing, then gofmt, go vet, go test -race, the hostile-input suite with its
# time and memory budgets, short fuzz runs, a real start of the desktop app under Xvfb with a
# screenshot check, and the Windows build started under wine. CI (.ci/run) runs exactly this.
#
# The slow parts overlap where they do not wait on each other (a fresh 2-core machine must
# finish well under 30 minutes): the system packages install while the Go modules download and
# the race build compiles; the Windows build and its wine start run in the background beside
# the tests; fuzz targets run two packages at a time with one worker each. Every step's time
# is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-10s}
logs=$(mktemp -d)
# Background steps get process groups of their own, so that a failure stops them whole.
set -m
bg_pids=()
trap 'for p in "${bg_pids[@]}"; do kill -- "-$p" 2>/dev/null || true; done' EXIT
start=$SECONDS
timings=()
failed=()
# timed NAME CMD...: runs a step and records how long it took; a failure stops the run.
timed() {
  local name=$1 s=$SECONDS
  shift
  echo "== $name ($((SECONDS - start)) s)"
  "$@"
  timings+=("$(printf '%4d s  %s' $((SECONDS - s)) "$name")")
}
# checked NAME CMD...: a step of checks; a failure is reported at the end, and the other
# checks still run (one CI run shows every failing step).
checked() {
  local name=$1 s=$SECONDS
  shift
  echo "== $name ($((SECONDS - start)) s)"
  if "$@"; then
    timings+=("$(printf '%4d s  %s' $((SECONDS - s)) "$name")")
  else
    timings+=("$(printf '%4d s  %s  失败 FAILED' $((SECONDS - s)) "$name")")
    failed+=("$name")
  fi
}
# background NAME LOG CMD...: starts a step in the background; finish NAME waits for it.
declare -A bg_pid bg_start
background() {
  local name=$1 log=$2
  shift 2
  echo "== $name: started in the background ($((SECONDS - start)) s)"
  bg_start[$name]=$SECONDS
  ( "$@" ) >"$log" 2>&1 &
  bg_pid[$name]=$!
  bg_pids+=($!)
}
finish() {
  local name=$1 log=$2
  if wait "${bg_pid[$name]}"; then
    timings+=("$(printf '%4d s  %s (background, done at %d s)' $((SECONDS - bg_start[$name])) "$name" $((SECONDS - start)))")
    echo "== $name: done"
    tail -n 5 "$log"
  else
    echo "== $name 失败 failed:"; cat "$log"; exit 1
  fi
}

background "Go modules" "$logs/modules.log" bash -c 'go mod download && (cd tools && go mod download)'
# go test -race needs cgo, hence a C compiler: first, alone (a few seconds); the rest (LibreOffice,
# Chromium, wine, the X11 and mingw tool chains: minutes) installs in the background.
timed "C compiler for -race" bash scripts/deps.sh race
background "system packages" "$logs/deps.log" bash scripts/deps.sh ci
timed "Go modules (waiting)" finish "Go modules" "$logs/modules.log"

timed "gofmt" bash -c '
  unformatted=$(gofmt -l $(git ls-files "*.go" 2>/dev/null || find . -name "*.go"))
  if [ -n "$unformatted" ]; then echo "gofmt 未格式化 needs formatting: $unformatted"; exit 1; fi'
timed "go vet" env CGO_ENABLED=0 go vet -tags ci ./...

# fuzz_bin DIR: the package's fuzz test binary. fuzz_build DIR builds it (once per package);
# fuzz_run DIR runs each of its targets for $FUZZTIME with one worker.
fuzz_bin() { echo "$logs/fuzz-$(echo "$1" | tr '/.' '__').test"; }
fuzz_build() { CGO_ENABLED=0 go test -tags ci -c -fuzz=. -o "$(fuzz_bin "$1")" "$1"; }
fuzz_run() {
  local dir=$1 bin
  bin=$(fuzz_bin "$dir")
  for fn in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go | cut -d' ' -f2); do
    local log="$bin.$fn.log"
    if (cd "$dir" && "$bin" -test.run='^$' -test.fuzz="^${fn}\$" -test.fuzztime="$FUZZTIME" -test.fuzzminimizetime=1s \
        -test.parallel=1 -test.fuzzcachedir="$(go env GOCACHE)/fuzz/$(go list "$dir")") >"$log" 2>&1; then
      echo "-- $dir $fn"
    elif grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log"; then
      # Go's fuzzer sometimes reports "context deadline exceeded" when its time runs out while
      # a slow input is still running; that is no finding (no failing input is written).
      echo "-- $dir $fn: (时间到时仍在运行一个输入，未发现问题 deadline hit mid-input, no failing input)"
    else
      echo "-- $dir $fn 失败 failed:"; cat "$log"; return 1
    fi
  done
}
export -f fuzz_bin fuzz_build fuzz_run
export FUZZTIME logs
fuzz_dirs=$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u)
export fuzz_dirs

pkgs=$(go list ./... | grep -v '/cmd/nianbao$')
# Compile the race build while apt installs (running no test), so that the test step
# below only runs tests.
timed "race build (while packages install)" bash -c "go test -race -tags ci -count=1 -run '^\$' $(echo $pkgs) >/dev/null"
timed "fuzz build (while packages install)" bash -c 'printf "%s\n" $fuzz_dirs | xargs -P 2 -I{} bash -c "fuzz_build {}"'
timed "system packages (waiting)" finish "system packages" "$logs/deps.log"

# The Windows build (cgo with mingw, ~7 minutes on a fresh machine) and its start under wine
# need nothing from the tests: beside them.
background "Windows build and wine" "$logs/windows.log" bash -c 'bash scripts/dist.sh windows && bash scripts/smoke-windows.sh'

checked "go test -race (all packages but the desktop app)" go test -race -tags ci -count=1 $pkgs

# The desktop app's cgo build (~3 minutes) overlaps the time-bound steps that follow.
background "desktop app build" "$logs/gui.log" bash -c 'bash scripts/deps.sh gui && mkdir -p bin && CGO_ENABLED=1 go build -tags x11 -o bin/nianbao ./cmd/nianbao'

checked "hostile inputs (time and memory budgets, without -race)" env CGO_ENABLED=0 go test -tags ci -count=1 \
  -run '^(TestHostile|TestPDFObjectLayer|TestPDFCostlyContent|TestPDFHostile)' ./export/open/ ./form/published/...

checked "fuzz ($FUZZTIME per target, two packages at a time)" bash -c '
  printf "%s\n" $fuzz_dirs | xargs -P 2 -I{} bash -c "fuzz_run {}"'

if [ -d cmd/nianbao ] && [ -f scripts/smoke-gui.sh ]; then
  timed "desktop app build (waiting)" finish "desktop app build" "$logs/gui.log"
  checked "desktop app smoke test" bash scripts/smoke-gui.sh
fi
timed "Windows build and wine (waiting)" finish "Windows build and wine" "$logs/windows.log"

echo "== 用时 timings (total $((SECONDS - start)) s)"
printf '%s\n' "${timings[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "检查未通过 failed: ${failed[*]}"
  exit 1
fi
echo "全部检查通过 all checks passed"

#!/usr/bin/env bash
# Builds the real desktop app with cgo, starts it under Xvfb, takes a screenshot and fails if
# the app died or the window is blank. The screenshot is left at ${SHOT:-/tmp/nianbao-smoke.png}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh gui
mkdir -p bin
CGO_ENABLED=1 go build -tags x11 -ldflags "-X github.com/nianbao/nianbao/ui.Version=$(cat VERSION)" -o bin/nianbao ./cmd/nianbao
shot=${SHOT:-/tmp/nianbao-smoke.png}
display=:${NIANBAO_DISPLAY:-$((90 + RANDOM % 9))} # NIANBAO_DISPLAY picks the X display number
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/tmp/nianbao-xvfb.log 2>&1 &
xvfb=$!
home=$(mktemp -d)
cleanup() {
  # The app writes its settings as it is killed: wait for it before removing its home.
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$home" 2>/dev/null || true
}
app=""
trap cleanup EXIT
sleep 1
HOME="$home" DISPLAY="$display" ./bin/nianbao >/tmp/nianbao-app.log 2>&1 &
app=$!
sleep 6
if ! kill -0 "$app" 2>/dev/null; then
  echo "桌面程序启动后退出了 the app died:"; cat /tmp/nianbao-app.log; exit 1
fi
DISPLAY="$display" import -window root "$shot"
colors=$(convert "$shot" -format '%k' info:)
echo "截图 screenshot: $shot ($colors colours)"
if [ "$colors" -lt 16 ]; then
  echo "窗口是空白的 the window is blank"; exit 1
fi

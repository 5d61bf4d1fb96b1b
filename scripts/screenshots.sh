#!/usr/bin/env bash
# Retakes the README's screenshots from the real app under Xvfb (1280×800): the sample report
# with one wrong total, on steps 一, 三 and 检查与导出. Writes docs/screenshots/*.png.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh gui
command -v xdotool >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xdotool >/dev/null; }
mkdir -p bin docs/screenshots
CGO_ENABLED=1 go build -tags x11 -o bin/nianbao ./cmd/nianbao
CGO_ENABLED=0 go build -o bin/nianbao-cli ./cmd/nianbao-cli
tmp=$(mktemp -d)
draft="$tmp/示例县市场监督管理局2025年度报告.nianbao"
./bin/nianbao-cli new -o "$draft" --sample >/dev/null
./bin/nianbao-cli set "$draft" apply.3.3.4.natural=3 >/dev/null   # items no longer add up
display=:$((80 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$tmp"' EXIT
export DISPLAY=$display
sleep 1
HOME="$tmp" ./bin/nianbao "$draft" >/dev/null 2>&1 &
app=$!
sleep 5
shot() { # shot NAME Y: click the step list at height Y and capture the screen
  xdotool mousemove 70 "$2" click 1
  sleep 1.5
  import -window root "docs/screenshots/$1.png"
  echo "docs/screenshots/$1.png"
}
shot step1-1280x800 116
shot step3-1280x800 244
shot export-1280x800 501

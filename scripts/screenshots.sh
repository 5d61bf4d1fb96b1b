#!/usr/bin/env bash
# Retakes the README's screenshots from the real app under Xvfb. At 1280×800: the sample report
# with one wrong total, on steps 一, 三 and 检查与导出. At 1024×700: an empty 2025 report with the
# 2024 report loaded through 文件 › 载入上年报告 (Ctrl+L), on step 三.
# Writes docs/screenshots/*.png. Positions are for the current layout: the step list rows are
# 64 px apart below the 28 px menu bar (基本信息 52, 一 116, 三 244, 检查与导出 501).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh gui
command -v xdotool >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xdotool >/dev/null; }
mkdir -p bin docs/screenshots
CGO_ENABLED=1 go build -tags x11 -o bin/nianbao ./cmd/nianbao
CGO_ENABLED=0 go build -o bin/nianbao-cli ./cmd/nianbao-cli
tmp=$(mktemp -d)
app="" xvfb=""
stop() { # stop the app and the X server started last, and wait for them to exit
  for p in $app $xvfb; do kill "$p" 2>/dev/null || true; done
  for p in $app $xvfb; do wait "$p" 2>/dev/null || true; done
  app="" xvfb=""
}
trap 'stop; rm -rf "$tmp"' EXIT

# start W H FILE: a fresh X server of W×H and the app with its window at that size on FILE.
start() {
  local home="$tmp/home-$1"
  mkdir -p "$home/.config/fyne/cn.nianbao.app"
  printf '{"window.width":%s,"window.height":%s}\n' "$1" "$2" >"$home/.config/fyne/cn.nianbao.app/preferences.json"
  export DISPLAY=:$((80 + RANDOM % 9))
  Xvfb "$DISPLAY" -screen 0 "$1x$2x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  sleep 1
  HOME="$home" ./bin/nianbao "$3" >/dev/null 2>&1 &
  app=$!
  sleep 5
}
click() { xdotool mousemove "$1" "$2" click 1; sleep "${3:-1}"; }
capture() { import -window root "docs/screenshots/$1.png"; echo "docs/screenshots/$1.png"; }
shot() { # shot NAME Y: click the step list at height Y and capture the screen
  click 70 "$2" 1.5
  capture "$1"
}

draft="$tmp/示例县市场监督管理局2025年度报告.nianbao"
./bin/nianbao-cli new -o "$draft" --sample >/dev/null
./bin/nianbao-cli set "$draft" apply.3.3.4.natural=3 >/dev/null # items no longer add up
start 1280 800 "$draft"
shot step1-1280x800 116
shot step3-1280x800 244
shot export-1280x800 501
stop

# Last year: 7 natural persons and 2 companies carried over.
mkdir -p "$tmp/报告"
last="$tmp/报告/2024年度报告.nianbao" this="$tmp/报告/2025年度报告.nianbao"
./bin/nianbao-cli new -o "$last" --year 2024 --agency 示例县市场监督管理局 >/dev/null
./bin/nianbao-cli set "$last" apply.4.natural=7 apply.4.commercial=2 apply.4.total=9 >/dev/null
./bin/nianbao-cli new -o "$this" --year 2025 --agency 示例县市场监督管理局 >/dev/null
rm -f "$tmp"/报告/*.bak
start 1024 700 "$this"
xdotool key ctrl+l
sleep 2
click 355 190 0.7 # 2024年度报告, the first file in the dialog (it opens in the draft's folder)
click 935 629 2   # 载入
shot step3-lastyear-1024x700 244

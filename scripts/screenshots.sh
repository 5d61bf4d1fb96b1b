#!/usr/bin/env bash
# Retakes docs/screenshots from the real app under Xvfb:
#  - every step at 1024×700, 1366×768 and 1920×1080 (the window at that size, captured alone),
#    on the sample report with one item of 三 that no longer adds up: stepN-WxH.png;
#  - the first start on a 1366×768 screen (the window sized to the screen): firststart-1366x768.png;
#  - at 1366×768: a pasted row whose total disagrees (paste-1366x768.png), 汇总 with the list of
#    units (aggregate-1366x768.png), 帮助 › 填报说明 (help-1366x768.png) and the file dialog
#    (filedialog-1366x768.png);
#  - at 1024×700: step 三 after 文件 › 载入上年报告 (step3-lastyear-1024x700.png);
#  - at 1366×768: 检查与导出 after exporting all four formats and 复制网页版, with the PDF's fonts
#    (export-1366x768.png; the HTML on the clipboard is checked with xclip -o -t text/html), the
#    question before an export replaces a file (overwrite-1366x768.png), a long
#    report's PDF export in progress (export-progress-1366x768.png), a draft of a newer version
#    opened read-only (readonly-1366x768.png, readonly-menu-1366x768.png) and a published PDF
#    opened with its import summary (published-pdf-1366x768.png); pdf-page1.png is the first
#    page of the exported PDF.
# Chinese is pasted through the clipboard (xclip): xdotool type garbles it under Xvfb. The
# steps are reached with Ctrl+PageDown, dialogs with their shortcuts; the few clicks are at
# positions of the current layout at the sizes above.
# X displays: NIANBAO_DISPLAY (default 71) and the next one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh gui
for tool in xdotool xclip; do
  command -v $tool >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null
done
mkdir -p bin docs/screenshots
version=$(cat VERSION)
CGO_ENABLED=1 go build -tags x11 -ldflags "-X github.com/nianbao/nianbao/ui.Version=$version" -o bin/nianbao ./cmd/nianbao
CGO_ENABLED=0 go build -o bin/nianbao-cli ./cmd/nianbao-cli
out=docs/screenshots
display=${NIANBAO_DISPLAY:-71}
tmp=$(mktemp -d)
app="" xvfb="" win=""
stop() { # stop the app and the X server, and wait for them to exit
  for p in $app $xvfb; do kill "$p" 2>/dev/null || true; done
  for p in $app $xvfb; do wait "$p" 2>/dev/null || true; done
  app="" xvfb=""
}
trap 'stop; rm -rf "$tmp"' EXIT

# start SW SH W H FILE…: a fresh X server of SW×SH and the app on FILE; when W×H is given the
# window has that size (remembered from a "last run"), else the app sizes it to the screen.
start() {
  local sw=$1 sh=$2 w=$3 h=$4
  shift 4
  local home="$tmp/home-$sw-$w-$RANDOM"
  mkdir -p "$home/.config/fyne/cn.nianbao.app" "$home/.cache"
  if [ "$w" != - ]; then
    printf '{"window.width":%s,"window.height":%s}\n' "$w" "$h" >"$home/.config/fyne/cn.nianbao.app/preferences.json"
  fi
  export DISPLAY=:$display
  Xvfb "$DISPLAY" -screen 0 "${sw}x${sh}x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  sleep 1
  HOME="$home" ./bin/nianbao "$@" >"$tmp/app.log" 2>&1 &
  app=$!
  win=$(xdotool search --sync --name "年报助手" | head -1)
  sleep 3
  xdotool windowfocus "$win"
  sleep 0.5
}
key() { xdotool key --clearmodifiers "$@"; sleep "${WAIT:-1}"; }
click() { xdotool mousemove --window "$win" "$1" "$2" click 1; sleep "${3:-1}"; }
paste() { printf '%s' "$1" | xclip -selection clipboard; sleep 0.3; key ctrl+v; }
capture() { # capture NAME [root]: the app's window (or the whole screen), as a small PNG
  local target=$win
  [ "${2:-}" = root ] && target=root
  import -window "$target" "$tmp/shot.png"
  convert "$tmp/shot.png" -colors 256 "PNG8:$out/$1.png"
  echo "$out/$1.png"
}

mkdir -p "$tmp/报告"
draft="$tmp/报告/示例县市场监督管理局2025年度报告.nianbao"
./bin/nianbao-cli new -o "$draft" --sample >/dev/null
./bin/nianbao-cli set "$draft" apply.3.3.4.natural=3 >/dev/null # items no longer add up
rm -f "$tmp"/报告/*.bak

# Every step at each size (SHOTS=extra skips them and the first start).
if [ "${SHOTS:-all}" != extra ]; then
for size in 1024x700 1366x768 1920x1080; do
  w=${size%x*} h=${size#*x}
  start $((w + 16)) $((h + 40)) "$w" "$h" "$draft"
  for i in 0 1 2 3 4 5 6 7; do
    capture "step$i-$size"
    key ctrl+Next
  done
  stop
done

# The first start on a 1366×768 screen: no remembered size, the window fills the screen.
start 1366 768 - - "$draft"
capture firststart-1366x768 root
stop
fi

# Paste: a row copied from a sheet whose total (41) is not the sum of its items (42).
paste_draft="$tmp/粘贴/示例县市场监督管理局2025年度报告.nianbao"
mkdir -p "$tmp/粘贴"
./bin/nianbao-cli new -o "$paste_draft" --sample >/dev/null
start 1382 808 1366 768 "$paste_draft"
for i in 1 2 3; do key ctrl+Next; done
click 580 231 # 一、本年新收 · 自然人
printf '36\t6\t0\t0\t0\t0\t41\n' | xclip -selection clipboard
key ctrl+v
capture paste-1366x768
stop

# 汇总: the county office's own report is open; the folder holds the units' reports, one of
# another year and one that cannot be read.
units="$tmp/各单位报表"
mkdir -p "$units"
own="$tmp/示例县人民政府办公室2025年度报告.nianbao"
./bin/nianbao-cli new -o "$own" --sample --agency 示例县人民政府办公室 >/dev/null
for unit in 城关镇人民政府 东乡人民政府 县教育局 县卫生健康局; do
  ./bin/nianbao-cli new -o "$units/$unit.nianbao" --sample --agency "$unit" >/dev/null
done
./bin/nianbao-cli new -o "$units/县民政局（2024年）.nianbao" --year 2024 --agency 县民政局 >/dev/null
printf 'not a workbook' >"$units/县水利局.xlsx"
rm -f "$units"/*.bak "$tmp"/*.bak
start 1382 808 1366 768 "$own"
key ctrl+h
paste "$units"
WAIT=3 key Return
capture aggregate-1366x768
stop

# 帮助 › 填报说明 and the file dialog.
start 1382 808 1366 768 "$draft"
click 126 15 0.5 # 帮助
click 150 48     # 填报说明
capture help-1366x768
key Escape
key ctrl+o
capture filedialog-1366x768
stop

# Last year: an empty 2025 report, the 2024 one carried over through 文件 › 载入上年报告
# (Ctrl+L); one 上年结转 cell was typed before and is replaced.
mkdir -p "$tmp/上年"
last="$tmp/上年/2024年度报告.nianbao" this="$tmp/上年/2025年度报告.nianbao"
./bin/nianbao-cli new -o "$last" --year 2024 --agency 示例县市场监督管理局 >/dev/null
./bin/nianbao-cli set "$last" apply.4.natural=7 apply.4.commercial=2 apply.4.total=9 >/dev/null
./bin/nianbao-cli new -o "$this" --year 2025 --agency 示例县市场监督管理局 >/dev/null
./bin/nianbao-cli set "$this" apply.2.natural=5 >/dev/null
rm -f "$tmp"/上年/*.bak
start 1040 740 1024 700 "$this"
for i in 1 2 3; do key ctrl+Next; done
key ctrl+l
click 335 206 0.5 # 2024年度报告.nianbao, the first file of the draft's folder
click 935 629 2   # 载入
capture lastyear-notes-1024x700
click 511 410 # 确定
capture step3-lastyear-1024x700
stop

# Export: a report ready to publish, exported from 检查与导出 in all four formats (each through
# the file dialog, into the draft's folder), then 复制网页版. The page lists every file and the
# fonts the PDF used.
mkdir -p "$tmp/导出"
exp="$tmp/导出/示例县市场监督管理局2025年度报告.nianbao"
./bin/nianbao-cli new -o "$exp" --sample >/dev/null
rm -f "$tmp"/导出/*.bak
start 1382 808 1366 768 "$exp"
key ctrl+e
for x in 188 293 400 506; do # 导出 Excel, PDF, Word, 网页
  click $x 170 1.5
  click 1098 657 3 # 导出 in the file dialog
done
click 614 170 2 # 复制网页版
capture export-1366x768
click 293 170 1.5 # 导出 PDF again: Fyne's question before replacing the file, in Chinese
click 1098 657 1
capture overwrite-1366x768
key Escape
tables=$(xclip -o -selection clipboard -t text/html | grep -c '<table border="1"' || true)
echo "clipboard text/html: $tables bordered tables"
[ "$tables" -eq 3 ] || { echo "复制网页版 did not put the three tables on the clipboard as HTML"; exit 1; }
for ext in xlsx pdf docx html; do
  ls "$tmp"/导出/*."$ext" >/dev/null || { echo "no .$ext exported"; exit 1; }
done
pdftoppm -r 60 -f 1 -l 1 -png "$(ls "$tmp"/导出/*.pdf)" "$tmp/page"
convert "$tmp"/page-1.png -colors 256 "PNG8:$out/pdf-page1.png"
stop

# A long report (a 2 MB narrative, ~1,900 pages): the PDF export in progress, with 取消.
mkdir -p "$tmp/长报告"
long="$tmp/长报告/长报告.nianbao"
./bin/nianbao-cli new -o "$long" --sample >/dev/null
python3 - "$long" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["text"]["problems"] = "".join(f"第{i}项：本年度政府信息公开工作仍存在一些不足，需要在今后的工作中加以改进。" for i in range(30000))
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False)
PY
start 1382 808 1366 768 "$long"
key ctrl+e
click 293 170 1.5 # 导出 PDF
click 1098 657 1.2
capture export-progress-1366x768
sleep 5
stop

# A draft saved by a newer version (a field this one does not know) opens read-only.
mkdir -p "$tmp/只读"
ro="$tmp/只读/示例县市场监督管理局2025年度报告（新版本保存）.nianbao"
./bin/nianbao-cli new -o "$ro" --sample >/dev/null
python3 - "$ro" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["meta"]["region"] = "东部"
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False, indent=2)
PY
rm -f "$tmp"/只读/*.bak
start 1382 808 1366 768 "$ro"
capture readonly-1366x768
click 683 464 # 确定
click 30 15 0.8 # 文件
capture readonly-menu-1366x768
key Escape
stop

# A published report's PDF (淮安市人民政府, 2024) opened with 文件 › 打开: the import summary.
start 1382 808 1366 768 form/published/testdata/corpus/12_huaian_city_gov_2024.pdf
capture published-pdf-1366x768
stop

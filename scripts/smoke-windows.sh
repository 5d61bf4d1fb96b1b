#!/usr/bin/env bash
# Starts the Windows build under Debian's wine in Xvfb, takes a screenshot and fails if the
# app died or the window is blank. Run scripts/dist.sh windows first.
set -euo pipefail
cd "$(dirname "$0")/.."
exe=$(ls dist/nianbao-*-windows-amd64.exe | grep -v nianbao-cli | head -1)
cli=$(ls dist/nianbao-cli-*-windows-amd64.exe | head -1)
missing=()
for p in wine wine64 xvfb imagemagick gcc-mingw-w64-x86-64; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
export WINEPREFIX=$(mktemp -d) WINEDEBUG=-all
display=:$((70 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'wineserver -k 2>/dev/null || true; sleep 1; kill $xvfb 2>/dev/null || true; rm -rf "$WINEPREFIX" 2>/dev/null || true' EXIT
export DISPLAY=$display
sleep 1
timeout 180 wineboot -i >/dev/null 2>&1
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -ladvapi32
out=$(timeout 60 wine "$cli" --version)
echo "wine: $out"
case "$out" in *年报助手*) ;; *) echo "Windows 命令行工具没有正常运行"; exit 1 ;; esac
timeout 120 wine "$exe" >/tmp/nianbao-wine.log 2>&1 &
app=$!
sleep 25
if ! kill -0 "$app" 2>/dev/null; then
  echo "Windows 版在 wine 中启动后退出了 the exe died under wine:"; cat /tmp/nianbao-wine.log; exit 1
fi
shot=${SHOT:-/tmp/nianbao-wine.png}
import -window root "$shot"
colors=$(convert "$shot" -format '%k' info:)
echo "wine 截图 screenshot: $shot ($colors colours)"
[ "$colors" -ge 16 ] || { echo "窗口是空白的 the window is blank"; exit 1; }

#!/usr/bin/env bash
# Types Chinese through a real X input method: fcitx5 pinyin under Xvfb, "nianbao" + space
# into 机关名称; the screenshot of the field must show 年报 (look at it: OCR of so small a
# crop proved unreliable). Not part of CI (fcitx5 is large); run it by hand after UI changes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh gui
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  fcitx5 fcitx5-chinese-addons dbus-x11 xdotool >/dev/null
mkdir -p bin
CGO_ENABLED=1 go build -tags x11 -o bin/nianbao ./cmd/nianbao
home=$(mktemp -d)
mkdir -p "$home/.config/fcitx5"
printf '[Groups/0]\nName=Default\nDefault Layout=us\nDefaultIM=pinyin\n\n[Groups/0/Items/0]\nName=keyboard-us\nLayout=\n\n[Groups/0/Items/1]\nName=pinyin\nLayout=\n\n[GroupOrder]\n0=Default\n' > "$home/.config/fcitx5/profile"
export HOME=$home DISPLAY=:$((60 + RANDOM % 9))
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
eval "$(dbus-launch --sh-syntax)"
trap 'kill $app $xvfb $DBUS_SESSION_BUS_PID 2>/dev/null; pkill -u "$(id -u)" fcitx5 || true; rm -rf "$home"' EXIT
fcitx5 -d --replace >/dev/null 2>&1
sleep 3
XMODIFIERS=@im=fcitx ./bin/nianbao >/dev/null 2>&1 &
app=$!
sleep 5
xdotool mousemove 600 178 click 1; sleep 0.5
xdotool key ctrl+space; sleep 0.5
xdotool type --delay 80 nianbao; sleep 0.5
xdotool key space; sleep 1
shot=${SHOT:-/tmp/nianbao-ime.png}
import -window root -crop 600x40+205+158 "$shot"
echo "截图 screenshot of 机关名称 after typing nianbao␣ with fcitx5 pinyin: $shot (should show 年报)"

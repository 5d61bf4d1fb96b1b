#!/usr/bin/env bash
# icon.sh renders icon.png (512×512): a red rounded square holding a cream
# document with a folded gold corner, "年报" in the bundled title font
# (Noto Serif SC Bold) and a red rule, as on an official document.
# Requires ImageMagick (convert) and gzip.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
gzip -dc "$here/fonts/NotoSerifSC-Bold.ttf.gz" >"$tmp/title.ttf"

convert -size 512x512 xc:none \
	-fill '#C8161D' -draw 'roundrectangle 16,16 495,495 96,96' \
	-fill '#FFF8E7' -draw 'polygon 128,80 330,80 384,134 384,432 128,432' \
	-fill '#F2C14E' -draw 'polygon 330,80 330,134 384,134' \
	-font "$tmp/title.ttf" -pointsize 104 -fill '#C8161D' \
	-gravity north -annotate +0+118 '年报' \
	-gravity northwest \
	-fill '#C8161D' -draw 'rectangle 152,262 360,270' \
	-fill '#E3B448' -draw 'rectangle 152,300 360,312' \
	-draw 'rectangle 152,336 360,348' \
	-draw 'rectangle 152,372 300,384' \
	-define png:exclude-chunks=date,time +set date:create +set date:modify \
	-depth 8 -strip "$here/icon.png"

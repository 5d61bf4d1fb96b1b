#!/usr/bin/env bash
# build.sh rebuilds the bundled, subset TrueType fonts in this directory from
# public packages:
#   - npm @expo-google-fonts/noto-serif-sc and @expo-google-fonts/noto-sans-sc
#     (SIL Open Font License 1.1, see OFL-NotoSC.txt)
#   - Debian fonts-arphic-gkai00mp (Arphic Public License, see ARPHICPL.TXT)
# Requirements: npm, Go, Debian python3-fonttools (pyftsubset), fonts-arphic-gkai00mp.
#   apt-get install -y python3-fonttools fonts-arphic-gkai00mp
#
# Every font is subset to the GBK repertoire (so rare given-name characters such
# as 喆 堃 玥 print) plus ASCII, CJK punctuation, full-width forms, circled
# numbers and general punctuation. Hinting and OpenType layout tables are
# dropped: gofpdf and Fyne need neither, and the files shrink considerably.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
NOTO_VERSION="${NOTO_VERSION:-0.4.3}"
GKAI="${GKAI:-/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf}"
# Debian's python3 carries fontTools; a pyenv/virtualenv python may not.
PY="${PY:-/usr/bin/python3}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "@expo-google-fonts/noto-serif-sc@${NOTO_VERSION}" "@expo-google-fonts/noto-sans-sc@${NOTO_VERSION}" >/dev/null
for t in expo-google-fonts-noto-serif-sc-*.tgz expo-google-fonts-noto-sans-sc-*.tgz; do
	d="${t%.tgz}"
	mkdir "$d"
	tar xzf "$t" -C "$d" --strip-components=1
done
serif="$(ls -d "$work"/expo-google-fonts-noto-serif-sc-*/)"
sans="$(ls -d "$work"/expo-google-fonts-noto-sans-sc-*/)"

# Character list: full GBK (decoded with Python's codec over the GBK code
# ranges, private-use code points removed) plus extra punctuation and symbols.
"$PY" - "$work" <<'PY'
import sys
work = sys.argv[1]
def table(codec):
    chars = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                s = bytes([lead, trail]).decode(codec)
            except UnicodeDecodeError:
                continue
            for c in s:
                if not (0xE000 <= ord(c) <= 0xF8FF):
                    chars.add(c)
    return chars
extra = set()
ranges = [range(0x20, 0x7F), range(0xA0, 0x100), range(0x2000, 0x2070),
         range(0x2460, 0x24A0), range(0x2160, 0x2180), range(0x3000, 0x3040),
         range(0xFF01, 0xFF5F), range(0xFE30, 0xFE50), range(0x2190, 0x21A0),
         range(0x25A0, 0x2600)]
for r in ranges:
    for cp in r:
        extra.add(chr(cp))
extra.add("\u20ac")  # €
for name, codec in (("gbk", "gbk"), ("gb2312", "gb2312")):
    with open("%s/%s.txt" % (work, name), "w") as out:
        for c in sorted(table(codec) | extra):
            print("U+%04X" % ord(c), file=out)
PY

subset() { # in out repertoire
	"$PY" -m fontTools.subset "$1" \
		--unicodes-file="$work/$3.txt" \
		--output-file="$2" \
		--no-hinting --desubroutinize \
		--layout-features='' \
		--drop-tables+=GSUB,GPOS,GDEF,BASE,STAT,vhea,vmtx,VORG,mort,morx,DSIG \
		--name-IDs='*' --name-languages='*' --notdef-outline \
		--recalc-bounds
}

# The title font only needs GB2312 (the PDF engine falls back to the body font
# for anything missing); body, heading/UI get full GBK. AR PL KaitiM GB only
# covers GB2312 itself.
subset "$serif/700Bold/NotoSerifSC_700Bold.ttf" "$work/NotoSerifSC-Bold.ttf" gb2312
subset "$serif/400Regular/NotoSerifSC_400Regular.ttf" "$work/NotoSerifSC-Regular.ttf" gbk
subset "$sans/400Regular/NotoSansSC_400Regular.ttf" "$work/NotoSansSC-Regular.ttf" gbk
subset "$GKAI" "$work/ARPLKaitiMGB.ttf" gbk

cp "$serif/LICENSE_FONT" "$here/OFL-NotoSC.txt"
# Arphic Public License (English text as shipped by Debian).
if [ -f /usr/share/doc/fonts-arphic-gkai00mp/license/english/ARPHICPL.TXT.gz ]; then
	gzip -dc /usr/share/doc/fonts-arphic-gkai00mp/license/english/ARPHICPL.TXT.gz >"$here/ARPHICPL.TXT"
else
	cp /usr/share/doc/fonts-arphic-gkai00mp/copyright "$here/ARPHICPL.TXT"
fi

# Sanity check: the rare name characters must be present where the source has them.
"$PY" - "$work" <<'PY'
import sys
from fontTools.ttLib import TTFont
d = sys.argv[1]
for name in ["NotoSerifSC-Bold.ttf", "NotoSerifSC-Regular.ttf", "NotoSansSC-Regular.ttf", "ARPLKaitiMGB.ttf"]:
    f = TTFont(d + "/" + name)
    cm = f.getBestCmap()
    missing = [c for c in "喆堃玥①⑳—“”‘’…·、，。（）《》" if ord(c) not in cm]
    print("%-26s glyphs=%5d missing=%s" % (name, len(f.getGlyphOrder()), "".join(missing) or "-"))
    if missing and name in ("NotoSerifSC-Regular.ttf", "NotoSansSC-Regular.ttf"):
        sys.exit("missing characters in " + name)
PY
# Stored as font packs (chunks of 16 KiB, each deflated; see ../pack.go) so that an
# export decompresses only the chunks holding the glyphs it prints, not whole fonts.
# The tables go first, stored raw; then the glyphs of the commonest characters
# (common.txt: by frequency in published reports and the format's own labels; then
# ASCII and GB2312 level 1), so that a report's glyphs lie in few chunks.
# The packer is deterministic: rebuilds are byte-stable.
root="$(cd "$here/../.." && pwd)"
for f in NotoSerifSC-Bold NotoSerifSC-Regular NotoSansSC-Regular ARPLKaitiMGB; do
	"$PY" - "$work/$f.ttf" "$here/common.txt" "$work/$f.order" <<'PY'
import sys
from fontTools.ttLib import TTFont
font, common, out = sys.argv[1:4]
f = TTFont(font, lazy=True)
cmap = f.getBestCmap()
gid = {n: i for i, n in enumerate(f.getGlyphOrder())}
chars = []
for line in open(common, encoding="utf-8"):
    if not line.startswith("#"):
        chars.extend(line.strip())
chars.extend(chr(c) for c in range(0x20, 0x7F))
for lead in range(0xB0, 0xD8):  # GB2312 level 1, the 3,755 common hanzi
    for trail in range(0xA1, 0xFF):
        try:
            chars.append(bytes([lead, trail]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
seen = set()
with open(out, "w") as o:
    for c in chars:
        g = cmap.get(ord(c))
        if g is not None and gid[g] not in seen:
            seen.add(gid[g])
            print(gid[g], file=o)
PY
	(cd "$root" && go run ./assets/internal/fontpack -chunk 16384 -order "$work/$f.order" "$work/$f.ttf" "$here/$f.nbfp")
done
ls -l "$work"/*.ttf "$here"/*.nbfp

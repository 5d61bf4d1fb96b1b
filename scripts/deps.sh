#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the project needs, only those missing, in one apt run.
# Usage: scripts/deps.sh race|test|gui|dist|test-gui|ci
#   race      the C compiler go test -race needs (Go's race detector requires cgo)
#   test      what the Go tests call: poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm),
#             LibreOffice Writer and Calc (headless soffice renders the DOCX and XLSX exports),
#             Chromium (headless, renders the HTML export), python3-docx and python3-openpyxl
#             (independent readers of the DOCX and XLSX exports)
#   gui       the C toolchain and X11/GL headers of the desktop app, Xvfb and ImageMagick
#   dist      gui + the mingw-w64 cross compiler and xz
#   test-gui  test + dist (what scripts/test.sh needs but wine)
#   ci        test-gui + wine (the Windows build's smoke test): everything, in one transaction
set -euo pipefail
need=()
test_pkgs=(gcc libc6-dev poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui chromium python3-docx python3-openpyxl)
gui_pkgs=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev
          libxi-dev libxxf86vm-dev libxkbcommon-dev xvfb imagemagick)
dist_pkgs=(gcc-mingw-w64-x86-64 xz-utils)
case "${1:-test}" in
  race) need=(gcc libc6-dev) ;;
  test) need=("${test_pkgs[@]}") ;;
  gui) need=(poppler-utils "${gui_pkgs[@]}") ;;
  dist) need=(poppler-utils "${gui_pkgs[@]}" "${dist_pkgs[@]}") ;;
  test-gui) need=("${test_pkgs[@]}" "${gui_pkgs[@]}" "${dist_pkgs[@]}") ;;
  ci) need=("${test_pkgs[@]}" "${gui_pkgs[@]}" "${dist_pkgs[@]}" wine wine64) ;;
  *) echo "用法 usage: scripts/deps.sh race|test|gui|dist|test-gui|ci" >&2; exit 2 ;;
esac
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "安装依赖 installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
opts=(-y -qq --no-install-recommends)
if [ -n "${CI:-}" ]; then
  # A throw-away CI machine: no fsync per file, and no man-page index rebuild (together
  # they are about a third of installing LibreOffice, Chromium and wine).
  opts+=(-o Dpkg::Options::=--force-unsafe-io)
  echo "man-db man-db/auto-update boolean false" | $sudo debconf-set-selections 2>/dev/null || true
  $sudo rm -f /var/lib/man-db/auto-update
fi
# The package lists are fetched once: a second call within the hour (scripts/test.sh installs
# the compiler first, the rest in the background) skips it.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -60 2>/dev/null | head -1)" ]; then
  $sudo apt-get update -qq
fi
$sudo apt-get install "${opts[@]}" "${missing[@]}" >/dev/null

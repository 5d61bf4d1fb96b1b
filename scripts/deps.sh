#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the project needs, only those missing.
# Usage: scripts/deps.sh test|gui|dist   (each implies what the previous needs)
set -euo pipefail
need=(poppler-utils)                                    # pdftotext/pdfinfo/pdffonts for the PDF tests
case "${1:-test}" in
  test|test-gui) need+=(libreoffice-writer-nogui python3-docx chromium) ;;  # readers of the DOCX and HTML tests
esac
case "${1:-test}" in
  gui|dist|test-gui)
    need+=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev
           libxi-dev libxxf86vm-dev libxkbcommon-dev xvfb imagemagick) ;;
esac
case "${1:-test}" in
  dist|test-gui) need+=(gcc-mingw-w64-x86-64 xz-utils) ;;
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
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

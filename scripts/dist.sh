#!/usr/bin/env bash
# Builds the release files into dist/: the Windows exe (GUI subsystem, icon and version info
# from FyneApp.toml), the Linux build and its .tar.xz (desktop file, icon), and the headless
# CLI for both. Usage: scripts/dist.sh [all|windows|linux]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
bash scripts/deps.sh dist
version=$(cat VERSION)
root=$(pwd)
mkdir -p dist bin

# The fyne packaging tool is pinned in its own module (tools/go.mod).
(cd tools && go build -o "$root/bin/fyne" fyne.io/tools/cmd/fyne)

# fyne package writes generated files next to the sources and may rewrite FyneApp.toml:
# package from a copy of the tracked files so that the work tree stays clean.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git ls-files -z | xargs -0 cp --parents -t "$work"
cp FyneApp.toml "$work/cmd/nianbao/"
pkg() { (cd "$work/cmd/nianbao" && "$root/bin/fyne" package --icon ../../assets/icon.png \
  --app-id cn.nianbao.app --app-version "$version" --release "$@"); }
cliflags="-s -w -X main.version=$version"

if [ "$what" = all ] || [ "$what" = windows ]; then
  echo "== Windows amd64"
  CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ pkg --target windows
  mv "$work/cmd/nianbao/年报助手.exe" "dist/nianbao-$version-windows-amd64.exe"
  CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go build -trimpath -ldflags "$cliflags" \
    -o "dist/nianbao-cli-$version-windows-amd64.exe" ./cmd/nianbao-cli
  # The exe must be a GUI-subsystem PE (no console window): Subsystem is 2.
  exe="dist/nianbao-$version-windows-amd64.exe"
  pe=$(od -An -tu4 -j60 -N4 "$exe" | tr -d ' ')
  subsystem=$(od -An -tu2 -j$((pe + 92)) -N2 "$exe" | tr -d ' ')
  [ "$(od -An -c -j"$pe" -N2 "$exe" | tr -d ' ')" = PE ] || { echo "$exe is not a PE file"; exit 1; }
  [ "$subsystem" = 2 ] || { echo "$exe: subsystem $subsystem, want 2 (GUI)"; exit 1; }
  echo "Windows exe: PE, GUI subsystem"
fi
if [ "$what" = all ] || [ "$what" = linux ]; then
  echo "== Linux amd64"
  CGO_ENABLED=1 pkg --target linux --tags x11
  mv "$work/cmd/nianbao/年报助手.tar.xz" "dist/nianbao-$version-linux-amd64.tar.xz"
  tar -xJOf "dist/nianbao-$version-linux-amd64.tar.xz" usr/local/bin/nianbao > "dist/nianbao-$version-linux-amd64"
  chmod +x "dist/nianbao-$version-linux-amd64"
  CGO_ENABLED=0 go build -trimpath -ldflags "$cliflags" -o "dist/nianbao-cli-$version-linux-amd64" ./cmd/nianbao-cli
fi
ls -l dist/

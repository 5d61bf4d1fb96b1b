#!/usr/bin/env bash
# Builds and starts 年报助手 on a fresh Debian/Ubuntu machine with Go installed.
# Extra arguments are passed to the app (e.g. a draft file to open).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bin
version=$(cat VERSION 2>/dev/null || echo dev)
if [ -d cmd/nianbao ]; then
  bash scripts/deps.sh gui
  echo "编译桌面程序（首次约需 3 分钟）building the desktop app…"
  # 关于 shows the version: the same -X as every other build (scripts/dist.sh packages it too).
  CGO_ENABLED=1 go build -tags x11 -ldflags "-X github.com/nianbao/nianbao/ui.Version=$version" -o bin/nianbao ./cmd/nianbao
  exec ./bin/nianbao "$@"
fi
# Before the desktop app exists: the engine on a sample report.
CGO_ENABLED=0 go build -ldflags "-X main.version=$version" -o bin/nianbao-cli ./cmd/nianbao-cli
./bin/nianbao-cli new -o bin/示例报告.nianbao --sample --force
./bin/nianbao-cli check bin/示例报告.nianbao

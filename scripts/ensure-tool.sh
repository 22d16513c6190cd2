#!/usr/bin/env bash
# Installs a Debian package when its command is missing, and prints the command's path.
#   scripts/ensure-tool.sh chromium   browser tests (driven by playwright-core; playwright cannot download browsers here)
#   scripts/ensure-tool.sh mkdocs     the scaffolder's runbooks are built with a real `mkdocs build --strict`
#   scripts/ensure-tool.sh prometheus the Prometheus module is tested against a real Prometheus
# Usage: ensure-tool.sh COMMAND [PACKAGE]   (PACKAGE defaults to COMMAND)
set -euo pipefail
cmd="$1"; pkg="${2:-$1}"
if ! command -v "$cmd" >/dev/null 2>&1; then
  echo "opskit: installing Debian's $pkg" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$pkg" >&2
fi
command -v "$cmd"

#!/usr/bin/env bash
# Browser tests drive Debian's Chromium with playwright-core (playwright's own
# browser download cannot work here). Installs it when missing; prints its path.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  echo "opskit: installing Debian's chromium for the browser tests" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
fi
command -v chromium

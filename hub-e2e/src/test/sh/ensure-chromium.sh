#!/bin/sh
# Installs Debian's chromium and chromium-driver when either is missing; the browser tests drive them.
# Runs before the tests of hub-e2e (see its pom). Needs root (or passwordless sudo) only when something is missing.
set -eu
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
echo "hub-e2e: installing chromium and chromium-driver (Debian packages) for the browser tests"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo -n"
else
  echo "hub-e2e: chromium or chromedriver missing and not root: run apt-get install chromium chromium-driver" >&2
  exit 1
fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver

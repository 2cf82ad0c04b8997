#!/usr/bin/env bash
# Runs every test of realtime-hub: the Java unit and integration tests, the browser client's Node tests, the Python
# client's tests and the end-to-end tests in headless Chromium. Sets up what they need on a fresh Debian machine first:
# Chromium and ChromeDriver (Debian packages) and a local Redis on 127.0.0.1:6379.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "test.sh: installing chromium and chromium-driver from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "test.sh: installing redis-server from Debian's packages"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  echo "test.sh: starting redis-server on 127.0.0.1:6379"
  mkdir -p /tmp/realtime-hub-redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /tmp/realtime-hub-redis --logfile /tmp/realtime-hub-redis/redis.log
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

# hub-app's PythonClientIT runs the Python client's tests (clients/python) with python3 (3.9 or later)
if ! command -v python3 >/dev/null 2>&1; then
  echo "test.sh: installing python3 from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null
fi

# hub-console's build runs the JavaScript client's npm ci, build, type check and tests (clients/js), and hub-app's
# NodeClientIT packs and installs it: Node.js 20 or later with npm (this machine's kind has them; Debian's own is 18)
if ! command -v npm >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 20 ]; then
  echo "test.sh: clients/js needs Node.js 20 or later with npm on the PATH" >&2
  exit 1
fi

exec mvn -B -ntp verify "$@"

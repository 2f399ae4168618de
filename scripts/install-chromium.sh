#!/bin/sh
# Chromium for the browser tests (packages/auth/test/browser-tabs.test.ts), part
# of the README's set-up command. Does nothing when CHROMIUM_PATH names a browser
# or `chromium` is installed; installs Debian's package where apt-get can (as
# root); otherwise says what to do and fails.
set -eu
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
for name in chromium chromium-browser google-chrome; do
  if command -v "$name" >/dev/null 2>&1; then exit 0; fi
done
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
  command -v chromium >/dev/null 2>&1 && exit 0
fi
echo "install-chromium: no Chromium found. Install Chromium or Chrome and set CHROMIUM_PATH to its binary (the browser tests need it)." >&2
exit 1

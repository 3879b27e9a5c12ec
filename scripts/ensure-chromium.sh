#!/usr/bin/env bash
# End-to-end tests drive Debian's Chromium (Playwright's own browser download is not possible here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's Chromium for the end-to-end tests (apt-get install chromium)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/tmp/peerpath-chromium-install.log 2>&1 \
    || { echo "Installing Chromium failed; see /tmp/peerpath-chromium-install.log"; exit 1; }
  exit 0
fi
echo "The end-to-end tests need Chromium at /usr/bin/chromium. Install it with:"
echo "  sudo apt-get install -y chromium"
exit 1

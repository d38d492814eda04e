#!/usr/bin/env bash
# Makes sure a Chromium for the browser tests exists. Playwright's own browser download does not
# work here, so the tests use the system Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then
	exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
	echo "Chromium not found at $path: installing Debian's chromium package…"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
	if [ -x "$path" ]; then
		exit 0
	fi
fi
cat >&2 <<MSG
The browser tests need Chromium, and none was found at $path.
Install it, then run npm test again:
  - Debian/Ubuntu:  sudo apt-get install chromium      (then it is /usr/bin/chromium)
  - elsewhere:      install Chromium or Chrome and run  CHROMIUM_PATH=/path/to/chromium npm test
(npx playwright install cannot download browsers on this network.)
MSG
exit 1

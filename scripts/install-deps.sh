#!/bin/sh
# Install every Debian package that building, running and testing galley
# need, if missing.  Does nothing when all are present.  Needs root (or
# sudo) only when something is missing.
set -e
PKGS="build-essential pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
libyaml-dev libxml2-dev zlib1g-dev libdeflate-dev libjansson-dev libcld2-dev libicu-dev nettle-dev libmimalloc-dev
libwebp-dev libpng-dev libtomlplusplus-dev
epubcheck jing libxml2-utils python3-jsonschema unzip time"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null

#!/bin/sh
# install-deps.sh: installs the Debian packages signoff builds, tests and renders with.
# Used by the README's two commands and by .ci/run. Needs root (uses sudo otherwise).
# clang and libclang-rt-dev (libFuzzer) build tests/fuzz; util-linux gives unshare
# (tests/scripts/store_crash.sh), bsdutils script (output_safety.sh).
set -e
pkgs="build-essential cmake pkg-config libsqlite3-dev libjansson-dev libxml2-dev
libxslt1-dev libcairo2-dev libpango1.0-dev libssl-dev libcmocka-dev libxml2-utils xsltproc
poppler-utils qpdf fonts-dejavu-core fonts-noto-core fonts-noto-cjk fontconfig sqlite3
mandoc groff-base man-db bash-completion bsdutils
clang libclang-rt-dev util-linux"
if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
missing=
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

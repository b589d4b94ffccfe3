#!/usr/bin/env bash
# install.sh SIGNOFF SRCDIR: `cmake --install` into a temporary prefix puts the binary in
# bin/, mappings and templates in share/signoff/, the man pages in share/man/man1/, the
# bash completion under share/ where bash-completion looks, and the docs in
# share/doc/signoff/. The installed binary uses its own data, not the source tree's, even
# after the prefix is moved (shown by changing the installed copy), writes the package of
# the samples and verifies it; SIGNOFF_DATADIR overrides the data folder.
set -u
signoff=$(realpath "$1") src=$(realpath "$2")
build=$(dirname "$signoff")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
cmake --install "$build" --prefix "$tmp/p" > "$tmp/log" 2>&1 && ok || { bad "cmake --install failed"; cat "$tmp/log"; exit 1; }
p=$tmp/p
[ -x "$p/bin/signoff" ] && ok || bad "no bin/signoff"
for fw in soc2 iso27001-2022 fedramp-rev5 nist-ai-rmf-1.0; do
    [ -f "$p/share/signoff/mappings/$fw.json" ] && ok || bad "no mappings/$fw.json"
done
[ -d "$p/share/signoff/mappings/catalogs" ] && ok || bad "no mappings/catalogs"
for t in signoff-package.xsd oscal-assessment-results.xsl; do
    [ -f "$p/share/signoff/templates/$t" ] && ok || bad "no templates/$t"
done
for page in "$src"/docs/man/*.1; do
    cmp -s "$page" "$p/share/man/man1/$(basename "$page")" && ok || bad "man page $(basename "$page") not installed"
done
man -M "$p/share/man" -w signoff-check > /dev/null 2>&1 && ok || bad "man -M PREFIX/share/man does not find signoff-check"
compl=$(find "$p/share" -path '*bash-completion/completions/signoff' | head -1)
[ -n "$compl" ] && cmp -s "$compl" "$src/completion/signoff.bash" && ok || bad "bash completion not installed under share/bash-completion/completions"
for d in README.md rules.md importers.md recipes.md examples; do
    [ -e "$p/share/doc/signoff/$d" ] && ok || bad "docs: no $d"
done

# move the prefix: the binary finds the data beside it, not the source tree's
mv "$p" "$tmp/moved"; p=$tmp/moved
"$p/bin/signoff" --version | grep -qx "data      $p/share/signoff" && ok || bad "installed binary uses $("$p/bin/signoff" --version | grep '^data')"
mv "$p/share/signoff/mappings/nist-ai-rmf-1.0.json" "$tmp/aside.json"
n_inst=$(cd "$tmp" && "$p/bin/signoff" mappings | grep -c '^[a-z0-9-]*: ')
n_src=$(cd "$tmp" && "$signoff" mappings | grep -c '^[a-z0-9-]*: ')
[ "$n_inst" = 3 ] && [ "$n_src" = 4 ] && ok || bad "a mapping removed from the prefix: installed lists $n_inst, build lists $n_src"
mv "$tmp/aside.json" "$p/share/signoff/mappings/nist-ai-rmf-1.0.json"

# the package of the samples, from the installed binary, run outside the source tree
cp -r "$src/samples" "$tmp/samples"
(cd "$tmp" && "$p/bin/signoff" report --quiet --period 2026-Q3 --org "Harbourline Logistics" \
    -o "$tmp/pkg" samples/) && ok || bad "report from the installed binary failed"
[ -f "$tmp/pkg/oscal-assessment-results.xml" ] && ok || bad "no OSCAL document"
[ -f "$tmp/pkg/report.pdf" ] && ok || bad "no report.pdf: the default --format is pdf,xml,oscal"
# the documented defaults hold: --paper a4 unless letter is asked for
if command -v pdfinfo > /dev/null; then
    pdfinfo "$tmp/pkg/report.pdf" | grep -q '^Page size:.*(A4)' && ok || bad "the default paper is not A4"
    (cd "$tmp" && "$p/bin/signoff" report --quiet --period 2026-Q3 --format pdf --paper letter \
        -o "$tmp/letter" samples/) && pdfinfo "$tmp/letter/report.pdf" | grep -q '^Page size:.*(letter)' &&
        ok || bad "--paper letter is not US Letter"
fi
(cd "$tmp" && "$p/bin/signoff" verify "$tmp/pkg" > /dev/null) && ok || bad "verify of the installed binary's package failed"
# without the installed templates the OSCAL step fails (so it did read them), leaving nothing
mv "$p/share/signoff/templates" "$tmp/tpl-aside"
(cd "$tmp" && "$p/bin/signoff" report --quiet --period 2026-Q3 -o "$tmp/pkg2" samples/ 2> /dev/null); rc=$?
[ $rc = 70 ] && [ ! -e "$tmp/pkg2" ] && ok || bad "report without installed templates gave $rc"
mv "$tmp/tpl-aside" "$p/share/signoff/templates"

# SIGNOFF_DATADIR overrides; empty means unset
mkdir -p "$tmp/dd/mappings" && cp -r "$p/share/signoff/mappings/catalogs" "$tmp/dd/mappings/"
cp "$p/share/signoff/mappings/soc2.json" "$tmp/dd/mappings/"
SIGNOFF_DATADIR=$tmp/dd "$p/bin/signoff" --version | grep -qx "data      $tmp/dd" && ok || bad "SIGNOFF_DATADIR not shown by --version"
n=$(SIGNOFF_DATADIR=$tmp/dd "$p/bin/signoff" mappings | grep -c '^[a-z0-9-]*: ')
[ "$n" = 1 ] && ok || bad "SIGNOFF_DATADIR with one mapping lists $n frameworks"
SIGNOFF_DATADIR= "$p/bin/signoff" --version | grep -qx "data      $p/share/signoff" && ok || bad "an empty SIGNOFF_DATADIR is not ignored"
SIGNOFF_DATADIR=$tmp/nowhere "$p/bin/signoff" mappings > /dev/null 2>&1; rc=$?
[ $rc = 66 ] && ok || bad "SIGNOFF_DATADIR without mappings gave $rc, want 66"
echo "$pass passed, $fail failed"
[ $fail = 0 ]

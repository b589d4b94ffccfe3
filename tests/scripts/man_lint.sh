#!/usr/bin/env bash
# man_lint.sh SIGNOFF SRCDIR: every man page in docs/man is clean under `mandoc -T lint`
# (style level included; a cross-reference to another signoff page counts as found
# when that page is in docs/man) and under groff -ww, as `man -l` renders it.
set -u
src=$2
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
command -v mandoc > /dev/null || { echo "FAIL: mandoc is not installed (tools/install-deps.sh)"; exit 1; }
pages=("$src"/docs/man/*.1)
[ ${#pages[@]} -ge 8 ] && ok || bad "expected signoff(1) and seven command pages, found ${#pages[@]}"
for p in "${pages[@]}"; do
    out=$(mandoc -T lint -W style "$p" 2>&1 | while IFS= read -r l; do
        x=$(printf '%s' "$l" | sed -n 's/.*referenced manual not found: Xr \(signoff[a-z-]*\) 1.*/\1/p')
        [ -n "$x" ] && [ -f "$src/docs/man/$x.1" ] && continue
        printf '%s\n' "$l"
    done)
    [ -z "$out" ] && ok || { bad "mandoc lint of $(basename "$p"):"; printf '%s\n' "$out" | sed 's/^/    /'; }
    for x in $(sed -n 's/^\.Xr \(signoff[a-z-]*\) 1.*/\1/p' "$p"); do
        [ -f "$src/docs/man/$x.1" ] && ok || bad "$(basename "$p") refers to $x(1), which does not exist"
    done
    if command -v groff > /dev/null; then
        out=$(groff -ww -mandoc -z "$p" 2>&1)
        [ -z "$out" ] && ok || { bad "groff -ww of $(basename "$p"): $out"; }
    fi
    if command -v man > /dev/null; then
        out=$(MANWIDTH=80 man -l "$p" 2>&1 > /dev/null)
        [ -z "$out" ] && ok || bad "man -l $(basename "$p"): $out"
    fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]

#!/usr/bin/env bash
# progress.sh SIGNOFF SRCDIR: the progress line of SPEC §7 ("long runs show progress on a
# terminal, never in a pipe"). On a terminal (script(1) gives a pty) ingest, check and
# report draw it on stderr and erase it before anything else is printed; never when
# stderr is a file or a pipe, never with --quiet, never with TERM=dumb, and not for a
# run shorter than a second. SIGNOFF_PROGRESS_AFTER_MS=0 drops that second so the
# small samples show it.
set -u
signoff=$(realpath "$1") src=$(realpath "$2")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-progress.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
cd "$src" || exit 1
export SIGNOFF_NOW=2026-10-15T00:00:00Z TERM=xterm
erase=$'\r\033[K'

# not a terminal: stderr stays empty, whatever the delay
export SIGNOFF_PROGRESS_AFTER_MS=0
"$signoff" ingest --store "$tmp/s.db" samples/ >"$tmp/out" 2>"$tmp/err" && ok || bad "ingest failed"
[ -s "$tmp/err" ] && bad "ingest wrote to a non-terminal stderr: $(cat "$tmp/err")" || ok
"$signoff" check --json --period 2026-Q3 --store "$tmp/s.db" >"$tmp/json" 2>"$tmp/err"
[ -s "$tmp/err" ] && bad "check wrote to a non-terminal stderr" || ok
"$signoff" check --period 2026-Q3 samples/ 2>&1 >/dev/null | grep -q . && bad "check wrote progress into a pipe" || ok
"$signoff" report --period 2026-Q3 --format xml -o "$tmp/pkg" --force --store "$tmp/s.db" \
    >/dev/null 2>"$tmp/err"
[ -s "$tmp/err" ] && bad "report wrote to a non-terminal stderr" || ok

if ! command -v script >/dev/null; then
    echo "progress: $pass passed, $fail failed (script(1) missing: terminal cases skipped)"
    [ "$fail" -eq 0 ]
    exit
fi
# on a terminal: drawn, then erased before the summary line
onpty() { script -qec "$1" /dev/null </dev/null; }
onpty "'$signoff' ingest --store '$tmp/t.db' samples/" >"$tmp/pty"
grep -q "signoff ingest: read [0-9]* records, [0-9]*/s, 0:0[0-9] elapsed" "$tmp/pty" && ok ||
    bad "no progress line on a terminal: $(cat -v "$tmp/pty")"
grep -qF "${erase}ingested " "$tmp/pty" && ok || bad "progress line not erased before the summary"
onpty "'$signoff' check --json --period 2026-Q3 --store '$tmp/t.db'" >"$tmp/pty"
grep -q "signoff check: judged [0-9]* decisions and exposures" "$tmp/pty" && ok ||
    bad "check shows no progress on a terminal"
# what remains once the erased line is taken out is exactly the output of a pipe
sed "s/\r\x1b\[K[^\r]*\r\x1b\[K//g; s/\r\x1b\[K//g; s/\r$//" "$tmp/pty" | cmp -s - "$tmp/json" && ok ||
    bad "check output on a terminal differs from the pipe's"
onpty "'$signoff' report --period 2026-Q3 --format xml -o '$tmp/pkg2' --store '$tmp/t.db'" >"$tmp/pty"
grep -q "signoff report: judged" "$tmp/pty" && ok || bad "report shows no progress on a terminal"
grep -qF "${erase}package " "$tmp/pty" && ok || bad "report's line not erased before its summary"
# --quiet, TERM=dumb: nothing
onpty "'$signoff' ingest --quiet --store '$tmp/t.db' samples/" >"$tmp/pty"
[ -s "$tmp/pty" ] && bad "ingest --quiet printed: $(cat -v "$tmp/pty")" || ok
onpty "'$signoff' check --quiet --period 2026-Q3 --store '$tmp/t.db'" >"$tmp/pty"
grep -q "judged" "$tmp/pty" && bad "check --quiet shows progress" || ok
onpty "TERM=dumb '$signoff' check --json --period 2026-Q3 --store '$tmp/t.db'" >"$tmp/pty"
grep -q "judged" "$tmp/pty" && bad "progress with TERM=dumb" || ok
# a short run shows nothing with the default delay of one second
unset SIGNOFF_PROGRESS_AFTER_MS
onpty "'$signoff' check --json --period 2026-Q3 --store '$tmp/t.db'" >"$tmp/pty"
grep -q "judged" "$tmp/pty" && bad "a run shorter than a second shows progress" || ok

echo "progress: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/usr/bin/env bash
# terminal.sh SIGNOFF SRCDIR: check's tables, its --controls lists and trace's timelines
# fit 80 columns (counted in characters, so names in any script count right); colour
# appears on a terminal only (run under script(1) for a pty), never with NO_COLOR or
# TERM=dumb, never in a pipe; a control character in a record reaches the terminal as
# \xNN, never raw; a long reason wraps under its column and a word too long for any
# line is cut, not left overflowing.
set -u
signoff=$(realpath "$1") src=$(realpath "$2")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-term.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
export LC_ALL=C.UTF-8
widest() { local l n=0; while IFS= read -r l; do l=${l%$'\r'}; [ ${#l} -gt $n ] && n=${#l}; done; echo $n; }
cd "$src" || exit 1
s=samples/
"$signoff" check --period 2026-Q3 $s > "$tmp/t"
w=$(widest < "$tmp/t"); [ "$w" -le 80 ] && ok || bad "check table is $w columns wide"
for fw in soc2 iso27001 fedramp ai-rmf; do
    w=$("$signoff" check --period 2026-Q3 --controls $fw $s | widest)
    [ "$w" -le 80 ] && ok || bad "check --controls $fw is $w columns wide"
done
for id in CVE-2026-44170 CVE-2026-43356 CVE-2026-40123 dec-2026-0914-001 dec-2026-0709-001 CHG-4501 dec-2026-0717-040; do
    w=$("$signoff" trace --period 2026-Q3 "$id" $s | widest)
    [ "$w" -le 80 ] && ok || bad "trace $id is $w columns wide"
done
# every row's columns line up: REASONS starts at the same column in every row
col=$(awk '/^  FINDING/ { print index($0, "REASONS") }' "$tmp/t" | sort -u)
[ "$(echo "$col" | wc -l)" = 1 ] && ok || bad "REASONS column moves: $col"
awk -v c="$col" '/^  FINDING/ { t = 1; next } /^$/ { t = 0 }
    t && /^  [a-z]/ && NF > 2 && substr($0, c - 2, 2) != "  " { bad = 1 } END { exit bad }' "$tmp/t" && ok || bad "a row's reasons do not start at column $col"
grep -q $'\033' "$tmp/t" && bad "escapes in a pipe" || ok

if command -v script > /dev/null; then
    tty() { script -qec "$1" /dev/null < /dev/null; }
    tty "'$signoff' check --period 2026-Q3 $s" > "$tmp/tty"
    grep -q $'\033\[' "$tmp/tty" && ok || bad "no colour on a terminal"
    sed 's/\x1b\[[0-9;]*m//g; s/\r$//' "$tmp/tty" | cmp -s - "$tmp/t" && ok || bad "terminal text differs from the piped text beyond colour"
    NO_COLOR=1 tty "'$signoff' check --period 2026-Q3 $s" > "$tmp/tty"
    grep -q $'\033' "$tmp/tty" && bad "colour despite NO_COLOR" || ok
    NO_COLOR= tty "'$signoff' check --period 2026-Q3 $s" > "$tmp/tty"
    grep -q $'\033\[' "$tmp/tty" && ok || bad "an empty NO_COLOR turned colour off (no-color.org: only when not empty)"
    TERM=dumb tty "'$signoff' check --period 2026-Q3 $s" > "$tmp/tty"
    grep -q $'\033' "$tmp/tty" && bad "colour with TERM=dumb" || ok
    NO_COLOR=1 tty "'$signoff' trace --period 2026-Q3 CVE-2026-43356 $s" > "$tmp/tty"
    grep -q $'\033' "$tmp/tty" && bad "trace coloured despite NO_COLOR" || ok
    tty "'$signoff' check --period 2026-Q3 --json $s" > "$tmp/tty"
    grep -q $'\033' "$tmp/tty" && bad "colour in --json output" || ok
else
    echo "note: script(1) missing; terminal colour not tested"
fi

# hostile and long strings: an escape in an id, a reason list longer than a line, one
# asset id longer than a line
esc='\u001b'
long=$(printf 'svc-%.0s' $(seq 1 30))end
cat > "$tmp/r.jsonl" <<JSON
{"kind":"identity","id":"ops","name":"Ops","human":true}
{"kind":"decision","id":"dec-${esc}[2J-x","agent":"ops","at":"2026-08-01T00:00:00Z","action":"restart","outcome":"act","targets":["unknown-a","unknown-b","unknown-c","unknown-d","unknown-e","$long"],"factors":{"exposure":"low"},"rationale":"r${esc}]0;title${esc}\\\\"}
JSON
"$signoff" check "$tmp/r.jsonl" > "$tmp/h"; rc=$?
[ $rc = 0 ] && ok || bad "check of the hostile records gave $rc"
grep -q $'\033' "$tmp/h" && bad "a raw escape from a record reached the output" || ok
grep -qF 'dec-\x1b[2J-x' "$tmp/h" && ok || bad "the escape is not shown as \\x1b"
w=$(widest < "$tmp/h"); [ "$w" -le 80 ] && ok || bad "hostile table is $w columns wide"
grep -qE '^ {30,}.*unknown-e$' "$tmp/h" && ok || { bad "long reasons did not wrap at a comma"; cat "$tmp/h"; }
[ "$(grep -c 'svc-svc' "$tmp/h")" -ge 2 ] && ok || bad "the over-long asset id was not cut across lines"
"$signoff" trace "dec-"$'\033'"[2J-x" "$tmp/r.jsonl" > "$tmp/h"; rc=$?
[ $rc = 0 ] && ok || bad "trace of the hostile record gave $rc"
grep -q $'\033' "$tmp/h" && bad "a raw escape reached trace's output" || ok
w=$(widest < "$tmp/h"); [ "$w" -le 80 ] && ok || bad "hostile trace is $w columns wide"
"$signoff" trace --json "dec-"$'\033'"[2J-x" "$tmp/r.jsonl" | grep -qF '\u001b' && ok || bad "trace --json no longer escapes as JSON"
echo "$pass passed, $fail failed"
[ $fail = 0 ]

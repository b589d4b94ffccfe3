#!/usr/bin/env bash
# tests/scripts/output_safety.sh SIGNOFF SRCDIR: what signoff writes cannot be turned
# against its reader (issue 11).
# - Terminal: control characters in record text (ESC sequences, a newline, C1 CSI, a bidi
#   override) are escaped in the check and trace tables, the mappings list and error
#   messages, on a terminal (run under script(1)) and in a pipe alike; --json escapes
#   them as SPEC §7 says.
# - XML: an XXE payload in a user mapping file stays text in package.xml and the OSCAL
#   document (libxml2 parses with XML_PARSE_NONET and without entity substitution, and
#   libxslt forbids file and network access), so nothing of /etc/passwd gets in.
# - -o: a symlink planted at the final name is never followed (73; with --force the
#   link itself is replaced and its target untouched), nor one planted at a name of the
#   temporary folder's pattern.
set -u
signoff=$1 src=$(cd "$2" && pwd)
case $signoff in /*) ;; *) signoff=$PWD/$signoff ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-outsafe.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
fail=0
bad() { echo "FAIL: $*"; fail=1; }
# has_raw FILE: FILE holds a raw ESC, C1 CSI (U+009B), U+202E, or CR
has_raw() { LC_ALL=C grep -q $'\x1b\|\xc2\x9b\|\xe2\x80\xae\|\r' "$1"; }

python3 - <<'PY'
import json
esc = "\x1b[2J\x1b]0;owned\x07"
recs = [
    {"kind": "identity", "id": "eve" + esc, "name": "Eve\u202egnp.exe", "human": True},
    {"kind": "agent", "id": "bot\u009b31m"},
    {"kind": "decision", "id": "d1" + esc + "\nfake-finding  forged  -", "agent": "bot\u009b31m",
     "at": "2026-08-01T00:00:00Z", "action": "restart", "outcome": "act", "targets": [],
     "rationale": "ok\r\x1b[1Agone"},
    {"kind": "approval", "id": "a1", "decision": "d1" + esc + "\nfake-finding  forged  -",
     "by": "eve" + esc, "at": "2026-08-01T00:00:00Z", "outcome": "approved"},
]
with open("esc.jsonl", "w") as f:
    for r in recs:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open("bad.jsonl", "w") as f:
    f.write(json.dumps({"kind": "agent", "id": "x", "credential_scope": {"environments": "\x1b[31m"}}) + "\n")
PY
"$signoff" ingest --quiet --store s.db esc.jsonl || bad "ingest failed"

# pipes
"$signoff" check --period 2026-Q3 --store s.db > check.txt; rc=$?
[ $rc = 0 ] || bad "check: exit $rc"
has_raw check.txt && bad "check table holds raw control characters"
grep -qF 'd1\x1b[2J\x1b]0;owned\x07\x0afake-finding  forged  -' check.txt || bad "check table: subject not escaped: $(cat check.txt)"
grep -q '^  fake-finding' check.txt && bad "check table: a record forged a row"
"$signoff" check --json --period 2026-Q3 --store s.db > check.json
grep -qF '"subject":"d1\u001b[2J\u001b]0;owned\u0007\nfake-finding  forged  -"' check.json || bad "check --json: $(head -2 check.json)"
esc_id=$'\x1b[2J\x1b]0;owned\x07\nfake-finding  forged  -'
"$signoff" trace --period 2026-Q3 --store s.db "d1$esc_id" > trace.txt; rc=$?
[ $rc = 0 ] || bad "trace: exit $rc"
has_raw trace.txt && bad "trace holds raw control characters"
grep -qF '"ok\x0d\x1b[1Agone"' trace.txt || bad "trace: rationale not escaped"
grep -qF 'Eve\u202egnp.exe' trace.txt || bad "trace: bidi override not escaped"
grep -qF 'bot\u009b31m' trace.txt || bad "trace: C1 CSI not escaped"
"$signoff" ingest bad.jsonl 2> err.txt; rc=$?
[ $rc = 65 ] || bad "bad record: exit $rc"
has_raw err.txt && bad "an error message holds raw control characters"
[ "$(wc -l < err.txt)" = 1 ] || bad "an error message took $(wc -l < err.txt) lines"
"$signoff" trace --store s.db $'nothing\x1b[2J\nsignoff: forged' 2> err.txt; rc=$?
[ $rc = 66 ] && [ "$(wc -l < err.txt)" = 1 ] && ! has_raw err.txt || bad "trace of a hostile id: rc=$rc, $(wc -l < err.txt) lines"

# a terminal (script(1) runs the command on a pty): with NO_COLOR, the same bytes as in
# a pipe; with colour, nothing raw but signoff's own SGR colour codes
if command -v script > /dev/null; then
    for cmd in "check --period 2026-Q3 --store s.db" \
               "trace --period 2026-Q3 --store s.db $(printf '%q' "d1$esc_id")"; do
        NO_COLOR=1 script -qec "'$signoff' $cmd" /dev/null > tty.txt 2>&1
        tr -d '\r' < tty.txt > tty2.txt   # the pty turns \n into \r\n
        has_raw tty2.txt && bad "$cmd on a terminal holds raw control characters"
        [ "${cmd%% *}" = check ] && { cmp -s tty2.txt check.txt || bad "check on a terminal differs from check in a pipe"; }
        TERM=xterm script -qec "'$signoff' $cmd" /dev/null > tty.txt 2>&1
        tr -d '\r' < tty.txt | sed 's/\x1b\[[0-9;]*m//g' > tty2.txt
        has_raw tty2.txt && bad "$cmd on a colour terminal holds raw control characters besides SGR"
        grep -qF '\x1b[1m' tty2.txt && bad "$cmd on a colour terminal shows its own SGR code escaped"
    done
else
    echo "skip: no script(1): the terminal case is not run"
fi

# an XXE payload in a user mapping file
mkdir -p maps/catalogs
cp "$src/tests/data/map/catalogs/soc2-mini.json" maps/catalogs/
python3 - "$src/tests/data/map/good/soc2.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
xxe = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;<x xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd" parse="text"/></x>'
m["catalog"] = "catalogs/soc2-mini.json"
m["name"] = "SOC 2 " + xxe
m["controls"][0]["title"] = "title " + xxe
json.dump(m, open("maps/soc2.json", "w"))
PY
"$signoff" mappings --check --mappings maps > /dev/null || bad "the XXE mapping file does not pass --check"
"$signoff" report --quiet --format xml,oscal --mappings maps --period 2026-Q3 -o pkg --store s.db 2> err.txt; rc=$?
[ $rc = 0 ] || bad "report with the XXE mapping: exit $rc: $(head -2 err.txt)"
grep -rq 'root:' pkg && bad "/etc/passwd reached the package"
# records holding ESC, BEL, CR: characters XML 1.0 cannot carry are written as \u00XX,
# so package.xml stays well-formed and valid
if command -v xmllint > /dev/null; then
    xmllint --noout --schema "$src/templates/signoff-package.xsd" pkg/package.xml 2> err.txt ||
        bad "package.xml of records with control characters does not validate: $(head -2 err.txt)"
fi
grep -qF 'agent="bot' pkg/package.xml || bad "package.xml: no agent attribute"
grep -qF 'd1\u001b[2J\u001b]0;owned\u0007' pkg/package.xml || bad "package.xml: control characters not written as \\u00XX"
grep -q '&lt;!DOCTYPE x \[&lt;!ENTITY e SYSTEM' pkg/package.xml || bad "package.xml: the payload is not kept as text"
grep -q 'ENTITY e SYSTEM' pkg/oscal-assessment-results.xml || bad "OSCAL: the payload is not kept as text"
grep -q '<!DOCTYPE' pkg/package.xml pkg/oscal-assessment-results.xml && bad "a DOCTYPE reached a package document"
"$signoff" mappings --mappings maps > list.txt || bad "mappings list failed"

# -o and planted symlinks
mkdir victim && echo keep > victim/file
ln -s victim out1
"$signoff" report --quiet --format xml -o out1 --store s.db 2> err.txt; rc=$?
[ $rc = 73 ] || bad "-o onto a planted symlink: exit $rc, want 73"
[ "$(ls victim)" = file ] || bad "the symlink's target was written into"
"$signoff" report --quiet --format xml --force -o out1 --store s.db || bad "--force onto a symlink failed"
[ -L out1 ] && bad "--force left the symlink in place"
[ -f out1/manifest.json ] || bad "--force: no package at out1"
[ "$(ls victim)" = file ] && [ "$(cat victim/file)" = keep ] || bad "--force wrote through the symlink"
# links at names of the temporary folder's pattern (.NAME.tmp-XXXXXX): many, and
# dangling ones; mkdtemp never reuses an existing name, links included
for i in $(seq 1 64); do
    ln -s victim ".out2.tmp-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n' | cut -c1-6)"
    ln -s /nonexistent/x ".out2.tmp-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n' | cut -c1-6)"
done
"$signoff" report --quiet --format xml -o out2 --store s.db || bad "report beside planted links failed"
[ "$(ls victim)" = file ] || bad "a planted temporary-name link was followed"
[ "$(find . -maxdepth 1 -name '.out2.tmp-*' ! -type l | wc -l)" = 0 ] || bad "a temporary folder was left"
"$signoff" verify out2 > /dev/null || bad "the package beside planted links does not verify"

# an input file whose name is not UTF-8 (Latin-1 e-acute): package.xml was not
# well-formed before (libxml2 wrote the byte raw); the byte is now \xE9
mkdir latin && cp "$src"/samples/*.jsonl latin/ && mv latin/10-decisions.jsonl "latin/d$(printf '\351').jsonl"
"$signoff" report --quiet --format xml,oscal --period 2026-Q3 -o pkgl latin/ 2> err.txt ||
    bad "report of a non-UTF-8 file name failed: $(head -2 err.txt)"
if command -v xmllint > /dev/null; then
    xmllint --noout --schema "$src/templates/signoff-package.xsd" pkgl/package.xml 2> err.txt ||
        bad "package.xml of a non-UTF-8 file name does not validate: $(head -2 err.txt)"
fi
grep -qF 'latin/d\xE9.jsonl' pkgl/package.xml || bad "package.xml: a non-UTF-8 byte not written as \\xHH"
"$signoff" verify pkgl > /dev/null || bad "the package of a non-UTF-8 file name does not verify"

[ $fail = 0 ] && echo ok
exit $fail

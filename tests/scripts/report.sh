#!/usr/bin/env bash
# report.sh SIGNOFF SRCDIR: the package is complete or absent (SPEC §6): an existing -o is
# refused with 73, --force replaces it, a read-only parent gives 73 and leaves nothing,
# re-runs are byte-identical, verify catches a changed, a missing and an added file, and
# package.xml validates against the shipped XSD (when xmllint is there).
set -u
signoff=$1 src=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-report.XXXXXX")
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
ex=$src/tests/data/report
in=("$ex/estate.jsonl")

"$signoff" report --quiet --period 2026-Q3 -o "$tmp/a" "${in[@]}"; rc=$?
[ $rc = 0 ] && [ -f "$tmp/a/package.xml" ] && [ -f "$tmp/a/manifest.json" ] && ok || bad "first report rc=$rc"
"$signoff" report --quiet --period 2026-Q3 -o "$tmp/b" "${in[@]}"
for f in package.xml manifest.json oscal-assessment-results.xml report.pdf; do
    [ -f "$tmp/a/$f" ] || continue
    cmp -s "$tmp/a/$f" "$tmp/b/$f" && ok || bad "$f differs between two runs"
done
"$signoff" report --quiet --period 2026-Q3 -o "$tmp/a" "${in[@]}" 2> "$tmp/err"; rc=$?
[ $rc = 73 ] && grep -q 'exists' "$tmp/err" && ok || bad "existing -o gave $rc"
"$signoff" report --quiet --period 2026-Q4 --force -o "$tmp/a" "${in[@]}"; rc=$?
[ $rc = 0 ] && grep -q '2026-Q4' "$tmp/a/package.xml" && ok || bad "--force gave $rc"
ls -a "$tmp" | grep -q '\.tmp-' && bad "a temporary folder was left" || ok
mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
    "$signoff" report --quiet -o "$tmp/ro/x" "${in[@]}" 2> /dev/null; rc=$?
    [ $rc = 73 ] && [ -z "$(ls -A "$tmp/ro")" ] && ok || bad "read-only parent gave $rc"
fi
"$signoff" verify "$tmp/b" > /dev/null && ok || bad "verify of a fresh package failed"
cp -r "$tmp/b" "$tmp/c"; printf ' ' >> "$tmp/c/package.xml"
"$signoff" verify "$tmp/c" 2> "$tmp/err"; rc=$?
[ $rc = 65 ] && grep -q 'changed: package.xml' "$tmp/err" && ok || bad "changed byte: rc=$rc"
cp -r "$tmp/b" "$tmp/d"; rm "$tmp/d/package.xml"
"$signoff" verify "$tmp/d" 2> "$tmp/err"; rc=$?
[ $rc = 65 ] && grep -q 'missing: package.xml' "$tmp/err" && ok || bad "missing file: rc=$rc"
cp -r "$tmp/b" "$tmp/e"; echo x > "$tmp/e/extra.txt"
"$signoff" verify "$tmp/e" 2> "$tmp/err"; rc=$?
[ $rc = 65 ] && grep -q 'added: extra.txt' "$tmp/err" && ok || bad "added file: rc=$rc"
"$signoff" verify "$tmp/nothing" 2> /dev/null; rc=$?
[ $rc = 66 ] && ok || bad "verify of a missing folder gave $rc"
if command -v xmllint > /dev/null && [ -f "$src/templates/signoff-package.xsd" ]; then
    xmllint --noout --schema "$src/templates/signoff-package.xsd" "$tmp/b/package.xml" 2> "$tmp/err" && ok || { bad "package.xml does not validate"; head -5 "$tmp/err"; }
fi
if command -v xmllint > /dev/null && [ -f "$tmp/b/oscal-assessment-results.xml" ] && [ -f "$src/tests/schemas/oscal_assessment-results_schema.xsd" ]; then
    xmllint --noout --schema "$src/tests/schemas/oscal_assessment-results_schema.xsd" "$tmp/b/oscal-assessment-results.xml" 2> "$tmp/err" && ok || { bad "OSCAL does not validate"; head -5 "$tmp/err"; }
fi
"$signoff" report --quiet -o /dev/full/x "${in[@]}" 2> /dev/null; rc=$?
[ $rc = 73 ] && ok || bad "-o under /dev/full gave $rc"
# a failure midway (the OSCAL template missing, after package.xml was written) leaves no
# package and no temporary folder
mkdir "$tmp/dd" && ln -s "$src/mappings" "$tmp/dd/mappings"
SIGNOFF_DATADIR=$tmp/dd "$signoff" report --quiet -o "$tmp/mid" "${in[@]}" 2> "$tmp/err"; rc=$?
[ $rc = 70 ] && [ ! -e "$tmp/mid" ] && ! ls -a "$tmp" | grep -q '\.mid\.tmp-' && ok || bad "midway failure: rc=$rc"
# killed midway, at random points (SIGKILL: no exit hook runs): never a partial package
# under the final name, and a later run succeeds. On a genestate estate, so that the
# kills land in the judgement, package.xml, the OSCAL transform, the manifest and the
# rename; also with --force over an existing package, which must survive whole.
kill_trials=${SIGNOFF_REPORT_KILL_TRIALS:-20}
genestate=$(dirname "$signoff")/tools/genestate
kin=("${in[@]}")
if [ -x "$genestate" ]; then
    "$genestate" --decisions 3000 --seed 3 -o "$tmp/kest" > /dev/null && kin=("$tmp/kest/")
fi
t0=$(date +%s%N)
"$signoff" report --quiet -o "$tmp/kref" "${kin[@]}" || bad "report of the kill estate failed"
full_ns=$(( $(date +%s%N) - t0 ))
RANDOM=11
partial=0 whole=0 absent=0
for i in $(seq 1 "$kill_trials"); do
    rm -rf "$tmp/killed"
    force=()
    if [ $((i % 4)) = 0 ]; then cp -r "$tmp/kref" "$tmp/killed"; force=(--force); fi
    delay_ns=$(( (RANDOM * 32768 + RANDOM) % (full_ns * 15 / 10 + 1) ))
    "$signoff" report --quiet "${force[@]}" -o "$tmp/killed" "${kin[@]}" & pid=$!
    sleep "$(printf '%d.%09d' $((delay_ns / 1000000000)) $((delay_ns % 1000000000)))"
    kill -9 $pid 2> /dev/null; wait $pid 2> /dev/null
    if [ -e "$tmp/killed" ]; then
        if "$signoff" verify "$tmp/killed" > /dev/null 2>&1; then whole=$((whole + 1))
        else partial=$((partial + 1)); bad "kill $i after $((delay_ns / 1000000)) ms: a partial package under the final name"; fi
    else
        absent=$((absent + 1))
    fi
done
echo "report killed $kill_trials times: $whole whole packages, $absent none, $partial partial"
[ $partial = 0 ] && ok
rm -rf "$tmp/killed"
"$signoff" report --quiet -o "$tmp/killed" "${kin[@]}" && "$signoff" verify "$tmp/killed" > /dev/null && ok || bad "a run after killed ones failed"
cmp -s "$tmp/killed/package.xml" "$tmp/kref/package.xml" && ok || bad "the run after killed ones differs from a clean one"
rm -rf "$tmp"/.killed.tmp-* "$tmp/killed" "$tmp/kref" "$tmp/kest"
# an XXE payload in a rationale stays text: nothing of /etc/passwd reaches the package
cat > "$tmp/xxe.jsonl" <<'JSON'
{"kind":"identity","id":"eve","name":"<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;","human":true}
{"kind":"decision","id":"X1","agent":"eve","at":"2026-08-01T00:00:00Z","action":"restart","outcome":"act","targets":[],"factors":{"a":"b"},"rationale":"<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;"}
JSON
"$signoff" report --quiet -o "$tmp/xxe" "$tmp/xxe.jsonl" && ! grep -rq 'root:' "$tmp/xxe" && grep -q '&lt;!DOCTYPE' "$tmp/xxe/package.xml" && ok || bad "XXE payload"
# -o under folders that do not exist yet: they are made
"$signoff" report --quiet -o "$tmp/new/deeper/pkg" "${in[@]}" && [ -f "$tmp/new/deeper/pkg/manifest.json" ] && ok || bad "-o under new folders failed"
echo "$pass passed, $fail failed"
[ $fail = 0 ]

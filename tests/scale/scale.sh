#!/usr/bin/env bash
# scale.sh SIGNOFF GENESTATE N: the scale test of issue 10 (ctest label "scale"). A
# generated estate of N decisions: ingest, re-ingest (a no-op), check --store, check
# FILE... through the private temporary-file store and through the in-memory one, and
# over the same records split into 7 files, on one thread (SIGNOFF_THREADS=1: no second
# connection judging the exposures and a share of the decisions), and with the decisions
# in ranges of 97 (SIGNOFF_RANGE); every check prints the same bytes, as do report's
# package.xml on one thread, on two and in small ranges; and no
# command's peak RSS passes SIGNOFF_SCALE_MAX_KIB (default 256 MiB; /usr/bin/time), but
# the in-memory store, forced past its threshold for the comparison, which is not bounded.
set -u
signoff=$(realpath "$1") genestate=$(realpath "$2") n=${3:-50000}
max_kib=${SIGNOFF_SCALE_MAX_KIB:-262144} # 0: no bound (the sanitizers' shadow memory)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
export SIGNOFF_NOW=2026-10-15T00:00:00Z
timer=/usr/bin/time
[ -x "$timer" ] && [ "$max_kib" -gt 0 ] || timer=""

# run NAME CMD...: stdout to $tmp/NAME.out; checks the exit status (0 or 1) and the RSS
run() {
    local name=$1 rc kib
    shift
    if [ -n "$timer" ]; then
        "$timer" -f "%M" -o "$tmp/$name.rss" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    else
        "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    fi
    rc=$?
    [ $rc -le 1 ] && ok || bad "$name exited $rc: $(head -3 "$tmp/$name.err")"
    if [ -n "$timer" ] && [ "$name" != memory ]; then
        kib=$(tail -1 "$tmp/$name.rss")
        [ "$kib" -le "$max_kib" ] && ok || bad "$name peak RSS $kib KiB > $max_kib KiB"
        echo "scale: $name peak RSS $((kib / 1024)) MiB"
    fi
}

"$genestate" --decisions "$n" -o "$tmp/e" >/dev/null || { echo "genestate failed"; exit 1; }
"$genestate" --decisions "$n" --split 7 -o "$tmp/split" >/dev/null || exit 1
run ingest "$signoff" ingest --store "$tmp/s.db" "$tmp/e"
run reingest "$signoff" ingest --store "$tmp/s.db" "$tmp/e"
grep -q ": 0 new, " "$tmp/reingest.out" && ok || bad "re-ingest stored something: $(cat "$tmp/reingest.out")"
records=$(grep -c . "$tmp/e/base.jsonl" "$tmp/e/estate.jsonl" | awk -F: '{s += $2} END {print s}')
grep -q "ingested $records records" "$tmp/reingest.out" && ok || bad "re-ingest miscounted"
# the decisions' copy of their provenance (schema 2) is their records'
[ "$(sqlite3 -readonly "$tmp/s.db" "SELECT count(*) FROM decision d JOIN record r ON
      r.rid = d.rid WHERE d.source <> r.source OR d.line <> r.line" 2>&1)" = 0 ] && ok ||
    bad "a decision's provenance is not its record's"
run store "$signoff" check --json --period 2026-Q3 --store "$tmp/s.db"
SIGNOFF_THREADS=1 run onethread "$signoff" check --json --period 2026-Q3 --store "$tmp/s.db"
run report "$signoff" report --quiet --period 2026-Q3 --format xml -o "$tmp/r2" --store "$tmp/s.db"
SIGNOFF_THREADS=1 run report1 "$signoff" report --quiet --period 2026-Q3 --format xml \
    -o "$tmp/r1" --store "$tmp/s.db"
cmp -s "$tmp/r1/package.xml" "$tmp/r2/package.xml" && ok ||
    bad "report's package.xml differs on one thread and on two"
# the decisions cut into many small ranges, shared by the two connections
SIGNOFF_RANGE=97 run ranges "$signoff" check --json --period 2026-Q3 --store "$tmp/s.db"
SIGNOFF_RANGE=97 run report97 "$signoff" report --quiet --period 2026-Q3 --format xml \
    -o "$tmp/r97" --store "$tmp/s.db"
cmp -s "$tmp/r1/package.xml" "$tmp/r97/package.xml" && ok ||
    bad "report's package.xml differs with the decisions in ranges of 97"
# the private store as a temporary file (the default past 32 MiB of input) and in memory
SIGNOFF_SPILL_AFTER=0 run spill "$signoff" check --json --period 2026-Q3 "$tmp/e"
SIGNOFF_SPILL_AFTER=1000000000000 run memory "$signoff" check --json --period 2026-Q3 "$tmp/e"
run split "$signoff" check --json --period 2026-Q3 "$tmp/split"
SIGNOFF_SPILL_AFTER=0 run storefile "$signoff" check --json --period 2026-Q3 --store "$tmp/s.db" \
    "$tmp/e/base.jsonl"
[ -s "$tmp/store.out" ] && ok || bad "check found nothing"
for v in onethread ranges spill memory split storefile; do
    cmp -s "$tmp/store.out" "$tmp/$v.out" && ok || bad "check --store and $v differ"
done
echo "scale: $n decisions, $records records, $(wc -l <"$tmp/store.out") findings"
echo "scale: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

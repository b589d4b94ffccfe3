#!/usr/bin/env bash
# tests/scripts/sql_hostile_ids.sh SIGNOFF SRCDIR: ids that would hurt SQL built from
# strings (`'; DROP TABLE`, quotes, LIKE wildcards % and _, a backslash) go through
# ingest, check and trace as plain data: every statement in src/store is prepared with
# bound parameters and no lookup uses LIKE or GLOB. Checks that the tables survive,
# that check --json names each hostile subject exactly, and that `trace %` and
# `trace _` match only the records with those very ids.
set -u
signoff=$1
case $signoff in /*) ;; *) signoff=$PWD/$signoff ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-sql.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
fail=0
bad() { echo "FAIL: $*"; fail=1; }
drop="x'; DROP TABLE record; --"
cat > ids.jsonl <<'EOF2'
{"kind":"agent","id":"bot'); DELETE FROM source; --"}
{"kind":"asset","id":"web\" OR 1=1 --","environment":"production","criticality":"high"}
{"kind":"decision","id":"x'; DROP TABLE record; --","agent":"bot'); DELETE FROM source; --","at":"2026-08-01T00:00:00Z","action":"restart","outcome":"act","targets":["web\" OR 1=1 --"],"change":{"ref":"%"}}
{"kind":"decision","id":"%","agent":"bot'); DELETE FROM source; --","at":"2026-08-01T00:00:00Z","action":"restart","outcome":"act","targets":[],"change":{"ref":"_"}}
{"kind":"decision","id":"_","agent":"bot'); DELETE FROM source; --","at":"2026-08-01T00:00:00Z","action":"restart","outcome":"act","targets":[]}
{"kind":"decision","id":"a\\b","agent":"bot'); DELETE FROM source; --","at":"2026-08-01T00:00:00Z","action":"patch","outcome":"act","targets":[],"vulns":[{"id":"CVE-%"}]}
{"kind":"decision","id":"plain","agent":"bot'); DELETE FROM source; --","at":"2026-08-01T00:00:00Z","action":"restart","outcome":"act","targets":[]}
{"kind":"exposure","id":"%_%","vuln":"CVE-%","asset":"_","first_seen":"2026-01-01T00:00:00Z"}
{"kind":"approval","id":"';","change_ref":"%","by":"_","at":"2026-08-01T00:00:00Z","outcome":"approved"}
EOF2
"$signoff" ingest --quiet --store s.db ids.jsonl || bad "ingest of hostile ids failed"
# the same again: duplicates found by bound lookups, nothing new
"$signoff" ingest --store s.db ids.jsonl > out || bad "re-ingest failed"
grep -q ': 0 new, 9 already stored' out || bad "re-ingest: $(cat out)"
if command -v sqlite3 > /dev/null; then
    [ "$(sqlite3 s.db 'SELECT count(*) FROM record')" = 9 ] || bad "record table lost rows"
    [ "$(sqlite3 s.db 'SELECT count(*) FROM source')" = 1 ] || bad "source table lost rows"
    [ "$(sqlite3 s.db 'PRAGMA integrity_check')" = ok ] || bad "integrity_check"
fi
"$signoff" check --json --period 2026-Q3 --store s.db > check.json || bad "check failed"
for id in "$drop" "%" "_" 'a\\b' plain; do
    grep -qF "\"subject\":\"$id\"" check.json || bad "check --json has no finding for \"$id\""
done
# trace matches ids exactly: % and _ are not wildcards
"$signoff" trace --json --period 2026-Q3 --store s.db % > t.json || bad "trace % failed"
subjects=$(grep -o '"subject":"[^"]*"' t.json | sort -u | tr '\n' ' ')
[ "$subjects" = '"subject":"%" "subject":"x'\''; DROP TABLE record; --" ' ] ||
    bad "trace % matched: $subjects (want the decision % and the change ref %)"
"$signoff" trace --json --period 2026-Q3 --store s.db _ > t.json || bad "trace _ failed"
subjects=$(grep -o '"subject":"[^"]*"' t.json | sort -u | tr '\n' ' ')
[ "$subjects" = '"subject":"%" "subject":"_" ' ] || bad "trace _ matched: $subjects"
"$signoff" trace --period 2026-Q3 --store s.db "$drop" > t.txt || bad "trace of the DROP id failed"
grep -qF "change $drop (matched as decision id)" t.txt || bad "trace DROP: $(head -3 t.txt)"
"$signoff" trace --json --period 2026-Q3 --store s.db 'CVE-%' > t.json || bad "trace CVE-% failed"
grep -q '"subject":"%_%","match":"exposure"' t.json || bad "trace CVE-%: no exposure %_%"
"$signoff" trace --store s.db "' OR '1'='1" > /dev/null 2> err; rc=$?
[ $rc = 66 ] && grep -qF "no record matches \"' OR '1'='1\"" err || bad "trace of an injection: rc=$rc $(cat err)"
"$signoff" trace --store s.db "p%" > /dev/null 2> err; rc=$?
[ $rc = 66 ] || bad "trace p% matched something (rc=$rc)"
[ "$(sqlite3 s.db 'SELECT count(*) FROM record' 2> /dev/null || echo 9)" = 9 ] || bad "records lost after check and trace"
[ $fail = 0 ] && echo ok
exit $fail

#!/usr/bin/env bash
# tests/scripts/store_schema1.sh SIGNOFF SRCDIR: a store written before schema 2 (the
# decisions' facts stored at ingest, src/store/schema.h). tests/data/store-v1.sql is the
# dump of the shipped samples ingested by signoff at schema 1 (commit 540dc28). Such a
# store is read as it is by check and report (read-only: it stays at 1), its private copy
# (check FILE... --store) is upgraded in memory, and the first ingest brings it to 2
# without changing a stored record. Every way gives the findings a fresh store gives.
set -u
signoff=$1 src=$2
case $signoff in /*) ;; *) signoff=$PWD/$signoff ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-schema1.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
if ! command -v sqlite3 > /dev/null; then echo "FAIL: sqlite3 (the CLI) is needed"; exit 1; fi
export SIGNOFF_NOW=2026-10-15T00:00:00Z
schema() { sqlite3 -readonly "$1" "SELECT value FROM meta WHERE key = 'schema'"; }
records() { sqlite3 -readonly "$1" "SELECT kind, id, json FROM record ORDER BY rid" | sha256sum; }

cd "$src" || exit 2
sqlite3 "$tmp/v1.db" < tests/data/store-v1.sql || exit 2
[ "$(schema "$tmp/v1.db")" = 1 ] || bad "the fixture is not at schema 1"
before=$(records "$tmp/v1.db")

# the reference: the same samples in a fresh store
"$signoff" ingest --quiet --store "$tmp/v2.db" samples/ || bad "ingest into a fresh store"
[ "$(schema "$tmp/v2.db")" = 2 ] || bad "a fresh store is not at schema 2"
"$signoff" check --json --period 2026-Q3 --store "$tmp/v2.db" > "$tmp/want.json" ||
    bad "check of the fresh store"
[ -s "$tmp/want.json" ] || bad "no findings from the samples"

# read-only: check and report read schema 1 as it is
"$signoff" check --json --period 2026-Q3 --store "$tmp/v1.db" > "$tmp/ro.json"
cmp -s "$tmp/want.json" "$tmp/ro.json" || bad "check of a schema-1 store differs"
"$signoff" report --quiet --period 2026-Q3 --format xml --force -o "$tmp/pkg1" \
    --store "$tmp/v1.db" || bad "report of a schema-1 store"
"$signoff" report --quiet --period 2026-Q3 --format xml --force -o "$tmp/pkg2" \
    --store "$tmp/v2.db" || bad "report of a fresh store"
cmp -s "$tmp/pkg1/package.xml" "$tmp/pkg2/package.xml" ||
    bad "package.xml of a schema-1 store differs"
[ "$(schema "$tmp/v1.db")" = 1 ] || bad "a read-only run changed the store's schema"

# a private copy with FILEs: upgraded in memory, the store itself untouched
"$signoff" check --json --period 2026-Q3 --store "$tmp/v1.db" samples/10-decisions.jsonl \
    > "$tmp/copy.json"
cmp -s "$tmp/want.json" "$tmp/copy.json" || bad "check FILE --store of a schema-1 store differs"
[ "$(schema "$tmp/v1.db")" = 1 ] || bad "check FILE --store changed the store's schema"

# ingest upgrades: nothing new, every record as it was, schema 2, the same findings
cp "$tmp/v1.db" "$tmp/v1w.db"
out=$("$signoff" ingest --store "$tmp/v1w.db" samples/ 2>&1) || bad "ingest into a schema-1 store: $out"
case $out in *"0 new, 195 already stored"*) ;; *) bad "ingest into a schema-1 store said: $out" ;; esac
[ "$(schema "$tmp/v1w.db")" = 2 ] || bad "ingest did not bring the store to schema 2"
[ "$(records "$tmp/v1w.db")" = "$before" ] || bad "the upgrade changed stored records"
[ "$(sqlite3 "$tmp/v1w.db" 'PRAGMA integrity_check')" = ok ] || bad "integrity_check after the upgrade"
"$signoff" check --json --period 2026-Q3 --store "$tmp/v1w.db" > "$tmp/up.json"
cmp -s "$tmp/want.json" "$tmp/up.json" || bad "check after the upgrade differs"
# the upgraded store's facts and provenance are those a fresh ingest stored
facts="SELECT d.id, d.facts, d.tier, s.path, d.line FROM decision d JOIN source s ON s.id = d.source ORDER BY d.id"
f1=$(sqlite3 "$tmp/v1w.db" "$facts" | sha256sum)
f2=$(sqlite3 "$tmp/v2.db" "$facts" | sha256sum)
[ "$f1" = "$f2" ] || bad "the upgrade's facts differ from a fresh ingest's"
for db in v1w v2; do
    [ "$(sqlite3 "$tmp/$db.db" "SELECT count(*) FROM decision d JOIN record r ON r.rid = d.rid
         WHERE d.source <> r.source OR d.line <> r.line")" = 0 ] ||
        bad "$db: a decision's provenance is not its record's"
done

[ $fail -eq 0 ] && echo "ok: schema-1 store read, copied and upgraded"
exit $fail

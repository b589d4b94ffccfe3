#!/usr/bin/env bash
# tests/scripts/ingest_store_full.sh SIGNOFF SRCDIR: the store cannot grow in the middle
# of an ingest (a file-size limit stands in for a full disk). The run stops with 74 and
# the store's message (SPEC §7), nothing of the failed ingest is stored (SPEC §8: one
# transaction), and the pipeline's threads stop with every batch freed, whichever
# stage each batch is in (under the sanitizers a leak fails the run). Exit 0 = pass.
set -u
signoff=$1
case $signoff in /*) ;; *) signoff=$PWD/$signoff ;; esac
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-full.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
export SIGNOFF_NOW=2026-10-15T00:00:00Z

bad() { echo "FAIL: $*"; fail=1; }

# 7 000 distinct identities of 3 KiB each, about 21 MiB: more than SQLite's 16 MiB page
# cache, so that the store is written to, and fails, while batches are still being read,
# parsed and freed (a smaller store fails only at the commit, after the pipeline)
awk 'BEGIN { pad = sprintf("%3000s", ""); gsub(/ /, "x", pad)
    for (i = 0; i < 7000; i++)
    printf "{\"kind\":\"identity\",\"id\":\"u-%06d\",\"human\":true,\"name\":\"Person %d %s\"}\n", i, i, pad }' \
    > people.jsonl

for threads in 1 2; do
    for limit in 4096; do
        rm -f s.db s.db-journal
        # the store and its schema exist before the limit: only the ingest can fail
        "$signoff" ingest --store s.db /dev/null > /dev/null 2>&1
        (
            trap '' XFSZ
            ulimit -f "$limit"
            SIGNOFF_THREADS=$threads "$signoff" ingest --store s.db people.jsonl
        ) > out 2> err
        rc=$?
        what="threads $threads, limit $limit KiB"
        [ "$rc" = 74 ] || { bad "$what: exit $rc, want 74"; sed 's/^/  stderr: /' err | head -5; }
        # "insert": the store failed during the load, not at the commit
        grep -q '^signoff: store "s.db": insert: ' err || bad "$what: no insert message: $(head -2 err)"
        [ -s out ] && bad "$what: a summary was printed for a failed ingest: $(cat out)"
        # nothing of it was kept: the same file is all new
        SIGNOFF_THREADS=$threads "$signoff" ingest --store s.db people.jsonl > out 2> err
        rc=$?
        [ "$rc" = 0 ] || bad "$what: ingest after the failure: exit $rc: $(head -2 err)"
        grep -q ': 7000 new, 0 already stored' out || bad "$what: after the failure: $(cat out)"
    done
done
exit $fail

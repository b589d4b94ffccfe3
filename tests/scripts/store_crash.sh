#!/usr/bin/env bash
# tests/scripts/store_crash.sh SIGNOFF SRCDIR: crash safety of the store (SPEC §8 "An
# ingest is one transaction"; STYLE "Atomic output").
# 1. SIGKILL: a large ingest (tools/genestate) into a store that already holds a base
#    estate is killed with SIGKILL at a random moment, TRIALS times (default 50). After
#    each kill the store must open (signoff check), pass PRAGMA integrity_check, and
#    hold either all of the ingest or none of it (record and source counts, and the
#    digest of the records' canonical JSON).
# 2. Full disk: the store on a small tmpfs (a private mount namespace: `unshare -rm`,
#    no root needed where user namespaces are allowed; as root, `unshare -m`). An ingest
#    that fills it exits 74 with a message and leaves the store as it was. Where no
#    mount is possible, RLIMIT_FSIZE (`ulimit -f`) stands in for the full disk, and the
#    script says so: the write fails with EFBIG instead of ENOSPC, the same path in
#    SQLite and in signoff (SIGXFSZ is ignored by signoff).
# Environment: SIGNOFF_CRASH_TRIALS (50), SIGNOFF_CRASH_DECISIONS (8000; 3000 under ASan).
set -u
signoff=$1 src=$2
case $signoff in /*) ;; *) signoff=$PWD/$signoff ;; esac
trials=${SIGNOFF_CRASH_TRIALS:-50}
decisions=${SIGNOFF_CRASH_DECISIONS:-8000}
# a sanitizer build ingests several times slower: a smaller estate keeps the 50 trials
# within a minute or so
if [ -z "${SIGNOFF_CRASH_DECISIONS:-}" ] && nm "$signoff" 2> /dev/null | grep -q __asan_init; then
    decisions=3000
fi
genestate=$(dirname "$signoff")/tools/genestate
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-crash.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
if [ ! -x "$genestate" ]; then echo "skip: no $genestate"; exit 0; fi
if ! command -v sqlite3 > /dev/null; then echo "FAIL: sqlite3 (the CLI) is needed"; exit 1; fi

"$genestate" --decisions "$decisions" --seed 7 -o "$tmp/big" > /dev/null || exit 2

# counts and a digest of what the store holds
state() {
    sqlite3 -readonly "$1" "SELECT count(*) FROM record; SELECT count(*) FROM source;
                  SELECT json FROM record ORDER BY rid;" | sha256sum | cut -c1-16
}
# the base: the estate's identities, agents, assets and policies; the ingest: the rest
"$signoff" ingest --quiet --store "$tmp/base.db" "$tmp/big/base.jsonl" || exit 2
none=$(state "$tmp/base.db")
cp "$tmp/base.db" "$tmp/all.db"
start=$(date +%s%N)
"$signoff" ingest --quiet --store "$tmp/all.db" "$tmp/big/estate.jsonl" || exit 2
full_ns=$(( $(date +%s%N) - start ))
all=$(state "$tmp/all.db")
[ "$none" != "$all" ] || bad "the ingest changed nothing"
echo "one full ingest: $((full_ns / 1000000)) ms, $(wc -l < "$tmp/big/estate.jsonl") records"

# 1. SIGKILL at random points over 0 .. 1.5 x the time of a full ingest (a loaded machine
#    runs slower than the timed run; late kills also hit the commit and the exit)
n_none=0 n_all=0 n_done=0 n_hot=0
RANDOM=42
for i in $(seq 1 "$trials"); do
    cp "$tmp/base.db" "$tmp/t.db"
    rm -f "$tmp/t.db-journal"
    delay_ns=$(( (RANDOM * 32768 + RANDOM) % (full_ns * 15 / 10 + 1) ))
    "$signoff" ingest --quiet --store "$tmp/t.db" "$tmp/big/estate.jsonl" &
    pid=$!
    sleep "$(printf '%d.%09d' $((delay_ns / 1000000000)) $((delay_ns % 1000000000)))"
    kill -KILL $pid 2> /dev/null
    wait $pid 2> /dev/null
    rc=$?
    [ $rc = 0 ] && n_done=$((n_done + 1))
    [ -s "$tmp/t.db-journal" ] && n_hot=$((n_hot + 1))
    [ $rc = 0 ] || [ $rc = 137 ] || bad "trial $i: ingest exited $rc"
    # the store opens (a hot journal is rolled back here) and reads
    "$signoff" check --json --store "$tmp/t.db" > /dev/null 2> "$tmp/err"
    rc=$?
    [ $rc = 0 ] || bad "trial $i: check on the store after the kill: exit $rc: $(head -c 300 "$tmp/err")"
    # read-only from here: what a reader sees once signoff opened the store (a journal
    # SQLite left behind that is not hot changes nothing for a reader)
    ic=$(sqlite3 -readonly "$tmp/t.db" 'PRAGMA integrity_check' 2>&1)
    [ "$ic" = ok ] || bad "trial $i: integrity_check: $ic"
    s=$(state "$tmp/t.db")
    if [ "$s" = "$none" ]; then n_none=$((n_none + 1))
    elif [ "$s" = "$all" ]; then n_all=$((n_all + 1))
    else bad "trial $i (killed after $((delay_ns / 1000000)) ms): the store holds part of the ingest"
    fi
done
echo "SIGKILL: $trials trials: $n_none held none of the ingest, $n_all all of it ($n_done had finished; $n_hot left a journal to roll back)"
[ $n_none -gt 0 ] || bad "no kill landed before the commit: the trials proved nothing"

# a killed ingest can be redone
cp "$tmp/base.db" "$tmp/t.db"
"$signoff" ingest --quiet --store "$tmp/t.db" "$tmp/big/estate.jsonl" & pid=$!
sleep "$(printf '0.%03d' $(( full_ns / 2000000 % 1000 )))"; kill -KILL $pid 2> /dev/null; wait $pid 2> /dev/null
"$signoff" ingest --quiet --store "$tmp/t.db" "$tmp/big/estate.jsonl" || bad "ingest after a killed one failed"
[ "$(state "$tmp/t.db")" = "$all" ] || bad "ingest after a killed one: the store differs from one clean ingest"

# 2. full disk
cat > "$tmp/full.sh" <<'INNER'
# runs in a private mount namespace (or under ulimit -f): $1 signoff, $2 tmp, $3 mode
signoff=$1 tmp=$2 mode=$3
fail=0
bad() { echo "FAIL: full disk ($mode): $*"; fail=1; }
state() {
    sqlite3 "$1" "SELECT count(*) FROM record; SELECT count(*) FROM source;
                  SELECT json FROM record ORDER BY rid;" | sha256sum | cut -c1-16
}
d=$tmp/small
mkdir -p "$d"
if [ "$mode" = tmpfs ]; then
    mount -t tmpfs -o size=3m tmpfs "$d" || exit 3
    run() { "$signoff" "$@"; }
else
    # 3 MiB as the largest file any write may make (bash counts 1024-byte blocks)
    run() { (ulimit -f 3072; exec "$signoff" "$@"); }
fi
cp "$tmp/base.db" "$d/s.db"
before=$(state "$d/s.db")
run ingest --store "$d/s.db" "$tmp/big/estate.jsonl" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc = 74 ] || bad "ingest filling the disk: exit $rc, want 74"
grep -q '^signoff: ' "$tmp/err" || bad "no message: $(cat "$tmp/err")"
echo "full disk ($mode): exit $rc: $(head -1 "$tmp/err")"
[ -e "$d/s.db-journal" ] && bad "journal left behind"
ic=$(sqlite3 "$d/s.db" 'PRAGMA integrity_check' 2>&1)
[ "$ic" = ok ] || bad "integrity_check: $ic"
[ "$(state "$d/s.db")" = "$before" ] || bad "the store changed"
"$signoff" check --json --store "$d/s.db" > /dev/null || bad "check on the store after a full disk failed"
# a new store that cannot be completed: 74 or 73, and no half store is left as valid
run ingest --store "$d/new.db" "$tmp/big/estate.jsonl" > /dev/null 2> "$tmp/err"
rc=$?
[ $rc = 74 ] || [ $rc = 73 ] || bad "new store filling the disk: exit $rc"
if [ -e "$d/new.db" ]; then
    n=$(sqlite3 "$d/new.db" 'SELECT count(*) FROM record' 2>&1)
    [ "$n" = 0 ] || bad "a failed new store holds $n records"
fi
[ "$mode" = tmpfs ] && umount "$d"
exit $fail
INNER
mode=
if unshare -rm true 2> /dev/null; then
    unshare -rm bash "$tmp/full.sh" "$signoff" "$tmp" tmpfs; rc=$?; mode=tmpfs
    if [ $rc = 3 ]; then mode=; fi
elif [ "$(id -u)" = 0 ] && unshare -m true 2> /dev/null; then
    unshare -m bash "$tmp/full.sh" "$signoff" "$tmp" tmpfs; rc=$?; mode=tmpfs
    if [ $rc = 3 ]; then mode=; fi
fi
if [ -z "$mode" ]; then
    echo "note: no tmpfs can be mounted here: RLIMIT_FSIZE (ulimit -f) stands in for a full disk"
    bash "$tmp/full.sh" "$signoff" "$tmp" fsize; rc=$?
fi
[ $rc = 0 ] || fail=1
# RLIMIT_FSIZE as well, wherever it runs: the same 74 through EFBIG
if [ "$mode" = tmpfs ]; then bash "$tmp/full.sh" "$signoff" "$tmp" fsize || fail=1; fi

[ $fail = 0 ] && echo ok
exit $fail

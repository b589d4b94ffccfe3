#!/usr/bin/env bash
# tests/scripts/ingest_atomic.sh SIGNOFF SRCDIR: an ingest is one transaction (SPEC §8,
# STYLE "Atomic output"). A batch whose last record is bad leaves the store byte-identical
# and intact; a read-only store or directory gives 73/74 with a message and no change;
# writing to a full device gives 74 (SPEC §7), and so does a store that fills in the
# middle of an ingest, keeping nothing. As root, the read-only cases run as
# nobody (setpriv), since root ignores permission bits. Exit 0 = pass.
set -u
signoff=$1
case $signoff in /*) ;; *) signoff=$PWD/$signoff ;; esac
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-atomic.XXXXXX") || exit 2
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
cd "$tmp" || exit 2

bad() { echo "FAIL: $*"; fail=1; }

# run EXPECTED-RC CMD...: runs CMD with stdout and stderr in $tmp/out, $tmp/err
run() {
    local want=$1
    shift
    "$@" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if [ "$rc" -ge 128 ]; then bad "crashed with signal $((rc - 128)): $*"; fi
    if [ "$rc" != "$want" ]; then
        bad "exit $rc, want $want: $*"
        sed 's/^/  stderr: /' "$tmp/err" | head -5
    fi
}

cat > good.jsonl <<'EOF'
{"kind":"agent","id":"bot"}
{"kind":"identity","id":"alice","name":"Alice","human":true}
{"kind":"asset","id":"web","environment":"production","criticality":"high"}
{"kind":"decision","id":"d1","agent":"bot","at":"2026-07-01T00:00:00Z","action":"restart","outcome":"act","targets":["web"]}
EOF
cat > batch1.jsonl <<'EOF'
{"kind":"agent","id":"bot2"}
{"kind":"approval","id":"a1","decision":"d1","by":"alice","at":"2026-07-01T00:00:00Z","outcome":"approved"}
EOF
# the last record of the second file is bad
cat > batch2.jsonl <<'EOF'
{"kind":"decision","id":"d2","agent":"bot2","at":"2026-07-02T00:00:00Z","action":"patch","outcome":"defer","targets":["web"]}
{"kind":"exposure","id":"e1","vuln":"CVE-2026-0001","asset":"web","first_seen":"2026-07-01T00:00:00Z"}
{"kind":"notification","id":"n1","decision":"d2","to":"alice","at":"2026-07-02T00:00:00Z","veto_window":"PT0S"}
EOF
cat > new.jsonl <<'EOF'
{"kind":"agent","id":"bot3"}
EOF

# 1. a good ingest
run 0 "$signoff" ingest --quiet --store "$tmp/s.db" good.jsonl
[ -s "$tmp/out" ] && bad "--quiet printed: $(cat "$tmp/out")"
cp s.db s.copy

# 2. a failed batch leaves the store byte-identical
run 65 "$signoff" ingest --store "$tmp/s.db" batch1.jsonl batch2.jsonl
want='batch2.jsonl:3: "veto_window" must be longer than zero'
[ "$(cat "$tmp/err")" = "$want" ] || bad "stderr: $(cat "$tmp/err"), want: $want"
[ -s "$tmp/out" ] && bad "a failed ingest printed on stdout: $(cat "$tmp/out")"
cmp -s s.db s.copy || bad "store changed by a failed ingest"
for j in s.db-journal s.db-wal s.db-shm; do [ -e "$j" ] && bad "$j left behind"; done
ic=$(sqlite3 s.db 'PRAGMA integrity_check' 2>&1)
[ "$ic" = ok ] || bad "integrity_check: $ic"
n=$(sqlite3 s.db 'SELECT count(*) FROM record')
[ "$n" = 4 ] || bad "store holds $n records, want 4"
n=$(sqlite3 s.db 'SELECT count(*) FROM source')
[ "$n" = 1 ] || bad "store holds $n sources, want 1"

# the same batch without its bad record goes in
head -n 2 batch2.jsonl > batch2-good.jsonl
run 0 "$signoff" ingest --quiet --store "$tmp/s.db" batch1.jsonl batch2-good.jsonl
n=$(sqlite3 s.db 'SELECT count(*) FROM record')
[ "$n" = 8 ] || bad "store holds $n records after the good batch, want 8"
cp s.db s.copy

# 3. read-only store file and directory: 73 or 74, a message, no change
as_user=()
if [ "$(id -u)" = 0 ]; then
    if command -v setpriv > /dev/null; then
        as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
        chown -R 65534:65534 "$tmp"
    else
        echo "skip: running as root without setpriv: read-only cases not run"
        as_user=(skip)
    fi
fi
if [ "${as_user[0]:-}" != skip ]; then
    # a read-only store file in a writable directory
    chmod 444 s.db
    run_ro() {
        "${as_user[@]}" "$signoff" "$@" > "$tmp/out" 2> "$tmp/err"
        rc=$?
        if [ "$rc" != 73 ] && [ "$rc" != 74 ]; then
            bad "exit $rc, want 73 or 74: signoff $*"
            sed 's/^/  stderr: /' "$tmp/err" | head -5
        fi
        grep -q '^signoff: ' "$tmp/err" || bad "no \"signoff: \" message for: signoff $*"
        [ "$(wc -l < "$tmp/err")" -ge 1 ] || bad "no message for: signoff $*"
    }
    run_ro ingest --store "$tmp/s.db" new.jsonl
    cmp -s s.db s.copy || bad "read-only store changed"
    for j in s.db-journal s.db-wal s.db-shm; do [ -e "$j" ] && bad "$j left behind"; done
    chmod 644 s.db

    # an existing store in a read-only directory (no journal can be created)
    mkdir ro
    cp s.db ro/s.db
    [ ${#as_user[@]} -gt 0 ] && chown -R 65534:65534 ro
    chmod 555 ro
    run_ro ingest --store "$tmp/ro/s.db" new.jsonl
    cmp -s ro/s.db s.copy || bad "store in a read-only directory changed"
    [ "$(ls ro)" = s.db ] || bad "read-only directory holds: $(ls ro)"

    # a new store in a read-only directory: 73, nothing created
    "${as_user[@]}" "$signoff" ingest --store "$tmp/ro/new.db" new.jsonl > out 2> err
    rc=$?
    [ "$rc" = 73 ] || bad "new store in a read-only directory: exit $rc, want 73 ($(cat err))"
    grep -q '^signoff: ' err || bad "no message for a new store in a read-only directory"
    [ -e ro/new.db ] && bad "ro/new.db created"
    chmod 755 ro

    # check reads a read-only store fine
    chmod 444 s.db
    "${as_user[@]}" "$signoff" check --json --store "$tmp/s.db" > out 2> err
    rc=$?
    [ "$rc" = 0 ] || bad "check on a read-only store: exit $rc ($(cat err))"
    cmp -s s.db s.copy || bad "check changed the store"
    chmod 644 s.db
fi

# 4. /dev/full: 74
if [ -w /dev/full ]; then
    "$signoff" check --json --store "$tmp/s.db" > /dev/full 2> err
    rc=$?
    [ "$rc" = 74 ] || bad "check --json > /dev/full: exit $rc, want 74"
    grep -q '^signoff: ' err || bad "check --json > /dev/full: no message"
    "$signoff" check --store "$tmp/s.db" > /dev/full 2> err
    rc=$?
    [ "$rc" = 74 ] || bad "check (table) > /dev/full: exit $rc, want 74"
    "$signoff" ingest good.jsonl > /dev/full 2> err
    rc=$?
    [ "$rc" = 74 ] || bad "ingest (validate) > /dev/full: exit $rc, want 74"
    "$signoff" --version > /dev/full 2> err
    rc=$?
    [ "$rc" = 74 ] || bad "--version > /dev/full: exit $rc, want 74"
    cmp -s s.db s.copy || bad "store changed by check"
else
    echo "skip: no writable /dev/full"
fi

# 5. the store fills in the middle of an ingest (a file-size limit stands in for a full
# disk): 74 with the store's message, nothing kept, and the pipeline's threads stop with
# every batch freed, whatever stage each is in (under the sanitizers a leak fails it).
# 7 000 identities of 3 KiB, about 21 MiB: more than SQLite's 16 MiB page cache, so the
# store is written to, and fails, while batches are still read, parsed and freed (a
# smaller store would fail only at the commit, after the pipeline).
awk 'BEGIN { pad = sprintf("%3000s", ""); gsub(/ /, "x", pad)
    for (i = 0; i < 7000; i++)
    printf "{\"kind\":\"identity\",\"id\":\"u-%06d\",\"human\":true,\"name\":\"Person %d %s\"}\n", i, i, pad }' \
    > people.jsonl
for threads in 1 2; do
    rm -f full.db full.db-journal
    # the store and its schema exist before the limit: only the ingest can fail
    run 0 "$signoff" ingest --store full.db /dev/null
    run 74 bash -c 'trap "" XFSZ; ulimit -f 4096; exec "$@"' limit \
        env SIGNOFF_THREADS=$threads "$signoff" ingest --store full.db people.jsonl
    # "insert": the store failed during the load, not at the commit
    grep -q '^signoff: store "full.db": insert: ' "$tmp/err" ||
        bad "full store, $threads thread(s): no insert message: $(head -2 "$tmp/err")"
    [ -s "$tmp/out" ] && bad "full store, $threads thread(s): a summary: $(cat "$tmp/out")"
    # nothing of it was kept: the same file is all new
    run 0 env SIGNOFF_THREADS=$threads "$signoff" ingest --store full.db people.jsonl
    grep -q ': 7000 new, 0 already stored' "$tmp/out" ||
        bad "full store, $threads thread(s): afterwards: $(cat "$tmp/out")"
done

[ $fail = 0 ] && echo ok
exit $fail

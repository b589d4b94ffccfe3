#!/usr/bin/env bash
# tests/scripts/hostile.sh SIGNOFF SRCDIR: input crafted to hurt (issue 11). Each case
# must give its documented exit code and a clear message, within bounded time (every run
# is under `timeout`) and memory (the peak RSS of the heavy cases is measured with
# /usr/bin/time when present). The caps are those of include/signoff/limits.h (README
# "Input limits"). Big inputs are sparse files or pipes made on the fly: nothing big is
# committed and little is written to disk.
set -u
signoff=$1 src=$2
case $signoff in /*) ;; *) signoff=$PWD/$signoff ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-hostile.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
fail=0 pass=0
bad() { echo "FAIL: $*"; fail=1; }
# sanitizer builds are several times slower
limit=60 asan=0
nm -C "$signoff" 2> /dev/null | grep -q __asan_init && limit=240 asan=1
have_time=0
[ -x /usr/bin/time ] && have_time=1

# expect RC PATTERN CMD...: runs signoff CMD under timeout; wants exit RC and a line of
# stderr matching the extended regex PATTERN ('' for none); every stderr line must be a
# message ("FILE:LINE: ..." or "signoff: ...") and no crash may pass.
expect() {
    local want=$1 pat=$2
    shift 2
    if [ $have_time = 1 ]; then
        timeout -s KILL $limit /usr/bin/time -o "$tmp/rss" -f '%M' "$signoff" "$@" \
            > "$tmp/out" 2> "$tmp/err" < /dev/null
    else
        timeout -s KILL $limit "$signoff" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
    fi
    rc=$?
    grep -v '^Command exited with non-zero status' "$tmp/err" > "$tmp/err2"
    mv "$tmp/err2" "$tmp/err"
    if [ $rc = 137 ]; then bad "over $limit s: signoff $*"; return; fi
    if [ $rc -ge 128 ]; then bad "crashed (signal $((rc - 128))): signoff $*"; return; fi
    if [ "$rc" != "$want" ]; then
        bad "exit $rc, want $want: signoff $*"
        head -3 "$tmp/err" | sed 's/^/  stderr: /'
        return
    fi
    if [ -n "$pat" ] && ! grep -Eq -- "$pat" "$tmp/err"; then
        bad "stderr does not match /$pat/: signoff $*"
        head -3 "$tmp/err" | sed 's/^/  stderr: /'
        return
    fi
    if grep -qvE '^(signoff: |Try |.+:[0-9]+: |.+: )' "$tmp/err"; then
        bad "a stderr line is not a message: signoff $*"
        return
    fi
    pass=$((pass + 1))
}
# rss_below KB WHAT: the last run's peak RSS is below KB
rss_below() {
    [ $have_time = 1 ] || return 0
    local kb
    local want=$1
    # ASan's shadow memory and its 256 MiB quarantine: twice the bound, plus 512 MiB
    [ $asan = 1 ] && want=$(($1 * 2 + 524288))
    kb=$(tail -1 "$tmp/rss")
    echo "  $2: peak RSS $((kb / 1024)) MiB"
    [ "$kb" -lt "$want" ] || bad "$2: peak RSS ${kb} KB, want < $want KB"
}

agent='{"kind":"agent","id":"bot"}'

# -- nesting: 100 000 levels, in every kind of file ------------------------------------
python3 -c 'print("[" * 100000 + "]" * 100000)' > deep.jsonl
cp deep.jsonl deep.json
expect 65 '^deep.jsonl:1: invalid JSON: maximum parsing depth' ingest deep.jsonl
expect 65 '^deep.json:1: invalid JSON: maximum parsing depth' ingest deep.json
python3 -c 'print("{\"kind\":\"agent\",\"id\":\"x\",\"n\":" + "[" * 33 + "]" * 33 + "}")' > deep33.jsonl
expect 65 '^deep33.jsonl:1: nested too deeply \(limit 32\)' ingest deep33.jsonl
expect 65 '^deep.json:1: invalid JSON: maximum parsing depth' check --settings deep.json deep33.jsonl
expect 65 'maximum parsing depth' import --format dependabot deep.json
mkdir deepmap && cp deep.json deepmap/x.json
expect 65 '^deepmap/x.json:1: invalid JSON: maximum parsing depth' mappings --check --mappings deepmap

# -- a 1 GB line: a pipe, and sparse files (read up to the cap, then refused) -----------
expect 65 '^/dev/fd/[0-9]+:1: line longer than 1 MiB' ingest <(head -c 1000000000 /dev/zero | tr '\0' x)
rss_below 204800 "1 GB line from a pipe"
truncate -s 1000000000 huge.jsonl huge.json
expect 65 '^huge.jsonl:1: line longer than 1 MiB' ingest huge.jsonl
expect 65 '^huge.json:1: file larger than 256 MiB' ingest huge.json
rss_below 819200 "1 GB .json (refused at the 256 MiB cap)"
expect 65 '^huge.json:1: file larger than 256 MiB \(the limit of an imported document\)' \
    import --format dependabot huge.json
expect 65 '^huge.json:1: settings file larger than 1 MiB' check --settings huge.json deep33.jsonl
mkdir hugemap && ln -s "$tmp/huge.json" hugemap/x.json
expect 65 '^hugemap/x.json:1: file larger than 16 MiB' mappings --check --mappings hugemap
# a record of exactly 1 MiB is read (and refused for its string), one byte more is not
python3 -c '
import sys
pre = "{\"kind\":\"agent\",\"id\":\"x\",\"name\":\""
n = (1 << 20) - len(pre) - 2
sys.stdout.write(pre + "x" * n + "\"}\n")
sys.stdout.write(pre + "x" * (n + 1) + "\"}\n")' > cap.jsonl
expect 65 '^cap.jsonl:1: string longer than 64 KiB' ingest cap.jsonl
grep -q '^cap.jsonl:2: line longer than 1 MiB' err || bad "cap.jsonl:2 not refused as too long"

# -- bytes that are not UTF-8, NUL, numbers ---------------------------------------------
printf '{"kind":"agent","id":"a\300\200"}\n' > overlong.jsonl       # overlong NUL
printf '{"kind":"agent","id":"\340\200\257"}\n' > overlong3.jsonl   # overlong "/"
printf '{"kind":"agent","id":"\355\240\200"}\n' > surrogate.jsonl   # U+D800
printf '{"kind":"agent","id":"\377"}\n' > ff.jsonl
printf '{"kind":"agent","id":"a\000b"}\n' > nul.jsonl
printf '{"kind":"agent","id":"a\\u0000b"}\n' > nul-escape.jsonl
printf '{"kind":"agent","id":"a\\ud800"}\n' > lone-surrogate.jsonl
for f in overlong overlong3 surrogate ff; do
    expect 65 "^$f.jsonl:1: invalid JSON: unable to decode byte" ingest $f.jsonl
done
expect 65 '^nul.jsonl:1: invalid JSON: control character 0x0' ingest nul.jsonl
expect 65 '^nul-escape.jsonl:1: invalid JSON: \\u0000 is not allowed' ingest nul-escape.jsonl
expect 65 '^lone-surrogate.jsonl:1: invalid JSON: invalid Unicode' ingest lone-surrogate.jsonl
printf '%s\n' '{"kind":"exposure","id":"e","vuln":"CVE-1","asset":"a","first_seen":"2026-01-01T00:00:00Z","cvss":1e400}' > e400.jsonl
expect 65 '^e400.jsonl:1: invalid JSON: real number overflow' ingest e400.jsonl
# -0 is zero: a cvss of -0, -0.0 and 0 is one record, stored once
for z in -0 -0.0 0; do
    printf '{"kind":"exposure","id":"e","vuln":"CVE-1","asset":"a","first_seen":"2026-01-01T00:00:00Z","cvss":%s}\n' $z
done > zero.jsonl
expect 0 '' ingest --store zero.db zero.jsonl
grep -q '1 new, 2 already stored' out || bad "-0, -0.0 and 0: $(cat out)"
printf '{"kind":"policy","id":"p","version":-0}\n' > zero-version.jsonl
expect 65 '^zero-version.jsonl:1: "version" must be at least 1' ingest zero-version.jsonl

# -- duplicate keys: refused everywhere (evidence must not be ambiguous) -----------------
printf '%s\n' '{"kind":"agent","id":"a","id":"b"}' > dup.jsonl
printf '%s\n' '{"kind":"agent","id":"a","\u0069d":"b"}' > dup-escaped.jsonl
printf '%s\n' '{"kind":"agent","id":"a","credential_scope":{"assets":["x"],"assets":["*"]}}' > dup-nested.jsonl
printf '%s\n' '{"kind":"agent","id":"a","id":null}' > dup-null.jsonl
printf '%s\n' '[{"kind":"agent","id":"a"},' '{"kind":"agent","id":"b","name":"x","name":"y"}]' > dup.json
for f in dup dup-escaped dup-nested dup-null; do
    expect 65 "^$f.jsonl:1: invalid JSON: duplicate object key" ingest $f.jsonl
done
expect 65 '^dup.json:2: invalid JSON: duplicate object key' ingest dup.json
printf '%s\n' '{"veto_window":"PT1H","veto_window":"PT9H"}' > dup-settings.json
expect 65 '^dup-settings.json:1: invalid JSON: duplicate object key' check --settings dup-settings.json deep33.jsonl
printf '%s\n' '[{"number":1,"number":2}]' > dup-import.json
expect 65 '^dup-import.json:1: not JSON: duplicate object key' import --format dependabot dup-import.json
mkdir dupmap
printf '%s\n' '{"framework":"soc2","framework":"iso27001"}' > dupmap/x.json
expect 65 '^dupmap/x.json:1: invalid JSON: duplicate object key' mappings --check --mappings dupmap

# -- 10 million tiny records: each refused, 100 messages, bounded time and memory -------
start=$(date +%s)
expect 65 '^signoff: …and 9999900 more$' ingest <(yes '{}' | head -n 10000000)
echo "  10 000 000 tiny bad records: $(( $(date +%s) - start )) s"
[ "$(grep -c 'missing required field "kind"' err)" = 100 ] || bad "10M records: not 100 messages"
rss_below 204800 "10 000 000 tiny records"
# and a million tiny good ones, all the same: stored once
expect 0 '' ingest --store tiny.db <(yes "$agent" | head -n 1000000)
grep -q 'ingested 1000000 records .*: 1 new, 999999 already stored' out || bad "1M duplicates: $(cat out)"
rss_below 204800 "1 000 000 identical records"

# -- files that are not files ------------------------------------------------------------
ln -s loop-b loop-a && ln -s loop-a loop-b
expect 66 '^signoff: cannot open "loop-a": Too many levels of symbolic links' ingest loop-a
expect 66 'Too many levels of symbolic links' check --settings loop-a deep33.jsonl
mkfifo fifo.jsonl
expect 66 '^signoff: cannot open "fifo.jsonl": not readable \(a socket, or a FIFO with no writer\)' ingest fifo.jsonl
expect 66 'FIFO with no writer' check --settings fifo.jsonl deep33.jsonl
# a FIFO with a writer (one waiting in open counts) is a stream, as a pipe is
( echo "$agent" > fifo.jsonl ) &
writer=$!
sleep 0.3
expect 0 '' ingest fifo.jsonl
kill $writer 2> /dev/null
wait $writer 2> /dev/null
expect 0 '' ingest <(echo "$agent")
mkdir emptydir adir
expect 66 '^signoff: no \*.jsonl or \*.json file in directory "emptydir"' ingest emptydir
expect 66 'cannot open settings "adir": Is a directory' check --settings adir deep33.jsonl
expect 66 '^signoff: store "adir" is not a regular file' check --store adir
expect 66 '^signoff: store "adir" is not a regular file' ingest --store adir deep33.jsonl
mkdir adir/x.jsonl && echo "$agent" > adir/y.jsonl   # a folder so named is skipped
expect 0 '' ingest adir
grep -q 'from 1 files' out || bad "a directory named x.jsonl was read as a file"
expect 65 '^/dev/zero:1: line longer than 1 MiB' ingest /dev/zero
ln -s /dev/zero zero.json
expect 65 '^zero.json:1: file larger than 256 MiB' ingest zero.json
expect 65 '^/dev/zero:1: settings file larger than 1 MiB' check --settings /dev/zero deep33.jsonl
expect 65 '^/dev/zero:1: file larger than 256 MiB' import --format dependabot /dev/zero
expect 66 '^signoff: store "/dev/zero" is not a regular file' check --store /dev/zero
expect 66 '' verify deep.json

# -- names with a newline, with "..": read as given; messages stay one line each --------
nl=$'a\nb.jsonl'
printf '{"kind":"agent"}\n' > "$nl"
expect 65 '^a\\nb.jsonl:1: missing required field "id"' ingest "$nl"
[ "$(wc -l < err)" = 1 ] || bad "a file name with a newline gave $(wc -l < err) stderr lines"
echo "$agent" > "$nl"
expect 0 '' ingest --store nl.db "$nl"
if command -v sqlite3 > /dev/null; then
    [ "$(sqlite3 nl.db 'SELECT path FROM source')" = "$nl" ] || bad "the source path is not kept as given"
fi
mkdir -p sub/deeper && echo "$agent" > top.jsonl
expect 0 '' ingest --store dots.db sub/deeper/../../top.jsonl
expect 0 '' check --store dots.db --json
expect 0 '' report --quiet --format xml -o sub/deeper/../pkg --store dots.db
[ -f sub/pkg/manifest.json ] || bad "-o sub/deeper/../pkg did not write sub/pkg"
expect 66 '^signoff: cannot open "sub/../nothing.jsonl"' ingest sub/../nothing.jsonl

echo "$pass passed"
[ $fail = 0 ] && echo ok
exit $fail

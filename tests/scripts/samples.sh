#!/usr/bin/env bash
# samples.sh SIGNOFF SRCDIR: `check --json --period 2026-Q3 samples/` gives exactly the
# findings derived by hand in samples/README.md (samples/expected/expected-check.jsonl);
# every verdict agrees with samples/expected/expected-verdicts.jsonl; a store gives the
# same as the files; control status per framework and baseline is pinned.
set -u
signoff=$1 src=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-samples.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
cd "$src"
"$signoff" check --json --period 2026-Q3 samples/ > "$tmp/out"; rc=$?
if [ $rc = 0 ] && cmp -s "$tmp/out" samples/expected/expected-check.jsonl; then pass=$((pass+1)); else
    echo "FAIL: check on samples (rc=$rc)"; diff samples/expected/expected-check.jsonl "$tmp/out" | head; fail=$((fail+1)); fi
"$signoff" ingest --quiet --store "$tmp/s.db" samples/ && "$signoff" check --json --period 2026-Q3 --store "$tmp/s.db" > "$tmp/out2"
if cmp -s "$tmp/out" "$tmp/out2"; then pass=$((pass+1)); else echo "FAIL: store differs from files"; fail=$((fail+1)); fi
# verdicts: trace --json of every decision id, compared with the hand-derived states
while IFS= read -r line; do
    subject=$(printf '%s' "$line" | sed -n 's/.*"subject":"\([^"]*\)".*/\1/p')
    want=$(printf '%s' "$line" | sed -n 's/^{"\([a-z]*\)":"\([^"]*\)".*/\2/p')
    by=$(printf '%s' "$line" | sed -n 's/.*"by":"\([^"]*\)".*/\1/p')
    got=$("$signoff" trace --json --period 2026-Q3 "$subject" samples/ | grep '"verdict"' | grep "\"subject\":\"$subject\"" | head -1)
    state=$(printf '%s' "$got" | sed -n 's/.*"verdict":"\([^"]*\)".*/\1/p')
    path=$(printf '%s' "$got" | sed -n 's/.*"path":"\([^"]*\)".*/\1/p')
    gby=$(printf '%s' "$got" | sed -n 's/.*"by":"\([^"]*\)".*/\1/p')
    case $want in
        untraced) ok=$([ "$state" = untraced ] && echo 1) ;;
        approval|veto-window|policy) ok=$([ "$state" = traced ] && [ "$path" = "$want" ] && [ "$gby" = "$by" ] && echo 1) ;;
        *) ok=$([ "$state" = "$want" ] && echo 1) ;;
    esac
    if [ "$ok" = 1 ]; then pass=$((pass+1)); else echo "FAIL: $subject: want $want $by, got $state $path $gby"; fail=$((fail+1)); fi
done < samples/expected/expected-verdicts.jsonl
for fw in soc2 iso27001 fedramp ai-rmf fedramp:low fedramp:moderate fedramp:high; do
    name=${fw%%:*} base=${fw#*:}; args=(--controls "$name"); [ "$base" != "$fw" ] && args+=(--baseline "$base")
    want=tests/data/controls/${fw/:/-}.jsonl
    "$signoff" check --json --period 2026-Q3 "${args[@]}" samples/ > "$tmp/c"
    if cmp -s "$tmp/c" "$want"; then pass=$((pass+1)); else echo "FAIL: controls $fw"; diff "$want" "$tmp/c" | head -5; fail=$((fail+1)); fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]

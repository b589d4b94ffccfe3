#!/usr/bin/env bash
# run-case.sh SIGNOFF DIR: runs one golden case. DIR/args holds the command line after
# `signoff` (one line, words split by the shell, run inside DIR); optional DIR/env holds
# VAR=value lines. Compares stdout with expected.stdout, stderr with expected.stderr
# (each when present) and the exit status with expected.rc (default 0). A crash (signal)
# never passes.
set -u
signoff=$1 dir=$2
cd "$dir" || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
[ -x ./setup ] && { ./setup "$tmp" || { echo "setup failed"; exit 1; }; }
envs=()
[ -f env ] && while IFS= read -r l; do [ -n "$l" ] && envs+=("$l"); done < env
read -r -a words < args
TMP=$tmp env -u SIGNOFF_NOW "${envs[@]}" "$signoff" "${words[@]//@TMP@/$tmp}" > "$tmp/stdout" 2> "$tmp/stderr"
rc=$?
want=0; [ -f expected.rc ] && want=$(tr -d ' \n' < expected.rc)
fail=0
if [ "$rc" -ge 128 ]; then echo "crashed with signal $((rc - 128))"; fail=1; fi
if [ "$rc" != "$want" ]; then echo "exit $rc, want $want"; fail=1; fi
if [ -f expected.stdout ] && ! diff -u expected.stdout "$tmp/stdout"; then fail=1; fi
if [ -f expected.stderr ]; then
    sed "s|$tmp|@TMP@|g" "$tmp/stderr" > "$tmp/stderr.n"
    if ! diff -u expected.stderr "$tmp/stderr.n"; then fail=1; fi
fi
[ -x ./verify ] && { ./verify "$tmp" "$signoff" || fail=1; }
[ $fail = 0 ] && echo "ok" || { echo "--- stderr:"; head -20 "$tmp/stderr"; }
exit $fail

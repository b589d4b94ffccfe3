#!/usr/bin/env bash
# pin.sh NAME TMP SIGNOFF ARGS...: for a golden case's verify script (run inside the case
# folder): runs `SIGNOFF ARGS...` with @TMP@ replaced by TMP and compares its stdout with
# the pinned file expected.NAME (exit 0 wanted). With PIN_WRITE=1 it writes the file
# instead, for a human to read before committing.
set -u
name=$1 tmp=$2 signoff=$3
shift 3
args=("${@//@TMP@/$tmp}")
out=$("$signoff" "${args[@]}" 2>"$tmp/pin.stderr"); rc=$?
if [ "$rc" != 0 ]; then echo "$name: exit $rc"; cat "$tmp/pin.stderr"; exit 1; fi
if [ "${PIN_WRITE:-}" = 1 ]; then printf '%s\n' "$out" > "expected.$name"; exit 0; fi
diff -u "expected.$name" <(printf '%s\n' "$out") || { echo "$name: differs from expected.$name"; exit 1; }

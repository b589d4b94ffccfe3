#!/usr/bin/env bash
# tests/fuzz/run.sh BUILD SECONDS [TARGET...]: runs each fuzz target of BUILD (a build
# with -DSIGNOFF_FUZZ=ON), one after the other, for SECONDS each, on a corpus seeded
# from the tests (seed.sh) and kept in BUILD/fuzz-corpus/<target> between runs. A crash,
# leak, time-out (10 s for one input) or allocation past 2 GB is written to
# BUILD/fuzz-artifacts/ and makes the exit status 1. Prints runs and corpus per target.
set -u
build=$1 secs=$2
shift 2
src=$(cd "$(dirname "$0")/../.." && pwd)
targets=("$@")
if [ ${#targets[@]} = 0 ]; then
    for f in "$src"/tests/fuzz/fuzz_*.c; do targets+=("$(basename "$f" .c)"); done
fi
corpus=$build/fuzz-corpus art=$build/fuzz-artifacts
mkdir -p "$corpus" "$art"
bash "$src/tests/fuzz/seed.sh" "$src" "$corpus" > /dev/null
status=0
for t in "${targets[@]}"; do
    bin=$build/tests/fuzz/$t
    if [ ! -x "$bin" ]; then
        echo "$t: not built (configure $build with CC=clang -DSIGNOFF_FUZZ=ON)"
        status=1
        continue
    fi
    mkdir -p "$corpus/$t"
    log=$art/$t.log
    nice "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -malloc_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$art/$t-" \
        "$corpus/$t" > "$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "$t: exit $rc, ${runs:-?} runs in ${secs} s, corpus $(ls "$corpus/$t" | wc -l) inputs"
    if [ $rc != 0 ]; then
        grep -E 'ERROR|invariant|SUMMARY|Test unit written' "$log" | head -5
        status=1
    fi
done
exit $status

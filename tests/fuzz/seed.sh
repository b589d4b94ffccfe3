#!/usr/bin/env bash
# tests/fuzz/seed.sh SRCDIR OUT: builds one seed corpus per fuzz target under OUT/<target>
# from the project's own test inputs (tests/data, tests/golden, samples, mappings), the
# hand-made seeds of tests/fuzz/seeds and the kept crashers of tests/fuzz/regress.
# Files are named by content hash, so a re-run adds nothing twice.
set -eu
src=$1 out=$2
add() { # add TARGET FILE
    local h
    [ -s "$2" ] || return 0
    [ "$(stat -c %s "$2")" -le 65536 ] || return 0
    h=$(sha1sum < "$2" | cut -c1-16)
    mkdir -p "$out/$1"
    cp "$2" "$out/$1/$h"
}
line_seeds() { # line_seeds TARGET FILE: each line of FILE as a seed of its own
    local tmp n=0
    tmp=$(mktemp)
    while IFS= read -r l && [ $n -lt 400 ]; do
        printf '%s' "$l" > "$tmp"
        add "$1" "$tmp"
        n=$((n + 1))
    done < "$2"
    rm -f "$tmp"
}
records=$(find "$src/tests/golden" "$src/samples" "$src/tests/data/report" -type f \
    \( -name '*.jsonl' -o -name '*.json' \) | sort)
for f in $records; do
    add fuzz_json_file "$f"
    case $f in *.jsonl) line_seeds fuzz_record "$f" ;; esac
done
for f in $(find "$src/tests/data/import" "$src/tests/golden/import" -type f -name '*.json' | sort); do
    add fuzz_import "$f"
done
for f in $(find "$src/mappings" "$src/tests/data/map" -maxdepth 2 -type f -name '*.json' | sort); do
    add fuzz_mapping "$f"
done
for d in "$src/tests/fuzz/seeds" "$src/tests/fuzz/regress"; do
    [ -d "$d" ] || continue
    for t in "$d"/*/; do
        t=$(basename "$t")
        for f in "$d/$t"/*; do [ -f "$f" ] && add "$t" "$f"; done
    done
done
[ -d "$src/../shared/examples" ] && for f in $(find "$src/../shared/examples" -name settings.json | sort); do
    add fuzz_settings "$f"
done
for t in "$out"/*/; do echo "$(basename "$t"): $(ls "$t" | wc -l) seeds"; done

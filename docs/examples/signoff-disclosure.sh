#!/bin/sh
# signoff-disclosure.sh ID PERIOD DIR: the SEC disclosure appendix for one CVE or one
# incident (docs/recipes.md). Writes into DIR the timeline of ID as text for readers
# (ID-timeline.txt) and as JSON lines for counsel's tools (ID-timeline.jsonl), the
# evidence package of the period with its PDF (package/), verified, and SHA256SUMS of
# the timelines, so the appendix can be tied to the package.
set -eu
[ $# -eq 3 ] || { echo "usage: signoff-disclosure.sh ID PERIOD DIR" >&2; exit 64; }
id=$1 period=$2 dir=$3
: "${SIGNOFF_BIN:=signoff}"
: "${SIGNOFF_STORE:=/var/lib/signoff/evidence.db}"
: "${SIGNOFF_ORG:=Example Corp}"
mkdir -p "$dir"
"$SIGNOFF_BIN" trace --store "$SIGNOFF_STORE" --period "$period" "$id" > "$dir/$id-timeline.txt"
"$SIGNOFF_BIN" trace --store "$SIGNOFF_STORE" --period "$period" --json "$id" > "$dir/$id-timeline.jsonl"
"$SIGNOFF_BIN" report --quiet --store "$SIGNOFF_STORE" --period "$period" --org "$SIGNOFF_ORG" \
    --force -o "$dir/package"
"$SIGNOFF_BIN" verify "$dir/package"
(cd "$dir" && sha256sum "$id-timeline.txt" "$id-timeline.jsonl" > SHA256SUMS)

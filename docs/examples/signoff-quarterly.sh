#!/bin/sh
# signoff-quarterly.sh: the unattended quarterly evidence job (docs/recipes.md). Ingests
# the exports waiting in $SIGNOFF_EXPORTS into the evidence store (records already stored
# are skipped, so a re-run is safe), writes the package of last quarter into
# $SIGNOFF_PACKAGES/QUARTER/RUN-DATE/ and verifies it. Earlier packages are kept; a
# second run on the same day replaces that day's package atomically. Exits non-zero when
# a step fails, or when $SIGNOFF_FAIL_ON is set and a finding matches it (exit 1, after
# the package is written and verified).
set -eu
: "${SIGNOFF_BIN:=signoff}"
: "${SIGNOFF_STORE:=/var/lib/signoff/evidence.db}"
: "${SIGNOFF_EXPORTS:=/var/lib/signoff/exports}"
: "${SIGNOFF_PACKAGES:=/var/lib/signoff/packages}"
: "${SIGNOFF_ORG:=Example Corp}"
: "${SIGNOFF_FAIL_ON:=}"

# The quarter signoff's last-quarter means, from the same clock (SIGNOFF_NOW or UTC now).
now=${SIGNOFF_NOW:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}
year=$(date -u -d "$now" +%Y)
month=$(date -u -d "$now" +%m)
day=$(date -u -d "$now" +%F)
q=$(( (${month#0} - 1) / 3 ))
if [ "$q" -eq 0 ]; then quarter="$((year - 1))-Q4"; else quarter="$year-Q$q"; fi
out="$SIGNOFF_PACKAGES/$quarter/$day"

# Native records (*.jsonl, *.json) directly in the exports folder; GitHub Dependabot
# alerts, if any, in its dependabot/ subfolder.
"$SIGNOFF_BIN" ingest --store "$SIGNOFF_STORE" "$SIGNOFF_EXPORTS"
if [ -d "$SIGNOFF_EXPORTS/dependabot" ]; then
    "$SIGNOFF_BIN" import --store "$SIGNOFF_STORE" --format dependabot "$SIGNOFF_EXPORTS/dependabot"
fi

rc=0
"$SIGNOFF_BIN" report --store "$SIGNOFF_STORE" --period last-quarter --org "$SIGNOFF_ORG" \
    ${SIGNOFF_FAIL_ON:+--fail-on "$SIGNOFF_FAIL_ON"} --force -o "$out" || rc=$?
# 1 means the package is complete and a finding matched --fail-on
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || exit "$rc"
"$SIGNOFF_BIN" verify "$out"
exit "$rc"

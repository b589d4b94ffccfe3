#!/usr/bin/env bash
# recipes.sh SIGNOFF SRCDIR: runs the recipes of docs/recipes.md against the samples,
# with SIGNOFF_NOW fixing the clock so that last-quarter is 2026-Q3:
# - the quarterly job (docs/examples/signoff-quarterly.sh, which the cron entry and the
#   systemd service both run) ingests the exports, writes and verifies the package under
#   PACKAGES/2026-Q3/DATE, is idempotent on a re-run, keeps it when the next quarter's
#   runs; its timer's calendar fires on the quarters' 2nd days, and the units verify;
# - the CI workflow's signoff steps fail the pipeline (exit 1) on the samples' high
#   findings, pass on clean evidence, and still write a verified package;
# - the SEC disclosure script writes the timeline of a CVE, the package and SHA256SUMS.
set -u
signoff=$(realpath "$1") src=$(realpath "$2")
ex=$src/docs/examples
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-recipes.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
mkdir -p "$tmp/bin" && ln -s "$signoff" "$tmp/bin/signoff"
export PATH=$tmp/bin:$PATH

# --- cron and systemd: both run the same script
job=/usr/local/bin/signoff-quarterly
grep -qE "^0 6 2 1,4,7,10 \* signoff $job$" "$ex/signoff.cron" && ok || bad "signoff.cron does not run $job quarterly"
grep -qx "ExecStart=$job" "$ex/signoff-quarterly.service" && ok || bad "the service does not run $job"
for v in SIGNOFF_STORE SIGNOFF_EXPORTS SIGNOFF_PACKAGES SIGNOFF_ORG; do
    grep -q "^$v=" "$ex/signoff.cron" && grep -q "$v=" "$ex/signoff-quarterly.service" &&
        grep -q "\${$v:=" "$ex/signoff-quarterly.sh" && ok || bad "$v is not set alike in cron, service and script"
done
cal=$(sed -n 's/^OnCalendar=//p' "$ex/signoff-quarterly.timer")
if command -v systemd-analyze > /dev/null; then
    # four runs a year, each on the 2nd of a quarter's first month at 06:00 UTC
    next=$(systemd-analyze calendar --iterations=4 "$cal" 2>&1 |
        sed -n 's/.*\(elapse\|Iter. #[0-9]\): [A-Za-z]* [0-9]*-\([0-9-]*\) \([0-9:]*\) UTC$/\2 \3/p' | sort | tr '\n' ',')
    [ "$next" = "01-02 06:00:00,04-02 06:00:00,07-02 06:00:00,10-02 06:00:00," ] && ok || bad "timer calendar fires at: $next"
    mkdir -p "$tmp/units" "$tmp/man/man1" && cp "$src"/docs/man/*.1 "$tmp/man/man1/"
    cp "$ex/signoff-quarterly.timer" "$tmp/units/"
    sed "s|^ExecStart=.*|ExecStart=$ex/signoff-quarterly.sh|" "$ex/signoff-quarterly.service" > "$tmp/units/signoff-quarterly.service"
    out=$(cd "$tmp/units" && MANPATH=$tmp/man systemd-analyze verify signoff-quarterly.service signoff-quarterly.timer 2>&1)
    [ -z "$out" ] && ok || bad "systemd-analyze verify: $out"
else
    echo "note: systemd-analyze missing; timer and units not verified"
fi

# the quarterly job on the samples, as cron would start it on 2 October 2026
mkdir -p "$tmp/var/exports"
cp "$src"/samples/*.jsonl "$tmp/var/exports/"
run_job() {
    env SIGNOFF_NOW="$1" SIGNOFF_STORE="$tmp/var/evidence.db" SIGNOFF_EXPORTS="$tmp/var/exports" \
        SIGNOFF_PACKAGES="$tmp/var/packages" SIGNOFF_ORG="Harbourline Logistics" ${2:+SIGNOFF_FAIL_ON=$2} \
        sh "$ex/signoff-quarterly.sh" > "$tmp/job.out" 2>&1
}
run_job 2026-10-02T06:00:00Z; rc=$?
pkg=$tmp/var/packages/2026-Q3/2026-10-02
[ $rc = 0 ] && [ -f "$pkg/manifest.json" ] && ok || { bad "quarterly job: rc=$rc"; cat "$tmp/job.out"; }
grep -q '2026-Q3' "$pkg/package.xml" 2> /dev/null && ok || bad "the package is not 2026-Q3's"
signoff verify "$pkg" > /dev/null && ok || bad "verify of the job's package failed"
grep -q '^package digest [0-9a-f]\{64\}$' "$tmp/job.out" && ok || bad "the job did not print the package digest"
cp "$pkg/manifest.json" "$tmp/m1"
run_job 2026-10-02T07:00:00Z; rc=$?
[ $rc = 0 ] && cmp -s "$pkg/manifest.json" "$tmp/m1" && ok || bad "a re-run the same day changed the package (rc=$rc)"
grep -q 'ingested .* 0 new' "$tmp/job.out" && ok || bad "a re-run ingested records again"
run_job 2026-10-05T06:00:00Z; rc=$?
[ $rc = 0 ] && [ -d "$tmp/var/packages/2026-Q3/2026-10-05" ] && [ -d "$pkg" ] && ok || bad "a later run did not keep the earlier package"
run_job 2027-01-02T06:00:00Z; rc=$?
[ $rc = 0 ] && grep -q '2026-Q4' "$tmp/var/packages/2026-Q4/2027-01-02/package.xml" && [ -d "$pkg" ] && ok || bad "next quarter's run: rc=$rc"
run_job 2026-10-06T06:00:00Z high; rc=$?
[ $rc = 1 ] && signoff verify "$tmp/var/packages/2026-Q3/2026-10-06" > /dev/null && ok || bad "SIGNOFF_FAIL_ON=high: rc=$rc, want 1 with a verified package"
echo 'not json' > "$tmp/var/exports/broken.jsonl"
run_job 2026-10-07T06:00:00Z; rc=$?
[ $rc = 65 ] && [ ! -e "$tmp/var/packages/2026-Q3/2026-10-07" ] && ok || bad "a broken export: rc=$rc, want 65 and no package"
rm "$tmp/var/exports/broken.jsonl"

# --- CI: the workflow's signoff steps, one by one as the runner does
mapfile -t steps < <(sed -n 's/^ *run: \(signoff .*\)$/\1/p' "$ex/github-actions-signoff.yml")
[ ${#steps[@]} = 3 ] && ok || bad "expected 3 signoff steps in the workflow, found ${#steps[@]}"
ci() { # ci DIR: runs each step in DIR; prints the exit codes
    local r= s
    for s in "${steps[@]}"; do (cd "$1" && SIGNOFF_NOW=2026-10-02T06:00:00Z bash -c "$s" > /dev/null 2>&1); r="$r $?"; done
    echo $r
}
mkdir -p "$tmp/ci1/evidence" && cp "$src"/samples/*.jsonl "$tmp/ci1/evidence/"
codes=$(ci "$tmp/ci1")
[ "$codes" = "1 0 0" ] && ok || bad "CI on the samples: step codes $codes, want 1 0 0"
mkdir -p "$tmp/ci2/evidence"
cat > "$tmp/ci2/evidence/clean.jsonl" <<'JSON'
{"kind":"identity","id":"alice","name":"Alice","human":true}
{"kind":"agent","id":"bot","name":"Patch bot"}
{"kind":"asset","id":"web","environment":"production","criticality":"high"}
{"kind":"decision","id":"d1","agent":"bot","at":"2026-08-01T10:00:00Z","action":"patch","outcome":"act","targets":["web"],"vulns":[{"id":"CVE-2026-1"}],"factors":{"exposure":"internet"},"confidence":0.9,"rationale":"fix","policy":{"id":"P","version":1},"change":{"deployed_at":"2026-08-01T11:00:00Z","tests":{"result":"passed"},"rollback_plan":"revert"}}
{"kind":"approval","id":"a1","decision":"d1","by":"alice","at":"2026-08-01T10:30:00Z","outcome":"approved"}
JSON
codes=$(ci "$tmp/ci2")
[ "$(echo "$codes" | cut -d' ' -f1)" = 0 ] && ok || bad "CI on clean evidence: step codes $codes, want the check to pass"

# --- SEC disclosure: the timeline of one CVE, with the package
signoff ingest --quiet --store "$tmp/sec.db" "$src/samples" || bad "ingest for the disclosure failed"
SIGNOFF_STORE=$tmp/sec.db SIGNOFF_ORG="Harbourline Logistics" sh "$ex/signoff-disclosure.sh" \
    CVE-2026-43356 2026-Q3 "$tmp/sec" > /dev/null 2>&1; rc=$?
[ $rc = 0 ] && ok || bad "disclosure script: rc=$rc"
grep -q 'UNDOCUMENTED DEFERRAL' "$tmp/sec/CVE-2026-43356-timeline.txt" 2> /dev/null &&
    grep -q 'SLA BREACH' "$tmp/sec/CVE-2026-43356-timeline.txt" && ok || bad "the timeline lacks the verdicts"
grep -q '"verdict":"undocumented"' "$tmp/sec/CVE-2026-43356-timeline.jsonl" 2> /dev/null && ok || bad "the JSON timeline lacks the verdict"
(cd "$tmp/sec" && sha256sum -c --quiet SHA256SUMS) && ok || bad "SHA256SUMS does not match"
signoff verify "$tmp/sec/package" > /dev/null && ok || bad "the disclosure package does not verify"
echo "$pass passed, $fail failed"
[ $fail = 0 ]

#!/usr/bin/env bash
# completion.sh SIGNOFF SRCDIR: the bash completion (completion/signoff.bash), sourced
# with and without bash-completion, completes the commands, exactly the options of each
# command's --help, the values of --format (per command), --framework, --controls,
# --baseline, --paper, --fail-on (severities and every finding code of
# src/util/findings.c) and --period, and files: records for check, folders for verify.
set -u
signoff=$(realpath "$1") src=$(realpath "$2")
script=$src/completion/signoff.bash
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-compl.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
mkdir -p "$tmp/w/sub" && touch "$tmp/w/a.jsonl" "$tmp/w/b.json" "$tmp/w/c.txt"
bc=/usr/share/bash-completion/bash_completion

# complete MODE WORD...: the sorted candidates for the command line WORD... (the last
# word is the one being completed); MODE "bc" loads bash-completion first
complete_words() {
    local mode=$1; shift
    (cd "$tmp/w" && bash --norc --noprofile -c '
        mode=$1; shift
        if [ "$mode" = bc ]; then . "'"$bc"'" 2> /dev/null || exit 3; fi
        . "'"$script"'" || exit 2
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _signoff signoff "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}"' _ "$mode" "$@") | sed 's|/$||' | sort | tr '\n' ' ' | sed 's/ $//'
}
expect() { # expect MODE "WANT" WORD...
    local mode=$1 want=$2; shift 2
    local got; got=$(complete_words "$mode" "$@")
    [ "$got" = "$want" ] && ok || bad "[$mode] '$*': got '$got', want '$want'"
}
modes=plain
[ -f "$bc" ] && modes="plain bc" || echo "note: bash-completion is not installed; testing without it"
cmds=$("$signoff" --help | awk '/^commands:$/{c=1; next} c && /^$/{c=0} c{print $1}' | sort | tr '\n' ' ' | sed 's/ $//')
codes=$(sed -n 's/.*\[SG_F_[A-Z_]*\] = {"\([a-z-]*\)".*/\1/p' "$src/src/util/findings.c" | sort)
[ -n "$codes" ] && ok || bad "no finding codes in findings.c"
for m in $modes; do
    expect $m "$cmds" signoff ""
    expect $m "report" signoff rep
    expect $m "--help --version" signoff --
    expect $m "$(echo "$cmds" | tr ' ' '\n' | grep -vx help | tr '\n' ' ' | sed 's/ $//')" signoff help ""
    for cmd in $(echo "$cmds" | tr ' ' '\n' | grep -vx help); do
        want=$("$signoff" "$cmd" --help | awk '/^options:$/{o=1; next} o && /^$/{o=0}
            o && /^  -/{ n = split(substr($0, 3), p, /  +/); m = split(p[1], w, /[ ,]+/);
                for (i = 1; i <= m; i++) if (w[i] ~ /^-/) print w[i] }' | sort | tr '\n' ' ' | sed 's/ $//')
        expect $m "$want" signoff "$cmd" -
    done
    expect $m "cyclonedx dependabot grype openvex trivy" signoff import --format ""
    expect $m "oscal pdf xml" signoff report --format ""
    expect $m "pdf,oscal pdf,xml" signoff report --format pdf,
    expect $m "ai-rmf fedramp iso27001 soc2" signoff report --framework ""
    expect $m "soc2,fedramp" signoff report --framework soc2,f
    expect $m "ai-rmf fedramp iso27001 soc2" signoff check --controls ""
    expect $m "high low moderate" signoff report --baseline ""
    expect $m "a4 letter" signoff report --paper ""
    expect $m "$(printf '%s\n' high medium low $codes | sort | tr '\n' ' ' | sed 's/ $//')" signoff check --fail-on ""
    expect $m "high,undocumented-deferral high,unknown-asset high,untested-change high,untraced-change" signoff check --fail-on high,un
    expect $m "last-quarter" signoff check --period la
    expect $m "a.jsonl b.json sub" signoff check --period 2026-Q3 ""
    expect $m "a.jsonl b.json sub" signoff report -o out ""
    expect $m "sub" signoff verify ""
    expect $m "sub" signoff report -o ""
    expect $m "" signoff trace ""
    expect $m "a.jsonl b.json sub" signoff trace CVE-2026-1 ""
    expect $m "a.jsonl b.json c.txt sub" signoff import --format dependabot ""
done
# every value offered is one the parsers accept
for fw in ai-rmf fedramp iso27001 soc2; do
    "$signoff" check --controls $fw --period 2026-Q3 "$src/samples" > /dev/null 2>&1 && ok || bad "check --controls $fw refused"
done
for f in high medium low $codes; do
    "$signoff" check --fail-on "$f" --period 2026-Q3 --json "$src/samples" > /dev/null 2> "$tmp/err"
    [ $? != 64 ] && ok || bad "--fail-on $f refused: $(cat "$tmp/err")"
done
for b in low moderate high; do
    "$signoff" check --controls fedramp --baseline $b --period 2026-Q3 "$src/samples" > /dev/null && ok || bad "--baseline $b refused"
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]

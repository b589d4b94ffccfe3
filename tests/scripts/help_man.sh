#!/usr/bin/env bash
# help_man.sh SIGNOFF SRCDIR: the help texts and the man pages say the same thing, and
# both match the option parsers. For every command: `signoff help CMD` = `signoff CMD
# --help`; its options are exactly the man page's OPTIONS; each option's help words
# (with its default) appear in the rendered man page, and so does the help's example;
# every long option of src/cli/cmd_CMD.c is in the help, and every help option is
# accepted by the command. The overview's commands and environment variables are those
# of signoff(1), which has ENVIRONMENT, FILES, EXIT STATUS and EXAMPLES sections.
set -u
signoff=$(realpath "$1") src=$(realpath "$2")
man=$src/docs/man
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-helpman.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
if ! command -v mandoc > /dev/null; then
    echo "FAIL: mandoc is not installed (tools/install-deps.sh installs it)"; exit 1
fi
norm() { tr -s ' \t\n' ' ' | sed 's/^ //; s/ $//'; }
render() { mandoc -T utf8 "$1" | col -bx | norm; }

# options of a help text: "NAME<TAB>description" per option, from the "options:" block
help_opts() {
    awk '
        /^options:$/ { inopt = 1; next }
        inopt && /^$/ { inopt = 0 }
        inopt && /^  -/ {
            if (name != "") print name "\t" desc
            line = substr($0, 3)
            split(line, parts, /  +/)
            head = parts[1]; desc = substr(line, length(head) + 1)
            sub(/^ +/, "", desc)
            n = split(head, w, /[ ,]+/); name = ""
            for (i = 1; i <= n; i++) if (w[i] ~ /^-/) name = name (name == "" ? "" : " ") w[i]
            next
        }
        inopt && /^    / { d = $0; sub(/^ +/, "", d); desc = desc " " d; next }
        END { if (name != "") print name "\t" desc }' "$1"
}
# option names of a man page's OPTIONS list (.It Fl \-store Ar DB -> --store)
man_opts() {
    awk '/^\.Sh /{ sec = substr($0, 5) } sec == "OPTIONS" && /^\.It Fl / {
        o = $3; gsub(/\\-/, "-", o); print "-" o }' "$1" | sort
}

cd "$tmp" || exit 1
"$signoff" --help > "$tmp/overview" && ok || bad "signoff --help failed"
cmds=$(awk '/^commands:$/{c=1; next} c && /^$/{c=0} c{print $1}' "$tmp/overview" | grep -vx help)
[ -n "$cmds" ] && ok || bad "no commands in the overview"
main_cmds=$(grep -o '{"[a-z]*", cmd_[a-z]*}' "$src/src/cli/main.c" | sed 's/{"\([a-z]*\)".*/\1/' | sort)
[ "$(printf '%s\n' $cmds | sort)" = "$main_cmds" ] && ok || bad "overview commands differ from main.c's table"
man_cmds=$(awk '/^\.Sh /{s=substr($0,5)} s=="DESCRIPTION" && /^\.It Cm /{print $3}' "$man/signoff.1" | grep -vx help | sort)
[ "$(printf '%s\n' $cmds | sort)" = "$man_cmds" ] && ok || bad "signoff(1) lists other commands: $man_cmds"
render "$man/signoff.1" > "$tmp/signoff.txt"
while IFS= read -r line; do
    words=$(printf '%s' "$line" | sed 's/^  [a-z]* *//')
    grep -qF -- "$words" "$tmp/signoff.txt" && ok || bad "signoff(1) lacks the overview's \"$words\""
done < <(awk '/^commands:$/{c=1; next} c && /^$/{c=0} c' "$tmp/overview")
envs=$(awk '/^environment:$/{c=1; next} c && /^$/{c=0} c{print $1}' "$tmp/overview" | sort)
menvs=$(awk '/^\.Sh /{s=substr($0,5)} s=="ENVIRONMENT" && /^\.It Ev /{print $3}' "$man/signoff.1" | sort)
[ -n "$envs" ] && [ "$envs" = "$menvs" ] && ok || bad "environment: help [$envs] man [$menvs]"
for v in SIGNOFF_NOW SIGNOFF_DATADIR NO_COLOR; do
    printf '%s\n' $menvs | grep -qx $v && ok || bad "signoff(1) ENVIRONMENT lacks $v"
done
for page in "$man"/signoff.1 "$man"/signoff-*.1; do
    for s in NAME SYNOPSIS DESCRIPTION "EXIT STATUS" EXAMPLES "SEE ALSO"; do
        grep -qx "\.Sh $s" "$page" && ok || bad "$(basename "$page") has no $s section"
    done
done
for s in ENVIRONMENT FILES; do grep -qx "\.Sh $s" "$man/signoff.1" && ok || bad "signoff(1) has no $s"; done
# the exit codes of the overview are those of signoff(1)
hcodes=$(sed -n '/^exit status:/,/^$/p' "$tmp/overview" | grep -o '\b[0-9][0-9]*\b' | sort -n | tr '\n' ' ')
mcodes=$(awk '/^\.Sh /{s=substr($0,5)} s=="EXIT STATUS" && /^\.It [0-9]/{print $2}' "$man/signoff.1" | sort -n | tr '\n' ' ')
[ "$hcodes" = "$mcodes" ] && ok || bad "exit codes: help [$hcodes] man [$mcodes]"

for cmd in $cmds; do
    page=$man/signoff-$cmd.1
    [ -f "$page" ] && ok || { bad "no man page signoff-$cmd.1"; continue; }
    "$signoff" help "$cmd" > "$tmp/$cmd.help"; rc1=$?
    "$signoff" "$cmd" --help > "$tmp/$cmd.help2"; rc2=$?
    [ $rc1 = 0 ] && [ $rc2 = 0 ] && cmp -s "$tmp/$cmd.help" "$tmp/$cmd.help2" && ok ||
        bad "$cmd: help $cmd ($rc1) and $cmd --help ($rc2) differ"
    awk 'length > 80 { exit 1 }' "$tmp/$cmd.help" && ok || bad "$cmd: help wider than 80 columns"
    head -1 "$tmp/$cmd.help" | grep -q "^usage: signoff $cmd" && ok || bad "$cmd: no usage line"
    grep -qx 'example:' "$tmp/$cmd.help" && ok || bad "$cmd: no example"
    help_opts "$tmp/$cmd.help" > "$tmp/$cmd.opts"
    hnames=$(cut -f1 "$tmp/$cmd.opts" | tr ' ' '\n' | sort)
    mnames=$(man_opts "$page")
    if [ "$hnames" = "$mnames" ]; then ok; else
        bad "$cmd: help options and man OPTIONS differ"; diff <(echo "$hnames") <(echo "$mnames") | sed 's/^/    /'
    fi
    render "$page" > "$tmp/$cmd.man"
    while IFS=$'\t' read -r name desc; do
        d=$(printf '%s' "$desc" | norm)
        grep -qF -- "$d" "$tmp/$cmd.man" && ok || bad "$cmd $name: man page lacks \"$d\""
        # the parser knows every option the help names
        for o in $name; do
            case $o in --help) continue ;; esac
            "$signoff" "$cmd" "$o" x > /dev/null 2> "$tmp/err" < /dev/null
            grep -q 'unknown option' "$tmp/err" && bad "$cmd: the parser refuses $o" || ok
        done
    done < "$tmp/$cmd.opts"
    ex=$(awk '/^example:$/{e=1; next} e && NF {sub(/^ +/, ""); print}' "$tmp/$cmd.help" | norm)
    [ -n "$ex" ] && grep -qF -- "$ex" <<< "$(render "$page")" && ok || bad "$cmd: man EXAMPLES lack \"$ex\""
    # every long option the parser has is named in the help
    if [ -f "$src/src/cli/cmd_$cmd.c" ]; then
        parsed=$(sed -n 's/.*{"\([a-z-]*\)", *\(required\|no\|optional\)_argument.*/\1/p' "$src/src/cli/cmd_$cmd.c")
        grep -q CLI_COMMON_OPTIONS "$src/src/cli/cmd_$cmd.c" &&
            parsed="$parsed $(sed -n 's/.*{"\([a-z-]*\)", *required_argument.*/\1/p' "$src/src/cli/cli.h")"
        for o in $parsed; do
            grep -q -- "--$o\b" "$tmp/$cmd.help" && ok || bad "$cmd: --$o is parsed but not in the help"
        done
    fi
done
# unknown commands and options suggest the nearest known one
"$signoff" chek 2> "$tmp/err"; rc=$?
[ $rc = 64 ] && grep -q 'did you mean "check"' "$tmp/err" && ok || bad "unknown command: rc=$rc $(cat "$tmp/err")"
"$signoff" help repot 2> "$tmp/err"; rc=$?
[ $rc = 64 ] && grep -q 'did you mean "report"' "$tmp/err" && ok || bad "help of an unknown command: rc=$rc"
"$signoff" check --perod 2026-Q3 2> "$tmp/err"; rc=$?
[ $rc = 64 ] && grep -q 'did you mean "--period"' "$tmp/err" && ok || bad "unknown option: rc=$rc $(cat "$tmp/err")"
"$signoff" report --frameworks soc2 -o x 2> "$tmp/err"; rc=$?
[ $rc = 64 ] && grep -q 'did you mean "--framework"' "$tmp/err" && ok || bad "unknown report option: rc=$rc"
"$signoff" --hlep 2> "$tmp/err"; rc=$?
[ $rc = 64 ] && grep -q 'unknown option "--hlep"; did you mean "--help"' "$tmp/err" && ok || bad "--hlep: rc=$rc $(cat "$tmp/err")"
"$signoff" --verison 2> "$tmp/err"; rc=$?
[ $rc = 64 ] && grep -q 'did you mean "--version"' "$tmp/err" && ok || bad "--verison: rc=$rc $(cat "$tmp/err")"
"$signoff" verify --hepl 2> "$tmp/err"; rc=$?
[ $rc = 64 ] && grep -q 'did you mean "--help"' "$tmp/err" && ok || bad "verify --hepl: rc=$rc $(cat "$tmp/err")"
"$signoff" 2> "$tmp/err"; rc=$?
[ $rc = 64 ] && grep -q "Try 'signoff --help'" "$tmp/err" && ok || bad "no command: rc=$rc"
# --version: the version and each library, built with and running
"$signoff" --version > "$tmp/v"; rc=$?
[ $rc = 0 ] && head -1 "$tmp/v" | grep -qE '^signoff [0-9]+\.[0-9]+\.[0-9]+$' && ok || bad "--version first line"
for lib in SQLite jansson libxml2 libxslt cairo pango; do
    grep -qE "^$lib +[0-9][0-9.]* +[0-9][0-9.]*$" "$tmp/v" && ok || bad "--version lacks $lib"
done
grep -q "^data " "$tmp/v" && ok || bad "--version lacks the data folder"
echo "$pass passed, $fail failed"
[ $fail = 0 ]

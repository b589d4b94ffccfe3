# bash completion for signoff(1): commands, each command's options, the values of
# --format, --framework, --controls, --baseline, --paper, --fail-on and --period, and
# files. Installed as bash-completion's completions/signoff; also works when sourced
# without bash-completion. The option lists are those of `signoff CMD --help`
# (tests/scripts/completion.sh checks that they agree).

_signoff_commands="ingest import check trace report verify mappings help"
_signoff_frameworks="soc2 iso27001 fedramp ai-rmf"
_signoff_findings="context-free-severity incomplete-record no-rollback-plan
orphaned-escalation scope-exceeded silent-deferral sla-breach stale-policy
tier-understated undocumented-deferral unknown-asset untested-change untraced-change"

# _signoff_options CMD: the options of CMD; _signoff_valued CMD: those taking a value
_signoff_options()
{
    case $1 in
    ingest) echo "--store --quiet --help" ;;
    import) echo "--store --quiet --format --asset --asset-map --seen-at --help" ;;
    check) echo "--store --settings --period --json --fail-on --controls --baseline" \
        "--mappings --quiet --help" ;;
    trace) echo "--store --settings --period --json --help" ;;
    report) echo "-o --force --format --paper --framework --baseline --org --store" \
        "--settings --period --mappings --fail-on --quiet --help" ;;
    verify) echo "--help" ;;
    mappings) echo "--check --mappings --help" ;;
    esac
}

_signoff_valued()
{
    case $1 in
    --store | --settings | --period | --fail-on | --controls | --baseline | --mappings | \
        --format | --asset | --asset-map | --seen-at | --paper | --framework | --org | -o | \
        --output) return 0 ;;
    esac
    return 1
}

# _signoff_files CUR WHAT: WHAT is records (*.jsonl, *.json and folders), dirs or any
_signoff_files()
{
    local cur=$1 what=$2
    if declare -F _filedir > /dev/null; then
        case $what in
        dirs) _filedir -d ;;
        records) _filedir '@(jsonl|json)' ;;
        *) _filedir ;;
        esac
        return
    fi
    local IFS=$'\n'
    case $what in
    dirs) COMPREPLY+=($(compgen -d -- "$cur")) ;;
    records) COMPREPLY+=($(compgen -d -- "$cur") $(compgen -f -X '!*.jsonl' -- "$cur")
        $(compgen -f -X '!*.json' -- "$cur")) ;;
    *) COMPREPLY+=($(compgen -f -- "$cur")) ;;
    esac
}

# _signoff_list CUR WORDS...: completes the last item of a comma-separated list
_signoff_list()
{
    local cur=$1 head= last w
    shift
    case $cur in *,*) head=${cur%,*}, ;; esac
    last=${cur##*,}
    for w in "$@"; do
        case ,$head in *,$w,*) continue ;; esac
        [[ $w == "$last"* ]] && COMPREPLY+=("$head$w")
    done
    [ ${#COMPREPLY[@]} -gt 0 ] && compopt -o nospace 2> /dev/null
    return 0
}

_signoff_periods()
{
    local y
    y=$(date -u +%Y 2> /dev/null) || y=
    local p="last-quarter"
    if [ -n "$y" ]; then
        p="$p $((y - 1))-Q1 $((y - 1))-Q2 $((y - 1))-Q3 $((y - 1))-Q4 $y-Q1 $y-Q2 $y-Q3 $y-Q4"
    fi
    COMPREPLY+=($(compgen -W "$p" -- "$1"))
}

_signoff()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev= cmd= i args=0
    COMPREPLY=()
    [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
    if [ "$COMP_CWORD" -le 1 ]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$_signoff_commands" -- "$cur"))
        fi
        return 0
    fi
    cmd=${COMP_WORDS[1]}
    if [ "$cmd" = help ]; then
        [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=($(compgen -W "${_signoff_commands% help}" -- "$cur"))
        return 0
    fi
    # the value of the option before the cursor
    if _signoff_valued "$prev"; then
        case $prev in
        --format)
            if [ "$cmd" = import ]; then
                COMPREPLY=($(compgen -W "dependabot openvex cyclonedx trivy grype" -- "$cur"))
            else
                _signoff_list "$cur" pdf xml oscal
            fi ;;
        --framework) _signoff_list "$cur" $_signoff_frameworks ;;
        --controls) COMPREPLY=($(compgen -W "$_signoff_frameworks" -- "$cur")) ;;
        --baseline) COMPREPLY=($(compgen -W "low moderate high" -- "$cur")) ;;
        --paper) COMPREPLY=($(compgen -W "a4 letter" -- "$cur")) ;;
        --fail-on) _signoff_list "$cur" high medium low $_signoff_findings ;;
        --period) _signoff_periods "$cur" ;;
        --mappings | -o | --output) _signoff_files "$cur" dirs ;;
        --store | --settings | --asset-map) _signoff_files "$cur" any ;;
        esac
        return 0
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_signoff_options "$cmd")" -- "$cur"))
        return 0
    fi
    # operands: count those before the cursor (trace's first one is the ID)
    for ((i = 2; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -*) _signoff_valued "${COMP_WORDS[i]}" && i=$((i + 1)) ;;
        *) args=$((args + 1)) ;;
        esac
    done
    case $cmd in
    verify) [ $args -eq 0 ] && _signoff_files "$cur" dirs ;;
    mappings) ;;
    import) _signoff_files "$cur" any ;;
    trace) [ $args -gt 0 ] && _signoff_files "$cur" records ;;
    ingest | check | report) _signoff_files "$cur" records ;;
    esac
    return 0
}
complete -F _signoff signoff

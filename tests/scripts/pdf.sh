#!/usr/bin/env bash
# pdf.sh SIGNOFF SRCDIR: the evidence PDF (SPEC §6, issue 8), checked with poppler and
# qpdf: a clean file, fonts embedded, the metadata dated at the as-of time, "page N of M"
# on every page, one bookmark per contents entry, every internal link resolving to a
# named destination, every section and every untraced change and undocumented deferral
# in the text, table headers repeated on continued pages, A4 and Letter, Cyrillic, CJK
# and Arabic names, record text that cannot reorder or hide what is printed, a report of
# an empty period and of all time, and a byte-identical re-run.
set -u
signoff=$1 src=$2
for tool in qpdf pdfinfo pdffonts pdftotext; do
    command -v $tool > /dev/null || { echo "FAIL: $tool is missing (tools/install-deps.sh)"; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-pdf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# a clean, self-contained file: qpdf exits 0 only without errors or warnings
clean_pdf() { # FILE LABEL
    qpdf --check "$1" > "$tmp/qpdf.out" 2>&1 && ok || { bad "$2: qpdf --check"; cat "$tmp/qpdf.out"; }
    pdffonts "$1" | tail -n +3 > "$tmp/fonts"
    [ -s "$tmp/fonts" ] && ! awk '{ if ($(NF-4) != "yes") exit 1 }' "$tmp/fonts" \
        && bad "$2: a font is not embedded" || ok
}

out=$tmp/samples
"$signoff" report --quiet --period 2026-Q3 --org "Harbourline Logistics" -o "$out" \
    "$src"/samples/*.jsonl; rc=$?
[ $rc = 0 ] && [ -f "$out/report.pdf" ] && ok || { bad "report rc=$rc"; exit 1; }
pdf=$out/report.pdf
clean_pdf "$pdf" samples

# metadata: no wall-clock time, the document is dated at its as-of time
pdfinfo "$pdf" > "$tmp/info"
grep -q '^Title: *Evidence package: Harbourline Logistics — 2026-Q3$' "$tmp/info" && ok || bad "title"
grep -q '^Creator: *signoff ' "$tmp/info" && ok || bad "creator"
grep -q '^Subject: *Human authorization' "$tmp/info" && ok || bad "subject"
grep -q '^CreationDate: *Thu Oct  1 00:00:00 2026 UTC$' "$tmp/info" && ok || bad "creation date"
grep -q '^Page size: *595.276 x 841.89 pts (A4)' "$tmp/info" && ok || bad "A4 is the default"
pages=$(awk '/^Pages:/ { print $2 }' "$tmp/info")
[ "${pages:-0}" -ge 20 ] && ok || bad "only ${pages:-0} pages"

# every page but the cover says "page N of M", and M is right
missing=
for p in $(seq 2 "$pages"); do
    pdftotext -f "$p" -l "$p" "$pdf" - | grep -q "page $p of $pages\$" || missing="$missing $p"
done
[ -z "$missing" ] && ok || bad "page N of M missing on pages$missing"

# the text of every section (pdftotext prints two spaces as one)
pdftotext "$pdf" "$tmp/all.txt"
tr -d '\n' < "$tmp/all.txt" > "$tmp/joined.txt"
for h in "Contents" "1 Executive summary" "2 Untraced changes" "3 Undocumented deferrals" \
    "3.1 Undocumented deferrals" "3.2 Silent deferrals" "3.3 SLA breaches" \
    "3.4 Orphaned escalations" "4 The trace test" "5 SOC 2 Trust Services Criteria" \
    "6 ISO/IEC 27001" "7 FedRAMP" "8 NIST AI Risk Management Framework" \
    "9 Policies and agents" "10 Findings register and other findings" \
    "11 Pending at the as-of time" "Appendix A Inputs" "Appendix B Settings in force" \
    "Appendix C The rules in plain words"; do
    grep -qF "$h" "$tmp/all.txt" && ok || bad "section \"$h\" missing"
done
grep -qF "Changes per week" "$tmp/all.txt" && grep -qF "Trace coverage" "$tmp/all.txt" &&
    grep -qF "Findings by severity" "$tmp/all.txt" &&
    grep -qF "Mapped controls by status, per framework" "$tmp/all.txt" && ok || bad "a chart title is missing"
digest=$(sed -n 's/.*"input_digest": *"\([0-9a-f]*\)".*/\1/p' "$out/manifest.json")
[ -n "$digest" ] && grep -qF "$digest" "$tmp/joined.txt" && ok || bad "the input digest is not printed"

# every untraced change, undocumented deferral and orphaned escalation is named
"$signoff" check --json --period 2026-Q3 "$src"/samples/*.jsonl > "$tmp/check.json"
n=0
for code in untraced-change undocumented-deferral orphaned-escalation sla-breach silent-deferral; do
    for subject in $(grep "\"finding\":\"$code\"" "$tmp/check.json" |
        sed 's/.*"subject":"\([^"]*\)".*/\1/'); do
        n=$((n + 1))
        case $code in
        sla-breach | silent-deferral) subject=${subject#*:} subject=${subject%@*} ;;
        esac
        grep -qF -- "$subject" "$tmp/joined.txt" || bad "$code $subject is not in the PDF"
    done
done
[ $n -ge 40 ] && ok || bad "only $n subjects checked"

# bookmarks: one per contents entry, with the section titles
qpdf --json --json-key=outlines "$pdf" > "$tmp/outlines.json" 2> /dev/null
titles=$(grep -c '"title":' "$tmp/outlines.json")
entries=$(grep -cE '^(([0-9]+(\.[0-9]+)?)|Appendix [A-C]) ' <(pdftotext -f 2 -l 2 -layout "$pdf" - | sed 's/^ *//'))
# the contents page has a bookmark but does not list itself
[ "$titles" -ge 30 ] && [ "$titles" = $((entries + 1)) ] && ok || bad "$titles bookmarks for $entries contents entries"
grep -q '"title": "4  The trace test"' "$tmp/outlines.json" && ok || bad "no trace test bookmark"

# links: every link's destination is a named destination of the document
qpdf --qdf --object-streams=disable "$pdf" "$tmp/qdf.pdf" 2> /dev/null
grep -a -o '/Dest ([^)]*)' "$tmp/qdf.pdf" | sed 's/^\/Dest //' | sort -u > "$tmp/links"
unresolved=0
while read -r d; do
    [ "$(grep -a -cF -- "$d" "$tmp/qdf.pdf")" -ge 2 ] || unresolved=$((unresolved + 1))
done < "$tmp/links"
nl=$(wc -l < "$tmp/links")
[ "$nl" -ge 20 ] && [ $unresolved = 0 ] && ok || bad "$nl link targets, $unresolved unresolved"
grep -q '^(s-untraced)$' "$tmp/links" && grep -q '^(code-untested-change)$' "$tmp/links" &&
    ok || bad "no link to the untraced changes or to a finding code"

# a table continued on a new page repeats its header row
cont=0
for p in $(seq 3 "$pages"); do
    pdftotext -f "$p" -l "$p" "$pdf" "$tmp/page.txt"
    grep -qF "4 The trace test" "$tmp/page.txt" || continue
    grep -qF "Every production change in the period" "$tmp/page.txt" && continue
    cont=$((cont + 1))
    grep -qF "Named human" "$tmp/page.txt" || bad "page $p continues the trace test without its header"
done
[ $cont -ge 1 ] && ok || bad "the trace test fits on one page: no continued table to check"

# same input, same bytes
"$signoff" report --quiet --period 2026-Q3 --org "Harbourline Logistics" --format pdf \
    -o "$tmp/again" "$src"/samples/*.jsonl
cmp -s "$pdf" "$tmp/again/report.pdf" && ok || bad "two runs gave different PDFs"
[ -f "$tmp/again/package.xml" ] && [ ! -e "$tmp/again/oscal-assessment-results.xml" ] &&
    "$signoff" verify "$tmp/again" > /dev/null && ok || bad "--format pdf package"

# US Letter
"$signoff" report --quiet --period 2026-Q3 --paper letter --format pdf -o "$tmp/letter" \
    "$src"/samples/*.jsonl
pdfinfo "$tmp/letter/report.pdf" | grep -q '^Page size: *612 x 792 pts (letter)' && ok || bad "letter size"
clean_pdf "$tmp/letter/report.pdf" letter

# an organization name with PDF string delimiters and markup stays text
org='Acme (EU) \ ) ( <b>x</b> & Ωmega'
"$signoff" report --quiet --period 2026-Q3 --format pdf --org "$org" -o "$tmp/org" "$src"/samples/*.jsonl
clean_pdf "$tmp/org/report.pdf" "odd organization"
pdfinfo "$tmp/org/report.pdf" | grep -qF "Author:          $org" && ok || bad "the author is not the organization"
pdftotext -f 1 -l 1 "$tmp/org/report.pdf" - | grep -qF "$org" && ok || bad "the cover does not name the organization"

# names in any script; record text shown, never obeyed
"$signoff" report --quiet --period 2026-Q3 --format pdf -o "$tmp/uni" "$src/tests/data/pdf/unicode.jsonl"
clean_pdf "$tmp/uni/report.pdf" unicode
pdftotext "$tmp/uni/report.pdf" "$tmp/uni.txt"
for name in "Мария Иванова" "田中 美咲" "ليلى" "حداد"; do
    grep -qF "$name" "$tmp/uni.txt" && ok || bad "the name $name is not in the PDF"
done
pdffonts "$tmp/uni/report.pdf" | grep -q 'NotoSansCJK' && ok || bad "no CJK font embedded"
# the id is dec-uni-<RLO>003; pdftotext drops the hyphen when a line ends on it
grep -qE 'dec-uni-?<U\+202E>003' <(tr -d '\n' < "$tmp/uni.txt") && ok || bad "a bidi override in an id is not shown"
grep -q $'\u202e' "$tmp/uni.txt" && bad "a raw bidi override reached the PDF" || ok

# nothing in the period; all time
"$signoff" report --quiet --period 2025-Q1 --format pdf -o "$tmp/empty" "$src"/samples/*.jsonl; rc=$?
[ $rc = 0 ] && ok || bad "empty period rc=$rc"
clean_pdf "$tmp/empty/report.pdf" "empty period"
pdftotext "$tmp/empty/report.pdf" - | grep -qF "Every change in the period was traced" && ok || bad "empty period text"
"$signoff" report --quiet --format pdf -o "$tmp/all" "$src"/samples/*.jsonl; rc=$?
[ $rc = 0 ] && ok || bad "all-time rc=$rc"
clean_pdf "$tmp/all/report.pdf" "all time"
pdftotext "$tmp/all/report.pdf" - | grep -qE "Changes per [0-9]+ days|Changes per week" && ok || bad "all-time chart"

echo "pdf: $pass passed, $fail failed"
[ $fail = 0 ]

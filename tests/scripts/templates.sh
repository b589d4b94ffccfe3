#!/usr/bin/env bash
# templates.sh SIGNOFF SRCDIR: the shipped templates against hand-written package
# documents (tests/data/package). Each valid-*.xml validates against
# templates/signoff-package.xsd and each invalid-*.xml fails it with a validity error
# (not a parse error); the OSCAL stylesheet turns every valid one into a document that
# validates against NIST's OSCAL 1.1.3 assessment-results XSD, whose UUIDs are unique
# and whose UUID references all resolve (a metaschema rule the XSD does not check), and
# two runs give the same bytes. SIGNOFF is not used: no binary is needed.
set -u
src=$2
xsd=$src/templates/signoff-package.xsd
xsl=$src/templates/oscal-assessment-results.xsl
oscal_xsd=$src/tests/schemas/oscal_assessment-results_schema.xsd
data=$src/tests/data/package
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signoff-templates.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

for tool in xmllint xsltproc; do
    if ! command -v $tool > /dev/null; then
        echo "FAIL: $tool is missing (apt-get install libxml2-utils xsltproc)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done

# the stylesheet may read nothing but its input (libxslt runs it with file reads
# forbidden) and writes one result: no document(), xsl:include or xsl:import, no
# exsl:document or xsl:result-document
uses=$(xmllint --nonet --xpath "count(//@*[contains(., 'document(')]
    | //*[namespace-uri() = 'http://www.w3.org/1999/XSL/Transform'
          and (local-name() = 'include' or local-name() = 'import' or local-name() = 'result-document')]
    | //*[namespace-uri() = 'http://exslt.org/common' and local-name() = 'document'])" "$xsl" 2>&1)
[ "$uses" = 0 ] && ok || bad "the OSCAL stylesheet reads or writes other documents ($uses)"

shopt -s nullglob
valid=("$data"/valid-*.xml)
invalid=("$data"/invalid-*.xml)
[ ${#valid[@]} -ge 3 ] && [ ${#invalid[@]} -ge 3 ] && ok || bad "too few samples in $data"

for f in "${valid[@]}"; do
    n=$(basename "$f" .xml)
    if xmllint --nonet --noout --schema "$xsd" "$f" 2> "$tmp/err"; then ok; else
        bad "$n does not validate against signoff-package.xsd"; head -5 "$tmp/err"
    fi
done

for f in "${invalid[@]}"; do
    n=$(basename "$f" .xml)
    xmllint --nonet --noout "$f" 2> "$tmp/err" || { bad "$n is not well-formed XML"; head -3 "$tmp/err"; continue; }
    xmllint --nonet --noout --schema "$xsd" "$f" 2> "$tmp/err"; rc=$?
    # 3: the document does not validate (1 would be a parse error, 5 a schema error)
    [ $rc = 3 ] && ok || { bad "$n: xmllint --schema gave $rc, expected 3 (invalid)"; head -3 "$tmp/err"; }
done

for f in "${valid[@]}"; do
    n=$(basename "$f" .xml)
    out=$tmp/$n.oscal.xml
    if ! xsltproc --nonet "$xsl" "$f" > "$out" 2> "$tmp/err" || [ -s "$tmp/err" ]; then
        bad "$n: the OSCAL transform failed or warned"; head -5 "$tmp/err"; continue
    fi
    ok
    if xmllint --nonet --noout --schema "$oscal_xsd" "$out" 2> "$tmp/err"; then ok; else
        bad "$n: the OSCAL output does not validate against NIST's XSD"; head -5 "$tmp/err"
    fi
    xsltproc --nonet "$xsl" "$f" > "$out.2" 2> /dev/null
    cmp -s "$out" "$out.2" && ok || bad "$n: two OSCAL transforms differ"
    # UUIDs: each defined once; every reference (actor, subject, observation, risk, and
    # "#uuid" links) names one of them
    grep -oE '(^|[[:space:]])uuid="[^"]*"' "$out" | sed 's/.*uuid="//; s/"$//' | sort > "$tmp/defs"
    dups=$(uniq -d "$tmp/defs")
    [ -z "$dups" ] && ok || bad "$n: UUIDs defined twice: $(echo $dups | head -c 200)"
    grep -oE '(actor|subject|observation|risk|component)-uuid="[^"]*"|href="#[^"]*"' "$out" \
        | sed 's/.*="#\{0,1\}//; s/"$//' | sort -u > "$tmp/refs"
    dangling=$(comm -23 "$tmp/refs" <(sort -u "$tmp/defs"))
    [ -z "$dangling" ] && ok || bad "$n: UUID references that resolve to nothing: $(echo $dangling | head -c 200)"
    # a human party appears as a metadata party, an agent as a tool actor
    if grep -q 'type="human"' "$f"; then
        grep -q '<party type="person"' "$out" && ok || bad "$n: no person party for the human parties"
    fi
    if grep -q '<change [^>]*verdict="traced"' "$f"; then
        grep -q '<actor type="tool"' "$out" && grep -q '<actor type="party"' "$out" && ok \
            || bad "$n: traced changes lack tool and party actors"
    fi
done

echo "$pass passed, $fail failed"
[ $fail = 0 ]

#!/usr/bin/env python3
"""make-catalogs.py: writes mappings/catalogs/*.json, the lists of valid control IDs that
`signoff mappings --check` checks the mapping files against (SPEC §5).

Input is the reference data gathered from public catalogs (../shared/refdata, described in
its README.md). Output keeps only what the checker needs plus provenance:
  - SOC 2 and ISO/IEC 27001: IDs only (the AICPA and ISO texts are copyrighted);
  - NIST SP 800-53 Rev. 5: label, NIST title, status (active / withdrawn), the release it
    appeared in, and its FedRAMP Rev. 5 baselines (from fedramp-rev5-baselines.json,
    cross-checked against the catalog's own fedramp_rev5_baselines field);
  - NIST AI RMF 1.0: subcategory IDs with their NIST text (a U.S. Government work).

usage: tools/make-catalogs.py [REFDATA_DIR [OUT_DIR]]
  default REFDATA_DIR: ../shared/refdata beside the repository; OUT_DIR: mappings/catalogs
Deterministic: same input, same bytes. Run it again when the refdata changes.
"""
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "refdata")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "mappings", "catalogs")


def load(name):
    path = os.path.join(REF, name)
    with open(path, "rb") as f:
        raw = f.read()
    return json.loads(raw), hashlib.sha256(raw).hexdigest()


def dump(v):
    return json.dumps(v, ensure_ascii=False, separators=(", ", ": "))


def write(name, head, controls):
    """One member per line at the top, one control per line: small diffs, easy greps."""
    lines = ["{"]
    for k, v in head.items():
        lines.append("  %s: %s," % (dump(k), json.dumps(v, ensure_ascii=False, indent=2)
                                     .replace("\n", "\n  ")))
    lines.append('  "controls": [')
    for i, c in enumerate(controls):
        lines.append("    " + dump(c) + ("," if i + 1 < len(controls) else ""))
    lines.append("  ]")
    lines.append("}")
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("%s: %d controls" % (name, len(controls)))


def provenance(src, refname, sha, notes):
    p = {"derived_from": "refdata/%s (sha256 %s)" % (refname, sha),
         "generator": "tools/make-catalogs.py"}
    p.update(src)
    p["notes"] = notes
    return p


def soc2():
    d, sha = load("soc2-tsc.json")
    ids = [c["id"] for c in d["criteria"]]
    assert len(ids) == d["count"] == 61 and len(set(ids)) == 61
    head = {
        "catalog": "soc2-tsc-2017",
        "framework": "soc2",
        "label": "SOC 2 (2017)",
        "edition": "AICPA Trust Services Criteria 2017 (TSP Section 100), points of focus "
                   "revised 2022",
        "provenance": provenance({"source": d["source"]}, "soc2-tsc.json", sha, [
            "IDs only: the criteria text is (c) AICPA and is not reproduced.",
            "61 criteria: CC1.1-CC9.2 (33), A1.1-A1.3, C1.1-C1.2, PI1.1-PI1.5, P1.1-P8.1 (18).",
            "Points of focus (CC8.1.x in some tools) are not criteria and are not listed.",
            "The source spells the processing-integrity criteria PP1.x; corrected to PI1.x.",
        ]),
    }
    write("soc2-tsc-2017.json", head, [{"id": i} for i in ids])


def iso():
    d, sha = load("iso27001-2022.json")
    clauses = [{"id": c["id"], "kind": "clause"} for c in d["clauses"]]
    annex = [{"id": c["id"], "kind": "annex-a"} for c in d["annex_a"]]
    assert len(clauses) == 41 and len(annex) == 93
    head = {
        "catalog": "iso27001-2022",
        "framework": "iso27001",
        "label": "ISO/IEC 27001:2022",
        "edition": "ISO/IEC 27001:2022 (Amendment 1:2024 adds no IDs): clauses 4-10 and "
                   "Annex A",
        "provenance": provenance({"source": d["source"]}, "iso27001-2022.json", sha, [
            "IDs only: the ISO text and titles are (c) ISO and are not reproduced.",
            "41 clause IDs (4 ... 10.2, with 6.1.1-6.1.3, 7.5.1-7.5.3, 9.2.1-9.2.2, "
            "9.3.1-9.3.3) and 93 Annex A controls (A.5.1-A.5.37, A.6.1-A.6.8, A.7.1-A.7.14, "
            "A.8.1-A.8.34).",
        ]),
    }
    write("iso27001-2022.json", head, clauses + annex)


def nist():
    d, sha = load("nist-800-53r5.json")
    f, fsha = load("fedramp-rev5-baselines.json")
    sets = {k: set(f["baselines"][k]["ids"]) for k in ("LOW", "MODERATE", "HIGH")}
    known = {c["id"] for c in d["controls"]}
    for k, s in sets.items():
        assert s <= known, "FedRAMP %s names ids not in the catalog: %s" % (k, s - known)
    out = []
    for c in d["controls"]:
        bl = [k.lower() for k in ("LOW", "MODERATE", "HIGH") if c["id"] in sets[k]]
        assert bl == [b.lower() for b in c["fedramp_rev5_baselines"]], c["id"]
        if c["status"] == "withdrawn":
            assert not bl, c["id"]
        e = {"id": c["label"], "title": c["title"], "status": c["status"]}
        if c["since"] != "5.0.0":
            e["since"] = c["since"]
        e["baselines"] = bl
        out.append(e)
    assert len(out) == 1196 and len({e["id"] for e in out}) == 1196
    head = {
        "catalog": "nist-sp800-53r5-fedramp",
        "framework": "fedramp",
        "label": "NIST SP 800-53 Rev. 5",
        "edition": "NIST SP 800-53 Rev. 5 (Release 5.0.1 catalog, plus the 5.1.1 and 5.2.0 "
                   "additions) with the FedRAMP Rev. 5 baselines of 2024-09-24",
        "provenance": provenance({"sources": d["sources"],
                                  "fedramp_source": f["source"],
                                  "fedramp_derived_from":
                                      "refdata/fedramp-rev5-baselines.json (sha256 %s)" % fsha},
                                 "nist-800-53r5.json", sha, [
            "IDs are labels as NIST prints them: CM-3, CM-3(4) (not zero-padded, not the "
            "OSCAL form cm-3.4).",
            "Every control and enhancement, 1196 in all; 182 are withdrawn and kept with "
            "\"status\": \"withdrawn\" so that the checker can say so.",
            "\"since\" marks the 7 IDs added by hand from Releases 5.1.1 (IA-13, IA-13(1)-(3)) "
            "and 5.2.0 (SA-15(13), SA-24, SI-2(7)); see the refdata README caveats.",
            "\"baselines\": membership of the FedRAMP Rev. 5 LOW / MODERATE / HIGH profiles "
            "(GSA/fedramp-automation); LI-SaaS is not used. Counts: low 156, moderate 323, "
            "high 410.",
            "Titles are NIST's (a U.S. Government work).",
        ]),
    }
    write("nist-sp800-53r5-fedramp.json", head, out)


def airmf():
    d, sha = load("nist-ai-rmf-1.0.json")
    subs = [{"id": i["id"], "title": i["text"]} for i in d["items"]
            if i["kind"] == "subcategory"]
    assert len(subs) == 72
    head = {
        "catalog": "nist-ai-rmf-1.0",
        "framework": "ai-rmf",
        "label": "NIST AI RMF 1.0",
        "edition": "NIST AI 100-1, AI Risk Management Framework 1.0 (January 2023), Core "
                   "subcategories",
        "provenance": provenance({"source": d["source"]}, "nist-ai-rmf-1.0.json", sha, [
            "The 72 subcategories (GOVERN 19, MAP 18, MEASURE 22, MANAGE 13), IDs written "
            "\"GOVERN 1.1\"; functions and categories are not mapping targets.",
            "Text is NIST's (a U.S. Government work), as transcribed by the source.",
        ]),
    }
    write("nist-ai-rmf-1.0.json", head, subs)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    soc2()
    iso()
    nist()
    airmf()

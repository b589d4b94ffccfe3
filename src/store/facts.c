/* store/facts.c: what SPEC §4 Other findings read of a decision record, as the SG_DF_*
 * bits the store keeps beside the decision (schema 2). Computed once, at ingest, from the
 * record's tree; the rules then read an integer instead of the record. */
#include "signoff/json.h"
#include "signoff/model.h"

#include <math.h>
#include <string.h>

unsigned sg_decision_facts(const json_t *doc, int *has_tier, int64_t *tier)
{
    const json_t *factors = json_object_get(doc, "factors");
    const json_t *vulns = json_object_get(doc, "vulns");
    const json_t *change = json_object_get(doc, "change");
    const json_t *result = json_object_get(json_object_get(change, "tests"), "result");
    const json_t *t = json_object_get(doc, "tier");
    unsigned f = 0;

    if (sg_json_missing(json_object_get(doc, "confidence")))
        f |= SG_DF_NO_CONFIDENCE;
    if (sg_json_missing(factors))
        f |= SG_DF_NO_FACTORS;
    if (sg_json_missing(json_object_get(doc, "policy")))
        f |= SG_DF_NO_POLICY;
    if (sg_json_missing(json_object_get(doc, "rationale")))
        f |= SG_DF_NO_RATIONALE;
    if (sg_json_missing(vulns))
        f |= SG_DF_NO_VULNS;
    for (size_t i = 0; i < json_array_size(vulns); i++)
        if (json_object_get(json_array_get(vulns, i), "cvss") != NULL) {
            f |= SG_DF_CVSS;
            break;
        }
    /* json_object_get of a non-object is NULL, and NULL is Missing: factors of the
       wrong type have every context factor Missing */
    if (sg_json_missing(json_object_get(factors, "exposure")) &&
        sg_json_missing(json_object_get(factors, "exploitability")) &&
        sg_json_missing(json_object_get(factors, "business_criticality")))
        f |= SG_DF_NO_CONTEXT;
    if (json_is_string(result) && strcmp(json_string_value(result), "passed") == 0)
        f |= SG_DF_TESTS_PASSED;
    if (sg_json_missing(json_object_get(change, "rollback_plan")))
        f |= SG_DF_NO_ROLLBACK;
    /* the tier as the store keeps it: its canonical form writes a real with an integral
       value below 2^53 as an integer (sg_json_canonical), so 2.0 is the tier 2 */
    *has_tier = json_is_integer(t);
    *tier = *has_tier ? json_integer_value(t) : 0;
    if (json_is_real(t)) {
        double d = json_real_value(t);
        if (d == floor(d) && fabs(d) < 9007199254740992.0) {
            *has_tier = 1;
            *tier = (int64_t)d;
        }
    }
    return f;
}

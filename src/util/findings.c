/* util/findings.c: the finding-code table of SPEC §4 ("Severity: high — …") and the
 * evidence kinds of SPEC §5. */
#include "signoff/findings.h"

#include <string.h>

static const struct {
    const char *name;
    enum sg_severity sev;
} codes[SG_F__COUNT] = {
    [SG_F_CONTEXT_FREE_SEVERITY] = {"context-free-severity", SG_SEV_LOW},
    [SG_F_INCOMPLETE_RECORD] = {"incomplete-record", SG_SEV_LOW},
    [SG_F_NO_ROLLBACK_PLAN] = {"no-rollback-plan", SG_SEV_LOW},
    [SG_F_ORPHANED_ESCALATION] = {"orphaned-escalation", SG_SEV_HIGH},
    [SG_F_SCOPE_EXCEEDED] = {"scope-exceeded", SG_SEV_HIGH},
    [SG_F_SILENT_DEFERRAL] = {"silent-deferral", SG_SEV_HIGH},
    [SG_F_SLA_BREACH] = {"sla-breach", SG_SEV_MEDIUM},
    [SG_F_STALE_POLICY] = {"stale-policy", SG_SEV_MEDIUM},
    [SG_F_TIER_UNDERSTATED] = {"tier-understated", SG_SEV_MEDIUM},
    [SG_F_UNDOCUMENTED_DEFERRAL] = {"undocumented-deferral", SG_SEV_HIGH},
    [SG_F_UNKNOWN_ASSET] = {"unknown-asset", SG_SEV_MEDIUM},
    [SG_F_UNTESTED_CHANGE] = {"untested-change", SG_SEV_MEDIUM},
    [SG_F_UNTRACED_CHANGE] = {"untraced-change", SG_SEV_HIGH},
};

static const char *const evidence[SG_E__COUNT] = {
    [SG_E_ANSWERED_ESCALATION] = "answered-escalation",
    [SG_E_DECISION_RECORD] = "decision-record",
    [SG_E_DOCUMENTED_DEFERRAL] = "documented-deferral",
    [SG_E_MANIFEST] = "manifest",
    [SG_E_REMEDIATED_EXPOSURE] = "remediated-exposure",
    [SG_E_RESPECTED_NOTIFICATION] = "respected-notification",
    [SG_E_SIGNED_POLICY] = "signed-policy",
    [SG_E_TRACED_CHANGE] = "traced-change",
};

const char *sg_finding_name(enum sg_finding_code c)
{
    return (unsigned)c < SG_F__COUNT ? codes[c].name : NULL;
}

enum sg_severity sg_finding_severity(enum sg_finding_code c)
{
    return (unsigned)c < SG_F__COUNT ? codes[c].sev : SG_SEV_LOW;
}

int sg_finding_lookup(const char *name)
{
    for (int i = 0; i < SG_F__COUNT; i++)
        if (strcmp(codes[i].name, name) == 0)
            return i;
    return -1;
}

const char *sg_severity_name(enum sg_severity s)
{
    switch (s) {
    case SG_SEV_HIGH:
        return "high";
    case SG_SEV_MEDIUM:
        return "medium";
    default:
        return "low";
    }
}

int sg_severity_lookup(const char *name)
{
    if (strcmp(name, "high") == 0)
        return SG_SEV_HIGH;
    if (strcmp(name, "medium") == 0)
        return SG_SEV_MEDIUM;
    if (strcmp(name, "low") == 0)
        return SG_SEV_LOW;
    return -1;
}

const char *sg_evidence_name(enum sg_evidence_kind k)
{
    return (unsigned)k < SG_E__COUNT ? evidence[k] : NULL;
}

int sg_evidence_lookup(const char *name)
{
    for (int i = 0; i < SG_E__COUNT; i++)
        if (strcmp(evidence[i], name) == 0)
            return i;
    return -1;
}

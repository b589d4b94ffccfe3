/* map/status.c: the names of frameworks, baselines and relationships, and a control's
 * status for a period (SPEC §6 "each mapped control's status (exceptions noted /
 * evidence present / no evidence)"; issue 6 "Control status"). */
#include "map_int.h"

#include <string.h>

static const char *const fw_keys[SG_FW__COUNT] = {
    [SG_FW_SOC2] = "soc2",
    [SG_FW_ISO27001] = "iso27001",
    [SG_FW_FEDRAMP] = "fedramp",
    [SG_FW_AI_RMF] = "ai-rmf",
};

static const char *const rel_names[SG_REL__COUNT] = {
    [SG_REL_EQUAL] = "equal",       [SG_REL_SUBSET] = "subset",
    [SG_REL_SUPERSET] = "superset", [SG_REL_INTERSECTS] = "intersects",
    [SG_REL_RELATED] = "related",
};

const char *sg_framework_key(enum sg_framework fw)
{
    return (unsigned)fw < SG_FW__COUNT ? fw_keys[fw] : NULL;
}

int sg_framework_lookup(const char *key)
{
    for (int i = 0; i < SG_FW__COUNT; i++)
        if (strcmp(fw_keys[i], key) == 0)
            return i;
    return -1;
}

const char *sg_baseline_name(unsigned bit)
{
    switch (bit) {
    case SG_BASELINE_LOW:
        return "low";
    case SG_BASELINE_MODERATE:
        return "moderate";
    case SG_BASELINE_HIGH:
        return "high";
    default:
        return NULL;
    }
}

unsigned sg_baseline_lookup(const char *name)
{
    if (strcmp(name, "low") == 0)
        return SG_BASELINE_LOW;
    if (strcmp(name, "moderate") == 0)
        return SG_BASELINE_MODERATE;
    if (strcmp(name, "high") == 0)
        return SG_BASELINE_HIGH;
    return 0;
}

const char *sg_relationship_name(enum sg_relationship r)
{
    return (unsigned)r < SG_REL__COUNT ? rel_names[r] : NULL;
}

int sg_relationship_lookup(const char *name)
{
    for (int i = 0; i < SG_REL__COUNT; i++)
        if (strcmp(rel_names[i], name) == 0)
            return i;
    return -1;
}

const char *sg_control_status_name(enum sg_control_status s)
{
    switch (s) {
    case SG_CS_EXCEPTIONS_NOTED:
        return "exceptions noted";
    case SG_CS_EVIDENCE_PRESENT:
        return "evidence present";
    default:
        return "no evidence";
    }
}

const char *sg_control_status_key(enum sg_control_status s)
{
    switch (s) {
    case SG_CS_EXCEPTIONS_NOTED:
        return "exceptions-noted";
    case SG_CS_EVIDENCE_PRESENT:
        return "evidence-present";
    default:
        return "no-evidence";
    }
}

enum sg_control_status sg_control_status(const struct sg_control *c,
                                         const long finding_count[SG_F__COUNT],
                                         const long evidence_count[SG_E__COUNT])
{
    /* exceptions noted: a mapped finding is in the period; it wins over any evidence */
    for (int k = 0; k < SG_F__COUNT; k++)
        if (c->exception[k] && finding_count[k] > 0)
            return SG_CS_EXCEPTIONS_NOTED;
    /* evidence present: supporting evidence in the period and no exception */
    for (int k = 0; k < SG_E__COUNT; k++)
        if (c->evidence[k] && evidence_count[k] > 0)
            return SG_CS_EVIDENCE_PRESENT;
    return SG_CS_NO_EVIDENCE;
}

int sg_control_in_baseline(const struct sg_control *c, unsigned baseline)
{
    return baseline == 0 || (c->baselines & baseline) != 0;
}

/* settings.h: SPEC §3 settings — built-in defaults, a JSON file merged onto them key by
 * key (deeper for tiers and remediation_sla), and the tier lookup of SPEC §4. */
#ifndef SIGNOFF_SETTINGS_H
#define SIGNOFF_SETTINGS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "signoff/error.h"

#define SG_MAX_TIER_ENVS 64

struct sg_settings {
    int64_t tier_default;
    struct {
        char name[64];
        int set[5];      /* by level 1..4: cell given */
        int64_t tier[5];
    } envs[SG_MAX_TIER_ENVS];
    int nenvs;
    int64_t approval_max_age, veto_window, acceptance_sla, policy_max_age;
    int64_t remediation_sla[5]; /* by severity level 1..4 */
    int default_severity;        /* level 1..4 */
};

void sg_settings_defaults(struct sg_settings *s);
/* Merges the file at path onto s. Bad input: EX_DATAERR at FILE:LINE; missing: 66. */
int sg_settings_load(struct sg_settings *s, const char *path, struct sg_error *err);
/* The same for a settings text already read (len bytes; path names it in messages). */
int sg_settings_parse(struct sg_settings *s, const char *path, const char *text,
                      size_t len, struct sg_error *err);
/* tiers[environment][criticality], else tiers.default (SPEC §3). */
int64_t sg_settings_tier(const struct sg_settings *s, const char *environment, int criticality);
/* New reference: the settings in force as JSON, keys in a fixed order. */
json_t *sg_settings_json(const struct sg_settings *s);

#endif

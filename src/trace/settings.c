/* trace/settings.c: SPEC §3. A settings file is merged onto the defaults key by key, and
 * deeper for tiers (per environment and criticality) and remediation_sla (per
 * severity). Unknown keys are ignored; a malformed value is bad input (exit 65). */
#include "signoff/settings.h"
#include "signoff/infile.h"
#include "signoff/json.h"
#include "signoff/limits.h"
#include "signoff/record.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

void sg_settings_defaults(struct sg_settings *s)
{
    memset(s, 0, sizeof(*s));
    s->tier_default = 1;
    snprintf(s->envs[0].name, sizeof(s->envs[0].name), "production");
    for (int l = 1; l <= 4; l++) {
        s->envs[0].set[l] = 1;
        s->envs[0].tier[l] = l >= 3 ? 3 : 2; /* critical, high: 3; medium, low: 2 */
    }
    s->nenvs = 1;
    s->approval_max_age = 24 * 3600 * SG_NS_PER_SEC;
    s->veto_window = 4 * 3600 * SG_NS_PER_SEC;
    s->acceptance_sla = 5 * 86400 * SG_NS_PER_SEC;
    s->policy_max_age = 180 * 86400 * SG_NS_PER_SEC;
    s->remediation_sla[4] = 15 * 86400 * SG_NS_PER_SEC;
    s->remediation_sla[3] = 30 * 86400 * SG_NS_PER_SEC;
    s->remediation_sla[2] = 90 * 86400 * SG_NS_PER_SEC;
    s->remediation_sla[1] = 180 * 86400 * SG_NS_PER_SEC;
    s->default_severity = 2;
}

int64_t sg_settings_tier(const struct sg_settings *s, const char *environment, int criticality)
{
    for (int i = 0; i < s->nenvs; i++)
        if (strcmp(s->envs[i].name, environment) == 0) {
            if (criticality >= 1 && criticality <= 4 && s->envs[i].set[criticality])
                return s->envs[i].tier[criticality];
            return s->tier_default;
        }
    return s->tier_default;
}

struct ctx {
    const char *path, *text;
    size_t len;
    struct sg_error *err;
};

static int bad(struct ctx *c, const char *ptr, const char *fmt, const char *arg)
{
    struct sg_pos pos = {c->path, sg_json_pointer_line(c->text, c->len, ptr), NULL};
    char msg[300];
    if (pos.line == 0)
        pos.line = 1;
    snprintf(msg, sizeof(msg), fmt, arg);
    return sg_error_set(c->err, EX_DATAERR, &pos, "%s", msg);
}

static int duration(struct ctx *c, json_t *v, const char *key, const char *ptr, int64_t *out,
                    int positive)
{
    const char *why;
    int64_t d;
    if (v == NULL)
        return 0;
    if (!json_is_string(v))
        return bad(c, ptr, "settings \"%s\" must be a duration string like PT4H", key);
    if (sg_duration_parse(&d, json_string_value(v), &why) != 0) {
        char msg[200];
        snprintf(msg, sizeof(msg), "settings \"%s\" is not a duration (%s)", key, why);
        return bad(c, ptr, "%s", msg);
    }
    if (positive && d <= 0)
        return bad(c, ptr, "settings \"%s\" must be longer than zero", key);
    *out = d;
    return 0;
}

static int merge(struct sg_settings *s, json_t *root, struct ctx *c)
{
    json_t *v;
    char ptr[200];

    if (!json_is_object(root))
        return bad(c, "", "%s", "a settings file must hold one JSON object");
    v = json_object_get(root, "tiers");
    if (v != NULL) {
        const char *env;
        json_t *row;
        if (!json_is_object(v))
            return bad(c, "/tiers", "%s", "settings \"tiers\" must be an object");
        json_object_foreach(v, env, row)
        {
            snprintf(ptr, sizeof(ptr), "/tiers/%.100s", env);
            if (strcmp(env, "default") == 0) {
                if (!json_is_integer(row))
                    return bad(c, ptr, "%s", "settings \"tiers.default\" must be an integer");
                s->tier_default = json_integer_value(row);
                continue;
            }
            if (!json_is_object(row))
                return bad(c, ptr, "settings \"tiers.%s\" must be an object of criticality: "
                                   "tier",
                           env);
            int i;
            for (i = 0; i < s->nenvs; i++)
                if (strcmp(s->envs[i].name, env) == 0)
                    break;
            if (i == s->nenvs) {
                if (s->nenvs == SG_MAX_TIER_ENVS || strlen(env) >= sizeof(s->envs[0].name))
                    return bad(c, ptr, "%s", "too many or too long environments in \"tiers\"");
                memset(&s->envs[i], 0, sizeof(s->envs[i]));
                snprintf(s->envs[i].name, sizeof(s->envs[i].name), "%s", env);
                s->nenvs++;
            }
            const char *crit;
            json_t *cell;
            json_object_foreach(row, crit, cell)
            {
                int level = sg_level_lookup(crit);
                char cptr[300];
                if (level == 0)
                    continue; /* unknown keys are ignored */
                snprintf(cptr, sizeof(cptr), "%s/%s", ptr, crit);
                if (!json_is_integer(cell))
                    return bad(c, cptr, "settings tier \"%s\" must be an integer", crit);
                s->envs[i].set[level] = 1;
                s->envs[i].tier[level] = json_integer_value(cell);
            }
        }
    }
    if (duration(c, json_object_get(root, "approval_max_age"), "approval_max_age",
                 "/approval_max_age", &s->approval_max_age, 0) != 0 ||
        duration(c, json_object_get(root, "veto_window"), "veto_window", "/veto_window",
                 &s->veto_window, 1) != 0 ||
        duration(c, json_object_get(root, "acceptance_sla"), "acceptance_sla", "/acceptance_sla",
                 &s->acceptance_sla, 0) != 0 ||
        duration(c, json_object_get(root, "policy_max_age"), "policy_max_age", "/policy_max_age",
                 &s->policy_max_age, 0) != 0)
        return -1;
    v = json_object_get(root, "remediation_sla");
    if (v != NULL) {
        const char *sev;
        json_t *d;
        if (!json_is_object(v))
            return bad(c, "/remediation_sla", "%s",
                       "settings \"remediation_sla\" must be an object of severity: duration");
        json_object_foreach(v, sev, d)
        {
            int level = sg_level_lookup(sev);
            if (level == 0)
                continue;
            char key[64];
            snprintf(ptr, sizeof(ptr), "/remediation_sla/%s", sev);
            snprintf(key, sizeof(key), "remediation_sla.%s", sev);
            if (duration(c, d, key, ptr, &s->remediation_sla[level], 0) != 0)
                return -1;
        }
    }
    v = json_object_get(root, "default_severity");
    if (v != NULL) {
        if (!json_is_string(v) || sg_level_lookup(json_string_value(v)) == 0)
            return bad(c, "/default_severity", "%s",
                       "settings \"default_severity\" must be one of critical, high, medium, "
                       "low");
        s->default_severity = sg_level_lookup(json_string_value(v));
    }
    return 0;
}

int sg_settings_parse(struct sg_settings *s, const char *path, const char *text,
                      size_t len, struct sg_error *err)
{
    json_error_t je;
    json_t *root;
    int rc;

    root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL) {
        struct sg_pos pos = {path, je.line > 0 ? (unsigned long)je.line : 1, NULL};
        return sg_error_set(err, EX_DATAERR, &pos, "invalid JSON: %s", je.text);
    }
    sg_json_drop_nulls(root);
    struct ctx c = {path, text, len, err};
    rc = merge(s, root, &c);
    json_decref(root);
    return rc;
}

int sg_settings_load(struct sg_settings *s, const char *path, struct sg_error *err)
{
    FILE *fp = NULL;
    struct sg_buf text = {0};
    char chunk[8192];
    size_t n;
    int rc = -1;

    fp = sg_infile_open(path);
    if (fp == NULL)
        return sg_error_set(err, EX_NOINPUT, NULL, "cannot open settings \"%s\": %s",
                            path, sg_infile_strerror(errno));
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        if (text.len + n > SG_MAX_SETTINGS_BYTES) {
            struct sg_pos pos = {path, 1, NULL};
            sg_error_set(err, EX_DATAERR, &pos,
                         "settings file larger than " SG_MAX_SETTINGS_TEXT);
            goto out;
        }
        sg_buf_add(&text, chunk, n);
    }
    if (ferror(fp)) {
        sg_error_set(err, EX_IOERR, NULL, "cannot read settings \"%s\": %s", path,
                     strerror(errno));
        goto out;
    }
    rc = sg_settings_parse(s, path, sg_buf_str(&text), text.len, err);
out:
    sg_buf_release(&text);
    fclose(fp);
    return rc;
}

json_t *sg_settings_json(const struct sg_settings *s)
{
    json_t *o = json_object(), *tiers = json_object(), *sla = json_object();
    char buf[SG_TIME_BUF];

    for (int i = 0; i < s->nenvs; i++) {
        json_t *row = json_object();
        for (int l = 4; l >= 1; l--)
            if (s->envs[i].set[l])
                json_object_set_new(row, sg_level_name(l), json_integer(s->envs[i].tier[l]));
        json_object_set_new(tiers, s->envs[i].name, row);
    }
    json_object_set_new(tiers, "default", json_integer(s->tier_default));
    json_object_set_new(o, "tiers", tiers);
    json_object_set_new(o, "approval_max_age",
                        json_string(sg_duration_format(buf, s->approval_max_age)));
    json_object_set_new(o, "veto_window", json_string(sg_duration_format(buf, s->veto_window)));
    json_object_set_new(o, "acceptance_sla",
                        json_string(sg_duration_format(buf, s->acceptance_sla)));
    json_object_set_new(o, "policy_max_age",
                        json_string(sg_duration_format(buf, s->policy_max_age)));
    for (int l = 4; l >= 1; l--)
        json_object_set_new(sla, sg_level_name(l),
                            json_string(sg_duration_format(buf, s->remediation_sla[l])));
    json_object_set_new(o, "remediation_sla", sla);
    json_object_set_new(o, "default_severity", json_string(sg_level_name(s->default_severity)));
    return o;
}

/* ingest/record.c: SPEC §2 validation of one native record, table-driven. Each kind's
 * fields are listed once below, in SPEC §2's words; cross-field rules follow in
 * check_rules(). Only the first problem of a record is reported (SPEC §8). */
#include "signoff/record.h"
#include "signoff/json.h"
#include "signoff/limits.h"
#include "signoff/time.h"

#include <math.h>
#include <string.h>

static const char *const kinds[SG_K__COUNT] = {
    "identity", "agent",        "asset",           "policy",   "decision",
    "approval", "notification", "risk_acceptance", "exposure",
};

const char *sg_kind_name(enum sg_kind k)
{
    return (unsigned)k < SG_K__COUNT ? kinds[k] : "?";
}

int sg_kind_lookup(const char *name)
{
    for (int i = 0; i < SG_K__COUNT; i++)
        if (strcmp(kinds[i], name) == 0)
            return i;
    return -1;
}

static const char *const levels[] = {"low", "medium", "high", "critical", NULL};

int sg_level_lookup(const char *name)
{
    for (int i = 0; levels[i]; i++)
        if (strcmp(levels[i], name) == 0)
            return i + 1;
    return 0;
}

const char *sg_level_name(int level)
{
    return level >= 1 && level <= 4 ? levels[level - 1] : "?";
}

enum ftype {
    F_STR,      /* string ("" allowed unless required) */
    F_ID,       /* non-empty string naming an id */
    F_BOOL,
    F_INT,      /* JSON integer in [min, max] */
    F_NUM,      /* JSON number in [min, max] */
    F_TIME,     /* RFC 3339 time */
    F_DUR,      /* duration */
    F_ENUM,     /* one of enums */
    F_STRS,     /* array of strings */
    F_IDS,      /* array of non-empty strings */
    F_OBJ,      /* object with sub fields */
    F_OBJS,     /* array of objects with sub fields */
    F_STRMAP,   /* object whose every member is a string */
    F_STR_OBJ,  /* string or object */
};

struct field {
    const char *name;
    enum ftype type;
    int required;
    const char *const *enums;
    double min, max;
    const struct field *sub;
};

#define END {NULL, 0, 0, NULL, 0, 0, NULL}

static const char *const e_env[] = {"production", "staging", "development", "test", "lab",
                                    NULL};
static const char *const e_level[] = {"critical", "high", "medium", "low", NULL};
static const char *const e_action[] = {
    "patch",         "upgrade",        "rollback",      "restart",
    "config_change", "isolate",        "disable_account", "firewall_change",
    "iam_change",    "rotate_secret",  "suppress_alert", "deploy_script", NULL};
static const char *const e_outcome[] = {"act", "defer", "escalate", NULL};
static const char *const e_result[] = {"passed", "failed", "skipped", NULL};
static const char *const e_appr[] = {"approved", "rejected", "vetoed", NULL};
static const char *const e_status[] = {"open", "fixed", NULL};

static const struct field f_identity[] = {
    {"id", F_ID, 1, NULL, 0, 0, NULL},       {"name", F_STR, 1, NULL, 0, 0, NULL},
    {"human", F_BOOL, 1, NULL, 0, 0, NULL},  {"roles", F_STRS, 0, NULL, 0, 0, NULL},
    {"email", F_STR, 0, NULL, 0, 0, NULL},   END};
static const struct field f_cred_scope[] = {
    {"environments", F_STRS, 0, NULL, 0, 0, NULL},
    {"assets", F_STRS, 0, NULL, 0, 0, NULL}, END};
static const struct field f_agent[] = {
    {"id", F_ID, 1, NULL, 0, 0, NULL},
    {"name", F_STR, 0, NULL, 0, 0, NULL},
    {"vendor", F_STR, 0, NULL, 0, 0, NULL},
    {"credential_scope", F_OBJ, 0, NULL, 0, 0, f_cred_scope},
    END};
static const struct field f_asset[] = {
    {"id", F_ID, 1, NULL, 0, 0, NULL},
    {"name", F_STR, 0, NULL, 0, 0, NULL},
    {"environment", F_ENUM, 1, e_env, 0, 0, NULL},
    {"criticality", F_ENUM, 1, e_level, 0, 0, NULL},
    {"internet_facing", F_BOOL, 0, NULL, 0, 0, NULL},
    {"owner", F_ID, 0, NULL, 0, 0, NULL},
    END};
static const struct field f_pol_scope[] = {
    {"environments", F_STRS, 0, NULL, 0, 0, NULL},
    {"max_criticality", F_ENUM, 0, e_level, 0, 0, NULL},
    {"actions", F_STRS, 0, NULL, 0, 0, NULL},
    END};
static const struct field f_policy[] = {
    {"id", F_ID, 1, NULL, 0, 0, NULL},
    {"version", F_INT, 1, NULL, 1, 9.2e18, NULL},
    {"title", F_STR, 0, NULL, 0, 0, NULL},
    {"tier", F_INT, 0, NULL, 1, 3, NULL},
    {"scope", F_OBJ, 0, NULL, 0, 0, f_pol_scope},
    {"signed_by", F_ID, 0, NULL, 0, 0, NULL},
    {"signed_at", F_TIME, 0, NULL, 0, 0, NULL},
    {"review_by", F_TIME, 0, NULL, 0, 0, NULL},
    END};
static const struct field f_vuln[] = {
    {"id", F_ID, 1, NULL, 0, 0, NULL},      {"cvss", F_NUM, 0, NULL, 0, 10, NULL},
    {"severity", F_ENUM, 0, e_level, 0, 0, NULL}, {"kev", F_BOOL, 0, NULL, 0, 0, NULL},
    {"epss", F_NUM, 0, NULL, 0, 1, NULL},   END};
static const struct field f_cite[] = {
    {"id", F_ID, 1, NULL, 0, 0, NULL}, {"version", F_INT, 1, NULL, 1, 9.2e18, NULL}, END};
static const struct field f_tests[] = {
    {"ref", F_STR, 0, NULL, 0, 0, NULL}, {"result", F_ENUM, 0, e_result, 0, 0, NULL}, END};
static const struct field f_change[] = {
    {"ref", F_STR, 0, NULL, 0, 0, NULL},
    {"requested_by", F_ID, 0, NULL, 0, 0, NULL},
    {"deployed_at", F_TIME, 0, NULL, 0, 0, NULL},
    {"tests", F_OBJ, 0, NULL, 0, 0, f_tests},
    {"rollback_plan", F_STR, 0, NULL, 0, 0, NULL},
    END};
static const struct field f_decision[] = {
    {"id", F_ID, 1, NULL, 0, 0, NULL},
    {"agent", F_ID, 1, NULL, 0, 0, NULL},
    {"at", F_TIME, 1, NULL, 0, 0, NULL},
    {"action", F_ENUM, 1, e_action, 0, 0, NULL},
    {"outcome", F_ENUM, 1, e_outcome, 0, 0, NULL},
    {"targets", F_IDS, 1, NULL, 0, 0, NULL},
    {"vulns", F_OBJS, 0, NULL, 0, 0, f_vuln},
    {"factors", F_STRMAP, 0, NULL, 0, 0, NULL},
    {"confidence", F_NUM, 0, NULL, 0, 1, NULL},
    {"rationale", F_STR, 0, NULL, 0, 0, NULL},
    {"policy", F_OBJ, 0, NULL, 0, 0, f_cite},
    {"tier", F_INT, 0, NULL, 1, 3, NULL},
    {"automation_level", F_INT, 0, NULL, 1, 5, NULL},
    {"change", F_OBJ, 0, NULL, 0, 0, f_change},
    END};
static const struct field f_approval[] = {
    {"id", F_ID, 1, NULL, 0, 0, NULL},
    {"decision", F_ID, 0, NULL, 0, 0, NULL},
    {"change_ref", F_ID, 0, NULL, 0, 0, NULL},
    {"by", F_ID, 1, NULL, 0, 0, NULL},
    {"at", F_TIME, 1, NULL, 0, 0, NULL},
    {"outcome", F_ENUM, 1, e_appr, 0, 0, NULL},
    {"evidence", F_STR_OBJ, 0, NULL, 0, 0, NULL},
    END};
static const struct field f_notification[] = {
    {"id", F_ID, 1, NULL, 0, 0, NULL},   {"decision", F_ID, 1, NULL, 0, 0, NULL},
    {"to", F_ID, 1, NULL, 0, 0, NULL},   {"at", F_TIME, 1, NULL, 0, 0, NULL},
    {"veto_window", F_DUR, 0, NULL, 0, 0, NULL}, END};
static const struct field f_acceptance[] = {
    {"id", F_ID, 1, NULL, 0, 0, NULL},
    {"decision", F_ID, 0, NULL, 0, 0, NULL},
    {"vuln", F_ID, 0, NULL, 0, 0, NULL},
    {"asset", F_ID, 0, NULL, 0, 0, NULL},
    {"owner", F_ID, 1, NULL, 0, 0, NULL},
    {"acknowledged_at", F_TIME, 1, NULL, 0, 0, NULL},
    {"expires", F_TIME, 0, NULL, 0, 0, NULL},
    {"rationale", F_STR, 0, NULL, 0, 0, NULL},
    {"compensating_controls", F_STRS, 0, NULL, 0, 0, NULL},
    END};
static const struct field f_exposure[] = {
    {"id", F_ID, 1, NULL, 0, 0, NULL},
    {"vuln", F_ID, 1, NULL, 0, 0, NULL},
    {"asset", F_ID, 1, NULL, 0, 0, NULL},
    {"first_seen", F_TIME, 1, NULL, 0, 0, NULL},
    {"last_seen", F_TIME, 0, NULL, 0, 0, NULL},
    {"status", F_ENUM, 0, e_status, 0, 0, NULL},
    {"severity", F_ENUM, 0, e_level, 0, 0, NULL},
    {"cvss", F_NUM, 0, NULL, 0, 10, NULL},
    END};

static const struct field *const schemas[SG_K__COUNT] = {
    f_identity, f_agent,        f_asset,      f_policy,  f_decision,
    f_approval, f_notification, f_acceptance, f_exposure,
};

static void enum_list(char *buf, size_t n, const char *const *e)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; e[i]; i++)
        len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s", i ? ", " : "",
                                e[i]);
}

/* `path` names the field for messages, e.g. "change.tests.result". */
static int bad(struct sg_error *err, const struct sg_pos *pos, const char *path,
               const char *what)
{
    return sg_error_set(err, EX_DATAERR, pos, "\"%s\" %s", path, what);
}

static int check_fields(const json_t *obj, const struct field *fs, const char *prefix,
                        const struct sg_pos *pos, struct sg_error *err);

/* Appends s to out[0..len), cut to n - 1 bytes as snprintf cuts; returns the length. */
static size_t put_cut(char *out, size_t n, size_t len, const char *s)
{
    while (*s != '\0' && len + 1 < n)
        out[len++] = *s++;
    out[len] = '\0';
    return len;
}

/* A field's name for messages ("change.tests.result", "vulns[0].id"), joined by hand:
   every present field is named, message or not, and snprintf doing it was about half
   of validation (docs/performance.md). */
static void field_path(char *out, size_t n, const char *prefix, const char *name)
{
    size_t len = 0;
    if (prefix != NULL) {
        len = put_cut(out, n, len, prefix);
        len = put_cut(out, n, len, ".");
    }
    put_cut(out, n, len, name);
}

static void item_path(char *out, size_t n, const char *path, size_t i)
{
    char idx[24], *q = idx + sizeof(idx);
    *--q = '\0';
    *--q = ']';
    do {
        *--q = (char)('0' + i % 10);
        i /= 10;
    } while (i > 0);
    *--q = '[';
    put_cut(out, n, put_cut(out, n, 0, path), q);
}

static int check_id_string(const json_t *v, const char *path, const struct sg_pos *pos,
                           struct sg_error *err)
{
    if (!json_is_string(v))
        return bad(err, pos, path, "must be a string");
    if (json_string_length(v) == 0)
        return bad(err, pos, path, "must not be empty");
    if (json_string_length(v) > SG_MAX_ID_BYTES)
        return bad(err, pos, path, "is longer than 1024 bytes");
    if (strlen(json_string_value(v)) != json_string_length(v))
        return bad(err, pos, path, "contains a NUL character");
    return 0;
}

static int check_value(const json_t *v, const struct field *f, const char *path,
                       const struct sg_pos *pos, struct sg_error *err)
{
    char buf[200];
    const char *why = NULL;
    int64_t t;

    switch (f->type) {
    case F_STR:
        if (!json_is_string(v))
            return bad(err, pos, path, "must be a string");
        return 0;
    case F_ID:
        return check_id_string(v, path, pos, err);
    case F_BOOL:
        if (!json_is_boolean(v))
            return bad(err, pos, path, "must be true or false");
        return 0;
    case F_INT:
        if (!json_is_integer(v))
            return bad(err, pos, path, "must be an integer");
        /* a max of 9.2e18 means "any int64": compare without converting the value */
        if ((double)json_integer_value(v) < f->min ||
            (f->max < 9e18 && (double)json_integer_value(v) > f->max)) {
            if (f->max > 1e18)
                snprintf(buf, sizeof(buf), "must be at least %.0f", f->min);
            else
                snprintf(buf, sizeof(buf), "must be between %.0f and %.0f", f->min, f->max);
            return bad(err, pos, path, buf);
        }
        return 0;
    case F_NUM:
        if (!json_is_number(v))
            return bad(err, pos, path, "must be a number");
        if (json_number_value(v) < f->min || json_number_value(v) > f->max ||
            isnan(json_number_value(v))) {
            snprintf(buf, sizeof(buf), "must be between %g and %g", f->min, f->max);
            return bad(err, pos, path, buf);
        }
        return 0;
    case F_TIME:
        if (!json_is_string(v))
            return bad(err, pos, path, "must be an RFC 3339 time string");
        if (json_string_length(v) == 0 && !f->required)
            return 0;
        if (sg_time_parse(&t, json_string_value(v), &why) != 0)
            return sg_error_set(err, EX_DATAERR, pos,
                                "\"%s\" is not an RFC 3339 time (%s): \"%.60s\"", path, why,
                                json_string_value(v));
        return 0;
    case F_DUR:
        if (!json_is_string(v))
            return bad(err, pos, path, "must be a duration string");
        if (json_string_length(v) == 0 && !f->required)
            return 0;
        if (sg_duration_parse(&t, json_string_value(v), &why) != 0)
            return sg_error_set(err, EX_DATAERR, pos,
                                "\"%s\" is not a duration like PT4H (%s): \"%.60s\"", path,
                                why, json_string_value(v));
        return 0;
    case F_ENUM:
        if (json_is_string(v) && json_string_length(v) == 0 && !f->required)
            return 0;
        if (json_is_string(v))
            for (int i = 0; f->enums[i]; i++)
                if (strcmp(json_string_value(v), f->enums[i]) == 0)
                    return 0;
        enum_list(buf, sizeof(buf), f->enums);
        if (json_is_string(v))
            return sg_error_set(err, EX_DATAERR, pos, "\"%s\" must be one of %s, not \"%.60s\"",
                                path, buf, json_string_value(v));
        return sg_error_set(err, EX_DATAERR, pos, "\"%s\" must be one of %s", path, buf);
    case F_STRS:
    case F_IDS: {
        size_t i;
        json_t *e;
        if (!json_is_array(v))
            return bad(err, pos, path, "must be an array of strings");
        if (json_array_size(v) > SG_MAX_ARRAY_ITEMS)
            return bad(err, pos, path, "has more than 10000 items");
        json_array_foreach(v, i, e)
        {
            item_path(buf, sizeof(buf), path, i);
            if (f->type == F_IDS) {
                if (check_id_string(e, buf, pos, err) != 0)
                    return -1;
            } else if (!json_is_string(e)) {
                return bad(err, pos, buf, "must be a string");
            }
        }
        return 0;
    }
    case F_OBJ:
        if (!json_is_object(v))
            return bad(err, pos, path, "must be an object");
        if (json_object_size(v) == 0) /* {} is Missing: absent (SPEC §4 Notation) */
            return 0;
        return check_fields(v, f->sub, path, pos, err);
    case F_OBJS: {
        size_t i;
        json_t *e;
        if (!json_is_array(v))
            return bad(err, pos, path, "must be an array of objects");
        if (json_array_size(v) > SG_MAX_ARRAY_ITEMS)
            return bad(err, pos, path, "has more than 10000 items");
        json_array_foreach(v, i, e)
        {
            item_path(buf, sizeof(buf), path, i);
            if (!json_is_object(e))
                return bad(err, pos, buf, "must be an object");
            if (check_fields(e, f->sub, buf, pos, err) != 0)
                return -1;
        }
        return 0;
    }
    case F_STRMAP: {
        const char *key;
        json_t *e;
        if (!json_is_object(v))
            return bad(err, pos, path, "must be an object");
        json_object_foreach((json_t *)v, key, e)
        {
            if (!json_is_string(e)) {
                snprintf(buf, sizeof(buf), "%s.%.60s", path, key);
                return bad(err, pos, buf, "must be a string");
            }
        }
        return 0;
    }
    case F_STR_OBJ:
        if (!json_is_string(v) && !json_is_object(v))
            return bad(err, pos, path, "must be a string or an object");
        return 0;
    }
    return 0;
}

static int check_fields(const json_t *obj, const struct field *fs, const char *prefix,
                        const struct sg_pos *pos, struct sg_error *err)
{
    char path[200];

    for (const struct field *f = fs; f->name; f++) {
        json_t *v = json_object_get(obj, f->name);
        if (v == NULL && !f->required)
            continue;
        field_path(path, sizeof(path), prefix, f->name);
        if (v == NULL) {
            if (f->required)
                return sg_error_set(err, EX_DATAERR, pos, "missing required field \"%s\"",
                                    path);
            continue;
        }
        if (check_value(v, f, path, pos, err) != 0)
            return -1;
        /* SPEC §2: a required field that is Missing is bad input, except targets. */
        if (f->required && sg_json_missing(v) && strcmp(f->name, "targets") != 0)
            return sg_error_set(err, EX_DATAERR, pos, "required field \"%s\" is empty",
                                path);
    }
    return 0;
}

static int get_time(const json_t *obj, const char *key, int64_t *out)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v) || json_string_length(v) == 0)
        return -1;
    return sg_time_parse(out, json_string_value(v), NULL);
}

/* Cross-field rules of SPEC §2. */
static int check_rules(const json_t *obj, enum sg_kind kind, const struct sg_pos *pos,
                       struct sg_error *err)
{
    int64_t a, b;

    switch (kind) {
    case SG_K_DECISION: {
        json_t *ch = json_object_get(obj, "change");
        if (ch != NULL && get_time(ch, "deployed_at", &b) == 0 && get_time(obj, "at", &a) == 0 &&
            b < a)
            return sg_error_set(err, EX_DATAERR, pos,
                                "\"change.deployed_at\" is before \"at\"");
        return 0;
    }
    case SG_K_APPROVAL:
        if (json_object_get(obj, "decision") == NULL &&
            json_object_get(obj, "change_ref") == NULL)
            return sg_error_set(err, EX_DATAERR, pos,
                                "an approval needs \"decision\" or \"change_ref\"");
        return 0;
    case SG_K_NOTIFICATION: {
        json_t *w = json_object_get(obj, "veto_window");
        int64_t d;
        if (json_is_string(w) && json_string_length(w) > 0 &&
            sg_duration_parse(&d, json_string_value(w), NULL) == 0 && d <= 0)
            return sg_error_set(err, EX_DATAERR, pos, "\"veto_window\" must be longer than zero");
        return 0;
    }
    case SG_K_RISK_ACCEPTANCE: {
        int has_v = json_object_get(obj, "vuln") != NULL;
        int has_a = json_object_get(obj, "asset") != NULL;
        if (json_object_get(obj, "decision") == NULL && !(has_v && has_a))
            return sg_error_set(err, EX_DATAERR, pos,
                                "a risk acceptance needs \"decision\" or both \"vuln\" and "
                                "\"asset\"");
        if (has_v != has_a)
            return sg_error_set(err, EX_DATAERR, pos,
                                "\"vuln\" and \"asset\" must be given together");
        if (get_time(obj, "expires", &b) == 0 && get_time(obj, "acknowledged_at", &a) == 0 &&
            b < a)
            return sg_error_set(err, EX_DATAERR, pos,
                                "\"expires\" is before \"acknowledged_at\"");
        return 0;
    }
    case SG_K_EXPOSURE: {
        const char *st = sg_rec_str(obj, "status");
        int has_last = get_time(obj, "last_seen", &b) == 0;
        if (st != NULL && strcmp(st, "fixed") == 0 && !has_last)
            return sg_error_set(err, EX_DATAERR, pos,
                                "a fixed exposure needs \"last_seen\"");
        if (has_last && get_time(obj, "first_seen", &a) == 0 && b < a)
            return sg_error_set(err, EX_DATAERR, pos, "\"last_seen\" is before \"first_seen\"");
        return 0;
    }
    default:
        return 0;
    }
}

int sg_record_validate(const json_t *obj, enum sg_kind *kind, const struct sg_pos *pos,
                       struct sg_error *err)
{
    json_t *k;
    int ki;
    const char *why;

    if (!json_is_object(obj))
        return sg_error_set(err, EX_DATAERR, pos, "a record must be a JSON object");
    if (sg_json_check_limits(obj, &why) != 0)
        return sg_error_set(err, EX_DATAERR, pos, "%s", why);
    k = json_object_get(obj, "kind");
    if (k == NULL)
        return sg_error_set(err, EX_DATAERR, pos, "missing required field \"kind\"");
    if (!json_is_string(k) || (ki = sg_kind_lookup(json_string_value(k))) < 0)
        return sg_error_set(err, EX_DATAERR, pos,
                            "\"kind\" must be one of identity, agent, asset, policy, "
                            "decision, approval, notification, risk_acceptance, exposure");
    if (check_fields(obj, schemas[ki], NULL, pos, err) != 0 ||
        check_rules(obj, (enum sg_kind)ki, pos, err) != 0)
        return -1;
    *kind = (enum sg_kind)ki;
    return 0;
}

const char *sg_rec_str(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v) || json_string_length(v) == 0)
        return NULL;
    return json_string_value(v);
}

const char *sg_rec_str2(const json_t *obj, const char *key, const char *sub)
{
    json_t *o = json_object_get(obj, key);
    return json_is_object(o) ? sg_rec_str(o, sub) : NULL;
}

int sg_rec_time(const json_t *obj, const char *key, int64_t *out)
{
    return get_time(obj, key, out);
}

int sg_rec_time2(const json_t *obj, const char *key, const char *sub, int64_t *out)
{
    json_t *o = json_object_get(obj, key);
    return json_is_object(o) ? get_time(o, sub, out) : -1;
}

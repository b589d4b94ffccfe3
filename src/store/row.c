/* store/row.c: a record's typed-table row, read from the record without the store
 * (store.h). Ingest's workers make it next to the canonical form, so the one thread that
 * writes to SQLite only binds values: every field lookup, time parse and facts bit that
 * used to run there is off the serial path (docs/performance.md, sixth round). What a
 * column means is the schema's (schema.h); the order of values is the INSERT's. */
#include "signoff/json.h"
#include "signoff/model.h"
#include "signoff/store.h"
#include "signoff/time.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static struct sg_row_val *next(struct sg_row *row)
{
    struct sg_row_val *v;
    assert(row->n < SG_ROW_MAX); /* the widest table, decision, has exactly SG_ROW_MAX */
    v = &row->v[row->n++];
    memset(v, 0, sizeof(*v));
    return v;
}

static void put_int(struct sg_row *row, int64_t i)
{
    struct sg_row_val *v = next(row);
    v->type = SG_ROW_INT;
    v->i = i;
}

static void put_null(struct sg_row *row)
{
    next(row)->type = SG_ROW_NULL;
}

static void put_mark(struct sg_row *row, enum sg_row_type type)
{
    next(row)->type = type;
}

/* A string (NULL: a NULL column) borrowed from the record. */
static void put_text(struct sg_row *row, const char *s)
{
    struct sg_row_val *v = next(row);
    v->type = s != NULL ? SG_ROW_TEXT : SG_ROW_NULL;
    v->s = s;
}

/* The string member key of obj ("" and absent are NULL, as sg_rec_str), with its length.
 */
static void put_str(struct sg_row *row, const json_t *obj, const char *key)
{
    json_t *j = json_object_get(obj, key);
    struct sg_row_val *v = next(row);
    if (json_is_string(j) && json_string_length(j) > 0) {
        v->type = SG_ROW_TEXT;
        v->s = json_string_value(j);
        v->len = json_string_length(j);
    } else {
        v->type = SG_ROW_NULL;
    }
}

static void put_time(struct sg_row *row, const json_t *obj, const char *key)
{
    int64_t t;
    if (sg_rec_time(obj, key, &t) == 0)
        put_int(row, t);
    else
        put_null(row);
}

/* A scope member's canonical JSON, owned by the row. */
static void put_scope(struct sg_row *row, const json_t *obj, const char *key)
{
    json_t *j = json_object_get(obj, key);
    if (j != NULL && !sg_json_missing(j))
        row->scope = sg_json_canonical(j);
    put_text(row, row->scope);
}

static void make_decision(struct sg_row *row, const json_t *r)
{
    const json_t *pol = json_object_get(r, "policy");
    int64_t at = 0, t;
    int has_tier;
    int64_t tier;
    unsigned facts;

    sg_rec_time(r, "at", &at);
    t = at;
    sg_rec_time2(r, "change", "deployed_at", &t);
    put_str(row, r, "id");
    put_str(row, r, "agent");
    put_int(row, at);
    put_int(row, t);
    put_str(row, r, "action");
    put_str(row, r, "outcome");
    put_text(row, sg_rec_str2(r, "change", "ref"));
    put_text(row, sg_rec_str2(r, "change", "requested_by"));
    if (json_is_object(pol) && json_object_size(pol) > 0) {
        put_str(row, pol, "id");
        put_int(row, json_integer_value(json_object_get(pol, "version")));
    } else {
        put_null(row);
        put_null(row);
    }
    put_mark(row, SG_ROW_RID);
    facts = sg_decision_facts(r, &has_tier, &tier);
    put_int(row, facts);
    if (has_tier)
        put_int(row, tier);
    else
        put_null(row);
    put_mark(row, SG_ROW_SOURCE);
    put_mark(row, SG_ROW_LINE);
    row->targets = json_object_get(r, "targets");
    row->vulns = json_object_get(r, "vulns");
}

/* The columns of every kind but decision: how each is read from the record. */
enum col_op {
    C_END,
    C_STR,      /* a string member, "" and absent NULL */
    C_TIME,     /* an RFC 3339 member as Unix seconds */
    C_LEVEL,    /* a criticality member as its level, 0 when absent or unknown */
    C_SEVERITY, /* a severity member as its level, NULL when absent */
    C_TRUE,     /* 1 when the member is true */
    C_INT,      /* an integer member */
    C_SCOPE,    /* a scope member's canonical JSON */
    C_SPAN,     /* a duration member in seconds */
    C_FIXED,    /* 1 when "status" is "fixed" */
    C_OBS,      /* the exposure's observation key (row->obs) */
    C_REAL,     /* a number member */
    C_RID       /* the record's row id, filled by the insert */
};
struct col {
    enum col_op op;
    const char *key;
};
static const struct col cols[SG_K__COUNT][11] = {
    [SG_K_IDENTITY] = {{C_STR, "id"}, {C_TRUE, "human"}, {C_STR, "name"}, {C_RID, 0}},
    [SG_K_AGENT] = {{C_STR, "id"}, {C_SCOPE, "credential_scope"}, {C_RID, 0}},
    [SG_K_ASSET] = {{C_STR, "id"},
                    {C_STR, "environment"},
                    {C_LEVEL, "criticality"},
                    {C_RID, 0}},
    [SG_K_POLICY] = {{C_STR, "id"},
                     {C_INT, "version"},
                     {C_STR, "signed_by"},
                     {C_TIME, "signed_at"},
                     {C_TIME, "review_by"},
                     {C_SCOPE, "scope"},
                     {C_RID, 0}},
    [SG_K_APPROVAL] = {{C_STR, "id"},
                       {C_STR, "decision"},
                       {C_STR, "change_ref"},
                       {C_STR, "by"},
                       {C_TIME, "at"},
                       {C_STR, "outcome"},
                       {C_RID, 0}},
    [SG_K_NOTIFICATION] = {{C_STR, "id"},
                           {C_STR, "decision"},
                           {C_STR, "to"},
                           {C_TIME, "at"},
                           {C_SPAN, "veto_window"},
                           {C_RID, 0}},
    [SG_K_RISK_ACCEPTANCE] = {{C_STR, "id"},
                              {C_STR, "decision"},
                              {C_STR, "vuln"},
                              {C_STR, "asset"},
                              {C_STR, "owner"},
                              {C_TIME, "acknowledged_at"},
                              {C_TIME, "expires"},
                              {C_RID, 0}},
    [SG_K_EXPOSURE] = {{C_STR, "id"},
                       {C_OBS, 0},
                       {C_STR, "vuln"},
                       {C_STR, "asset"},
                       {C_TIME, "first_seen"},
                       {C_TIME, "last_seen"},
                       {C_FIXED, 0},
                       {C_SEVERITY, "severity"},
                       {C_REAL, "cvss"},
                       {C_RID, 0}},
};

static void put_col(struct sg_row *row, const json_t *r, const struct col *c)
{
    const char *s;
    const json_t *j;
    int64_t d;

    switch (c->op) {
    case C_STR:
        put_str(row, r, c->key);
        break;
    case C_TIME:
        put_time(row, r, c->key);
        break;
    case C_LEVEL:
        put_int(row, sg_level_lookup(sg_rec_str(r, c->key)));
        break;
    case C_SEVERITY:
        s = sg_rec_str(r, c->key);
        if (s != NULL)
            put_int(row, sg_level_lookup(s));
        else
            put_null(row);
        break;
    case C_TRUE:
        put_int(row, json_is_true(json_object_get(r, c->key)));
        break;
    case C_INT:
        put_int(row, json_integer_value(json_object_get(r, c->key)));
        break;
    case C_SCOPE:
        put_scope(row, r, c->key);
        break;
    case C_SPAN:
        s = sg_rec_str(r, c->key);
        if (s != NULL && sg_duration_parse(&d, s, NULL) == 0)
            put_int(row, d);
        else
            put_null(row);
        break;
    case C_FIXED:
        s = sg_rec_str(r, "status");
        put_int(row, s != NULL && strcmp(s, "fixed") == 0);
        break;
    case C_OBS:
        put_int(row, row->obs);
        break;
    case C_REAL:
        j = json_object_get(r, c->key);
        if (json_is_number(j)) {
            struct sg_row_val *v = next(row);
            v->type = SG_ROW_REAL;
            v->d = json_number_value(j);
        } else {
            put_null(row);
        }
        break;
    case C_RID:
        put_mark(row, SG_ROW_RID);
        break;
    case C_END:
        break;
    }
}

void sg_row_make(struct sg_row *out, const json_t *r, enum sg_kind kind)
{
    memset(out, 0, sizeof(*out));
    out->kind = kind;
    out->id = sg_rec_str(r, "id");
    if (kind == SG_K_POLICY)
        out->version = json_integer_value(json_object_get(r, "version"));
    if (kind == SG_K_EXPOSURE) {
        out->obs = SG_TIME_MIN;
        sg_rec_time(r, "last_seen", &out->obs);
    }
    if (kind == SG_K_DECISION) {
        make_decision(out, r);
        return;
    }
    if ((unsigned)kind >= SG_K__COUNT)
        return;
    for (const struct col *c = cols[kind]; c->op != C_END; c++)
        put_col(out, r, c);
}

void sg_row_release(struct sg_row *row)
{
    if (row == NULL)
        return;
    free(row->scope);
    row->scope = NULL;
}

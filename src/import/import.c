/* import/import.c: the shared part of `signoff import`: format names, --asset-map,
 * reading each input whole (its SHA-256 and source registration), parsing it once (null
 * members dropped, a line index for pointers), then the format's importer; and the
 * helpers of import_int.h every importer uses, so that each format's file holds only
 * its mapping (docs/importers.md). */
#include "import_int.h"
#include "signoff/json.h"
#include "signoff/limits.h"
#include "signoff/record.h"
#include "signoff/sha256.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The formats, one row each. tests/fuzz/fuzz_import.c walks this table through
 * sg_import_format_name, so a format added here is fuzzed without naming it there. */
static const struct {
    const char *name;
    enum sg_import_format f;
} names[] = {{"dependabot", SG_IMPORT_DEPENDABOT},
             {"openvex", SG_IMPORT_OPENVEX},
             {"cyclonedx", SG_IMPORT_CYCLONEDX},
             {"trivy", SG_IMPORT_TRIVY},
             {"grype", SG_IMPORT_GRYPE}};

const char *sg_import_format_name(size_t i)
{
    return i < sizeof(names) / sizeof(names[0]) ? names[i].name : NULL;
}

int sg_import_format_lookup(const char *name, enum sg_import_format *out)
{
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(name, names[i].name) == 0) {
            *out = names[i].f;
            return 0;
        }
    return -1;
}

/* ---- reporting ------------------------------------------------------------------- */

unsigned long imp_line(struct imp *m, const char *ptr)
{
    const json_t *v = m->lines ? json_object_get(m->lines, ptr) : NULL;
    if (json_is_integer(v))
        return (unsigned long)json_integer_value(v);
    return sg_json_pointer_line(m->text, m->len, ptr);
}

static void report(struct imp *m, struct sg_error *e)
{
    m->fn(m->ctx, e);
    if (m->err->code == 0)
        *m->err = *e;
    m->stats->bad++;
}

/* Reports fmt/ap at pos (EX_DATAERR). */
static void __attribute__((format(printf, 3, 0)))
vbad(struct imp *m, const struct sg_pos *pos, const char *fmt, va_list ap)
{
    struct sg_error e;
    char msg[sizeof(e.msg)];

    vsnprintf(msg, sizeof(msg), fmt, ap);
    sg_error_init(&e);
    sg_error_set(&e, EX_DATAERR, pos, "%s", msg);
    report(m, &e);
}

void imp_bad(struct imp *m, const char *elem, const char *sub, const char *fmt, ...)
{
    char *ptr = sg_xasprintf("%s%s", elem, sub ? sub : "");
    unsigned long line = imp_line(m, ptr);
    va_list ap;

    if (line == 0)
        line = imp_line(m, elem);
    struct sg_pos pos = {m->path, line, ptr[0] ? ptr : NULL};
    va_start(ap, fmt);
    vbad(m, &pos, fmt, ap);
    va_end(ap);
    free(ptr);
}

void imp_bad_doc(struct imp *m, const char *fmt, ...)
{
    struct sg_pos pos = {m->path, 0, NULL};
    va_list ap;

    va_start(ap, fmt);
    vbad(m, &pos, fmt, ap);
    va_end(ap);
}

/* ---- reading fields -------------------------------------------------------------- */

const char *imp_str(const json_t *o, const char *k)
{
    const json_t *v = json_object_get(o, k);
    return json_is_string(v) && json_string_length(v) > 0 ? json_string_value(v) : NULL;
}

char *imp_ptr_index(const char *elem, const char *key, size_t i)
{
    struct sg_buf b = {0};
    sg_buf_adds(&b, elem);
    if (key != NULL)
        sg_json_pointer_push(&b, key);
    sg_buf_printf(&b, "/%zu", i);
    return b.data;
}

char *imp_ptr_key(const char *elem, const char *key)
{
    struct sg_buf b = {0};
    sg_buf_adds(&b, elem);
    sg_json_pointer_push(&b, key);
    return b.data;
}

static int wrong_type(struct imp *m, const char *elem, const char *key, const char *what)
{
    char *sub = imp_ptr_key("", key);
    imp_bad(m, elem, sub, "not %s", what);
    free(sub);
    return -1;
}

int imp_opt_string(struct imp *m, const json_t *o, const char *key, const char *elem,
                   const char **out)
{
    const json_t *v = json_object_get(o, key);
    *out = NULL;
    if (v == NULL)
        return 0;
    if (!json_is_string(v))
        return wrong_type(m, elem, key, "a string");
    if (json_string_length(v) > 0)
        *out = json_string_value(v);
    return 0;
}

int imp_opt_time(struct imp *m, const json_t *o, const char *key, const char *elem,
                 const char **out, int64_t *t)
{
    const json_t *v = json_object_get(o, key);
    const char *why = NULL;
    int64_t tt;

    *out = NULL;
    if (v == NULL || (json_is_string(v) && json_string_length(v) == 0))
        return 0;
    if (!json_is_string(v))
        return wrong_type(m, elem, key, "a string (an RFC 3339 time expected)");
    if (sg_time_parse(&tt, json_string_value(v), &why) != 0) {
        char *sub = imp_ptr_key("", key);
        imp_bad(m, elem, sub, "not an RFC 3339 time (%s)", why ? why : "bad time");
        free(sub);
        return -1;
    }
    *out = json_string_value(v);
    if (t != NULL)
        *t = tt;
    return 0;
}

static int opt_typed(struct imp *m, const json_t *o, const char *key, const char *elem,
                     json_type type, const char *what, const json_t **out)
{
    const json_t *v = json_object_get(o, key);
    *out = NULL;
    if (v == NULL)
        return 0;
    if (json_typeof(v) != type)
        return wrong_type(m, elem, key, what);
    *out = v;
    return 0;
}

int imp_opt_array(struct imp *m, const json_t *o, const char *key, const char *elem,
                  const json_t **out)
{
    return opt_typed(m, o, key, elem, JSON_ARRAY, "an array", out);
}

int imp_opt_object(struct imp *m, const json_t *o, const char *key, const char *elem,
                   const json_t **out)
{
    return opt_typed(m, o, key, elem, JSON_OBJECT, "an object", out);
}

char *imp_rationale(const char *reason, const char *comment)
{
    if (reason && comment)
        return sg_xasprintf("%s: %s", reason, comment);
    if (reason || comment)
        return sg_xstrdup(reason ? reason : comment);
    return NULL;
}

/* ---- writing records ------------------------------------------------------------- */

int imp_put(struct imp *m, json_t *rec, const char *elem)
{
    struct sg_error e;
    unsigned long line = imp_line(m, elem);
    struct sg_pos pos = {m->path, line, elem};

    sg_error_init(&e);
    int rc = sg_ingest_record(m->st, rec, m->source, &pos, &e);
    json_decref(rec);
    if (rc < 0) {
        if (e.code == EX_DATAERR) {
            report(m, &e);
        } else {
            if (m->err->code == 0 || m->err->code == EX_DATAERR)
                *m->err = e;
            m->fatal = 1;
        }
        return -1;
    }
    m->stats->records++;
    if (rc == SG_INSERTED)
        m->stats->inserted++;
    else
        m->stats->duplicates++;
    return 0;
}

int imp_put_exposure(struct imp *m, json_t *x, const char *elem)
{
    json_t *first = NULL;
    struct sg_error e;
    const char *id = imp_str(x, "id");
    int64_t fs, ls;

    sg_error_init(&e);
    if (id == NULL || sg_store_exposure_first(m->st, id, &first, &e) != 0) {
        if (id != NULL) {
            *m->err = e;
            m->fatal = 1;
            json_decref(x);
            return -1;
        }
        return imp_put(m, x, elem); /* reported by validation */
    }
    if (first == NULL)
        return imp_put(m, x, elem);
    /* SPEC §2: copy every stored field but last_seen and status */
    const json_t *status = json_object_get(x, "status");
    const json_t *last = json_object_get(x, "last_seen");
    json_t *obs = json_deep_copy(first);
    json_object_del(obs, "last_seen");
    json_object_del(obs, "status");
    if (last != NULL)
        json_object_set(obs, "last_seen", (json_t *)last);
    /* "open" is the default: keep a first observation's absent status absent */
    if (status != NULL &&
        !(json_object_get(first, "status") == NULL && json_is_string(status) &&
          strcmp(json_string_value(status), "open") == 0))
        json_object_set(obs, "status", (json_t *)status);
    json_decref(x);
    if (last != NULL && sg_rec_time(obs, "first_seen", &fs) == 0 &&
        sg_rec_time(obs, "last_seen", &ls) == 0 && ls < fs) {
        /* before the first observation, whose first_seen stands: nothing to add */
        json_decref(obs);
        json_decref(first);
        m->stats->records++;
        m->stats->duplicates++;
        return 0;
    }
    json_decref(first);
    return imp_put(m, obs, elem);
}

const char *imp_severity(const char *word)
{
    static const struct {
        const char *word, *sev;
    } words[] = {{"critical", "critical"}, {"high", "high"}, {"medium", "medium"},
                 {"moderate", "medium"},   {"low", "low"},   {"negligible", "low"}};
    char low[16];
    size_t i;

    if (word == NULL)
        return NULL;
    for (i = 0; word[i] && i < sizeof(low) - 1; i++)
        low[i] = (char)((word[i] >= 'A' && word[i] <= 'Z') ? word[i] + 32 : word[i]);
    if (word[i] != '\0')
        return NULL;
    low[i] = '\0';
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strcmp(low, words[i].word) == 0)
            return words[i].sev;
    return NULL;
}

int imp_severity_rank(const char *sev)
{
    static const char *const order[] = {"low", "medium", "high", "critical"};
    for (int i = 0; sev && i < 4; i++)
        if (strcmp(sev, order[i]) == 0)
            return i + 1;
    return 0;
}

const char *imp_asset(struct imp *m, const char *subject)
{
    const char *a;
    if (m->opts->asset != NULL)
        return m->opts->asset;
    if (m->opts->map != NULL && (a = sg_import_map_lookup(m->opts->map, subject)) != NULL)
        return a;
    return subject;
}

int imp_deferral(struct imp *m, const struct imp_decider *by, const char *did,
                 const char *acc, const char *at, const json_t *targets,
                 const json_t *vulns, const char *rationale, const char *elem)
{
    json_t *vs = json_array();
    size_t i;
    const json_t *v;

    if (by->agent_name != NULL) {
        json_t *ag = json_pack("{s:s, s:s, s:s}", "kind", "agent", "id", by->id, "name",
                               by->agent_name);
        if (imp_put(m, ag, elem) != 0) {
            json_decref(vs);
            return -1;
        }
    }
    json_array_foreach(vulns, i, v)
        json_array_append_new(vs, json_pack("{s:O}", "id", v));
    json_t *d = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:O, s:o}", "kind", "decision",
                          "id", did, "agent", by->id, "at", at, "action", "patch",
                          "outcome", "defer", "targets", targets, "vulns", vs);
    if (rationale != NULL)
        json_object_set_new(d, "rationale", json_string(rationale));
    if (imp_put(m, d, elem) != 0)
        return -1;
    if (by->agent_name != NULL || by->unattributed)
        return 0;
    char *aid = acc ? sg_xstrdup(acc) : sg_xasprintf("%s:acceptance", did);
    json_t *ra = json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", "risk_acceptance", "id",
                           aid, "decision", did, "owner", by->id, "acknowledged_at", at);
    if (rationale != NULL)
        json_object_set_new(ra, "rationale", json_string(rationale));
    int rc = imp_put(m, ra, elem);
    free(aid);
    return rc;
}

/* Appends s to the array unless it holds it already. */
static void add_unique(json_t *arr, const char *s)
{
    size_t i;
    const json_t *v;
    json_array_foreach(arr, i, v) if (strcmp(json_string_value(v), s) == 0) return;
    json_array_append_new(arr, json_string(s));
}

int imp_vex(struct imp *m, const struct imp_vex *v)
{
    json_t *targets = json_array();
    int rc = 0;

    for (size_t i = 0; i < v->nsubjects && !m->fatal; i++) {
        const char *asset = imp_asset(m, v->subjects[i]);
        add_unique(targets, asset);
        if (v->seen == IMP_VEX_NO_EXPOSURE)
            continue;
        char *id = sg_xasprintf("%s:%s@%s", v->format, v->vuln, v->subjects[i]);
        json_t *x = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "kind", "exposure",
                              "id", id, "vuln", v->vuln, "asset", asset, "first_seen",
                              v->first_seen, "last_seen", v->at, "status",
                              v->seen == IMP_VEX_FIXED ? "fixed" : "open");
        if (v->severity != NULL)
            json_object_set_new(x, "severity", json_string(v->severity));
        if (v->has_cvss)
            json_object_set_new(x, "cvss", json_real(v->cvss));
        if (imp_put_exposure(m, x, v->subject_elems[i]) != 0)
            rc = -1;
        free(id);
    }
    if (v->defer && !m->fatal) {
        json_t *vulns = json_pack("[s]", v->vuln);
        if (imp_deferral(m, v->by, v->did, NULL, v->at, targets, vulns, v->rationale,
                         v->elem) != 0)
            rc = -1;
        json_decref(vulns);
    }
    json_decref(targets);
    return rc;
}

/* ---- --asset-map ----------------------------------------------------------------- */

struct sg_import_map {
    size_t n;
    char **match, **asset;
};

void sg_import_map_free(struct sg_import_map *map)
{
    if (map == NULL)
        return;
    for (size_t i = 0; i < map->n; i++) {
        free(map->match[i]);
        free(map->asset[i]);
    }
    free(map->match);
    free(map->asset);
    free(map);
}

const char *sg_import_map_lookup(const struct sg_import_map *map, const char *subject)
{
    for (size_t i = 0; map && i < map->n; i++)
        if (fnmatch(map->match[i], subject, FNM_NOESCAPE) == 0)
            return map->asset[i];
    return NULL;
}

/* Reports at ptr, on the line of ptr, else of its element /N. */
static int map_bad(struct sg_error *err, const char *path, const char *text, size_t len,
                   const char *ptr, const char *msg)
{
    unsigned long line = sg_json_pointer_line(text, len, ptr);
    if (line == 0 && ptr[0] == '/') {
        char elem[48];
        snprintf(elem, sizeof(elem), "%.*s", (int)strcspn(ptr + 1, "/") + 1, ptr);
        line = sg_json_pointer_line(text, len, elem);
    }
    struct sg_pos pos = {path, line, ptr[0] ? ptr : NULL};
    return sg_error_set(err, EX_DATAERR, &pos, "%s", msg);
}

static int read_all(FILE *fp, const char *path, struct sg_buf *b, struct sg_error *err)
{
    char chunk[65536];
    size_t n;
    struct sg_pos pos = {path, 0, NULL};

    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        if (b->len + n > SG_MAX_JSON_FILE_BYTES) {
            pos.line = 1; /* as ingest says it of a .json file */
            return sg_error_set(err, EX_DATAERR, &pos,
                                "file larger than %s (the limit of an imported document)",
                                SG_MAX_JSON_FILE_TEXT);
        }
        sg_buf_add(b, chunk, n);
    }
    if (ferror(fp))
        return sg_error_set(err, EX_IOERR, &pos, "cannot read: %s", strerror(errno));
    if (b->data == NULL)
        sg_buf_add(b, "", 0);
    return 0;
}

int sg_import_map_load(struct sg_import_map **out, const char *path, struct sg_error *err)
{
    FILE *fp = fopen(path, "rb");
    struct sg_buf text = {0};
    struct sg_import_map *map = NULL;
    json_t *root = NULL;
    json_error_t je;
    int rc = -1;

    *out = NULL;
    if (fp == NULL)
        return sg_error_set(err, EX_NOINPUT, NULL, "cannot open \"%s\": %s", path,
                            strerror(errno));
    if (read_all(fp, path, &text, err) != 0)
        goto out;
    root = json_loadb(text.data, text.len, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL) {
        struct sg_pos pos = {path, je.line > 0 ? (unsigned long)je.line : 0, NULL};
        sg_error_set(err, EX_DATAERR, &pos, "not JSON: %s", je.text);
        goto out;
    }
    if (!json_is_array(root)) {
        map_bad(err, path, text.data, text.len, "",
                "not an asset map (a JSON array of {\"match\": GLOB, \"asset\": ID} "
                "expected)");
        goto out;
    }
    map = sg_xcalloc(1, sizeof(*map));
    map->match = sg_xcalloc(json_array_size(root) + 1, sizeof(char *));
    map->asset = sg_xcalloc(json_array_size(root) + 1, sizeof(char *));
    for (size_t i = 0; i < json_array_size(root); i++) {
        const json_t *e = json_array_get(root, i), *v;
        const char *key;
        char ptr[48];
        snprintf(ptr, sizeof(ptr), "/%zu", i);
        if (!json_is_object(e)) {
            map_bad(err, path, text.data, text.len, ptr,
                    "not an object ({\"match\": GLOB, \"asset\": ID} expected)");
            goto out;
        }
        json_object_foreach((json_t *)e, key, v)
        {
            if (strcmp(key, "match") != 0 && strcmp(key, "asset") != 0) {
                char *sub = imp_ptr_key(ptr, key);
                map_bad(err, path, text.data, text.len, sub,
                        "unknown member (only \"match\" and \"asset\")");
                free(sub);
                goto out;
            }
        }
        const char *match = imp_str(e, "match"), *asset = imp_str(e, "asset");
        if (match == NULL) {
            snprintf(ptr, sizeof(ptr), "/%zu/match", i);
            map_bad(err, path, text.data, text.len, ptr,
                    "missing or not a non-empty string (a glob)");
            goto out;
        }
        if (asset == NULL || strlen(asset) > SG_MAX_ID_BYTES) {
            snprintf(ptr, sizeof(ptr), "/%zu/asset", i);
            map_bad(
                err, path, text.data, text.len, ptr,
                "missing or not an asset id (a non-empty string of at most 1024 bytes)");
            goto out;
        }
        map->match[map->n] = sg_xstrdup(match);
        map->asset[map->n++] = sg_xstrdup(asset);
    }
    *out = map;
    map = NULL;
    rc = 0;
out:
    sg_import_map_free(map);
    json_decref(root);
    sg_buf_release(&text);
    fclose(fp);
    return rc;
}

/* ---- documents ------------------------------------------------------------------- */

/* Deep enough for every element the importers write and the fields they read (deeper
 * pointers, met only in error messages, are found by rescanning). */
#define IMP_LINE_DEPTH 5

int sg_import_document(struct sg_store *st, const char *path, const char *text,
                       size_t len, const char *sha256, int64_t source,
                       const struct sg_import_opts *opts, sg_record_error_fn fn,
                       void *ctx, struct sg_ingest_stats *stats, struct sg_error *err)
{
    struct imp m = {st, path, text,  sha256, len,  source, opts,
                    fn, ctx,  stats, err,    NULL, 0};
    json_error_t je;
    int64_t bad_before = stats->bad;
    json_t *root;

    /* a UTF-8 byte-order mark, as some Windows tools write, is skipped */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        m.text = text += 3;
        m.len = len -= 3;
    }
    root = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
    if (root == NULL) {
        struct sg_error e;
        struct sg_pos pos = {path, je.line > 0 ? (unsigned long)je.line : 0, NULL};
        sg_error_init(&e);
        sg_error_set(&e, EX_DATAERR, &pos, "not JSON: %s", je.text);
        report(&m, &e);
        return -1;
    }
    sg_json_drop_nulls(root);
    m.lines = sg_json_line_index(text, len, IMP_LINE_DEPTH);
    static void (*const importers[])(struct imp *,
                                     json_t *) = {[SG_IMPORT_DEPENDABOT] = imp_dependabot,
                                                  [SG_IMPORT_OPENVEX] = imp_openvex,
                                                  [SG_IMPORT_CYCLONEDX] = imp_cyclonedx,
                                                  [SG_IMPORT_TRIVY] = imp_trivy,
                                                  [SG_IMPORT_GRYPE] = imp_grype};
    importers[opts->format](&m, root);
    json_decref(m.lines);
    json_decref(root);
    if (m.fatal)
        return -1;
    return stats->bad > bad_before ? -1 : 0;
}

int sg_import_inputs(struct sg_store *st, struct sg_inputs *in,
                     const struct sg_import_opts *opts, sg_record_error_fn fn, void *ctx,
                     struct sg_ingest_stats *stats, struct sg_error *err)
{
    memset(stats, 0, sizeof(*stats));
    for (size_t i = 0; i < in->n; i++) {
        struct sg_input *f = &in->v[i];
        struct sg_buf text = {0};
        char hex[SG_SHA256_HEX], tmpname[64];
        int64_t placeholder, before = stats->records;
        int rc;

        struct sg_error e;
        sg_error_init(&e);
        if (read_all(f->fp, f->path, &text, &e) != 0) {
            sg_buf_release(&text);
            if (err->code == 0 || e.code != EX_DATAERR)
                *err = e;
            if (e.code != EX_DATAERR)
                return -1;
            fn(ctx, &e); /* too large: the next file is still read */
            stats->bad++;
            continue;
        }
        sg_sha256_hex(text.data, text.len, hex);
        snprintf(tmpname, sizeof(tmpname), "pending-import-%zu", i);
        if (sg_store_add_source(st, f->path, tmpname, 0, opts->ingested_at, &placeholder,
                                err) != 0) {
            sg_buf_release(&text);
            return -1;
        }
        rc = sg_import_document(st, f->path, text.data, text.len, hex, placeholder, opts,
                                fn, ctx, stats, err);
        int64_t size = (int64_t)text.len;
        sg_buf_release(&text);
        if (rc < 0 && err->code != EX_DATAERR)
            return -1; /* I/O or store: stop */
        if (sg_store_finish_source(st, placeholder, f->path, hex, size,
                                   stats->records - before, err) != 0)
            return -1;
    }
    return stats->bad > 0 ? -1 : 0;
}

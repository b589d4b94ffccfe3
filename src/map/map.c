/* map/map.c: loads a mapping directory (SPEC §5) and checks it as `signoff mappings
 * --check` does, reporting every problem, in file order, through the caller's callback.
 * The format and the choice of each shipped mapping are in docs/mappings.md; catalogs
 * are read by catalog.c; control status is status.c. */
#include "map_int.h"

#include "signoff/arena.h"
#include "signoff/datadir.h"
#include "signoff/infile.h"
#include "signoff/json.h"
#include "signoff/limits.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct sg_mapset {
    struct sg_arena ar;
    struct sg_framework_map fw[SG_FW__COUNT];
    int present[SG_FW__COUNT];
};

/* One mapping file being checked. */
struct file {
    struct map_doc doc;
    struct map_rep *r;
    struct sg_mapset *ms;
    struct map_catalog cat;
    int have_cat; /* the catalog loaded clean: check IDs against it */
    int fw;       /* sg_framework, or -1 when "framework" is bad */
    long *first;  /* per control: index of the earlier control with its id, or -1 */
};

/* For finding controls listed twice in O(n log n). */
struct id_at {
    const char *id;
    size_t i;
};

static int by_id_then_index(const void *a, const void *b)
{
    const struct id_at *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c != 0)
        return c;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Fills f->first for the n controls. */
static void find_repeats(struct file *f, json_t *controls, size_t n)
{
    struct id_at *v = sg_xcalloc(n ? n : 1, sizeof(v[0]));
    size_t m = 0;

    f->first = sg_xcalloc(n ? n : 1, sizeof(f->first[0]));
    for (size_t i = 0; i < n; i++) {
        json_t *id = json_object_get(json_array_get(controls, i), "id");
        f->first[i] = -1;
        if (json_is_string(id) && json_string_length(id) > 0) {
            v[m].id = json_string_value(id);
            v[m].i = i;
            m++;
        }
    }
    qsort(v, m, sizeof(v[0]), by_id_then_index);
    for (size_t j = 1; j < m; j++)
        if (strcmp(v[j - 1].id, v[j].id) == 0)
            f->first[v[j].i] =
                f->first[v[j - 1].i] >= 0 ? f->first[v[j - 1].i] : (long)v[j - 1].i;
    free(v);
}

static const char *const root_members[] = {"framework", "name",     "edition", "source",
                                           "catalog",   "controls", "notes",   NULL};
static const char *const control_members[] = {"id",         "title",    "baselines",
                                              "exceptions", "evidence", "relationship",
                                              "rationale",  NULL};

static int nonempty_string(const json_t *v)
{
    return json_is_string(v) && json_string_length(v) > 0;
}

static void unknown_members(struct file *f, json_t *o, const char *ptr,
                            const char *const *allowed)
{
    const char *key;
    json_t *v;
    struct sg_buf p = {0};

    json_object_foreach(o, key, v)
    {
        size_t i;
        for (i = 0; allowed[i] != NULL; i++)
            if (strcmp(key, allowed[i]) == 0)
                break;
        if (allowed[i] != NULL)
            continue;
        sg_buf_reset(&p);
        sg_buf_adds(&p, ptr);
        sg_json_pointer_push(&p, key);
        map_problem(f->r, EX_DATAERR, &f->doc, sg_buf_str(&p),
                    "unknown member \"%.100s\"", key);
    }
    sg_buf_release(&p);
}

/* A required non-empty string member of object o at pointer ptr; NULL when bad
 * (reported). */
static const char *want_string(struct file *f, json_t *o, const char *ptr,
                               const char *key)
{
    json_t *v = json_object_get(o, key);
    char sub[128];

    if (v == NULL) {
        map_problem(f->r, EX_DATAERR, &f->doc, ptr, "missing required member \"%s\"",
                    key);
        return NULL;
    }
    if (!nonempty_string(v)) {
        snprintf(sub, sizeof(sub), "%s/%s", ptr, key);
        map_problem(f->r, EX_DATAERR, &f->doc, sub, "\"%s\" must be a non-empty string",
                    key);
        return NULL;
    }
    return json_string_value(v);
}

static const char *label(const struct file *f)
{
    return f->cat.label != NULL ? f->cat.label : "its catalog";
}

/* "[\"low\", \"high\"]" for the bits b. */
static void baselines_text(char *buf, size_t n, unsigned b)
{
    size_t o = 0;
    buf[0] = '\0';
    o += (size_t)snprintf(buf + o, n - o, "[");
    for (unsigned bit = SG_BASELINE_LOW; bit <= SG_BASELINE_HIGH && o < n; bit <<= 1)
        if (b & bit)
            o += (size_t)snprintf(buf + o, n - o, "%s\"%s\"", o > 1 ? ", " : "",
                                  sg_baseline_name(bit));
    if (o < n)
        snprintf(buf + o, n - o, "]");
}

/* "baselines": FedRAMP only, each low|moderate|high once, equal to the catalog's. */
static void check_baselines(struct file *f, json_t *o, const char *ptr, const char *id,
                            const struct map_entry *e, struct sg_control *c)
{
    json_t *v = json_object_get(o, "baselines"), *b;
    char sub[128];
    size_t j;
    int ok = 1;

    snprintf(sub, sizeof(sub), "%s/baselines", ptr);
    if (f->fw != SG_FW_FEDRAMP) {
        if (v != NULL && f->fw >= 0)
            map_problem(f->r, EX_DATAERR, &f->doc, sub,
                        "\"baselines\" is only for FedRAMP controls");
        return;
    }
    if (v == NULL) {
        map_problem(f->r, EX_DATAERR, &f->doc, ptr,
                    "missing required member \"baselines\" (FedRAMP; [] for none)");
        return;
    }
    if (!json_is_array(v)) {
        map_problem(f->r, EX_DATAERR, &f->doc, sub, "\"baselines\" must be an array");
        return;
    }
    json_array_foreach(v, j, b)
    {
        unsigned bit = json_is_string(b) ? sg_baseline_lookup(json_string_value(b)) : 0;
        char bp[160];
        snprintf(bp, sizeof(bp), "%s/%zu", sub, j);
        if (bit == 0) {
            if (json_is_string(b))
                map_problem(
                    f->r, EX_DATAERR, &f->doc, bp,
                    "unknown FedRAMP baseline \"%.60s\"; must be low, moderate or "
                    "high",
                    json_string_value(b));
            else
                map_problem(f->r, EX_DATAERR, &f->doc, bp,
                            "a baseline must be a string: low, moderate or high");
            ok = 0;
        } else if (c->baselines & bit) {
            map_problem(f->r, EX_DATAERR, &f->doc, bp, "baseline \"%s\" is listed twice",
                        sg_baseline_name(bit));
            ok = 0;
        }
        c->baselines |= bit;
    }
    if (ok && e != NULL && c->baselines != e->baselines) {
        char want[64], have[64];
        baselines_text(want, sizeof(want), e->baselines);
        baselines_text(have, sizeof(have), c->baselines);
        map_problem(f->r, EX_DATAERR, &f->doc, sub,
                    "\"%.200s\" is in the FedRAMP Rev. 5 baselines %s, not %s", id, want,
                    have);
    }
}

/* "exceptions" (finding codes) or "evidence" (evidence kinds): an array of known names,
 * each once. Fills flags. */
static void check_names(struct file *f, json_t *o, const char *ptr, const char *key,
                        unsigned char *flags, int (*lookup)(const char *),
                        const char *what)
{
    json_t *v = json_object_get(o, key), *s;
    char sub[128], sp[160];
    size_t j;

    snprintf(sub, sizeof(sub), "%s/%s", ptr, key);
    if (v == NULL) {
        map_problem(f->r, EX_DATAERR, &f->doc, ptr,
                    "missing required member \"%s\" ([] for none)", key);
        return;
    }
    if (!json_is_array(v)) {
        map_problem(f->r, EX_DATAERR, &f->doc, sub, "\"%s\" must be an array of %ss", key,
                    what);
        return;
    }
    json_array_foreach(v, j, s)
    {
        int k;
        snprintf(sp, sizeof(sp), "%s/%zu", sub, j);
        if (!json_is_string(s)) {
            map_problem(f->r, EX_DATAERR, &f->doc, sp,
                        "every item of \"%s\" must be a string", key);
            continue;
        }
        k = lookup(json_string_value(s));
        if (k < 0) {
            map_problem(f->r, EX_DATAERR, &f->doc, sp, "unknown %s \"%.100s\"", what,
                        json_string_value(s));
            continue;
        }
        if (flags[k]) {
            map_problem(f->r, EX_DATAERR, &f->doc, sp, "%s \"%s\" is listed twice", what,
                        json_string_value(s));
            continue;
        }
        flags[k] = 1;
    }
}

static int evidence_lookup(const char *name)
{
    return sg_evidence_lookup(name);
}

static int relationship_lookup(const char *name)
{
    return sg_relationship_lookup(name);
}

/* Checks control i; fills c (strings in the mapset's arena). */
static void check_control(struct file *f, json_t *controls, size_t i,
                          struct sg_control *c)
{
    json_t *o = json_array_get(controls, i), *v, *exc, *ev;
    const struct map_entry *e = NULL;
    const char *id, *s;
    char ptr[64], sub[96];

    snprintf(ptr, sizeof(ptr), "/controls/%zu", i);
    if (!json_is_object(o)) {
        map_problem(f->r, EX_DATAERR, &f->doc, ptr, "a control must be a JSON object");
        return;
    }
    unknown_members(f, o, ptr, control_members);
    id = want_string(f, o, ptr, "id");
    if (id != NULL) {
        snprintf(sub, sizeof(sub), "%s/id", ptr);
        c->id = sg_arena_strdup(&f->ms->ar, id);
        /* SPEC §5: "Every control ID must be a real one of that framework and edition" */
        if (f->have_cat) {
            e = map_catalog_find(&f->cat, id);
            if (e == NULL) {
                const char *hint = map_catalog_suggest(&f->cat, id);
                if (hint != NULL)
                    map_problem(f->r, EX_DATAERR, &f->doc, sub,
                                "\"%.200s\" is not a control of %s; did you mean \"%s\"?",
                                id, label(f), hint);
                else
                    map_problem(f->r, EX_DATAERR, &f->doc, sub,
                                "\"%.200s\" is not a control of %s", id, label(f));
            } else if (e->withdrawn) {
                map_problem(f->r, EX_DATAERR, &f->doc, sub,
                            "\"%.200s\" is withdrawn from %s", id, label(f));
                e = NULL;
            }
        }
        if (f->first[i] >= 0) {
            char pp[64];
            unsigned long line = 0;
            snprintf(pp, sizeof(pp), "/controls/%ld", f->first[i]);
            if (f->r->n < SG_MAX_MESSAGES)
                line = sg_json_pointer_line(sg_buf_str(&f->doc.buf), f->doc.buf.len, pp);
            if (line > 0)
                map_problem(f->r, EX_DATAERR, &f->doc, sub,
                            "control \"%.200s\" is listed twice (first at line %lu)", id,
                            line);
            else
                map_problem(f->r, EX_DATAERR, &f->doc, sub,
                            "control \"%.200s\" is listed twice (first at %s)", id, pp);
        }
    }
    s = want_string(f, o, ptr, "title");
    c->title = sg_arena_strdup(&f->ms->ar, s);
    check_baselines(f, o, ptr, id != NULL ? id : "", e, c);
    v = json_object_get(o, "relationship");
    snprintf(sub, sizeof(sub), "%s/relationship", ptr);
    if (v == NULL) {
        map_problem(f->r, EX_DATAERR, &f->doc, ptr,
                    "missing required member \"relationship\"");
    } else if (!json_is_string(v) || relationship_lookup(json_string_value(v)) < 0) {
        if (json_is_string(v))
            map_problem(f->r, EX_DATAERR, &f->doc, sub,
                        "unknown relationship \"%.60s\"; must be one of equal, subset, "
                        "superset, intersects, related",
                        json_string_value(v));
        else
            map_problem(
                f->r, EX_DATAERR, &f->doc, sub,
                "\"relationship\" must be one of equal, subset, superset, intersects, "
                "related");
    } else {
        c->relationship = (enum sg_relationship)relationship_lookup(json_string_value(v));
    }
    check_names(f, o, ptr, "exceptions", c->exception, sg_finding_lookup, "finding code");
    check_names(f, o, ptr, "evidence", c->evidence, evidence_lookup, "evidence kind");
    exc = json_object_get(o, "exceptions");
    ev = json_object_get(o, "evidence");
    if (json_is_array(exc) && json_array_size(exc) == 0 && json_is_array(ev) &&
        json_array_size(ev) == 0) {
        if (id != NULL)
            map_problem(f->r, EX_DATAERR, &f->doc, ptr,
                        "control \"%.200s\" names no finding code and no evidence kind",
                        id);
        else
            map_problem(f->r, EX_DATAERR, &f->doc, ptr,
                        "the control names no finding code and no evidence kind");
    }
    s = want_string(f, o, ptr, "rationale");
    c->rationale = sg_arena_strdup(&f->ms->ar, s);
}

/* The framework-level rule of issue 6: every finding code is mapped in every framework.
 */
static void check_coverage(struct file *f, const struct sg_control *cs, size_t n)
{
    for (int k = 0; k < SG_F__COUNT; k++) {
        size_t i;
        for (i = 0; i < n; i++)
            if (cs[i].exception[k])
                break;
        if (i == n)
            map_problem(f->r, EX_DATAERR, &f->doc, "/controls",
                        "finding code \"%s\" is mapped to no control",
                        sg_finding_name(k));
    }
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    if (name[0] == '/')
        return sg_xstrdup(name);
    if (n > 0 && dir[n - 1] == '/')
        return sg_xasprintf("%s%s", dir, name);
    return sg_xasprintf("%s/%s", dir, name);
}

static void check_catalog(struct file *f, const char *dir, const char *catalog)
{
    char *path = join(dir, catalog);
    int rc = map_catalog_load(&f->cat, path, f->r);

    if (rc == -2) {
        map_problem(f->r, EX_DATAERR, &f->doc, "/catalog",
                    "cannot open catalog \"%.200s\": %s", catalog,
                    sg_infile_strerror(errno));
    } else if (rc == 0) {
        f->have_cat = 1;
        if (f->fw >= 0 && strcmp(f->cat.framework, sg_framework_key(f->fw)) != 0) {
            map_problem(f->r, EX_DATAERR, &f->doc, "/catalog",
                        "catalog \"%.200s\" is for framework \"%s\", not \"%s\"", catalog,
                        f->cat.framework, sg_framework_key(f->fw));
            f->have_cat = 0;
        }
    }
    free(path);
}

static void check_file(struct sg_mapset *ms, const char *dir, const char *name,
                       struct map_rep *r)
{
    struct file f;
    char *path = join(dir, name);
    json_t *root, *v, *controls;
    const char *catalog = NULL;
    struct sg_framework_map *m = NULL, scratch;
    struct sg_control *cs;
    size_t n;
    int rc;

    memset(&f, 0, sizeof(f));
    f.r = r;
    f.ms = ms;
    f.fw = -1;
    rc = map_doc_read(&f.doc, path, r);
    if (rc == -2)
        map_problem(r, EX_IOERR, NULL, NULL, "cannot open \"%s\": %s", path,
                    sg_infile_strerror(errno));
    if (rc != 0)
        goto out;
    root = f.doc.root;
    if (!json_is_object(root)) {
        map_problem(r, EX_DATAERR, &f.doc, "",
                    "a mapping file must hold one JSON object");
        goto out;
    }
    unknown_members(&f, root, "", root_members);
    v = json_object_get(root, "framework");
    if (v == NULL) {
        map_problem(r, EX_DATAERR, &f.doc, "", "missing required member \"framework\"");
    } else if (!json_is_string(v) || sg_framework_lookup(json_string_value(v)) < 0) {
        if (json_is_string(v))
            map_problem(
                r, EX_DATAERR, &f.doc, "/framework",
                "unknown framework \"%.60s\"; must be one of soc2, iso27001, fedramp, "
                "ai-rmf",
                json_string_value(v));
        else
            map_problem(r, EX_DATAERR, &f.doc, "/framework",
                        "\"framework\" must be one of soc2, iso27001, fedramp, ai-rmf");
    } else {
        f.fw = sg_framework_lookup(json_string_value(v));
        if (ms->present[f.fw])
            map_problem(r, EX_DATAERR, &f.doc, "/framework",
                        "framework \"%s\" is already defined by \"%s\"",
                        sg_framework_key(f.fw), ms->fw[f.fw].file);
    }
    /* The first file of a framework owns its slot; a duplicate is checked in scratch. */
    memset(&scratch, 0, sizeof(scratch));
    m = (f.fw >= 0 && !ms->present[f.fw]) ? &ms->fw[f.fw] : &scratch;
    if (f.fw >= 0 && m != &scratch) {
        ms->present[f.fw] = 1;
        m->fw = (enum sg_framework)f.fw;
        m->key = sg_framework_key(f.fw);
    }
    m->file = sg_arena_strdup(&ms->ar, path);
    m->name = sg_arena_strdup(&ms->ar, want_string(&f, root, "", "name"));
    m->edition = sg_arena_strdup(&ms->ar, want_string(&f, root, "", "edition"));
    m->source = sg_arena_strdup(&ms->ar, want_string(&f, root, "", "source"));
    v = json_object_get(root, "notes");
    if (v != NULL) {
        size_t j;
        json_t *x;
        int ok = json_is_array(v);
        json_array_foreach(v, j, x)
        {
            if (!json_is_string(x))
                ok = 0;
        }
        if (!ok)
            map_problem(r, EX_DATAERR, &f.doc, "/notes",
                        "\"notes\" must be an array of strings");
    }
    catalog = want_string(&f, root, "", "catalog");
    if (catalog != NULL) {
        check_catalog(&f, dir, catalog);
        m->catalog = sg_arena_strdup(&ms->ar, f.cat.doc.path);
        m->label = sg_arena_strdup(&ms->ar, f.cat.label);
    }
    controls = json_object_get(root, "controls");
    if (controls == NULL) {
        map_problem(r, EX_DATAERR, &f.doc, "", "missing required member \"controls\"");
        goto out;
    }
    if (!json_is_array(controls) || json_array_size(controls) == 0) {
        map_problem(r, EX_DATAERR, &f.doc, "/controls",
                    "\"controls\" must be a non-empty array");
        goto out;
    }
    n = json_array_size(controls);
    if (n > SG_MAX_ARRAY_ITEMS) {
        map_problem(r, EX_DATAERR, &f.doc, "/controls", "more than %d controls",
                    SG_MAX_ARRAY_ITEMS);
        goto out;
    }
    cs = sg_arena_alloc(&ms->ar, n * sizeof(cs[0]));
    find_repeats(&f, controls, n);
    for (size_t i = 0; i < n; i++)
        check_control(&f, controls, i, &cs[i]);
    m->controls = cs;
    m->ncontrols = n;
    check_coverage(&f, cs, n);
out:
    free(f.first);
    map_catalog_release(&f.cat);
    map_doc_release(&f.doc);
    free(path);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.json regular files directly in dir, sorted by bytes. Returns the count, or -1
 * (reported, EX_NOINPUT). */
static long list_dir(char ***out, const char *dir, struct map_rep *r)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, cap = 0;

    *out = NULL;
    if (d == NULL) {
        map_problem(r, EX_NOINPUT, NULL, NULL,
                    "cannot read mappings directory \"%s\": %s", dir, strerror(errno));
        return -1;
    }
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        struct stat st;
        char *p;
        if (len <= 5 || strcmp(de->d_name + len - 5, ".json") != 0)
            continue;
        p = join(dir, de->d_name);
        if (stat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(p);
            continue;
        }
        free(p);
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            names = sg_xreallocarray(names, cap, sizeof(names[0]));
        }
        names[n++] = sg_xstrdup(de->d_name);
    }
    closedir(d);
    if (n == 0) {
        map_problem(r, EX_NOINPUT, NULL, NULL, "no mapping file (*.json) in \"%s\"", dir);
        return -1;
    }
    qsort(names, n, sizeof(names[0]), by_name);
    *out = names;
    return (long)n;
}

size_t sg_map_check(struct sg_mapset **out, const char *dir, sg_map_problem_fn fn,
                    void *ctx)
{
    struct map_rep r = {fn, ctx, 0};
    struct sg_mapset *ms = sg_xcalloc(1, sizeof(*ms));
    char *def = NULL, **names = NULL;
    long n;

    *out = NULL;
    sg_arena_init(&ms->ar);
    if (dir == NULL)
        dir = def = sg_datadir_path("mappings");
    n = list_dir(&names, dir, &r);
    for (long i = 0; i < n; i++) {
        check_file(ms, dir, names[i], &r);
        free(names[i]);
    }
    free(names);
    free(def);
    if (r.n == 0)
        *out = ms;
    else
        sg_mapset_free(ms);
    return r.n;
}

static void keep_first(void *ctx, const struct sg_error *e)
{
    struct sg_error *err = ctx;
    if (err->code == 0)
        *err = *e;
}

int sg_map_load(struct sg_mapset **out, const char *dir, struct sg_error *err)
{
    struct sg_error first;

    sg_error_init(&first);
    if (sg_map_check(out, dir, keep_first, &first) == 0)
        return 0;
    if (err != NULL && err->code == 0)
        *err = first;
    return -1;
}

void sg_mapset_free(struct sg_mapset *ms)
{
    if (ms == NULL)
        return;
    sg_arena_release(&ms->ar);
    free(ms);
}

const struct sg_framework_map *sg_mapset_framework(const struct sg_mapset *ms,
                                                   enum sg_framework fw)
{
    if (ms == NULL || (unsigned)fw >= SG_FW__COUNT || !ms->present[fw])
        return NULL;
    return &ms->fw[fw];
}

size_t sg_mapset_nframeworks(const struct sg_mapset *ms)
{
    size_t n = 0;
    for (int i = 0; i < SG_FW__COUNT; i++)
        n += ms->present[i] != 0;
    return n;
}

size_t sg_mapset_ncontrols(const struct sg_mapset *ms)
{
    size_t n = 0;
    for (int i = 0; i < SG_FW__COUNT; i++)
        if (ms->present[i])
            n += ms->fw[i].ncontrols;
    return n;
}

/* map/catalog.c: the catalogs of valid control IDs that mapping files name (SPEC §5
 * "Every control ID must be a real one of that framework and edition"). A catalog is
 * {"framework", "label", "controls": [{"id", "status"?, "baselines"?}, …]}; other
 * members (titles, provenance) are for people and are not read. Written by
 * tools/make-catalogs.py; described in mappings/catalogs/README.md. */
#include "map_int.h"

#include "signoff/limits.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_id(const void *a, const void *b)
{
    const struct map_entry *x = a, *y = b;
    return strcmp(x->id, y->id);
}

static int nonempty_string(const json_t *v)
{
    return json_is_string(v) && json_string_length(v) > 0;
}

/* Checks one entry; returns 0 or -1 (reported). */
static int entry(struct map_catalog *c, size_t i, json_t *o, struct map_entry *out,
                 struct map_rep *r)
{
    char ptr[64], sub[96];
    json_t *v;

    snprintf(ptr, sizeof(ptr), "/controls/%zu", i);
    if (!json_is_object(o)) {
        map_problem(r, EX_DATAERR, &c->doc, ptr, "a catalog entry must be a JSON object");
        return -1;
    }
    v = json_object_get(o, "id");
    snprintf(sub, sizeof(sub), "%s/id", ptr);
    if (!nonempty_string(v) || json_string_length(v) > SG_MAX_ID_BYTES) {
        map_problem(r, EX_DATAERR, &c->doc, v != NULL ? sub : ptr,
                    "\"id\" must be a non-empty string of at most 1024 bytes");
        return -1;
    }
    out->id = json_string_value(v);
    v = json_object_get(o, "status");
    if (v != NULL) {
        const char *s = json_is_string(v) ? json_string_value(v) : "";
        snprintf(sub, sizeof(sub), "%s/status", ptr);
        if (strcmp(s, "withdrawn") == 0) {
            out->withdrawn = 1;
        } else if (strcmp(s, "active") != 0) {
            map_problem(r, EX_DATAERR, &c->doc, sub,
                        "\"status\" must be \"active\" or \"withdrawn\"");
            return -1;
        }
    }
    v = json_object_get(o, "baselines");
    if (v != NULL) {
        size_t j;
        json_t *b;
        snprintf(sub, sizeof(sub), "%s/baselines", ptr);
        if (!json_is_array(v)) {
            map_problem(r, EX_DATAERR, &c->doc, sub, "\"baselines\" must be an array");
            return -1;
        }
        json_array_foreach(v, j, b)
        {
            unsigned bit =
                json_is_string(b) ? sg_baseline_lookup(json_string_value(b)) : 0;
            if (bit == 0) {
                snprintf(sub, sizeof(sub), "%s/baselines/%zu", ptr, j);
                map_problem(r, EX_DATAERR, &c->doc, sub,
                            "a baseline must be \"low\", \"moderate\" or \"high\"");
                return -1;
            }
            out->baselines |= bit;
        }
    }
    return 0;
}

int map_catalog_load(struct map_catalog *c, const char *path, struct map_rep *r)
{
    size_t before = r->n, i, n;
    json_t *root, *v, *o;
    int rc;

    memset(c, 0, sizeof(*c));
    rc = map_doc_read(&c->doc, path, r);
    if (rc != 0)
        return rc;
    root = c->doc.root;
    if (!json_is_object(root)) {
        map_problem(r, EX_DATAERR, &c->doc, "", "a catalog must hold one JSON object");
        return -1;
    }
    v = json_object_get(root, "framework");
    if (!json_is_string(v) || sg_framework_lookup(json_string_value(v)) < 0)
        map_problem(
            r, EX_DATAERR, &c->doc, v != NULL ? "/framework" : "",
            "catalog \"framework\" must be one of soc2, iso27001, fedramp, ai-rmf");
    else
        c->framework = json_string_value(v);
    v = json_object_get(root, "label");
    if (!nonempty_string(v))
        map_problem(r, EX_DATAERR, &c->doc, v != NULL ? "/label" : "",
                    "catalog \"label\" must be a non-empty string");
    else
        c->label = json_string_value(v);
    v = json_object_get(root, "controls");
    if (!json_is_array(v) || json_array_size(v) == 0) {
        map_problem(r, EX_DATAERR, &c->doc, v != NULL ? "/controls" : "",
                    "catalog \"controls\" must be a non-empty array");
        return -1;
    }
    n = json_array_size(v);
    if (n > SG_MAX_ARRAY_ITEMS) {
        map_problem(r, EX_DATAERR, &c->doc, "/controls",
                    "catalog holds more than %d controls", SG_MAX_ARRAY_ITEMS);
        return -1;
    }
    c->v = sg_xcalloc(n, sizeof(c->v[0]));
    json_array_foreach(v, i, o)
    {
        if (entry(c, i, o, &c->v[c->n], r) == 0)
            c->n++;
    }
    qsort(c->v, c->n, sizeof(c->v[0]), by_id);
    for (i = 1; i < c->n; i++)
        if (strcmp(c->v[i - 1].id, c->v[i].id) == 0)
            map_problem(r, EX_DATAERR, &c->doc, "/controls",
                        "catalog lists control \"%.200s\" twice", c->v[i].id);
    return r->n == before ? 0 : -1;
}

void map_catalog_release(struct map_catalog *c)
{
    if (c == NULL)
        return;
    free(c->v);
    map_doc_release(&c->doc);
    memset(c, 0, sizeof(*c));
}

const struct map_entry *map_catalog_find(const struct map_catalog *c, const char *id)
{
    struct map_entry key = {id, 0, 0};
    if (c->n == 0)
        return NULL;
    return bsearch(&key, c->v, c->n, sizeof(c->v[0]), by_id);
}

/* A folded form of an ID for "did you mean": upper case, no leading zeros in numbers,
 * "(n)" and ".n" alike, " " and "-" alike. Truncates to n - 1 bytes. */
static void fold(const char *in, char *out, size_t n)
{
    size_t o = 0;
    int prev_digit = 0;

    for (const char *p = in; *p != '\0' && o + 1 < n; p++) {
        unsigned char ch = (unsigned char)*p;
        if (isdigit(ch)) {
            if (!prev_digit && ch == '0' && isdigit((unsigned char)p[1]))
                continue; /* leading zero */
            out[o++] = (char)ch;
            prev_digit = 1;
            continue;
        }
        prev_digit = 0;
        if (ch == ')')
            continue;
        if (ch == '(')
            ch = '.';
        else if (ch == ' ')
            ch = '-';
        else
            ch = (unsigned char)toupper(ch);
        out[o++] = (char)ch;
    }
    out[o] = '\0';
}

const char *map_catalog_suggest(const struct map_catalog *c, const char *id)
{
    char want[128], have[128];

    fold(id, want, sizeof(want));
    for (size_t i = 0; i < c->n; i++) {
        fold(c->v[i].id, have, sizeof(have));
        if (strcmp(want, have) == 0 && strcmp(id, c->v[i].id) != 0)
            return c->v[i].id;
    }
    return NULL;
}

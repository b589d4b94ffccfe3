/* map/map_int.h: what the files of src/map share and nobody else needs: reading one
 * JSON file with its raw text (for lines of JSON pointers), reporting a problem with its
 * position, and the catalogs of valid control IDs (mappings/catalogs/). */
#ifndef SIGNOFF_MAP_INT_H
#define SIGNOFF_MAP_INT_H

#include <jansson.h>
#include <stddef.h>

#include "signoff/map.h"
#include "signoff/xalloc.h"

/* Where problems go: the caller's callback, and how many there were. */
struct map_rep {
    sg_map_problem_fn fn; /* may be NULL */
    void *ctx;
    size_t n;
};

/* One JSON file read whole: its path, text and parsed root. */
struct map_doc {
    char *path;        /* owned */
    struct sg_buf buf; /* the raw text */
    json_t *root;      /* owned; NULL until parsed */
};

/* Reports one problem at JSON pointer ptr of d (d NULL or ptr NULL: no line, no
 * pointer; ptr "" is the root, line 1). */
void map_problem(struct map_rep *r, int code, const struct map_doc *d, const char *ptr,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Reads and parses path into d (which takes a copy of path). Returns 0; -1 when the
 * text is no valid JSON or past a limit of limits.h (reported: FILE:LINE); -2 when
 * path cannot be opened (errno kept, nothing reported, so the caller names the cause). */
int map_doc_read(struct map_doc *d, const char *path, struct map_rep *r);
void map_doc_release(struct map_doc *d);

/* One valid control ID of a catalog. */
struct map_entry {
    const char *id;     /* borrowed from the catalog's JSON */
    int withdrawn;      /* "status": "withdrawn" */
    unsigned baselines; /* SG_BASELINE_* bits from "baselines" */
};

/* A catalog file (see mappings/catalogs/README.md). */
struct map_catalog {
    struct map_doc doc;
    const char *framework; /* "soc2" …, borrowed from doc */
    const char *label;     /* "SOC 2 (2017)", borrowed from doc */
    struct map_entry *v;   /* sorted by id (byte order) */
    size_t n;
};

/* Loads and checks a catalog. Returns 0; -1 when it has problems (reported against the
 * catalog file); -2 when it cannot be opened (as map_doc_read). Release in every case. */
int map_catalog_load(struct map_catalog *c, const char *path, struct map_rep *r);
void map_catalog_release(struct map_catalog *c);
/* Borrowed from c, or NULL. */
const struct map_entry *map_catalog_find(const struct map_catalog *c, const char *id);
/* The catalog ID that id probably meant (case, zero padding, "cm-3.4" for "CM-3(4)",
 * "-" for " "), or NULL. Borrowed from c. */
const char *map_catalog_suggest(const struct map_catalog *c, const char *id);

#endif

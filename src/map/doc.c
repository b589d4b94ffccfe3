/* map/doc.c: reading a mapping or catalog file whole and reporting a problem in it with
 * FILE:LINE and JSON pointer (SPEC §8: LINE is where the element's value starts, found
 * by a scan of the raw text, since jansson keeps positions only for syntax errors). */
#include "map_int.h"

#include "signoff/infile.h"
#include "signoff/json.h"
#include "signoff/limits.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void deliver(struct map_rep *r, int code, const struct sg_pos *pos,
                    const char *msg)
{
    struct sg_error e;

    sg_error_init(&e);
    sg_error_set(&e, code, pos, "%s", msg);
    r->n++;
    if (r->fn != NULL)
        r->fn(r->ctx, &e);
}

void map_problem(struct map_rep *r, int code, const struct map_doc *d, const char *ptr,
                 const char *fmt, ...)
{
    struct sg_pos pos = {NULL, 0, NULL};
    char msg[sizeof(((struct sg_error *)0)->msg)];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (d != NULL) {
        pos.file = d->path;
        if (ptr != NULL) {
            /* Each lookup scans the text; past the printed ones, skip it (map.h). */
            if (r->n < SG_MAX_MESSAGES) {
                pos.line = sg_json_pointer_line(sg_buf_str(&d->buf), d->buf.len, ptr);
                if (pos.line == 0)
                    pos.line = 1;
            }
            pos.pointer = ptr[0] != '\0' ? ptr : NULL;
        }
    }
    deliver(r, code, &pos, msg);
}

int map_doc_read(struct map_doc *d, const char *path, struct map_rep *r)
{
    FILE *fp;
    char chunk[8192];
    size_t n;
    json_error_t je;
    const char *why;
    int rc = -1;

    memset(d, 0, sizeof(*d));
    d->path = sg_xstrdup(path);
    fp = sg_infile_open(path);
    if (fp == NULL)
        return -2;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        if (d->buf.len + n > SG_MAX_MAPPING_FILE_BYTES) {
            struct sg_pos pos = {d->path, 1, NULL};
            deliver(r, EX_DATAERR, &pos, "file larger than " SG_MAX_MAPPING_FILE_TEXT);
            goto out;
        }
        sg_buf_add(&d->buf, chunk, n);
    }
    if (ferror(fp)) {
        map_problem(r, EX_IOERR, NULL, NULL, "cannot read \"%s\": %s", path,
                    strerror(errno));
        goto out;
    }
    d->root = json_loadb(sg_buf_str(&d->buf), d->buf.len, JSON_REJECT_DUPLICATES, &je);
    if (d->root == NULL) {
        struct sg_pos pos = {d->path, je.line > 0 ? (unsigned long)je.line : 1, NULL};
        char msg[300];
        snprintf(msg, sizeof(msg), "invalid JSON: %s", je.text);
        deliver(r, EX_DATAERR, &pos, msg);
        goto out;
    }
    if (sg_json_check_limits(d->root, &why) != 0) {
        map_problem(r, EX_DATAERR, d, "", "%s", why);
        goto out;
    }
    rc = 0;
out:
    fclose(fp);
    return rc;
}

void map_doc_release(struct map_doc *d)
{
    if (d == NULL)
        return;
    json_decref(d->root);
    sg_buf_release(&d->buf);
    free(d->path);
    memset(d, 0, sizeof(*d));
}

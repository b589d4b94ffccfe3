/* import/import.c: the shared part of `signoff import`: format names, reading each
 * input whole, its SHA-256 and provenance (source registration), then the format's
 * importer. */
#include "signoff/import.h"
#include "signoff/sha256.h"
#include "signoff/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int sg_import_format_lookup(const char *name, enum sg_import_format *out)
{
    static const char *const later[] = {"openvex", "cyclonedx", "trivy", "grype", NULL};

    if (strcmp(name, "dependabot") == 0) {
        *out = SG_IMPORT_DEPENDABOT;
        return 0;
    }
    for (size_t i = 0; later[i]; i++)
        if (strcmp(name, later[i]) == 0)
            return 1;
    return -1;
}

static int read_all(struct sg_input *in, struct sg_buf *b, struct sg_error *err)
{
    char chunk[65536];
    size_t n;
    struct sg_pos pos = {in->path, 0, NULL};

    while ((n = fread(chunk, 1, sizeof(chunk), in->fp)) > 0)
        sg_buf_add(b, chunk, n);
    if (ferror(in->fp))
        return sg_error_set(err, EX_IOERR, &pos, "cannot read: %s", strerror(errno));
    if (b->data == NULL)
        sg_buf_add(b, "", 0);
    return 0;
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
        int64_t size;

        if (read_all(f, &text, err) != 0) {
            sg_buf_release(&text);
            return -1;
        }
        sg_sha256_hex(text.data, text.len, hex);
        size = (int64_t)text.len;
        snprintf(tmpname, sizeof(tmpname), "pending-import-%zu", i);
        if (sg_store_add_source(st, f->path, tmpname, 0, opts->ingested_at, &placeholder,
                                err) != 0) {
            sg_buf_release(&text);
            return -1;
        }
        rc = sg_import_dependabot(st, f->path, text.data, text.len, placeholder, opts, fn,
                                  ctx, stats, err);
        sg_buf_release(&text);
        if (rc < 0 && err->code != EX_DATAERR)
            return -1; /* I/O or store: stop */
        if (sg_store_finish_source(st, placeholder, f->path, hex, size,
                                   stats->records - before, err) != 0)
            return -1;
    }
    return stats->bad > 0 ? -1 : 0;
}

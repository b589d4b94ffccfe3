/* fuzz_import: one document through every importer format registered in src/import
 * (sg_import_format_name walks the format table, so a format added there is fuzzed
 * here without naming it), each into an in-memory store inside a transaction that is
 * rolled back, as given and with --asset and --seen-at. Invariants: a failure carries an error with a
 * message; records written are inserted or duplicates. */
#include "fuzz.h"

#include "signoff/import.h"
#include "signoff/store.h"

static struct sg_store *st;

static void one(const uint8_t *data, size_t size, enum sg_import_format fmt,
                const char *asset, const char *seen_at)
{
    struct sg_error err;
    struct sg_input f = {(char *)"fuzz.json", NULL, 1};
    struct sg_inputs in = {&f, 1};
    struct sg_ingest_stats stats;
    struct sg_import_opts opts;
    int rc;

    memset(&opts, 0, sizeof(opts));
    opts.format = fmt;
    opts.asset = asset;
    opts.seen_at = seen_at;
    f.fp = fuzz_stream(data, size);
    if (f.fp == NULL)
        return;
    sg_error_init(&err);
    if (sg_store_begin(st, &err) != 0)
        abort();
    rc = sg_import_inputs(st, &in, &opts, fuzz_ignore, NULL, &stats, &err);
    if (rc != 0)
        FUZZ_ASSERT(err.code != 0 && err.msg[0] != '\0');
    else
        FUZZ_ASSERT(stats.bad == 0);
    sg_store_rollback(st);
    fclose(f.fp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *name;

    if (st == NULL) {
        struct sg_error err;
        sg_error_init(&err);
        if (sg_store_open(&st, NULL, 0, &err) != 0)
            abort();
    }
    for (size_t i = 0; (name = sg_import_format_name(i)) != NULL; i++) {
        enum sg_import_format fmt;
        FUZZ_ASSERT(sg_import_format_lookup(name, &fmt) == 0);
        one(data, size, fmt, NULL, NULL);
        one(data, size, fmt, "fuzz-asset", "2026-08-01T00:00:00Z");
    }
    return 0;
}

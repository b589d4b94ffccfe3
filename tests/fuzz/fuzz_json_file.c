/* fuzz_json_file: a whole .json file (one object, or an array of objects) ingested into
 * an in-memory store as `signoff ingest` does it (and the same bytes as a JSON Lines
 * file), and, when every record was good, the
 * period judged as `signoff check` judges it (SPEC §4), so that any stored evidence is
 * also fed to the trace engine. Invariants: a failed ingest reports at least one error
 * with a message; a good one counts every record. */
#include "fuzz.h"

#include "signoff/ingest.h"
#include "signoff/settings.h"
#include "signoff/store.h"
#include "signoff/trace.h"

static struct sg_store *st;

static void run(const uint8_t *data, size_t size, int is_json)
{
    struct sg_error err;
    struct sg_input f = {(char *)(is_json ? "fuzz.json" : "fuzz.jsonl"), NULL, is_json};
    struct sg_inputs in = {&f, 1};
    struct sg_ingest_stats stats;
    int rc;

    f.fp = fuzz_stream(data, size);
    if (f.fp == NULL)
        return;
    sg_error_init(&err);
    if (sg_store_begin(st, &err) != 0)
        abort();
    rc = sg_ingest_inputs(st, &in, 0, fuzz_ignore, NULL, &stats, &err);
    if (rc != 0) {
        FUZZ_ASSERT(err.code != 0 && err.msg[0] != '\0');
        FUZZ_ASSERT(stats.bad > 0 || err.code != EX_DATAERR);
    } else {
        struct sg_settings settings;
        struct sg_trace_opts o;
        struct sg_trace_stats ts;
        int64_t latest;

        FUZZ_ASSERT(stats.records == stats.inserted + stats.duplicates);
        sg_settings_defaults(&settings);
        memset(&o, 0, sizeof(o));
        o.settings = &settings;
        FUZZ_ASSERT(sg_store_latest_event(st, &latest, &err) == 0);
        sg_period_all_time(&o.period, latest);
        if (sg_trace_run(st, &o, &ts, &err) != 0) {
            char msg[700];
            sg_error_format(&err, msg, sizeof(msg));
            fprintf(stderr, "%s\n", msg);
            abort();
        }
    }
    sg_store_rollback(st);
    fclose(f.fp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (st == NULL) {
        struct sg_error err;
        sg_error_init(&err);
        if (sg_store_open(&st, NULL, 0, &err) != 0)
            abort();
    }
    run(data, size, 1); /* as a .json file */
    run(data, size, 0); /* and as JSON Lines: line splitting, blank lines, a BOM */
    return 0;
}

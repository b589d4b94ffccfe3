/* cli/load.c: see load.h. */
#include "load.h"
#include "cli.h"
#include "signoff/limits.h"
#include "signoff/time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_msgs_print(void *ctx, const struct sg_error *e)
{
    struct cli_msgs *m = ctx;
    if (m->code == 0)
        m->code = e->code;
    if (m->printed < SG_MAX_MESSAGES) {
        cli_error(e);
        m->printed++;
    } else {
        m->more++;
    }
}

void cli_msgs_finish(struct cli_msgs *m)
{
    if (m->more > 0)
        cli_fail(0, "…and %ld more", m->more);
}

int cli_end_transaction(struct sg_store *st, int ran, int keep, long long bad,
                        struct cli_msgs *msgs, struct sg_error *err)
{
    if (ran != 0) {
        sg_store_rollback(st); /* nothing of a failed ingest enters the store */
        cli_msgs_finish(msgs);
        if (bad == 0 || err->code != EX_DATAERR)
            cli_error(err);
        return err->code ? err->code : EX_SOFTWARE;
    }
    if (!keep) {
        sg_store_rollback(st);
        return 0;
    }
    if (sg_store_commit(st, err) != 0)
        return cli_error(err);
    return 0;
}

int64_t cli_spill_after(void)
{
    /* SIGNOFF_SPILL_AFTER (bytes) moves the threshold: tests/scale compares both stores
     */
    const char *env = getenv("SIGNOFF_SPILL_AFTER");
    return env != NULL && *env ? strtoll(env, NULL, 10) : SG_STORE_MEMORY_MAX_INPUT;
}

int cli_load_evidence(struct sg_store **out, const char *store_path, char *const *files,
                      int nfiles, const char *cmd)
{
    struct sg_error err;
    struct sg_store *st = NULL, *base = NULL;
    struct sg_inputs in = {0};
    struct sg_ingest_stats stats;
    struct cli_msgs msgs = {0, 0, 0};
    int64_t now = 0;
    int rc;

    *out = NULL;
    sg_error_init(&err);
    if (store_path == NULL && nfiles == 0)
        return cli_usage(cmd, "give --store DB or at least one FILE");
    /* SPEC §7: every FILE is opened before any is parsed (a missing one is 66). */
    if (sg_inputs_open(&in, files, nfiles, &err) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    if (store_path != NULL) {
        if (sg_store_open(&base, store_path, SG_STORE_READONLY, &err) != 0) {
            rc = cli_error(&err);
            goto out;
        }
        if (nfiles == 0) {
            *out = base;
            base = NULL;
            rc = 0;
            goto out;
        }
        int big = sg_store_file_bytes(base) + sg_inputs_bytes(&in) > cli_spill_after();
        if (sg_store_open_copy(&st, base, big ? SG_STORE_SPILL : 0, &err) != 0) {
            rc = cli_error(&err);
            goto out;
        }
    } else if (sg_store_open(&st, NULL,
                             sg_inputs_bytes(&in) > cli_spill_after() ? SG_STORE_SPILL
                                                                      : 0,
                             &err) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    sg_clock_now(&now);
    memset(&stats, 0, sizeof(stats));
    if (sg_store_begin(st, &err) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    /* two statements: stats.bad must be read after the ingest ran */
    int ran = sg_ingest_inputs(st, &in, now, cli_msgs_print, &msgs, &stats, &err);
    rc = cli_end_transaction(st, ran, 1, stats.bad, &msgs, &err);
    if (rc != 0)
        goto out;
    *out = st;
    st = NULL;
    rc = 0;
out:
    sg_store_close(st);
    sg_store_close(base);
    sg_inputs_release(&in);
    return rc;
}

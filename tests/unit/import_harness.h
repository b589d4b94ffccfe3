/* tests/unit/import_harness.h: what the importer tests share (header-only, static):
 * collecting the error lines an import reports, the path of a document in
 * tests/data/import, counting stored records by kind, and the findings of a period. */
#ifndef SIGNOFF_TEST_IMPORT_HARNESS_H
#define SIGNOFF_TEST_IMPORT_HARNESS_H

#include "harness.h"

#include "signoff/import.h"
#include "signoff/record.h"
#include "signoff/xalloc.h"

struct msgs {
    struct sg_buf b;
    int n;
};

/* An sg_record_error_fn: appends "FILE:LINE: POINTER: message\n" to the msgs. */
static __attribute__((unused)) void collect(void *ctx, const struct sg_error *e)
{
    struct msgs *m = ctx;
    char line[1024];
    sg_error_format(e, line, sizeof(line));
    sg_buf_adds(&m->b, line);
    sg_buf_addc(&m->b, '\n');
    m->n++;
}

/* New: free(). The path of tests/data/import/NAME. */
static __attribute__((unused)) char *data(const char *name)
{
    const char *dir = getenv("SIGNOFF_TEST_DATA");
    return sg_xasprintf("%s/import/%s", dir ? dir : "tests/data", name);
}

static __attribute__((unused)) int64_t count(struct sg_store *st, enum sg_kind k)
{
    struct sg_error err;
    int64_t n = -1;
    sg_error_init(&err);
    assert_int_equal(sg_store_count(st, k, &n, &err), 0);
    return n;
}

/* New: free(). The check --json lines of period, with the default settings. */
static __attribute__((unused)) char *findings(struct sg_store *st, const char *period)
{
    struct sg_settings set;
    struct sg_error err;
    struct sg_buf out = {0};
    struct sg_trace_stats ts;
    struct sg_trace_opts o = {&set, {0}, NULL, NULL};
    const char *why;

    sg_error_init(&err);
    sg_settings_defaults(&set);
    assert_int_equal(sg_period_parse(&o.period, period, &why), 0);
    if (sg_trace_run(st, &o, &ts, &err) != 0) {
        char m[512];
        sg_error_format(&err, m, sizeof(m));
        fail_msg("trace: %s", m);
    }
    assert_int_equal(sg_q_each_finding(st, th_on_finding, &out, &err), 0);
    char *s = sg_xstrdup(sg_buf_str(&out));
    sg_buf_release(&out);
    return s;
}

#endif

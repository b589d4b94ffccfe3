/* tests/unit/harness.h: helpers shared by the unit tests (header-only, static): run the
 * trace engine over records given as JSON Lines text and get `check --json` lines. */
#ifndef SIGNOFF_TEST_HARNESS_H
#define SIGNOFF_TEST_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "signoff/ingest.h"
#include "signoff/json.h"
#include "signoff/period.h"
#include "signoff/settings.h"
#include "signoff/store.h"
#include "signoff/trace.h"

/* Writes text to a new temporary file; returns its path (free() it, unlink it). */
static __attribute__((unused)) char *th_tmpfile(const char *text, const char *suffix)
{
    char *path = sg_xasprintf("/tmp/signoff-test-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
    return path;
}

struct th_result {
    int rc;            /* 0, or the sg_error code of ingest / trace */
    char *findings;    /* check --json lines */
    struct sg_trace_stats stats;
    char err[512];
};

static __attribute__((unused)) int th_on_finding(void *ctx, const char *code, const char *subject, const char *reasons,
                         const char *severity)
{
    struct sg_buf *b = ctx;
    sg_buf_adds(b, "{\"finding\":");
    sg_json_put_string(b, code);
    sg_buf_adds(b, ",\"subject\":");
    sg_json_put_string(b, subject);
    sg_buf_adds(b, ",\"reasons\":");
    sg_buf_adds(b, reasons);
    sg_buf_adds(b, ",\"severity\":");
    sg_json_put_string(b, severity);
    sg_buf_adds(b, "}\n");
    return 0;
}

/* Ingests `records` (JSON Lines), judges `period` (NULL: all time) with `settings`
 * (JSON text or NULL) and returns the findings. verdict_fn may collect verdicts. */
static __attribute__((unused)) struct th_result th_run_files(const char *const *texts, int ntexts, const char *period,
                                     const char *settings, sg_verdict_fn fn, void *ctx);

static __attribute__((unused)) struct th_result th_run_v(const char *records, const char *period, const char *settings,
                                 sg_verdict_fn fn, void *ctx)
{
    const char *texts[1] = {records};
    return th_run_files(texts, 1, period, settings, fn, ctx);
}

/* Like th_run_v, the records split over several files (ingested in order). */
static __attribute__((unused)) struct th_result th_run_files(const char *const *texts, int ntexts, const char *period,
                                     const char *settings, sg_verdict_fn fn, void *ctx)
{
    struct th_result r;
    struct sg_store *st = NULL;
    struct sg_inputs in = {0};
    struct sg_ingest_stats stats;
    struct sg_error err;
    struct sg_settings set;
    struct sg_buf out = {0};
    char *args[16];
    char *spath = NULL;

    assert_true(ntexts >= 1 && ntexts <= 16);
    for (int i = 0; i < ntexts; i++)
        args[i] = th_tmpfile(texts[i], ".jsonl");

    memset(&r, 0, sizeof(r));
    sg_error_init(&err);
    sg_settings_defaults(&set);
    if (settings != NULL) {
        spath = th_tmpfile(settings, ".json");
        if (sg_settings_load(&set, spath, &err) != 0)
            goto fail;
    }
    if (sg_inputs_open(&in, args, ntexts, &err) != 0 || sg_store_open(&st, NULL, 0, &err) != 0 ||
        sg_store_begin(st, &err) != 0 ||
        sg_ingest_inputs(st, &in, 0, NULL, NULL, &stats, &err) != 0 ||
        sg_store_commit(st, &err) != 0)
        goto fail;
    struct sg_trace_opts o = {&set, {0}, fn, ctx};
    if (period != NULL) {
        const char *why;
        assert_int_equal(sg_period_parse(&o.period, period, &why), 0);
    } else {
        int64_t latest;
        assert_int_equal(sg_store_latest_event(st, &latest, &err), 0);
        sg_period_all_time(&o.period, latest);
    }
    if (sg_trace_run(st, &o, &r.stats, &err) != 0 ||
        sg_q_each_finding(st, th_on_finding, &out, &err) != 0)
        goto fail;
    r.findings = sg_xstrdup(sg_buf_str(&out));
    goto done;
fail:
    r.rc = err.code ? err.code : -1;
    sg_error_format(&err, r.err, sizeof(r.err));
    r.findings = sg_xstrdup("");
done:
    sg_buf_release(&out);
    sg_store_close(st);
    sg_inputs_release(&in);
    for (int i = 0; i < ntexts; i++) {
        unlink(args[i]);
        free(args[i]);
    }
    if (spath != NULL) {
        unlink(spath);
        free(spath);
    }
    return r;
}

static __attribute__((unused)) struct th_result th_run(const char *records, const char *period, const char *settings)
{
    return th_run_v(records, period, settings, NULL, NULL);
}

/* Asserts the findings equal `want` exactly (lines, "\n"-terminated). */
#define th_expect(records, period, settings, want)                                       \
    do {                                                                                  \
        struct th_result th_r = th_run(records, period, settings);                        \
        if (th_r.rc != 0)                                                                 \
            print_error("ingest/trace failed: %s\n", th_r.err);                           \
        assert_int_equal(th_r.rc, 0);                                                     \
        assert_string_equal(th_r.findings, want);                                         \
        free(th_r.findings);                                                              \
    } while (0)

/* Collects "subject:state:path:by" per verdict, one per line. */
static __attribute__((unused)) int th_collect_verdict(void *ctx, const struct sg_verdict *v)
{
    struct sg_buf *b = ctx;
    const char *subject = v->decision ? v->decision->id : v->exposure->id;
    sg_buf_printf(b, "%s:%s", subject, sg_state_name(v->state));
    if (v->kind == SG_VK_CHANGE)
        sg_buf_printf(b, ":%s", sg_path_name(v->path));
    if (v->by != NULL)
        sg_buf_printf(b, ":%s", v->by);
    sg_buf_addc(b, '\n');
    return 0;
}

/* Returns the verdict lines (free()). */
static __attribute__((unused)) char *th_verdicts(const char *records, const char *period, const char *settings)
{
    struct sg_buf b = {0};
    struct th_result r = th_run_v(records, period, settings, th_collect_verdict, &b);
    char *s;
    if (r.rc != 0)
        print_error("ingest/trace failed: %s\n", r.err);
    assert_int_equal(r.rc, 0);
    free(r.findings);
    s = sg_xstrdup(sg_buf_str(&b));
    sg_buf_release(&b);
    return s;
}

#endif

/* cli/cmd_check.c: `signoff check` (SPEC §7): findings of the period, as SPEC §7's JSON
 * lines or a readable table with a summary. */
#include "cli.h"
#include "controls.h"
#include "help.h"
#include "judge.h"
#include "load.h"
#include "progress.h"
#include "signoff/json.h"
#include "signoff/time.h"
#include "signoff/trace.h"
#include "term.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct row {
    char *code, *subject, *reasons, *severity;
};

struct out {
    int json;
    struct sg_buf line;
    /* table mode keeps rows to group by severity: findings only, bounded by the
       period's findings, which the table prints anyway */
    struct row *rows;
    size_t n;
};

static int on_finding(void *ctx, const char *code, const char *subject, const char *reasons,
                      const char *severity)
{
    struct out *o = ctx;
    if (o->json) {
        /* SPEC §7: {"finding":CODE,"subject":ID,"reasons":[...],"severity":S} */
        sg_buf_reset(&o->line);
        sg_buf_adds(&o->line, "{\"finding\":");
        sg_json_put_string(&o->line, code);
        sg_buf_adds(&o->line, ",\"subject\":");
        sg_json_put_string(&o->line, subject);
        sg_buf_adds(&o->line, ",\"reasons\":");
        sg_buf_adds(&o->line, reasons);
        sg_buf_adds(&o->line, ",\"severity\":");
        sg_json_put_string(&o->line, severity);
        sg_buf_adds(&o->line, "}\n");
        if (fwrite(o->line.data, 1, o->line.len, stdout) != o->line.len)
            return -1;
        return 0;
    }
    o->rows = sg_xreallocarray(o->rows, o->n + 1, sizeof(*o->rows));
    o->rows[o->n].code = sg_xstrdup(code);
    o->rows[o->n].subject = sg_xstrdup(subject);
    o->rows[o->n].reasons = sg_xstrdup(reasons);
    o->rows[o->n].severity = sg_xstrdup(severity);
    o->n++;
    return 0;
}

/* ["a","b"] -> "a, b" for the table. */
static void plain_reasons(struct sg_buf *b, const char *json)
{
    json_t *v = json_loads(json, JSON_REJECT_DUPLICATES, NULL);
    size_t i;
    json_t *e;
    sg_buf_reset(b);
    json_array_foreach(v, i, e)
    {
        if (i)
            sg_buf_adds(b, ", ");
        sg_buf_adds(b, json_string_value(e));
    }
    json_decref(v);
}

/* Widths of the table's FINDING and SUBJECT columns: the widest code, and the widest
   subject that fits SUBJECT_MAX (a longer one gets a line of its own). */
enum { SUBJECT_MAX = 26 };

static void column_widths(const struct out *o, size_t *wf, size_t *ws)
{
    *wf = strlen("FINDING");
    *ws = strlen("SUBJECT");
    for (size_t i = 0; i < o->n; i++) {
        size_t f = term_cols(o->rows[i].code), c = term_cols(o->rows[i].subject);
        if (f > *wf)
            *wf = f;
        if (c > *ws && c <= SUBJECT_MAX)
            *ws = c;
    }
}

static void print_summary(const struct sg_trace_stats *s, const struct cli_judge *j,
                          long total)
{
    struct sg_buf b = {0};
    char from[SG_TIME_BUF], to[SG_TIME_BUF];

    if (total == 0)
        printf("%sno findings%s\n", term_sgr(TERM_GREEN), term_sgr(TERM_RESET));
    /* SPEC §7: a summary line; wrapped to fit the terminal */
    sg_buf_printf(&b,
                  "%s [%s, %s): %ld changes (%ld traced, %ld untraced), %ld deferrals (%ld "
                  "documented, %ld undocumented), %ld escalations (%ld answered, %ld "
                  "orphaned), %ld exposures overdue, %ld pending",
                  j->period.label,
                  j->period.all_time ? "-inf" : sg_time_format(from, j->period.from),
                  sg_time_format(to, j->period.to), s->changes, s->traced, s->untraced,
                  s->deferrals, s->documented, s->undocumented, s->escalations, s->answered,
                  s->orphaned, s->exposures_judged, s->pending);
    putchar('\n');
    term_put_wrapped(sg_buf_str(&b), " ", 0, 2);
    if (total > 0) {
        sg_buf_reset(&b);
        for (int c = 0; c < SG_F__COUNT; c++)
            if (s->findings[c])
                sg_buf_printf(&b, "%s%ld %s", b.len ? ", " : "", s->findings[c],
                              sg_finding_name(c));
        printf("%ld findings: ", total);
        term_put_wrapped(sg_buf_str(&b), ", ", (size_t)snprintf(NULL, 0, "%ld findings: ", total),
                         2);
    }
    sg_buf_release(&b);
}

/* One section per severity, one row per finding: FINDING, SUBJECT and REASONS, which
   wrap under their column so that every line fits TERM_WIDTH. */
static void print_table(struct out *o, const struct sg_trace_stats *s, const struct cli_judge *j,
                        int quiet)
{
    static const char *const sevs[] = {"high", "medium", "low"};
    static const enum term_style colour[] = {TERM_RED, TERM_YELLOW, TERM_BOLD};
    struct sg_buf b = {0};
    long total = 0;
    size_t wf, ws, rc;

    column_widths(o, &wf, &ws);
    rc = 2 + wf + 2 + ws + 2;
    for (int k = 0; k < 3; k++) {
        long n = 0;
        for (size_t i = 0; i < o->n; i++)
            n += strcmp(o->rows[i].severity, sevs[k]) == 0;
        if (n == 0)
            continue;
        printf("%s%s%s severity: %ld finding%s%s\n", total ? "\n" : "", term_sgr(colour[k]),
               sevs[k], n, n == 1 ? "" : "s", term_sgr(TERM_RESET));
        printf("%s  ", term_sgr(TERM_DIM));
        term_put_padded("FINDING", wf + 2);
        term_put_padded("SUBJECT", ws + 2);
        printf("REASONS%s\n", term_sgr(TERM_RESET));
        for (size_t i = 0; i < o->n; i++) {
            const struct row *r = &o->rows[i];
            if (strcmp(r->severity, sevs[k]) != 0)
                continue;
            plain_reasons(&b, r->reasons);
            printf("  ");
            term_put_padded(r->code, wf + 2);
            if (term_cols(r->subject) > ws) {
                term_put(r->subject);
                printf("\n%*s", (int)rc, "");
            } else {
                term_put_padded(r->subject, ws + 2);
            }
            term_put_wrapped(b.len ? sg_buf_str(&b) : "-", ", ", rc, rc);
            total++;
        }
    }
    sg_buf_release(&b);
    if (!quiet)
        print_summary(s, j, total);
}

/* SPEC §7 check --controls: one line (or JSON object) per mapped control. */
static void print_controls(const struct sg_framework_map *fm, unsigned baseline,
                           const struct sg_trace_stats *s, const struct cli_judge *j, int json)
{
    struct sg_buf b = {0};
    if (!json) {
        sg_buf_printf(&b, "%s, %s%s%s: control status for %s", fm->name, fm->edition,
                      baseline ? ", baseline " : "", baseline ? sg_baseline_name(baseline) : "",
                      j->period.label);
        term_put_wrapped(sg_buf_str(&b), " ", 0, 2);
    }
    for (size_t i = 0; i < fm->ncontrols; i++) {
        const struct sg_control *c = &fm->controls[i];
        enum sg_control_status cs;
        if (!sg_control_in_baseline(c, baseline))
            continue;
        cs = sg_control_status(c, s->findings, s->evidence);
        sg_buf_reset(&b);
        if (json) {
            int first = 1;
            sg_buf_adds(&b, "{\"framework\":");
            sg_json_put_string(&b, fm->key);
            sg_buf_adds(&b, ",\"control\":");
            sg_json_put_string(&b, c->id);
            sg_buf_adds(&b, ",\"status\":");
            sg_json_put_string(&b, sg_control_status_key(cs));
            sg_buf_adds(&b, ",\"exceptions\":{");
            for (int k = 0; k < SG_F__COUNT; k++)
                if (c->exception[k] && s->findings[k]) {
                    sg_buf_printf(&b, "%s\"%s\":%ld", first ? "" : ",", sg_finding_name(k),
                                  s->findings[k]);
                    first = 0;
                }
            sg_buf_adds(&b, "},\"evidence\":{");
            first = 1;
            for (int k = 0; k < SG_E__COUNT; k++)
                if (c->evidence[k]) {
                    sg_buf_printf(&b, "%s\"%s\":%ld", first ? "" : ",", sg_evidence_name(k),
                                  s->evidence[k]);
                    first = 0;
                }
            sg_buf_adds(&b, "}}");
            puts(sg_buf_str(&b));
            continue;
        }
        for (int k = 0; k < SG_F__COUNT; k++)
            if (c->exception[k] && s->findings[k])
                sg_buf_printf(&b, "%s%ld %s", b.len ? ", " : "", s->findings[k],
                              sg_finding_name(k));
        if (b.len == 0)
            for (int k = 0; k < SG_E__COUNT; k++)
                if (c->evidence[k] && s->evidence[k])
                    sg_buf_printf(&b, "%s%ld %s", b.len ? ", " : "", s->evidence[k],
                                  sg_evidence_name(k));
        /* the counts wrap under their column, to fit TERM_WIDTH */
        printf("  ");
        term_put_padded(c->id, 12);
        putchar(' ');
        fputs(term_sgr(cs == SG_CS_EXCEPTIONS_NOTED ? TERM_RED
                       : cs == SG_CS_EVIDENCE_PRESENT ? TERM_GREEN
                                                      : TERM_YELLOW),
              stdout);
        term_put_padded(sg_control_status_name(cs), 17);
        fputs(term_sgr(TERM_RESET), stdout);
        putchar(' ');
        term_put_wrapped(b.len ? sg_buf_str(&b) : "-", ", ", 33, 33);
    }
    sg_buf_release(&b);
}

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {CLI_COMMON_OPTIONS,
                                         {"json", no_argument, NULL, 'j'},
                                         {"fail-on", required_argument, NULL, 'f'},
                                         {"controls", required_argument, NULL, 'c'},
                                         {"baseline", required_argument, NULL, 'b'},
                                         {"mappings", required_argument, NULL, 'm'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    struct cli_common co = {NULL, NULL, NULL};
    const char *fail_on = NULL;
    const char *controls = NULL, *baseline_name = NULL, *mappings_dir = NULL;
    unsigned baseline = 0;
    struct sg_mapset *ms = NULL;
    unsigned char fw_sel[SG_FW__COUNT];
    int json = 0, quiet = 0, c, rc;
    struct cli_judge j;
    struct cli_fail_on fo;
    struct sg_store *st = NULL;
    struct sg_trace_stats stats;
    struct sg_error err;
    struct out o = {0};

    opterr = 0;
    optind = 1;
    memset(&fo, 0, sizeof(fo));
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (cli_common_option(&co, c, optarg))
            continue;
        switch (c) {
        case 'j':
            json = 1;
            break;
        case 'f':
            fail_on = optarg;
            break;
        case 'c':
            controls = optarg;
            break;
        case 'b':
            baseline_name = optarg;
            break;
        case 'm':
            mappings_dir = optarg;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            cli_print_help("check");
            return cli_finish_stdout(0);
        default:
            return cli_option_error("check", c, argv, opts);
        }
    }
    if (baseline_name != NULL && controls == NULL)
        return cli_usage("check", "--baseline goes with --controls fedramp");
    if (controls != NULL) {
        if ((rc = cli_frameworks_parse(fw_sel, controls, "check")) != 0 ||
            (rc = cli_baseline_parse(&baseline, baseline_name, "check")) != 0)
            return rc;
        if (baseline && !fw_sel[SG_FW_FEDRAMP])
            return cli_usage("check", "--baseline applies to fedramp only");
        if ((rc = cli_mappings_load(&ms, mappings_dir)) != 0)
            return rc;
    }
    if (fail_on != NULL && (rc = cli_fail_on_parse(&fo, fail_on, "check")) != 0)
        return rc;
    if ((rc = cli_judge_prepare(&j, "check", co.settings, co.period)) != 0)
        return rc;
    cli_progress_start("check", quiet);
    if ((rc = cli_load_evidence(&st, co.store, argv + optind, argc - optind, "check")) != 0) {
        cli_progress_end();
        sg_mapset_free(ms);
        return rc;
    }
    if ((rc = cli_judge_period(&j, st)) != 0)
        goto out;
    struct sg_trace_opts topts = {&j.settings, j.period, NULL, NULL};
    sg_error_init(&err);
    rc = sg_trace_run(st, &topts, &stats, &err);
    cli_progress_end(); /* before anything is printed */
    if (rc != 0) {
        rc = cli_error(&err);
        goto out;
    }
    o.json = json;
    if (ms != NULL) {
        for (int f = 0; f < SG_FW__COUNT; f++) {
            const struct sg_framework_map *fm = sg_mapset_framework(ms, f);
            if (fw_sel[f] && fm != NULL)
                print_controls(fm, f == SG_FW_FEDRAMP ? baseline : 0, &stats, &j, json);
        }
        rc = fo.any && cli_fail_on_matches(&fo, stats.findings) ? SG_EXIT_FINDINGS : 0;
        rc = cli_finish_stdout(rc);
        goto out;
    }
    if (sg_q_each_finding(st, on_finding, &o, &err) != 0) {
        rc = err.code ? cli_error(&err) : cli_finish_stdout(EX_IOERR);
        goto out;
    }
    if (!json)
        print_table(&o, &stats, &j, quiet);
    rc = fo.any && cli_fail_on_matches(&fo, stats.findings) ? SG_EXIT_FINDINGS : 0;
    rc = cli_finish_stdout(rc);
out:
    cli_progress_end();
    for (size_t i = 0; i < o.n; i++) {
        free(o.rows[i].code);
        free(o.rows[i].subject);
        free(o.rows[i].reasons);
        free(o.rows[i].severity);
    }
    free(o.rows);
    sg_buf_release(&o.line);
    sg_store_close(st);
    sg_mapset_free(ms);
    return rc;
}

/* render/pdf.c: the evidence PDF (SPEC §6) — the same verdicts as package.xml, for a
 * reader: cover, contents, executive summary with charts, untraced changes, deferrals
 * (undocumented, silent, SLA breaches, orphaned escalations), the trace test, one
 * section per framework, policies and agents, other findings, what is pending at the
 * as-of time, and appendices (inputs, settings, the rules in plain words).
 *
 * The document is produced by one function run twice (pdf_int.h): the verdicts come
 * from a temporary database filled while package.xml was written (pdf_data.c), the
 * evidence behind each exception from the store. */
#include "pdf_int.h"

#include "signoff/datadir.h"
#include "signoff/model.h"
#include "signoff/record.h"
#include "signoff/render.h"
#include "signoff/time.h"
#include "signoff/trace.h"
#include "signoff/xalloc.h"

#include <cairo-pdf.h>
#include <stdlib.h>
#include <string.h>

/* Table cells are written {text, font, colour, link}: the optional per-line links of
   struct pd_cell stay zero, as C guarantees. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

struct doc {
    struct pd pd;
    struct pdf_data *data;
    struct sg_store *st;
    const struct sg_report_opts *o;
    const struct sg_trace_stats *s;
    struct sg_arena ar;
    long evidence[SG_E__COUNT];
    long nfindings, sev[4];
    GHashTable *names; /* party id -> "name (id)": few parties, many rows */
    sqlite3_stmt *ev_put, *ev_get;
    int failed;
    struct sg_error *err;
};

/* ---- words ----------------------------------------------------------------------- */

static const char *const untraced_words[SG_R__COUNT] = {
    [SG_R_AGENT_APPROVER] = "It was approved by a non-human (an agent or a non-human "
                            "identity).",
    [SG_R_APPROVAL_AFTER_DEPLOY] = "Its approval was given only after it was deployed.",
    [SG_R_DEPLOYED_DESPITE_VETO] = "It was deployed although a rejection or veto was "
                                   "recorded at or before deployment.",
    [SG_R_INVALID_POLICY] =
        "The policy it cites cannot authorize it (missing, unsigned, not "
        "signed by a known human, signed after the decision, past "
        "review, too old, or out of scope).",
    [SG_R_NO_AUTHORIZATION] = "No approval, notification or policy is linked to it.",
    [SG_R_NON_HUMAN_NOTIFIED] =
        "A notification went to a non-human or unknown recipient.",
    [SG_R_NOTIFIED_AFTER_DEPLOY] = "A notification was sent only after it was deployed.",
    [SG_R_SELF_APPROVAL] =
        "It was approved by, or notified to, the agent that made it or "
        "the person who requested it.",
    [SG_R_STALE_APPROVAL] =
        "Its approval was older than the approval maximum age when it "
        "was deployed.",
    [SG_R_TIER_TOO_LOW] = "Its targets need a higher tier than the path on record allows "
                          "(a veto window covers tier 2 at most, a policy tier 1).",
    [SG_R_UNKNOWN_APPROVER] =
        "It was approved by an id that is no known identity or agent.",
    [SG_R_VETO_WINDOW_OPEN] =
        "It was deployed while a human's veto window was still open.",
};

static const char *const deferral_words[SG_D__COUNT] = {
    [SG_D_EXPIRED_ACCEPTANCE] = "A risk acceptance had expired by the due time.",
    [SG_D_LATE_ACCEPTANCE] =
        "A risk acceptance was acknowledged only after the due time.",
    [SG_D_NO_ACCEPTANCE] = "No risk acceptance covers it.",
    [SG_D_NON_HUMAN_OWNER] = "A risk acceptance is owned by a non-human.",
    [SG_D_UNKNOWN_OWNER] =
        "A risk acceptance is owned by an id that is no known identity.",
};

static const char *const code_words[SG_F__COUNT] = {
    [SG_F_CONTEXT_FREE_SEVERITY] = "A vulnerability was rated by its CVSS score alone: "
                                   "the decision's factors name none "
                                   "of exposure, exploitability or business criticality.",
    [SG_F_INCOMPLETE_RECORD] = "The decision record lacks fields the rules require; the "
                               "missing fields are listed.",
    [SG_F_NO_ROLLBACK_PLAN] = "A change to production has no rollback plan.",
    [SG_F_ORPHANED_ESCALATION] =
        "An agent escalated to a human and no known human answered "
        "by the due time.",
    [SG_F_SCOPE_EXCEEDED] = "An agent acted on targets outside its credential scope; the "
                            "targets are listed.",
    [SG_F_SILENT_DEFERRAL] =
        "A vulnerability stayed unremediated past its deadline and no "
        "decision about it was recorded by then.",
    [SG_F_SLA_BREACH] =
        "A vulnerability stayed unremediated past its deadline although a "
        "decision about it was recorded.",
    [SG_F_STALE_POLICY] =
        "A policy was cited when past its review date or older than the "
        "policy maximum age.",
    [SG_F_TIER_UNDERSTATED] = "A decision claimed a lower tier than its targets require.",
    [SG_F_UNDOCUMENTED_DEFERRAL] =
        "An agent decided not to fix a vulnerability and no valid "
        "human risk acceptance covers it.",
    [SG_F_UNKNOWN_ASSET] =
        "A decision names targets that are no known asset (they count as "
        "tier 3); the targets are listed.",
    [SG_F_UNTESTED_CHANGE] = "A change to production whose tests did not pass.",
    [SG_F_UNTRACED_CHANGE] = "A change an agent made that no named human authorized.",
};

/* Where the findings of a code are listed. */
static void code_dest(char *buf, size_t n, int code)
{
    switch (code) {
    case SG_F_UNTRACED_CHANGE:
        snprintf(buf, n, "s-untraced");
        break;
    case SG_F_UNDOCUMENTED_DEFERRAL:
        snprintf(buf, n, "s-undocumented");
        break;
    case SG_F_SILENT_DEFERRAL:
        snprintf(buf, n, "s-silent");
        break;
    case SG_F_SLA_BREACH:
        snprintf(buf, n, "s-breach");
        break;
    case SG_F_ORPHANED_ESCALATION:
        snprintf(buf, n, "s-orphaned");
        break;
    default:
        snprintf(buf, n, "code-%s", sg_finding_name(code));
    }
}

static int is_other(int code)
{
    return code != SG_F_UNTRACED_CHANGE && code != SG_F_UNDOCUMENTED_DEFERRAL &&
           code != SG_F_SILENT_DEFERRAL && code != SG_F_SLA_BREACH &&
           code != SG_F_ORPHANED_ESCALATION;
}

static const char *pct(char *buf, size_t n, long part, long whole)
{
    if (whole == 0)
        snprintf(buf, n, "\u2014");
    else
        snprintf(buf, n, "%.1f%%", 100.0 * (double)part / (double)whole);
    return buf;
}

static const char *str(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? (const char *)t : NULL;
}

static int64_t tcol(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? SG_TIME_MAX
                                                    : sqlite3_column_int64(s, i);
}

static int step(struct doc *c, sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc != SQLITE_DONE && !c->failed) {
        sg_error_set(c->err, EX_IOERR, NULL, "PDF database: %s",
                     sqlite3_errmsg(c->data->db));
        c->failed = 1;
    }
    return 0;
}

static sqlite3_stmt *query(struct doc *c, const char *sql)
{
    sqlite3_stmt *s = c->failed ? NULL : pdf_data_query(c->data, sql);
    if (s == NULL)
        c->failed = 1;
    return s;
}

/* "name (id)" for a party, or the id. */
#define NAME_CACHE_MAX 65536

static void party(struct doc *c, struct sg_buf *b, const char *id)
{
    const char *name, *hit;
    char *text;
    if (id == NULL) {
        sg_buf_adds(b, "\u2014");
        return;
    }
    if ((hit = g_hash_table_lookup(c->names, id)) != NULL) {
        sg_buf_adds(b, hit);
        return;
    }
    name = sg_q_name(c->st, id, &c->ar);
    if (name != NULL && strcmp(name, id) != 0)
        text = sg_xasprintf("%s (%s)", name, id);
    else
        text = sg_xstrdup(id);
    sg_buf_adds(b, text);
    if (g_hash_table_size(c->names) < NAME_CACHE_MAX)
        g_hash_table_insert(c->names, sg_xstrdup(id), text);
    else
        free(text);
}

/* Text drawn from the store for one row (the evidence on record): computed by the
   measuring pass, kept in the temporary database, read back by the drawing pass. */
static void cached(struct doc *c, struct sg_buf *b, const char *kind, const char *id,
                   void (*fn)(struct doc *, struct sg_buf *, const char *))
{
    char *key = sg_xasprintf("%s:%s", kind, id);
    sqlite3_stmt *s = c->pd.dry ? c->ev_put : c->ev_get;
    if (!c->pd.dry) {
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(s) == SQLITE_ROW) {
            sg_buf_adds(b, (const char *)sqlite3_column_text(s, 0));
            sqlite3_reset(s);
            free(key);
            return;
        }
        sqlite3_reset(s);
    }
    fn(c, b, id);
    if (c->pd.dry) {
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 2, sg_buf_str(b), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(s) != SQLITE_DONE && !c->failed) {
            sg_error_set(c->err, EX_IOERR, NULL, "PDF database: %s",
                         sqlite3_errmsg(c->data->db));
            c->failed = 1;
        }
        sqlite3_reset(s);
    }
    free(key);
}

static void words(struct sg_buf *b, const char *codes, int change)
{
    const char *p = codes ? codes : "";
    while (*p != '\0') {
        size_t n = strcspn(p, " ");
        int found = 0;
        for (int r = 0; r < (change ? SG_R__COUNT : SG_D__COUNT); r++) {
            const char *name =
                change ? sg_untraced_reason_name(r) : sg_deferral_reason_name(r);
            if (strlen(name) == n && strncmp(name, p, n) == 0) {
                if (b->len)
                    sg_buf_addc(b, '\n');
                sg_buf_printf(b, "\u2022 %s",
                              change ? untraced_words[r] : deferral_words[r]);
                found = 1;
            }
        }
        if (!found) {
            if (b->len)
                sg_buf_addc(b, '\n');
            sg_buf_printf(b, "\u2022 %.*s", (int)n, p);
        }
        p += n;
        while (*p == ' ')
            p++;
    }
}

static void heading(struct doc *c, int level, const char *title, const char *dest)
{
    pd_heading(&c->pd, level, title, dest);
}

static void para(struct doc *c, const char *text)
{
    pd_para(&c->pd, PD_BODY, PD_INK, text);
    pd_space(&c->pd, 6);
}

static void none(struct doc *c, const char *what)
{
    pd_para(&c->pd, PD_BODY, PD_GREEN, what);
    pd_space(&c->pd, 8);
}

/* ---- cover and contents ---------------------------------------------------------- */

static void frameworks_line(struct doc *c, struct sg_buf *b)
{
    for (int f = 0; f < SG_FW__COUNT && c->o->mappings != NULL; f++) {
        const struct sg_framework_map *fm = sg_mapset_framework(c->o->mappings, f);
        if (fm == NULL || !c->o->frameworks[f])
            continue;
        if (b->len)
            sg_buf_addc(b, '\n');
        sg_buf_printf(b, "%s, %s", fm->name, fm->edition);
        if (f == SG_FW_FEDRAMP && c->o->baseline)
            sg_buf_printf(b, " (%s baseline)", sg_baseline_name(c->o->baseline));
    }
    if (!b->len)
        sg_buf_adds(b, "none selected");
}

static void period_line(struct doc *c, struct sg_buf *b)
{
    char from[SG_TIME_BUF], to[SG_TIME_BUF];
    if (c->o->period.all_time)
        sg_buf_printf(b, "all time up to %s", pd_time(to, c->o->period.to));
    else
        sg_buf_printf(b, "%s: from %s up to %s", c->o->period.label,
                      pd_time(from, c->o->period.from), pd_time(to, c->o->period.to));
}

static void cover(struct doc *c)
{
    struct pd *d = &c->pd;
    struct sg_buf b = {0};
    char t[SG_TIME_BUF];
    double y, w = d->right - d->left, h;
    const char *org =
        c->o->organization ? c->o->organization : "(organization not named)";

    pd_new_page(d, 0);
    pd_rect(d, PD_INK, 0, 0, d->pw, 8);
    y = 120;
    pd_text(d, PD_H2, PD_GREY, d->left, y, w, PANGO_ALIGN_LEFT, "Evidence package");
    y += 22;
    pd_measure(d, PD_TITLE, org, w, NULL, &h);
    pd_dest_begin(d, "cover");
    pd_text(d, PD_TITLE, PD_INK, d->left, y, w, PANGO_ALIGN_LEFT, org);
    pd_dest_end(d);
    y += h + 10;
    pd_text(d, PD_H2, PD_INK, d->left, y, w, PANGO_ALIGN_LEFT,
            "Human authorization of the changes and vulnerability deferrals made by AI "
            "and automation agents");
    y += 50;
    pd_line(d, PD_RULE, 0.8, d->left, y, d->right, y);
    y += 14;

    struct {
        const char *label;
        char *value;
    } rows[5];
    period_line(c, &b);
    rows[0].label = "Period";
    rows[0].value = sg_xstrdup(sg_buf_str(&b));
    sg_buf_reset(&b);
    rows[1].label = "As of";
    rows[1].value = sg_xasprintf("%s \u2014 every verdict is judged on the evidence that "
                                 "existed before this time",
                                 pd_time(t, c->o->period.to));
    frameworks_line(c, &b);
    rows[2].label = "Frameworks";
    rows[2].value = sg_xstrdup(sg_buf_str(&b));
    sg_buf_reset(&b);
    rows[3].label = "Input digest";
    rows[3].value = sg_xstrdup(c->o->input_digest);
    rows[4].label = "Produced by";
    rows[4].value = sg_xasprintf("signoff %s", sg_version());
    for (int i = 0; i < 5; i++) {
        enum pd_font f = i == 3 ? PD_MONO : PD_BODY;
        pd_text(d, PD_BOLD, PD_GREY, d->left, y, 90, PANGO_ALIGN_LEFT, rows[i].label);
        pd_measure(d, f, rows[i].value, w - 100, NULL, &h);
        pd_text(d, f, PD_INK, d->left + 100, y, w - 100, PANGO_ALIGN_LEFT, rows[i].value);
        y += h + 9;
        free(rows[i].value);
    }
    y += 8;
    pd_line(d, PD_RULE, 0.8, d->left, y, d->right, y);
    y += 18;

    /* the answer, up front */
    const struct sg_trace_stats *s = c->s;
    sg_buf_printf(&b,
                  "%ld of %ld changes in the period were traced to a named human; %ld "
                  "were not. %ld of %ld deferrals were documented by a human risk "
                  "acceptance; %ld were not. %ld findings in all: %ld high, %ld medium, "
                  "%ld low.",
                  s->traced, s->changes, s->untraced, s->documented, s->deferrals,
                  s->undocumented, c->nfindings, c->sev[SG_SEV_HIGH],
                  c->sev[SG_SEV_MEDIUM], c->sev[SG_SEV_LOW]);
    pd_measure(d, PD_H2, sg_buf_str(&b), w, NULL, &h);
    pd_text(d, PD_H2, s->untraced || s->undocumented ? PD_RED : PD_GREEN, d->left, y, w,
            PANGO_ALIGN_LEFT, sg_buf_str(&b));
    y += h + 24;
    pd_text(
        d, PD_SMALL, PD_GREY, d->left, d->ph - 130, w, PANGO_ALIGN_LEFT,
        "This document and package.xml hold the same verdicts; oscal-assessment-results."
        "xml restates them in NIST OSCAL. manifest.json lists every input and output "
        "file with its SHA-256; `signoff verify DIR` checks the package against it. The "
        "input digest above is computed over the inputs, the settings, the period and "
        "the tool version, so this document can be tied to the evidence it was made "
        "from (appendix A). The package digest, the SHA-256 of manifest.json, is "
        "printed by `signoff report`: a document cannot contain the digest of the "
        "package that contains it.");
    sg_buf_release(&b);
}

static void contents(struct doc *c)
{
    struct pd *d = &c->pd;
    char buf[16];
    pd_heading(d, 1, "Contents", "contents");
    for (size_t i = 0; i < d->ntoc; i++) {
        const struct pd_toc_entry *e = &d->toc[i];
        double indent = e->level == 1 ? 0 : 18, h;
        enum pd_font f = e->level == 1 ? PD_BOLD : PD_BODY;
        if (strcmp(e->dest, "contents") == 0)
            continue;
        pd_measure(d, f, e->title, d->right - d->left - indent - 40, NULL, &h);
        pd_need(d, h + 4);
        if (e->level == 1)
            d->y += 4;
        pd_link_begin(d, e->dest);
        pd_text(d, f, PD_INK, d->left + indent, d->y, d->right - d->left - indent - 40,
                PANGO_ALIGN_LEFT, e->title);
        snprintf(buf, sizeof(buf), "%d", e->page);
        pd_text(d, f, PD_INK, d->right - 40, d->y, 40, PANGO_ALIGN_RIGHT, buf);
        pd_link_end(d);
        d->y += h + 3;
    }
}

/* ---- executive summary ----------------------------------------------------------- */

#define DAY (86400LL * 1000000000LL)

static void week_chart(struct doc *c)
{
    struct pd *d = &c->pd;
    int64_t from = c->o->period.from, to = c->o->period.to, bucket = 7 * DAY;
    sqlite3_stmt *s;
    long *values;
    char **labels;
    int nb;
    char title[96];

    if (c->o->period.all_time) {
        if ((s = query(c, "SELECT min(t) FROM v WHERE kind = 'change'")) == NULL)
            return;
        from = step(c, s) && sqlite3_column_type(s, 0) != SQLITE_NULL
                   ? sqlite3_column_int64(s, 0) / DAY * DAY
                   : to;
        sqlite3_finalize(s);
    }
    if (from >= to || c->s->changes == 0)
        return;
    if ((to - from + bucket - 1) / bucket > 26)
        bucket = ((to - from) / 26 + DAY - 1) / DAY * DAY;
    nb = (int)((to - from + bucket - 1) / bucket);
    values = sg_xcalloc((size_t)nb * 2, sizeof(long));
    labels = sg_xcalloc((size_t)nb, sizeof(char *));
    if ((s = query(c, "SELECT (t - ?1) / ?2, state = 'untraced', count(*) FROM v WHERE "
                      "kind = 'change' GROUP BY 1, 2")) != NULL) {
        sqlite3_bind_int64(s, 1, from);
        sqlite3_bind_int64(s, 2, bucket);
        while (step(c, s)) {
            int64_t b = sqlite3_column_int64(s, 0);
            if (b >= 0 && b < nb)
                values[b * 2 + sqlite3_column_int(s, 1)] += sqlite3_column_int64(s, 2);
        }
        sqlite3_finalize(s);
    }
    for (int b = 0; b < nb; b++) {
        char t[SG_TIME_BUF];
        sg_time_format(t, from + (int64_t)b * bucket);
        labels[b] = to - from > 366 * DAY ? sg_xstrndup(t, 7) : sg_xstrndup(t + 5, 5);
    }
    static const struct pd_series series[] = {{"traced", PD_GREEN}, {"untraced", PD_RED}};
    if (bucket == 7 * DAY)
        snprintf(title, sizeof(title), "Changes per week (weeks from %s)", labels[0]);
    else
        snprintf(title, sizeof(title), "Changes per %lld days",
                 (long long)(bucket / DAY));
    pd_chart_bars(d, title, (const char *const *)labels, nb, series, 2, values, 170);
    for (int b = 0; b < nb; b++)
        free(labels[b]);
    free(labels);
    free(values);
    pd_space(d, 12);
}

static void figure_row(struct pd_table *t, struct doc *c, const char *what, long n,
                       const char *detail, const char *dest)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%ld", n);
    struct pd_cell cells[3] = {
        {what, 0, PD_INK, dest}, {buf, PD_BOLD, PD_INK, NULL}, {detail, 0, PD_INK, NULL}};
    pd_table_row(&c->pd, t, cells, NULL);
}

static void summary(struct doc *c)
{
    struct pd *d = &c->pd;
    const struct sg_trace_stats *s = c->s;
    struct sg_buf b = {0};
    char p1[16], p2[16];
    struct pd_table t;
    static const struct pd_col cols[] = {
        {"Measure", 0.42, PD_BODY}, {"Count", 0.12, PD_BODY}, {"Detail", 0.46, PD_BODY}};

    heading(c, 1, "1  Executive summary", "s-summary");
    sg_buf_adds(&b, c->o->period.all_time ? "This package answers, for "
                                          : "This package answers, for the period ");
    period_line(c, &b);
    sg_buf_adds(
        &b, ", two questions an auditor asks of AI and automation agents: which named "
            "human authorized each change an agent made, and which named human "
            "accepted the risk of each vulnerability an agent decided not to fix. "
            "Every verdict below follows the rules in appendix C, applied to the "
            "evidence listed in appendix A.");
    para(c, sg_buf_str(&b));
    sg_buf_reset(&b);

    pd_table_begin(d, &t, cols, 3);
    sg_buf_printf(&b, "%s traced to a named human",
                  pct(p1, sizeof(p1), s->traced, s->changes));
    figure_row(&t, c, "Changes judged", s->changes, sg_buf_str(&b), NULL);
    sg_buf_reset(&b);
    sg_buf_printf(&b, "by approval %ld, by veto window %ld, by signed policy %ld",
                  s->by_path[SG_PATH_APPROVAL], s->by_path[SG_PATH_VETO_WINDOW],
                  s->by_path[SG_PATH_POLICY]);
    figure_row(&t, c, "  traced", s->traced, sg_buf_str(&b), NULL);
    sg_buf_reset(&b);
    figure_row(&t, c, "  untraced (section 2)", s->untraced,
               "no named human authorized them", "s-untraced");
    sg_buf_printf(&b, "%ld traced (%s): the trace test", s->production_traced,
                  pct(p2, sizeof(p2), s->production_traced, s->production_changes));
    figure_row(&t, c, "Production changes (section 4)", s->production_changes,
               sg_buf_str(&b), "s-trace");
    sg_buf_reset(&b);
    sg_buf_printf(&b, "%ld documented by a valid human risk acceptance (%s)",
                  s->documented, pct(p1, sizeof(p1), s->documented, s->deferrals));
    figure_row(&t, c, "Deferrals judged", s->deferrals, sg_buf_str(&b), NULL);
    sg_buf_reset(&b);
    figure_row(&t, c, "  undocumented (section 3.1)", s->undocumented,
               "no valid human risk acceptance", "s-undocumented");
    figure_row(&t, c, "Silent deferrals (section 3.2)", s->silent,
               "overdue, no decision recorded by the deadline", "s-silent");
    figure_row(&t, c, "SLA breaches (section 3.3)", s->breaches,
               "overdue although a decision was recorded", "s-breach");
    figure_row(&t, c, "Overdue exposures excused", s->excused,
               "by a human risk acceptance (not findings)", NULL);
    sg_buf_printf(&b, "%ld answered by a known human in time", s->answered);
    figure_row(&t, c, "Escalations judged", s->escalations, sg_buf_str(&b), NULL);
    sg_buf_reset(&b);
    figure_row(&t, c, "  orphaned (section 3.4)", s->orphaned, "no known human answered",
               "s-orphaned");
    figure_row(&t, c, "Pending at the as-of time", s->pending,
               "due after the period: judged in a later one", "s-pending");
    sg_buf_printf(&b, "%ld high, %ld medium, %ld low", c->sev[SG_SEV_HIGH],
                  c->sev[SG_SEV_MEDIUM], c->sev[SG_SEV_LOW]);
    figure_row(&t, c, "Findings", c->nfindings, sg_buf_str(&b), "s-register");
    sg_buf_reset(&b);
    pd_table_end(d, &t);

    week_chart(c);

    {
        static const struct pd_series series[] = {{"traced", PD_GREEN},
                                                  {"untraced", PD_RED}};
        const char *labels[] = {"Production changes", "All changes"};
        const char *links[] = {"s-trace", "s-untraced"};
        long v[] = {s->production_traced, s->production_changes - s->production_traced,
                    s->traced, s->untraced};
        pd_chart_hbars(d, "Trace coverage", labels, 2, series, 2, v, links);
        pd_space(d, 8);
    }
    {
        static const struct pd_series series[] = {{"documented / answered", PD_GREEN},
                                                  {"undocumented / orphaned", PD_RED}};
        const char *labels[] = {"Deferrals", "Escalations"};
        const char *links[] = {"s-undocumented", "s-orphaned"};
        long v[] = {s->documented, s->undocumented, s->answered, s->orphaned};
        pd_chart_hbars(d, "Deferrals and escalations", labels, 2, series, 2, v, links);
        pd_space(d, 8);
    }
    {
        static const struct pd_series series[] = {
            {"high", PD_RED}, {"medium", PD_AMBER}, {"low", PD_BLUE}};
        const char *labels[] = {"High", "Medium", "Low"};
        long v[9] = {0};
        v[0] = c->sev[SG_SEV_HIGH];
        v[4] = c->sev[SG_SEV_MEDIUM];
        v[8] = c->sev[SG_SEV_LOW];
        pd_chart_hbars(d, "Findings by severity", labels, 3, series, 3, v, NULL);
        pd_space(d, 8);
    }
    {
        static const struct pd_series series[] = {{"exceptions noted", PD_RED},
                                                  {"evidence present", PD_GREEN},
                                                  {"no evidence", PD_GREY}};
        const char *labels[SG_FW__COUNT];
        char dests[SG_FW__COUNT][32];
        const char *links[SG_FW__COUNT];
        long v[SG_FW__COUNT * 3] = {0};
        int n = 0;
        for (int f = 0; f < SG_FW__COUNT && c->o->mappings != NULL; f++) {
            const struct sg_framework_map *fm = sg_mapset_framework(c->o->mappings, f);
            unsigned bl = f == SG_FW_FEDRAMP ? c->o->baseline : 0;
            if (fm == NULL || !c->o->frameworks[f])
                continue;
            labels[n] = fm->label;
            snprintf(dests[n], sizeof(dests[n]), "s-fw-%s", fm->key);
            links[n] = dests[n];
            for (size_t i = 0; i < fm->ncontrols; i++)
                if (sg_control_in_baseline(&fm->controls[i], bl))
                    v[n * 3 +
                      sg_control_status(&fm->controls[i], s->findings, c->evidence)]++;
            n++;
        }
        if (n > 0)
            pd_chart_hbars(d, "Mapped controls by status, per framework", labels, n,
                           series, 3, v, links);
    }
    sg_buf_release(&b);
}

/* ---- untraced changes ------------------------------------------------------------ */

static void change_evidence(struct doc *c, struct sg_buf *b, const char *id)
{
    struct sg_decision dec;
    struct sg_approval *ap = NULL;
    struct sg_notification *no = NULL;
    size_t nap = 0, nno = 0;
    char t[SG_TIME_BUF], w[SG_TIME_BUF];
    int64_t to = c->o->period.to;

    if (sg_q_decision(c->st, id, to, &c->ar, &dec, c->err) != 1) {
        sg_buf_adds(b, "\u2014");
        return;
    }
    if (sg_q_approvals(c->st, &dec, to, &c->ar, &ap, &nap, c->err) == 0)
        for (size_t i = 0; i < nap; i++) {
            if (b->len)
                sg_buf_addc(b, '\n');
            sg_buf_printf(b, "approval %s: %s by ", ap[i].id, ap[i].outcome);
            party(c, b, ap[i].by);
            sg_buf_printf(b, ", %s", pd_time(t, ap[i].at));
        }
    if (sg_q_notifications(c->st, id, to, &c->ar, &no, &nno, c->err) == 0)
        for (size_t i = 0; i < nno; i++) {
            if (b->len)
                sg_buf_addc(b, '\n');
            sg_buf_printf(b, "notification %s to ", no[i].id);
            party(c, b, no[i].to);
            sg_buf_printf(b, ", %s", pd_time(t, no[i].at));
            if (no[i].window >= 0)
                sg_buf_printf(b, ", veto window %s", sg_duration_format(w, no[i].window));
        }
    if (dec.policy_id != NULL) {
        if (b->len)
            sg_buf_addc(b, '\n');
        sg_buf_printf(b, "cites policy %s@%lld", dec.policy_id,
                      (long long)dec.policy_version);
    }
    if (!b->len)
        sg_buf_adds(b, "none");
    sg_decision_release(&dec);
}

static void untraced(struct doc *c)
{
    struct pd *d = &c->pd;
    struct pd_table t;
    sqlite3_stmt *s;
    struct sg_buf b = {0}, why = {0}, ev = {0}, who = {0};
    static const struct pd_col cols[] = {
        {"Change", 0.21, PD_BODY, 1},
        {"Deployed", 0.12, PD_BODY},
        {"Targets", 0.14, PD_BODY},
        {"Why no named human authorized it", 0.28, PD_BODY},
        {"Evidence on record", 0.25, PD_SMALL}};

    heading(c, 1, "2  Untraced changes", "s-untraced");
    sg_buf_printf(
        &b,
        "%ld of the %ld changes judged in the period could not be traced to a "
        "named human who authorized them. Each is listed with every reason that "
        "applies and the authorization evidence that was on record for it; "
        "appendix C gives the rules. Ordered by deployment time.",
        c->s->untraced, c->s->changes);
    para(c, sg_buf_str(&b));
    sg_buf_release(&b);
    if (c->s->untraced == 0) {
        none(c, "Every change in the period was traced to a named human.");
        return;
    }
    s = query(c,
              "SELECT v.id, v.action, v.agent, v.t, v.targets, v.reasons, f.n, v.source, "
              "v.line, v.production FROM v LEFT JOIN f ON f.code = 'untraced-change' AND "
              "f.subject = v.id WHERE v.kind = 'change' AND v.state = 'untraced' ORDER "
              "BY v.t, v.id");
    if (s == NULL)
        return;
    pd_table_begin(d, &t, cols, 5);
    while (step(c, s)) {
        char tb[SG_TIME_BUF], dest[32];
        sg_buf_reset(&b);
        sg_buf_reset(&why);
        sg_buf_reset(&ev);
        sg_buf_reset(&who);
        sg_buf_printf(&b, "%s\n%s by ", str(s, 0), str(s, 1));
        party(c, &b, str(s, 2));
        sg_buf_printf(&b, "\n%s:%lld", str(s, 7), (long long)sqlite3_column_int64(s, 8));
        words(&why, str(s, 5), 1);
        cached(c, &ev, "change", str(s, 0), change_evidence);
        sg_buf_adds(&who, str(s, 4) ? str(s, 4) : "none");
        if (sqlite3_column_int(s, 9))
            sg_buf_adds(&who, "\n(production)");
        snprintf(dest, sizeof(dest), "f-%lld", (long long)sqlite3_column_int64(s, 6));
        struct pd_cell cells[5] = {{sg_buf_str(&b), 0, PD_INK, NULL},
                                   {pd_time_cell(tb, tcol(s, 3)), 0, PD_INK, NULL},
                                   {sg_buf_str(&who), 0, PD_INK, NULL},
                                   {sg_buf_str(&why), 0, PD_RED, NULL},
                                   {sg_buf_str(&ev), 0, PD_INK, NULL}};
        pd_table_row(d, &t, cells,
                     sqlite3_column_type(s, 6) != SQLITE_NULL ? dest : NULL);
        sg_arena_reset(&c->ar);
    }
    sqlite3_finalize(s);
    pd_table_end(d, &t);
    sg_buf_release(&b);
    sg_buf_release(&why);
    sg_buf_release(&ev);
    sg_buf_release(&who);
}

/* ---- deferrals ------------------------------------------------------------------- */

static void acceptances(struct doc *c, struct sg_buf *b, const char *id)
{
    struct sg_decision dec;
    struct sg_acceptance *ac = NULL;
    size_t n = 0;
    char t[SG_TIME_BUF], e[SG_TIME_BUF];
    int64_t to = c->o->period.to;

    if (sg_q_decision(c->st, id, to, &c->ar, &dec, c->err) != 1) {
        sg_buf_adds(b, "\u2014");
        return;
    }
    if (sg_q_acceptances(c->st, &dec, to, &c->ar, &ac, &n, c->err) == 0)
        for (size_t i = 0; i < n; i++) {
            if (b->len)
                sg_buf_addc(b, '\n');
            sg_buf_printf(b, "%s: owner ", ac[i].id);
            party(c, b, ac[i].owner);
            sg_buf_printf(b, ", acknowledged %s", pd_time(t, ac[i].ack));
            if (ac[i].has_expires)
                sg_buf_printf(b, ", expires %s", pd_time(e, ac[i].expires));
        }
    if (!b->len)
        sg_buf_adds(b, "none");
    sg_decision_release(&dec);
}

static void pairs(struct sg_buf *b, const char *vulns, const char *targets)
{
    sg_buf_printf(b, "%s\non %s", vulns ? vulns : "(no vulnerability named)",
                  targets ? targets : "(no target named)");
}

static void deferral_table(struct doc *c)
{
    struct pd *d = &c->pd;
    struct pd_table t;
    sqlite3_stmt *s;
    struct sg_buf b = {0}, why = {0}, ev = {0}, pr = {0};
    static const struct pd_col cols[] = {{"Deferral", 0.20, PD_BODY, 1},
                                         {"Decided / due", 0.13, PD_BODY},
                                         {"Vulnerabilities and targets", 0.18, PD_BODY},
                                         {"Why it is undocumented", 0.24, PD_BODY},
                                         {"Acceptances on record", 0.25, PD_SMALL}};

    s = query(c, "SELECT v.id, v.agent, v.at, v.due, v.vulns, v.targets, v.reasons, f.n "
                 "FROM v LEFT JOIN f ON f.code = 'undocumented-deferral' AND f.subject = "
                 "v.id WHERE v.kind = 'deferral' AND v.state = 'undocumented' ORDER BY "
                 "v.due, v.id");
    if (s == NULL)
        return;
    pd_table_begin(d, &t, cols, 5);
    while (step(c, s)) {
        char t1[SG_TIME_BUF], t2[SG_TIME_BUF], dest[32];
        sg_buf_reset(&b);
        sg_buf_reset(&why);
        sg_buf_reset(&ev);
        sg_buf_reset(&pr);
        sg_buf_printf(&b, "%s\nby ", str(s, 0));
        party(c, &b, str(s, 1));
        sg_buf_printf(&pr, "%s\ndue\n%s", pd_time_cell(t1, tcol(s, 2)),
                      pd_time_cell(t2, tcol(s, 3)));
        struct sg_buf vt = {0};
        pairs(&vt, str(s, 4), str(s, 5));
        words(&why, str(s, 6), 0);
        cached(c, &ev, "deferral", str(s, 0), acceptances);
        snprintf(dest, sizeof(dest), "f-%lld", (long long)sqlite3_column_int64(s, 7));
        struct pd_cell cells[5] = {{sg_buf_str(&b), 0, PD_INK, NULL},
                                   {sg_buf_str(&pr), 0, PD_INK, NULL},
                                   {sg_buf_str(&vt), 0, PD_INK, NULL},
                                   {sg_buf_str(&why), 0, PD_RED, NULL},
                                   {sg_buf_str(&ev), 0, PD_INK, NULL}};
        pd_table_row(d, &t, cells,
                     sqlite3_column_type(s, 7) != SQLITE_NULL ? dest : NULL);
        sg_buf_release(&vt);
        sg_arena_reset(&c->ar);
    }
    sqlite3_finalize(s);
    pd_table_end(d, &t);
    sg_buf_release(&b);
    sg_buf_release(&why);
    sg_buf_release(&ev);
    sg_buf_release(&pr);
}

static void exposure_table(struct doc *c, const char *state, const char *code)
{
    struct pd *d = &c->pd;
    struct pd_table t;
    sqlite3_stmt *s;
    static const struct pd_col cols[] = {
        {"Vulnerability", 0.22, PD_BOLD}, {"Asset", 0.22, PD_BODY},
        {"First seen", 0.14, PD_BODY},    {"Deadline", 0.14, PD_BODY},
        {"Remediated", 0.14, PD_BODY},    {"Record", 0.14, PD_SMALL}};

    s = query(c,
              "SELECT v.vuln, v.asset, v.first_seen, v.due, v.remediated, v.id, f.n FROM "
              "v LEFT JOIN f ON f.code = ?2 AND f.subject = v.id WHERE v.kind = "
              "'exposure' AND v.state = ?1 ORDER BY v.due, v.id");
    if (s == NULL)
        return;
    sqlite3_bind_text(s, 1, state, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, code, -1, SQLITE_STATIC);
    pd_table_begin(d, &t, cols, 6);
    while (step(c, s)) {
        char t1[SG_TIME_BUF], t2[SG_TIME_BUF], t3[SG_TIME_BUF], dest[32];
        int64_t rem = tcol(s, 4);
        snprintf(dest, sizeof(dest), "f-%lld", (long long)sqlite3_column_int64(s, 6));
        struct pd_cell cells[6] = {
            {str(s, 0), 0, PD_INK, NULL},
            {str(s, 1), 0, PD_INK, NULL},
            {pd_time_cell(t1, tcol(s, 2)), 0, PD_INK, NULL},
            {pd_time_cell(t2, tcol(s, 3)), 0, PD_INK, NULL},
            {rem == SG_TIME_MAX ? "not by the as-of time" : pd_time_cell(t3, rem), 0,
             rem == SG_TIME_MAX ? PD_RED : PD_INK, NULL},
            {str(s, 5), 0, PD_GREY, NULL}};
        pd_table_row(d, &t, cells,
                     sqlite3_column_type(s, 6) != SQLITE_NULL ? dest : NULL);
    }
    sqlite3_finalize(s);
    pd_table_end(d, &t);
}

static void orphaned_table(struct doc *c)
{
    struct pd *d = &c->pd;
    struct pd_table t;
    sqlite3_stmt *s;
    struct sg_buf b = {0}, vt = {0};
    static const struct pd_col cols[] = {{"Escalation", 0.22, PD_BODY, 1},
                                         {"Raised", 0.14, PD_BODY},
                                         {"Due", 0.14, PD_BODY},
                                         {"Vulnerabilities and targets", 0.26, PD_BODY},
                                         {"Source", 0.24, PD_SMALL}};

    s = query(c,
              "SELECT v.id, v.agent, v.at, v.due, v.vulns, v.targets, f.n, v.source, "
              "v.line FROM v LEFT JOIN f ON f.code = 'orphaned-escalation' AND f.subject "
              "= v.id WHERE v.kind = 'escalation' AND v.state = 'orphaned' ORDER BY "
              "v.due, v.id");
    if (s == NULL)
        return;
    pd_table_begin(d, &t, cols, 5);
    while (step(c, s)) {
        char t1[SG_TIME_BUF], t2[SG_TIME_BUF], dest[32], src[300];
        sg_buf_reset(&b);
        sg_buf_reset(&vt);
        sg_buf_printf(&b, "%s\nby ", str(s, 0));
        party(c, &b, str(s, 1));
        pairs(&vt, str(s, 4), str(s, 5));
        snprintf(src, sizeof(src), "%s:%lld", str(s, 7),
                 (long long)sqlite3_column_int64(s, 8));
        snprintf(dest, sizeof(dest), "f-%lld", (long long)sqlite3_column_int64(s, 6));
        struct pd_cell cells[5] = {{sg_buf_str(&b), 0, PD_INK, NULL},
                                   {pd_time_cell(t1, tcol(s, 2)), 0, PD_INK, NULL},
                                   {pd_time_cell(t2, tcol(s, 3)), 0, PD_INK, NULL},
                                   {sg_buf_str(&vt), 0, PD_INK, NULL},
                                   {src, 0, PD_GREY, NULL}};
        pd_table_row(d, &t, cells,
                     sqlite3_column_type(s, 6) != SQLITE_NULL ? dest : NULL);
        sg_arena_reset(&c->ar);
    }
    sqlite3_finalize(s);
    pd_table_end(d, &t);
    sg_buf_release(&b);
    sg_buf_release(&vt);
}

/* A subsection's opening words (b, then emptied); "None in this period." when it has
   nothing to list. Returns whether its table follows. */
static int intro(struct doc *c, struct sg_buf *b, long n)
{
    para(c, sg_buf_str(b));
    sg_buf_reset(b);
    if (n == 0)
        none(c, "None in this period.");
    return n != 0;
}

static void deferrals(struct doc *c)
{
    const struct sg_trace_stats *s = c->s;
    struct sg_buf b = {0};

    heading(c, 1, "3  Undocumented deferrals", "s-deferrals");
    para(c,
         "An agent's decision not to fix a vulnerability stands only when a named human "
         "accepted the risk in time. This section lists the deferrals no valid human "
         "risk acceptance covers, the vulnerabilities left past their deadline without "
         "any decision (silent deferrals) or despite one (SLA breaches), and the "
         "escalations to humans that nobody answered.");

    heading(c, 2, "3.1  Undocumented deferrals", "s-undocumented");
    sg_buf_printf(&b,
                  "%ld of the %ld deferrals judged in the period are undocumented. A "
                  "deferral is judged at its due time: its decision time plus the "
                  "acceptance SLA.",
                  s->undocumented, s->deferrals);
    if (intro(c, &b, s->undocumented))
        deferral_table(c);

    heading(c, 2, "3.2  Silent deferrals", "s-silent");
    sg_buf_printf(&b,
                  "%ld %s overdue in the period with no decision about %s recorded by "
                  "the deadline: an agent chose, by doing nothing, not to patch.",
                  s->silent, s->silent == 1 ? "exposure was" : "exposures were",
                  s->silent == 1 ? "it" : "them");
    if (intro(c, &b, s->silent))
        exposure_table(c, "silent-deferral", "silent-deferral");

    heading(c, 2, "3.3  SLA breaches", "s-breach");
    sg_buf_printf(&b,
                  "%ld %s overdue in the period although a decision about %s was "
                  "recorded by the deadline.",
                  s->breaches, s->breaches == 1 ? "exposure was" : "exposures were",
                  s->breaches == 1 ? "it" : "them");
    if (intro(c, &b, s->breaches))
        exposure_table(c, "sla-breach", "sla-breach");

    heading(c, 2, "3.4  Orphaned escalations", "s-orphaned");
    sg_buf_printf(&b,
                  "%ld of the %ld escalations judged in the period were answered by no "
                  "known human by their due time.",
                  s->orphaned, s->escalations);
    if (intro(c, &b, s->orphaned))
        orphaned_table(c);
    sg_buf_release(&b);
}

/* ---- the trace test -------------------------------------------------------------- */

static void trace_test(struct doc *c)
{
    struct pd *d = &c->pd;
    const struct sg_trace_stats *st = c->s;
    struct pd_table t;
    sqlite3_stmt *s;
    struct sg_buf b = {0}, who = {0}, path = {0};
    char p[16];
    static const struct pd_col cols[] = {
        /* the change's description is the longest cell: most rows take two lines */
        {"Change", 0.28, PD_BODY, 1},   {"Deployed", 0.14, PD_BODY},
        {"Targets", 0.15, PD_BODY},     {"Authorized by", 0.12, PD_BODY},
        {"Named human", 0.19, PD_BODY}, {"Through", 0.12, PD_SMALL}};

    heading(c, 1, "4  The trace test", "s-trace");
    sg_buf_printf(
        &b,
        "Every production change in the period (a change with at least one known "
        "target in production), with its chain of authorization to a named human. "
        "%ld of %ld were traced (%s). \"Authorized by\" is the path that traced "
        "it: an approval by a known human other than the agent and the requester; "
        "a notification whose veto window passed before deployment (tier 2 at "
        "most); or a valid signed policy whose scope covers the change (tier 1). "
        "Ordered by deployment time.",
        st->production_traced, st->production_changes,
        pct(p, sizeof(p), st->production_traced, st->production_changes));
    para(c, sg_buf_str(&b));
    if (st->production_changes == 0) {
        none(c, "No production change in this period.");
        sg_buf_release(&b);
        return;
    }
    s = query(c,
              "SELECT v.id, v.action, v.agent, v.t, v.targets, v.state, v.path, v.by_, "
              "v.via, f.n, v.tier FROM v LEFT JOIN f ON f.code = 'untraced-change' AND "
              "f.subject = v.id WHERE v.kind = 'change' AND v.production = 1 ORDER BY "
              "v.t, v.id");
    if (s == NULL) {
        sg_buf_release(&b);
        return;
    }
    pd_table_begin(d, &t, cols, 6);
    while (step(c, s)) {
        char tb[SG_TIME_BUF], dest[32];
        int traced = strcmp(str(s, 5), "traced") == 0;
        sg_buf_reset(&b);
        sg_buf_reset(&who);
        sg_buf_reset(&path);
        sg_buf_printf(&b, "%s\n%s by ", str(s, 0), str(s, 1));
        party(c, &b, str(s, 2));
        if (traced) {
            party(c, &who, str(s, 7));
            sg_buf_printf(&path, "%s\ntier %lld", str(s, 6),
                          (long long)sqlite3_column_int64(s, 10));
        } else {
            sg_buf_adds(&who, "none");
            sg_buf_adds(&path, "UNTRACED");
        }
        snprintf(dest, sizeof(dest), "f-%lld", (long long)sqlite3_column_int64(s, 9));
        struct pd_cell cells[6] = {
            {sg_buf_str(&b), 0, PD_INK, NULL},
            {pd_time_cell(tb, tcol(s, 3)), 0, PD_INK, NULL},
            {str(s, 4), 0, PD_INK, NULL},
            {sg_buf_str(&path), traced ? 0 : PD_BOLD, traced ? PD_INK : PD_RED,
             !traced && sqlite3_column_type(s, 9) != SQLITE_NULL ? dest : NULL},
            {sg_buf_str(&who), traced ? PD_BOLD : 0, traced ? PD_GREEN : PD_RED, NULL},
            {traced ? str(s, 8) : "see section 2", 0, PD_INK, NULL}};
        if (!traced)
            cells[3].color = PD_RED;
        pd_table_row(d, &t, cells, NULL);
        sg_arena_reset(&c->ar);
    }
    sqlite3_finalize(s);
    pd_table_end(d, &t);
    sg_buf_release(&b);
    sg_buf_release(&who);
    sg_buf_release(&path);
}

/* ---- frameworks ------------------------------------------------------------------ */

static void framework(struct doc *c, const struct sg_framework_map *fm, int number)
{
    struct pd *d = &c->pd;
    struct pd_table t;
    struct sg_buf title = {0}, b = {0}, fx = {0}, ev = {0};
    char dest[48], status_count[3] = {0};
    long counts[3] = {0};
    unsigned bl = fm->fw == SG_FW_FEDRAMP ? c->o->baseline : 0;
    static const struct pd_col cols[] = {
        {"Control", 0.11, PD_BOLD},
        {"What it requires of this evidence", 0.37, PD_SMALL, 1},
        {"Status", 0.13, PD_BODY},
        {"Exceptions (findings)", 0.21, PD_BODY},
        {"Evidence", 0.18, PD_SMALL}};
    (void)status_count;

    for (size_t i = 0; i < fm->ncontrols; i++)
        if (sg_control_in_baseline(&fm->controls[i], bl))
            counts[sg_control_status(&fm->controls[i], c->s->findings, c->evidence)]++;
    sg_buf_printf(&title, "%d  %s", number, fm->name);
    snprintf(dest, sizeof(dest), "s-fw-%s", fm->key);
    heading(c, 1, sg_buf_str(&title), dest);
    sg_buf_printf(
        &b,
        "%s, %s%s%s. %ld controls are mapped%s: %ld with exceptions noted, %ld "
        "with evidence present, %ld with no evidence. A control's status is "
        "\"exceptions noted\" when a finding mapped to it as an exception is in "
        "the period; \"evidence present\" when there is none and evidence of a "
        "kind mapped to it was found; \"no evidence\" otherwise, since no "
        "evidence is no assurance. The mapping and its reasoning are in "
        "docs/mappings.md; this package uses the mapping file %s.",
        fm->name, fm->edition, bl ? ", " : "", bl ? sg_baseline_name(bl) : "",
        counts[0] + counts[1] + counts[2], bl ? " in this baseline" : "", counts[0],
        counts[1], counts[2],
        strrchr(fm->file, '/') ? strrchr(fm->file, '/') + 1 : fm->file);
    if (bl)
        sg_buf_adds(&b, " Only the controls of the baseline are shown.");
    para(c, sg_buf_str(&b));
    pd_table_begin(d, &t, cols, 5);
    for (size_t i = 0; i < fm->ncontrols; i++) {
        const struct sg_control *ct = &fm->controls[i];
        enum sg_control_status cs;
        const char *links[SG_F__COUNT];
        char ldest[SG_F__COUNT][48];
        size_t nl = 0;
        if (!sg_control_in_baseline(ct, bl))
            continue;
        cs = sg_control_status(ct, c->s->findings, c->evidence);
        sg_buf_reset(&b);
        sg_buf_reset(&fx);
        sg_buf_reset(&ev);
        sg_buf_printf(&b, "%s", ct->title);
        if (ct->rationale != NULL)
            sg_buf_printf(&b, "\n%s", ct->rationale);
        sg_buf_printf(&b, "\n(relationship: %s)", sg_relationship_name(ct->relationship));
        for (int code = 0; code < SG_F__COUNT; code++)
            if (ct->exception[code] && c->s->findings[code]) {
                if (fx.len)
                    sg_buf_addc(&fx, '\n');
                sg_buf_printf(&fx, "%s: %ld", sg_finding_name(code),
                              c->s->findings[code]);
                code_dest(ldest[nl], sizeof(ldest[nl]), code);
                links[nl] = ldest[nl];
                nl++;
            }
        if (!fx.len)
            sg_buf_adds(&fx, "none");
        for (int e = 0; e < SG_E__COUNT; e++)
            if (ct->evidence[e]) {
                if (ev.len)
                    sg_buf_addc(&ev, '\n');
                sg_buf_printf(&ev, "%s: %ld", sg_evidence_name(e), c->evidence[e]);
            }
        struct pd_cell cells[5] = {
            {ct->id, 0, PD_INK, NULL},
            {sg_buf_str(&b), 0, PD_INK, NULL},
            {sg_control_status_name(cs), PD_BOLD,
             cs == SG_CS_EXCEPTIONS_NOTED   ? PD_RED
             : cs == SG_CS_EVIDENCE_PRESENT ? PD_GREEN
                                            : PD_GREY,
             nl ? links[0] : NULL},
            {sg_buf_str(&fx), 0, nl ? PD_INK : PD_GREY, NULL},
            {ev.len ? sg_buf_str(&ev) : "none mapped", 0, PD_INK, NULL}};
        cells[3].links = nl ? links : NULL;
        cells[3].nlinks = nl;
        pd_table_row(d, &t, cells, NULL);
    }
    pd_table_end(d, &t);
    sg_buf_release(&title);
    sg_buf_release(&b);
    sg_buf_release(&fx);
    sg_buf_release(&ev);
}

/* ---- policies and agents --------------------------------------------------------- */

struct rows {
    struct doc *c;
    struct pd_table *t;
};

static int policy_row(void *ctx, const struct sg_policy_row *p)
{
    struct rows *r = ctx;
    struct doc *c = r->c;
    struct sg_buf id = {0}, signer = {0}, review = {0};
    char t1[SG_TIME_BUF], t2[SG_TIME_BUF], cited[32];
    int past = p->has_review_by && p->review_by < c->o->period.to;

    sg_buf_printf(&id, "%s@%lld", p->id, (long long)p->version);
    if (p->signed_by != NULL)
        party(c, &signer, p->signed_by);
    else
        sg_buf_adds(&signer, "unsigned");
    sg_buf_adds(&review, p->has_review_by ? pd_time(t2, p->review_by) : "none");
    if (past)
        sg_buf_adds(&review, "\n(past review at the as-of time)");
    snprintf(cited, sizeof(cited), "%lld", (long long)p->cited);
    struct pd_cell cells[6] = {
        {sg_buf_str(&id), 0, PD_INK, NULL},
        {p->title ? p->title : "\u2014", 0, PD_INK, NULL},
        {sg_buf_str(&signer), 0, p->signed_by ? PD_INK : PD_RED, NULL},
        {p->has_signed_at ? pd_time(t1, p->signed_at) : "none", 0,
         p->has_signed_at ? PD_INK : PD_RED, NULL},
        {sg_buf_str(&review), 0, past ? PD_RED : PD_INK, NULL},
        {cited, 0, PD_INK, NULL}};
    pd_table_row(&c->pd, r->t, cells, NULL);
    sg_arena_reset(&c->ar);
    sg_buf_release(&id);
    sg_buf_release(&signer);
    sg_buf_release(&review);
    return c->failed ? -1 : 0;
}

static void scope_text(struct sg_buf *b, json_t *scope)
{
    const char *key;
    json_t *v;
    if (!json_is_object(scope) || json_object_size(scope) == 0) {
        sg_buf_adds(b, "no credential scope recorded (unrestricted)");
        return;
    }
    /* keys in byte order, so the text is the same on every run */
    const char **keys = sg_xcalloc(json_object_size(scope), sizeof(char *));
    size_t n = 0;
    json_object_foreach(scope, key, v) keys[n++] = key;
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && strcmp(keys[k - 1], keys[k]) > 0; k--) {
            const char *x = keys[k];
            keys[k] = keys[k - 1];
            keys[k - 1] = x;
        }
    for (size_t i = 0; i < n; i++) {
        size_t j;
        json_t *e;
        v = json_object_get(scope, keys[i]);
        if (b->len)
            sg_buf_addc(b, '\n');
        sg_buf_printf(b, "%s: ", keys[i]);
        if (json_is_array(v)) {
            if (json_array_size(v) == 0)
                sg_buf_adds(b, "none allowed");
            json_array_foreach(v, j, e)
            {
                if (j)
                    sg_buf_adds(b, ", ");
                if (json_is_string(e))
                    sg_buf_adds(b, json_string_value(e));
                else {
                    char *t =
                        json_dumps(e, JSON_COMPACT | JSON_ENCODE_ANY | JSON_SORT_KEYS);
                    sg_buf_adds(b, t ? t : "?");
                    free(t);
                }
            }
        } else {
            char *t = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_SORT_KEYS);
            sg_buf_adds(b, t ? t : "?");
            free(t);
        }
    }
    free(keys);
}

struct parties {
    struct doc *c;
    struct pd_table *t;
    int agents; /* 1: agents, 0: identities */
    long n;
};

static int party_row(void *ctx, const struct sg_party_row *p)
{
    struct parties *r = ctx;
    struct doc *c = r->c;
    struct sg_buf b = {0};
    if (r->agents != (p->is_agent != 0))
        return 0;
    r->n++;
    if (r->agents) {
        int is_agent = 0;
        json_t *scope = NULL;
        sg_q_agent(c->st, p->id, &is_agent, &scope, c->err);
        scope_text(&b, scope);
        json_decref(scope);
        struct pd_cell cells[3] = {{p->id, 0, PD_INK, NULL},
                                   {p->name ? p->name : "\u2014", 0, PD_INK, NULL},
                                   {sg_buf_str(&b), 0, PD_INK, NULL}};
        pd_table_row(&c->pd, r->t, cells, NULL);
    } else {
        struct pd_cell cells[3] = {
            {p->id, 0, PD_INK, NULL},
            {p->name ? p->name : "\u2014", 0, PD_INK, NULL},
            {p->human ? "known human: may authorize" : "non-human: may not authorize", 0,
             p->human ? PD_GREEN : PD_GREY, NULL}};
        pd_table_row(&c->pd, r->t, cells, NULL);
    }
    sg_buf_release(&b);
    return c->failed ? -1 : 0;
}

static void policies(struct doc *c, int number)
{
    struct pd *d = &c->pd;
    struct pd_table t;
    struct rows r = {c, &t};
    char title[64], sub[64];
    static const struct pd_col pcols[] = {
        {"Policy", 0.16, PD_BOLD},    {"Title", 0.26, PD_BODY},
        {"Signed by", 0.19, PD_BODY}, {"Signed at", 0.13, PD_BODY},
        {"Review by", 0.16, PD_BODY}, {"Cited by", 0.10, PD_BODY}};
    static const struct pd_col acols[] = {{"Agent", 0.25, PD_BOLD},
                                          {"Name", 0.25, PD_BODY},
                                          {"Credential scope", 0.5, PD_SMALL}};
    static const struct pd_col icols[] = {{"Identity", 0.34, PD_BOLD},
                                          {"Name", 0.33, PD_BODY},
                                          {"Standing", 0.33, PD_BODY}};

    snprintf(title, sizeof(title), "%d  Policies and agents", number);
    heading(c, 1, title, "s-policies");
    para(
        c,
        "The standing authorizations and the parties on record at the as-of time. A "
        "policy authorizes a tier-1 change only when a known human signed it before the "
        "decision, it was within review and within the policy maximum age, and its scope "
        "covers the change. Only a known human (an identity marked human that is not "
        "also an agent) can authorize a change or accept a risk.");
    snprintf(sub, sizeof(sub), "%d.1  Policies", number);
    heading(c, 2, sub, "s-pol");
    pd_table_begin(d, &t, pcols, 6);
    if (sg_q_each_policy(c->st, c->o->period.to, policy_row, &r, c->err) != 0)
        c->failed = 1;
    if (t.rows == 0) {
        struct pd_cell cells[6] = {{"none on record", 0, PD_GREY, NULL}};
        pd_table_row(d, &t, cells, NULL);
    }
    pd_table_end(d, &t);

    snprintf(sub, sizeof(sub), "%d.2  Agents", number);
    heading(c, 2, sub, "s-agents");
    struct parties pa = {c, &t, 1, 0};
    pd_table_begin(d, &t, acols, 3);
    if (sg_q_each_party(c->st, party_row, &pa, c->err) != 0)
        c->failed = 1;
    if (pa.n == 0) {
        struct pd_cell cells[3] = {{"none on record", 0, PD_GREY, NULL}};
        pd_table_row(d, &t, cells, NULL);
    }
    pd_table_end(d, &t);

    snprintf(sub, sizeof(sub), "%d.3  Identities", number);
    heading(c, 2, sub, "s-identities");
    struct parties pi = {c, &t, 0, 0};
    pd_table_begin(d, &t, icols, 3);
    if (sg_q_each_party(c->st, party_row, &pi, c->err) != 0)
        c->failed = 1;
    if (pi.n == 0) {
        struct pd_cell cells[3] = {{"none on record", 0, PD_GREY, NULL}};
        pd_table_row(d, &t, cells, NULL);
    }
    pd_table_end(d, &t);
}

/* ---- findings register and other findings ---------------------------------------- */

static void other_findings(struct doc *c, int number)
{
    struct pd *d = &c->pd;
    struct pd_table t;
    char title[96], dest[48], buf[32];
    int sub = 0;
    static const struct pd_col rcols[] = {{"Finding", 0.28, PD_BOLD},
                                          {"Severity", 0.11, PD_BODY},
                                          {"Count", 0.09, PD_BODY},
                                          {"What it means", 0.52, PD_SMALL}};
    static const struct pd_col fcols[] = {{"Subject", 0.34, PD_BOLD},
                                          {"Severity", 0.12, PD_BODY},
                                          {"Details", 0.54, PD_BODY}};

    snprintf(title, sizeof(title), "%d  Findings register and other findings", number);
    heading(c, 1, title, "s-register");
    para(
        c,
        "Every finding code of the rules, with the number found in this period and where "
        "they are listed. The codes not covered by the sections above follow, each with "
        "its findings.");
    pd_table_begin(d, &t, rcols, 4);
    for (int code = 0; code < SG_F__COUNT; code++) {
        long n = c->s->findings[code];
        snprintf(buf, sizeof(buf), "%ld", n);
        code_dest(dest, sizeof(dest), code);
        struct pd_cell cells[4] = {
            {sg_finding_name(code), 0, PD_INK, n ? dest : NULL},
            {sg_severity_name(sg_finding_severity(code)), 0,
             sg_finding_severity(code) == SG_SEV_HIGH ? PD_RED : PD_INK, NULL},
            {buf, PD_BOLD, n ? PD_INK : PD_GREY, NULL},
            {code_words[code], 0, PD_INK, NULL}};
        pd_table_row(d, &t, cells, NULL);
    }
    pd_table_end(d, &t);

    sqlite3_stmt *s =
        query(c, "SELECT n, subject, severity, reasons FROM f WHERE code = ?1 "
                 "ORDER BY n");
    if (s == NULL)
        return;
    for (int code = 0; code < SG_F__COUNT; code++) {
        if (!is_other(code) || c->s->findings[code] == 0)
            continue;
        snprintf(title, sizeof(title), "%d.%d  %s", number, ++sub, sg_finding_name(code));
        code_dest(dest, sizeof(dest), code);
        heading(c, 2, title, dest);
        para(c, code_words[code]);
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, sg_finding_name(code), -1, SQLITE_STATIC);
        pd_table_begin(d, &t, fcols, 3);
        while (step(c, s)) {
            struct sg_buf b = {0};
            json_t *r = json_loads(str(s, 3), 0, NULL), *e;
            size_t i;
            char fdest[32];
            const char *lead = code == SG_F_INCOMPLETE_RECORD ? "missing: "
                               : code == SG_F_SCOPE_EXCEEDED  ? "outside its scope: "
                               : code == SG_F_UNKNOWN_ASSET   ? "unknown assets: "
                                                              : "";
            json_array_foreach(r, i, e)
            {
                sg_buf_adds(&b, i ? ", " : lead);
                sg_buf_adds(&b, json_string_value(e) ? json_string_value(e) : "?");
            }
            json_decref(r);
            if (!b.len)
                sg_buf_adds(&b, "\u2014");
            snprintf(fdest, sizeof(fdest), "f-%lld",
                     (long long)sqlite3_column_int64(s, 0));
            struct pd_cell cells[3] = {{str(s, 1), 0, PD_INK, NULL},
                                       {str(s, 2), 0, PD_INK, NULL},
                                       {sg_buf_str(&b), 0, PD_INK, NULL}};
            pd_table_row(d, &t, cells, fdest);
            sg_buf_release(&b);
        }
        pd_table_end(d, &t);
    }
    sqlite3_finalize(s);
}

/* ---- pending --------------------------------------------------------------------- */

static void pending(struct doc *c, int number)
{
    struct pd *d = &c->pd;
    struct pd_table t;
    char title[64];
    sqlite3_stmt *s;
    struct sg_buf b = {0};
    static const struct pd_col cols[] = {{"Decision", 0.24, PD_BOLD},
                                         {"Kind", 0.12, PD_BODY},
                                         {"Agent", 0.24, PD_BODY},
                                         {"Decided", 0.2, PD_BODY},
                                         {"Due", 0.2, PD_BODY}};

    snprintf(title, sizeof(title), "%d  Pending at the as-of time", number);
    heading(c, 1, title, "s-pending");
    sg_buf_printf(&b,
                  "%ld deferrals and escalations were made before the as-of time but are "
                  "due after it: a human may still accept or answer them in time. They "
                  "are not judged here and are no findings; the period that holds their "
                  "due time judges them.",
                  c->s->pending);
    para(c, sg_buf_str(&b));
    sg_buf_release(&b);
    if (c->s->pending == 0) {
        none(c, "Nothing is pending.");
        return;
    }
    s = query(c,
              "SELECT id, action, agent, at, due FROM v WHERE kind = 'pending' ORDER BY "
              "due, id");
    if (s == NULL)
        return;
    pd_table_begin(d, &t, cols, 5);
    while (step(c, s)) {
        char t1[SG_TIME_BUF], t2[SG_TIME_BUF];
        struct sg_buf who = {0};
        party(c, &who, str(s, 2));
        struct pd_cell cells[5] = {{str(s, 0), 0, PD_INK, NULL},
                                   {str(s, 1), 0, PD_INK, NULL},
                                   {sg_buf_str(&who), 0, PD_INK, NULL},
                                   {pd_time_cell(t1, tcol(s, 3)), 0, PD_INK, NULL},
                                   {pd_time_cell(t2, tcol(s, 4)), 0, PD_INK, NULL}};
        pd_table_row(d, &t, cells, NULL);
        sg_buf_release(&who);
        sg_arena_reset(&c->ar);
    }
    sqlite3_finalize(s);
    pd_table_end(d, &t);
}

/* ---- appendices ------------------------------------------------------------------ */

static int input_row(void *ctx, const struct sg_source_info *src)
{
    struct rows *r = ctx;
    char size[32], recs[32];
    snprintf(size, sizeof(size), "%lld", (long long)src->size);
    snprintf(recs, sizeof(recs), "%lld", (long long)src->records);
    struct pd_cell cells[4] = {{src->path, 0, PD_INK, NULL},
                               {src->sha256, 0, PD_INK, NULL},
                               {size, 0, PD_INK, NULL},
                               {recs, 0, PD_INK, NULL}};
    pd_table_row(&r->c->pd, r->t, cells, NULL);
    return r->c->failed ? -1 : 0;
}

static void appendix_inputs(struct doc *c)
{
    struct pd *d = &c->pd;
    struct pd_table t;
    struct rows r = {c, &t};
    struct sg_buf b = {0};
    static const struct pd_col cols[] = {{"Input file", 0.36, PD_BODY},
                                         {"SHA-256", 0.44, PD_MONO},
                                         {"Bytes", 0.1, PD_BODY},
                                         {"Records", 0.1, PD_BODY}};

    heading(c, 1, "Appendix A  Inputs", "s-inputs");
    sg_buf_printf(
        &b,
        "The evidence this package was made from, as recorded in manifest.json. "
        "Input digest (SHA-256 over the inputs, the settings, the period and the "
        "tool version): %s",
        c->o->input_digest);
    para(c, sg_buf_str(&b));
    sg_buf_release(&b);
    pd_table_begin(d, &t, cols, 4);
    if (sg_store_each_source(c->st, input_row, &r, c->err) != 0)
        c->failed = 1;
    if (t.rows == 0) {
        struct pd_cell cells[4] = {{"no input file", 0, PD_GREY, NULL}};
        pd_table_row(d, &t, cells, NULL);
    }
    pd_table_end(d, &t);
}

static void appendix_settings(struct doc *c)
{
    struct pd *d = &c->pd;
    const struct sg_settings *s = c->o->settings;
    struct pd_table t;
    char v[SG_TIME_BUF], name[128];
    static const struct pd_col cols[] = {
        {"Setting", 0.35, PD_MONO}, {"Value", 0.2, PD_MONO}, {"Meaning", 0.45, PD_SMALL}};
    struct {
        const char *name;
        int64_t v;
        const char *what;
    } durations[] = {
        {"approval_max_age", s->approval_max_age,
         "an approval counts only when given at most this long before deployment"},
        {"veto_window", s->veto_window,
         "a notification's veto window when the notification names none"},
        {"acceptance_sla", s->acceptance_sla,
         "deferrals and escalations are judged this long after they are made"},
        {"policy_max_age", s->policy_max_age,
         "a policy older than this when cited cannot authorize"},
    };

    heading(c, 1, "Appendix B  Settings in force", "s-settings");
    para(c, "The settings every verdict was judged with (durations in ISO 8601).");
    pd_table_begin(d, &t, cols, 3);
    for (size_t i = 0; i < sizeof(durations) / sizeof(durations[0]); i++) {
        struct pd_cell cells[3] = {
            {durations[i].name, 0, PD_INK, NULL},
            {sg_duration_format(v, durations[i].v), 0, PD_INK, NULL},
            {durations[i].what, 0, PD_INK, NULL}};
        pd_table_row(d, &t, cells, NULL);
    }
    {
        struct pd_cell cells[3] = {
            {"default_severity", 0, PD_INK, NULL},
            {sg_level_name(s->default_severity), 0, PD_INK, NULL},
            {"severity of an exposure with neither severity nor CVSS", 0, PD_INK, NULL}};
        pd_table_row(d, &t, cells, NULL);
    }
    for (int e = 0; e < s->nenvs; e++)
        for (int l = 4; l >= 1; l--)
            if (s->envs[e].set[l]) {
                char tier[32];
                snprintf(name, sizeof(name), "tiers.%s.%s", s->envs[e].name,
                         sg_level_name(l));
                snprintf(tier, sizeof(tier), "%lld", (long long)s->envs[e].tier[l]);
                struct pd_cell cells[3] = {
                    {name, 0, PD_INK, NULL},
                    {tier, 0, PD_INK, NULL},
                    {"required tier of a target in this environment and criticality", 0,
                     PD_INK, NULL}};
                pd_table_row(d, &t, cells, NULL);
            }
    {
        char tier[32];
        snprintf(tier, sizeof(tier), "%lld", (long long)s->tier_default);
        struct pd_cell cells[3] = {
            {"tiers.default", 0, PD_INK, NULL},
            {tier, 0, PD_INK, NULL},
            {"required tier elsewhere, and with no target", 0, PD_INK, NULL}};
        pd_table_row(d, &t, cells, NULL);
    }
    for (int l = 4; l >= 1; l--) {
        snprintf(name, sizeof(name), "remediation_sla.%s", sg_level_name(l));
        struct pd_cell cells[3] = {
            {name, 0, PD_INK, NULL},
            {sg_duration_format(v, s->remediation_sla[l]), 0, PD_INK, NULL},
            {"an exposure of this severity is overdue this long after first seen", 0,
             PD_INK, NULL}};
        pd_table_row(d, &t, cells, NULL);
    }
    pd_table_end(d, &t);
}

static const char *const rules[][2] = {
    {"The period and the as-of time",
     "The period runs from its start up to, but not including, its end; the end is the "
     "as-of time of every verdict. A record whose own time is at or after the as-of time "
     "does not exist for the judgement, so evidence recorded later never changes a "
     "closed "
     "period's verdicts. Each decision is judged once, in the period that holds its "
     "judgement time: the deployment time of a change, the due time (decision time plus "
     "the acceptance SLA) of a deferral or an escalation."},
    {"Known humans",
     "Only a known human can authorize: an identity marked human whose id is not also an "
     "agent's. Agents and identities marked non-human are non-human; any other id is "
     "unknown."},
    {"Required tier", "A decision's required tier is the highest, over its targets, of "
                      "the tier its settings "
                      "give the target's environment and criticality (appendix B). A "
                      "target that is no known "
                      "asset counts as tier 3 and is reported as an unknown asset."},
    {"Changes",
     "A change with a rejection or veto recorded at or before its deployment is never "
     "traced. Otherwise it is traced by the first of: an approval, by a known human who "
     "is "
     "neither the agent nor the requester, given within the approval maximum age before "
     "deployment; a notification to such a human whose veto window ended by deployment, "
     "when the required tier is at most 2; a policy signed by a known human before the "
     "decision, within review and within the policy maximum age, whose scope covers "
     "every "
     "target and the action, when the required tier is 1. The named human is that "
     "approver, "
     "recipient or signer. Any other change is untraced, with every reason that "
     "applies."},
    {"Deferrals",
     "A decision to defer is judged at its due time. A risk acceptance is valid when its "
     "owner is a known human, it was acknowledged by the due time and it had not expired "
     "by "
     "then. The deferral is documented when a valid acceptance links to it, or when "
     "valid "
     "acceptances name every pair of its vulnerabilities and targets; otherwise it is "
     "undocumented, with the defects of every acceptance that bears on it."},
    {"Exposures",
     "A vulnerability found on an asset must be remediated by its deadline: first seen "
     "plus "
     "the remediation SLA of its severity. It is remediated by a patch, upgrade or "
     "configuration change covering it, or by being reported fixed. Overdue and not "
     "excused "
     "by a valid human risk acceptance, it is a silent deferral when no decision about "
     "it "
     "was recorded by the deadline, and an SLA breach otherwise; it is reported in every "
     "period its overdue span overlaps."},
    {"Escalations", "An escalation is answered when, by its due time, a known human "
                    "approved, rejected or "
                    "vetoed it, owned an acceptance bearing on it, or traced changes "
                    "covered everything it "
                    "named. Unanswered, it is orphaned."},
    {"Other findings",
     "Each decision judged in the period is also checked for incomplete records, "
     "CVSS-only "
     "severity, understated tiers, actions outside an agent's credential scope, untested "
     "production changes, production changes without a rollback plan, stale policies and "
     "unknown assets (the findings register gives each)."},
    {"Controls",
     "Each framework's mapping file says which finding codes are exceptions to a control "
     "and "
     "which kinds of evidence support it. A control with a finding of an exception code "
     "in "
     "the period has exceptions noted; else one with supporting evidence has evidence "
     "present; else it has no evidence."},
};

static void appendix_rules(struct doc *c)
{
    heading(c, 1, "Appendix C  The rules in plain words", "s-rules");
    para(c,
         "A summary of the rules of the signoff specification (section 4) that produced "
         "every verdict in this package. Times are compared exactly: \"by\" and "
         "\"within\" include the time named, \"after\" and \"before\" do not.");
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
        pd_need(&c->pd, 40);
        pd_para(&c->pd, PD_BOLD, PD_INK, rules[i][0]);
        pd_space(&c->pd, 2);
        para(c, rules[i][1]);
    }
}

/* ---- the document ---------------------------------------------------------------- */

static void document(struct doc *c)
{
    int n = 5;
    cover(c);
    contents(c);
    summary(c);
    untraced(c);
    deferrals(c);
    trace_test(c);
    for (int f = 0; f < SG_FW__COUNT && c->o->mappings != NULL; f++) {
        const struct sg_framework_map *fm = sg_mapset_framework(c->o->mappings, f);
        if (fm != NULL && c->o->frameworks[f])
            framework(c, fm, n++);
    }
    policies(c, n++);
    other_findings(c, n++);
    pending(c, n++);
    appendix_inputs(c);
    appendix_settings(c);
    appendix_rules(c);
    pd_finish_page(&c->pd);
}

static cairo_status_t write_fp(void *closure, const unsigned char *data,
                               unsigned int length)
{
    return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                      : CAIRO_STATUS_WRITE_ERROR;
}

static void metadata(struct doc *c, cairo_surface_t *surface)
{
    char t[SG_TIME_BUF], *p;
    struct sg_buf b = {0};
    const char *org = c->o->organization ? c->o->organization : "";

    sg_buf_printf(&b, "Evidence package%s%s \u2014 %s", *org ? ": " : "", org,
                  c->o->period.label);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, sg_buf_str(&b));
    cairo_pdf_surface_set_metadata(
        surface, CAIRO_PDF_METADATA_SUBJECT,
        "Human authorization of AI and automation agents' changes "
        "and vulnerability deferrals");
    if (*org)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, org);
    sg_buf_reset(&b);
    sg_buf_printf(&b, "signoff %s", sg_version());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, sg_buf_str(&b));
    sg_buf_reset(&b);
    sg_buf_printf(&b, "input-digest %s", c->o->input_digest);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, sg_buf_str(&b));
    /* no wall-clock time in an output (SPEC §6): the document is dated at its as-of time
     */
    sg_time_format(t, c->o->period.to);
    if ((p = strchr(t, '.')) != NULL)
        strcpy(p, "Z");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, t);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, t);
    sg_buf_release(&b);
}

int sg_render_pdf(struct sg_store *st, const struct sg_report_opts *o,
                  struct pdf_data *data, const struct sg_trace_stats *stats,
                  struct sg_outdir *out, struct sg_error *err)
{
    struct doc c;
    double pw = o->letter ? 612.0 : 595.2756, ph = o->letter ? 792.0 : 841.8898;
    FILE *fp = NULL;
    cairo_surface_t *surface = NULL;
    int rc = -1;

    memset(&c, 0, sizeof(c));
    c.data = data;
    c.st = st;
    c.o = o;
    c.s = stats;
    c.err = err;
    sg_arena_init(&c.ar);
    memcpy(c.evidence, stats->evidence, sizeof(c.evidence));
    c.evidence[SG_E_MANIFEST] = 1; /* this package has one */
    for (int code = 0; code < SG_F__COUNT; code++) {
        c.nfindings += stats->findings[code];
        c.sev[sg_finding_severity(code)] += stats->findings[code];
    }
    c.names = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
    if (pdf_data_findings(data, st, err) != 0 || pd_init(&c.pd, pw, ph, err) != 0 ||
        (c.ev_put = pdf_data_query(data, "INSERT OR REPLACE INTO ev VALUES(?1, ?2)")) ==
            NULL ||
        (c.ev_get = pdf_data_query(data, "SELECT text FROM ev WHERE k = ?1")) == NULL)
        goto out;
    c.pd.header_left =
        sg_xasprintf("%s%sEvidence package %s", o->organization ? o->organization : "",
                     o->organization ? " \u2014 " : "", o->period.label);
    c.pd.footer_left = sg_xasprintf("input digest %.16s\u2026", o->input_digest);

    /* pass 1: measure */
    pd_begin_pass(&c.pd, 1);
    sqlite3_exec(data->db, "BEGIN", NULL, NULL, NULL);
    document(&c);
    sqlite3_exec(data->db, "COMMIT", NULL, NULL, NULL);
    if (c.failed || c.pd.failed)
        goto out;

    /* pass 2: draw */
    if ((fp = sg_outdir_open(out, "report.pdf", err)) == NULL)
        goto out;
    surface = cairo_pdf_surface_create_for_stream(write_fp, fp, pw, ph);
    metadata(&c, surface);
    pd_begin_drawing(&c.pd, surface);
    document(&c);
    if (c.pd.page != c.pd.pages && !c.pd.failed) {
        sg_error_set(err, EX_SOFTWARE, NULL,
                     "the PDF's two layout passes disagree: %d pages, then %d",
                     c.pd.pages, c.pd.page);
        c.pd.failed = 1;
    }
    pd_end_drawing(&c.pd);
    cairo_surface_finish(surface);
    if (c.failed || c.pd.failed)
        goto out;
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        sg_error_set(err,
                     cairo_surface_status(surface) == CAIRO_STATUS_WRITE_ERROR
                         ? EX_IOERR
                         : EX_SOFTWARE,
                     NULL, "cannot write report.pdf: %s",
                     cairo_status_to_string(cairo_surface_status(surface)));
        goto out;
    }
    cairo_surface_destroy(surface);
    surface = NULL;
    rc = sg_outdir_close(fp, "report.pdf", err);
    fp = NULL;
out:
    if (surface != NULL)
        cairo_surface_destroy(surface);
    if (fp != NULL)
        fclose(fp);
    pd_release(&c.pd);
    sqlite3_finalize(c.ev_put);
    sqlite3_finalize(c.ev_get);
    if (c.names != NULL)
        g_hash_table_destroy(c.names);
    sg_arena_release(&c.ar);
    return rc;
}

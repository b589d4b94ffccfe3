/* cli/cmd_trace.c: `signoff trace ID` (SPEC §7): for a decision id, a change ref or a
 * vulnerability id, every decision about it and every approval, notification,
 * acceptance and exposure, in time order, with the verdict, the path that traced it and
 * the named human, or the reasons it failed. What an SEC disclosure team reads. */
#include "cli.h"
#include "help.h"
#include "judge.h"
#include "load.h"
#include "signoff/json.h"
#include "signoff/time.h"
#include "signoff/trace.h"
#include "term.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct event {
    int64_t at;
    int order; /* ties: decision, approval, notification, deployed, acceptance */
    const char *id, *kind;
    struct sg_buf text;  /* for --json; its words are pinned by tests */
    struct sg_buf words; /* for a reader on the terminal */
};

struct tl {
    int json;
    struct sg_store *st;
    struct sg_arena *ar;
    struct event *ev;
    size_t nev;
};

/* "Name (id, KIND)", or "id (KIND)" for an id with no name, in t->ar; kinds[] names a
   known human, a non-human and an unknown id. */
static const char *who_as(struct tl *t, const char *id, const char *const kinds[3])
{
    const char *name = sg_q_name(t->st, id, t->ar);
    enum sg_party p;
    struct sg_error err;
    struct sg_buf b = {0};
    const char *kind, *s;
    sg_error_init(&err);
    sg_q_party(t->st, id, &p, &err);
    kind = p == SG_PARTY_KNOWN_HUMAN ? kinds[0] : p == SG_PARTY_NON_HUMAN ? kinds[1] : kinds[2];
    if (name != NULL)
        sg_buf_printf(&b, "%s (%s, %s)", name, id, kind);
    else
        sg_buf_printf(&b, "%s (%s)", id, kind);
    s = sg_arena_strdup(t->ar, sg_buf_str(&b));
    sg_buf_release(&b);
    return s;
}

/* The words of --json's text, which tests pin. */
static const char *who(struct tl *t, const char *id)
{
    static const char *const kinds[3] = {"known human", "non-human", "unknown id"};
    return who_as(t, id, kinds);
}

/* The same in plain words for the terminal. */
static const char *who_words(struct tl *t, const char *id)
{
    static const char *const kinds[3] = {"known human", "not a human",
                                         "unknown: not declared a human"};
    return who_as(t, id, kinds);
}

/* SPEC §2 actions as verbs taking the targets as object. */
static const char *action_verb(const char *action)
{
    static const struct {
        const char *action, *verb;
    } verbs[] = {{"patch", "patch"},
                 {"upgrade", "upgrade"},
                 {"rollback", "roll back"},
                 {"restart", "restart"},
                 {"config_change", "change the configuration of"},
                 {"isolate", "isolate"},
                 {"disable_account", "disable an account on"},
                 {"firewall_change", "change the firewall of"},
                 {"iam_change", "change access rights (IAM) on"},
                 {"rotate_secret", "rotate a secret of"},
                 {"suppress_alert", "suppress an alert on"},
                 {"deploy_script", "run a deployment script on"}};
    for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
        if (strcmp(verbs[i].action, action) == 0)
            return verbs[i].verb;
    return action;
}

/* What each reason code of SPEC §4 means, for a reader who does not know the rules. */
static const char *reason_words(const char *code)
{
    static const struct {
        const char *code, *words;
    } reasons[] = {
        {"agent-approver", "an approval came from an agent or another non-human account"},
        {"approval-after-deploy", "an approval came only after the deployment"},
        {"deployed-despite-veto", "it was deployed although it had been rejected or vetoed"},
        {"invalid-policy", "the cited policy is missing, unsigned, not yet or no longer valid, "
                           "or does not cover this change"},
        {"no-authorization", "no approval, notification or policy is linked to it"},
        {"non-human-notified", "the one notified is not a declared human"},
        {"notified-after-deploy", "the notification came only after the deployment"},
        {"self-approval", "the agent or the requester approved, or was told of, their own "
                          "change"},
        {"stale-approval", "the approval was older than approval_max_age at deployment"},
        {"tier-too-low", "the targets required a stronger authorization than the one given"},
        {"unknown-approver", "an approval came from an id not declared a human"},
        {"veto-window-open", "it was deployed before the veto window had closed"},
        {"expired-acceptance", "the risk acceptance had expired by the due time"},
        {"late-acceptance", "the risk was accepted only after the due time"},
        {"no-acceptance", "nobody accepted the risk of leaving it unfixed"},
        {"non-human-owner", "the risk acceptance is owned by an agent, not a person"},
        {"unknown-owner", "the risk acceptance is owned by an id not declared a human"},
    };
    for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
        if (strcmp(reasons[i].code, code) == 0)
            return reasons[i].words;
    return "";
}

/* Prints one timeline line: the time, then the words wrapped under their column. */
static void put_event(int64_t at, const char *words)
{
    char ts[SG_TIME_BUF];
    size_t w = term_cols(sg_time_format(ts, at));
    printf("  ");
    term_put_padded(ts, 21);
    printf(" ");
    term_put_wrapped(words, " ", 3 + (w > 21 ? w : 21), 24);
}

/* Prints "    code: what it means" for every reason of v. */
static void put_reasons(const struct sg_verdict *v)
{
    int n = v->kind == SG_VK_CHANGE ? SG_R__COUNT : SG_D__COUNT;
    struct sg_buf b = {0};
    for (int i = 0; i < n; i++)
        if (v->reasons & (1u << i)) {
            const char *code = v->kind == SG_VK_CHANGE ? sg_untraced_reason_name(i)
                                                       : sg_deferral_reason_name(i);
            sg_buf_reset(&b);
            sg_buf_printf(&b, "- %s: %s", code, reason_words(code));
            printf("    ");
            term_put_wrapped(sg_buf_str(&b), " ", 4, 6);
        }
    sg_buf_release(&b);
}

static void put_line(const char *text)
{
    term_put_wrapped(text, " ", 0, 2);
}

static struct event *add(struct tl *t, int64_t at, int order, const char *kind, const char *id)
{
    t->ev = sg_xreallocarray(t->ev, t->nev + 1, sizeof(*t->ev));
    struct event *e = &t->ev[t->nev++];
    e->at = at;
    e->order = order;
    e->kind = kind;
    e->id = id;
    sg_buf_init(&e->text);
    sg_buf_init(&e->words);
    return e;
}

static int cmp_event(const void *a, const void *b)
{
    const struct event *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    if (x->order != y->order)
        return x->order - y->order;
    return strcmp(x->id, y->id);
}

static void clear_events(struct tl *t)
{
    for (size_t i = 0; i < t->nev; i++) {
        sg_buf_release(&t->ev[i].text);
        sg_buf_release(&t->ev[i].words);
    }
    t->nev = 0;
}

static const char *reasons_text(struct sg_arena *ar, const struct sg_verdict *v)
{
    struct sg_buf b = {0};
    int n = v->kind == SG_VK_CHANGE ? SG_R__COUNT : SG_D__COUNT;
    for (int i = 0; i < n; i++)
        if (v->reasons & (1u << i)) {
            if (b.len)
                sg_buf_adds(&b, ", ");
            sg_buf_adds(&b, v->kind == SG_VK_CHANGE ? sg_untraced_reason_name(i)
                                                    : sg_deferral_reason_name(i));
        }
    const char *s = sg_arena_strdup(ar, sg_buf_str(&b));
    sg_buf_release(&b);
    return s;
}

static void json_kv(struct sg_buf *b, const char *k, const char *v, int comma)
{
    if (comma)
        sg_buf_addc(b, ',');
    sg_json_put_string(b, k);
    sg_buf_addc(b, ':');
    if (v == NULL)
        sg_buf_adds(b, "null");
    else
        sg_json_put_string(b, v);
}

/* An imported record (one with a JSON pointer) shows where it came from: the file, its
 * SHA-256, the line and the pointer of its element (SPEC §2, docs/importers.md). With
 * json, the keys are appended to b; else a line is printed. */
static int provenance(struct tl *t, enum sg_kind kind, const char *id, int64_t obs,
                      struct sg_buf *b, struct sg_error *err)
{
    struct sg_provenance p;
    int found = sg_store_provenance(t->st, kind, id, obs, &p, err);
    if (found < 0)
        return -1;
    if (found && p.pointer != NULL) {
        if (b != NULL) {
            if (kind == SG_K_EXPOSURE) {
                json_kv(b, "source", p.path, 1);
                sg_buf_printf(b, ",\"line\":%ld", p.line);
            }
            json_kv(b, "pointer", p.pointer, 1);
            json_kv(b, "sha256", p.sha256, 1);
        } else {
            struct sg_buf l = {0};
            sg_buf_printf(&l, "  imported from %s:%ld, JSON pointer %s%s, file sha256 %s",
                          p.path, p.line, p.pointer[0] ? p.pointer : "\"\"",
                          p.pointer[0] ? "" : " (the whole document)", p.sha256);
            put_line(sg_buf_str(&l));
            sg_buf_release(&l);
        }
    }
    sg_provenance_release(&p);
    return 0;
}

static int show_decision(struct tl *t, const struct sg_trace_opts *o, const char *match,
                         const struct sg_decision *d, struct sg_error *err)
{
    struct sg_verdict v;
    struct sg_approval *ap;
    struct sg_notification *nt;
    struct sg_acceptance *acc;
    size_t nap, nnt, nacc;
    char ts[SG_TIME_BUF];
    const char *rationale = sg_rec_str(d->doc, "rationale");

    if (sg_trace_decision(t->st, o, d, t->ar, &v, err) != 0 ||
        sg_q_approvals(t->st, d, o->period.to, t->ar, &ap, &nap, err) != 0 ||
        sg_q_notifications(t->st, d->id, o->period.to, t->ar, &nt, &nnt, err) != 0 ||
        sg_q_acceptances(t->st, d, o->period.to, t->ar, &acc, &nacc, err) != 0)
        return -1;
    clear_events(t);
    struct event *e = add(t, d->at, 0, "decision", d->id);
    sg_buf_printf(&e->text, "%s decided to %s (%s) %s", who(t, d->agent),
                  strcmp(d->outcome, "act") == 0     ? "act"
                  : strcmp(d->outcome, "defer") == 0 ? "defer"
                                                     : "escalate",
                  d->action, d->ntargets ? "on" : "with no target");
    for (size_t i = 0; i < d->ntargets; i++)
        sg_buf_printf(&e->text, "%s %s", i ? "," : "", d->targets[i]);
    if (rationale != NULL)
        sg_buf_printf(&e->text, "; rationale: \"%s\"", rationale);
    {
        const char *verb = action_verb(d->action);
        int act = strcmp(d->outcome, "act") == 0, defer = strcmp(d->outcome, "defer") == 0;
        sg_buf_printf(&e->words, "%s %s %s", who_words(t, d->agent),
                      act     ? "decided to"
                      : defer ? "decided not to"
                              : "asked a human to decide whether to",
                      verb);
        for (size_t i = 0; i < d->ntargets; i++)
            sg_buf_printf(&e->words, "%s %s", i ? "," : "", d->targets[i]);
        if (d->ntargets == 0)
            sg_buf_adds(&e->words, ", with no target named");
        sg_buf_adds(&e->words, act     ? " (a change)"
                               : defer ? " for now (a deferral)"
                                       : " (an escalation)");
        if (rationale != NULL)
            sg_buf_printf(&e->words, ". Reason given: \"%s\"", rationale);
    }
    for (size_t i = 0; i < nap; i++) {
        e = add(t, ap[i].at, 1, "approval", ap[i].id);
        sg_buf_printf(&e->text, "%s by %s [approval %s%s%s]", ap[i].outcome, who(t, ap[i].by),
                      ap[i].id, ap[i].decision ? "" : ", via change ref ",
                      ap[i].decision ? "" : ap[i].change_ref);
        sg_buf_printf(&e->words, "%s by %s (approval %s%s%s)", ap[i].outcome,
                      who_words(t, ap[i].by), ap[i].id,
                      ap[i].decision ? "" : ", linked through change ref ",
                      ap[i].decision ? "" : ap[i].change_ref);
    }
    for (size_t i = 0; i < nnt; i++) {
        int64_t w = nt[i].window >= 0 ? nt[i].window : o->settings->veto_window;
        e = add(t, nt[i].at, 2, "notification", nt[i].id);
        sg_buf_printf(&e->text, "notified %s, veto window %s [notification %s]", who(t, nt[i].to),
                      sg_duration_format(ts, w), nt[i].id);
        sg_buf_printf(&e->words, "%s was told, and could veto within %s (notification %s)",
                      who_words(t, nt[i].to), sg_duration_format(ts, w), nt[i].id);
    }
    if (strcmp(d->outcome, "act") == 0 && d->t != d->at) {
        e = add(t, d->t, 3, "deployed", d->id);
        sg_buf_printf(&e->text, "deployed%s%s", d->change_ref ? " as change " : "",
                      d->change_ref ? d->change_ref : "");
        sg_buf_printf(&e->words, "the change was deployed%s%s",
                      d->change_ref ? " as " : "", d->change_ref ? d->change_ref : "");
    }
    for (size_t i = 0; i < nacc; i++) {
        e = add(t, acc[i].ack, 4, "risk_acceptance", acc[i].id);
        sg_buf_printf(&e->text, "risk accepted by %s%s%s [acceptance %s]", who(t, acc[i].owner),
                      acc[i].has_expires ? ", expires " : "",
                      acc[i].has_expires ? sg_time_format(ts, acc[i].expires) : "", acc[i].id);
        sg_buf_printf(&e->words, "%s accepted the risk of not fixing it%s%s (risk acceptance %s)",
                      who_words(t, acc[i].owner), acc[i].has_expires ? ", until " : "",
                      acc[i].has_expires ? sg_time_format(ts, acc[i].expires) : "", acc[i].id);
    }
    qsort(t->ev, t->nev, sizeof(*t->ev), cmp_event);

    const char *verdict = sg_state_name(v.state);
    const char *reasons = v.reasons ? reasons_text(t->ar, &v) : "";
    if (t->json) {
        struct sg_buf b = {0};
        for (size_t i = 0; i < t->nev; i++) {
            sg_buf_reset(&b);
            sg_buf_addc(&b, '{');
            json_kv(&b, "subject", d->id, 0);
            json_kv(&b, "match", match, 1);
            json_kv(&b, "time", sg_time_format(ts, t->ev[i].at), 1);
            json_kv(&b, "event", t->ev[i].kind, 1);
            json_kv(&b, "id", t->ev[i].id, 1);
            json_kv(&b, "text", sg_buf_str(&t->ev[i].text), 1);
            sg_buf_adds(&b, "}\n");
            fputs(sg_buf_str(&b), stdout);
        }
        sg_buf_reset(&b);
        sg_buf_addc(&b, '{');
        json_kv(&b, "subject", d->id, 0);
        json_kv(&b, "match", match, 1);
        json_kv(&b, "verdict", verdict, 1);
        json_kv(&b, "path", v.kind == SG_VK_CHANGE ? sg_path_name(v.path) : NULL, 1);
        json_kv(&b, "by", v.by, 1);
        json_kv(&b, "via", v.via, 1);
        sg_buf_adds(&b, ",\"reasons\":");
        sg_buf_adds(&b, sg_verdict_reasons_json(t->ar, &v));
        json_kv(&b, "judged_at", sg_time_format(ts, v.when), 1);
        json_kv(&b, "source", d->source, 1);
        sg_buf_printf(&b, ",\"line\":%ld", d->line);
        if (provenance(t, SG_K_DECISION, d->id, 0, &b, err) != 0) {
            sg_buf_release(&b);
            return -1;
        }
        sg_buf_adds(&b, "}\n");
        fputs(sg_buf_str(&b), stdout);
        sg_buf_release(&b);
        return 0;
    }
    struct sg_buf b = {0};
    const char *what = strcmp(d->outcome, "act") == 0     ? "change"
                       : strcmp(d->outcome, "defer") == 0 ? "deferral"
                                                          : "escalation";
    /* The SGR codes stay outside the text put_line escapes: inside it, they were shown
       as "\x1b[1m" on a terminal. The whole header line is bold. */
    sg_buf_printf(&b, "%s %s (matched as %s)", what, d->id, match);
    putchar('\n');
    fputs(term_sgr(TERM_BOLD), stdout);
    put_line(sg_buf_str(&b));
    fputs(term_sgr(TERM_RESET), stdout);
    sg_buf_reset(&b);
    for (size_t i = 0; i < t->nev; i++)
        put_event(t->ev[i].at, sg_buf_str(&t->ev[i].words));
    switch (v.state) {
    case SG_ST_TRACED:
        sg_buf_printf(&b, "verdict: TRACED: authorized by %s, through %s %s", who_words(t, v.by),
                      v.path == SG_PATH_APPROVAL      ? "approval"
                      : v.path == SG_PATH_VETO_WINDOW ? "a veto window that closed before the "
                                                        "deployment, notification"
                                                      : "the signed standing policy",
                      v.via);
        break;
    case SG_ST_UNTRACED:
        sg_buf_printf(&b, "verdict: UNTRACED CHANGE: no named human authorized it, because");
        break;
    case SG_ST_DOCUMENTED:
        sg_buf_printf(&b, "verdict: documented deferral: %s accepted the risk (%s)",
                      who_words(t, v.by), v.via);
        break;
    case SG_ST_UNDOCUMENTED:
        sg_buf_printf(&b, "verdict: UNDOCUMENTED DEFERRAL: no known human accepted the risk "
                          "in time, because");
        break;
    case SG_ST_ANSWERED:
        sg_buf_printf(&b, "verdict: escalation answered by %s (%s)",
                      v.by ? who_words(t, v.by) : "?", v.via ? v.via : "");
        break;
    case SG_ST_ORPHANED:
        sg_buf_printf(&b, "verdict: ORPHANED ESCALATION: no human answered it by %s",
                      sg_time_format(ts, v.when));
        break;
    default:
        sg_buf_printf(&b, "verdict: pending: due %s, after the end of the period, so not "
                          "judged yet",
                      sg_time_format(ts, v.when));
    }
    printf("  ");
    term_put_wrapped(sg_buf_str(&b), " ", 2, 4);
    if (v.state == SG_ST_UNTRACED || v.state == SG_ST_UNDOCUMENTED)
        put_reasons(&v);
    sg_buf_reset(&b);
    sg_buf_printf(&b, "  judged at %s (%s); required authorization tier %lld; record %s:%ld",
                  sg_time_format(ts, v.when),
                  v.kind == SG_VK_CHANGE ? "its deployment" : "its due time: decided + acceptance_sla",
                  (long long)v.required_tier, d->source, d->line);
    put_line(sg_buf_str(&b));
    sg_buf_release(&b);
    (void)reasons;
    return provenance(t, SG_K_DECISION, d->id, 0, NULL, err);
}

static int show_exposure(struct tl *t, const struct sg_trace_opts *o, const char *id,
                         struct sg_error *err)
{
    struct sg_exposure x;
    struct sg_verdict v;
    char a[SG_TIME_BUF], b[SG_TIME_BUF], c[SG_TIME_BUF];
    int found = sg_q_exposure(t->st, id, o->period.to, t->ar, &x, err);
    if (found <= 0)
        return found;
    if (sg_trace_exposure(t->st, o, &x, t->ar, &v, err) != 0)
        return -1;
    int64_t obs = x.has_last_seen ? x.last_seen : SG_TIME_MIN; /* the judged observation */
    if (t->json) {
        struct sg_buf s = {0};
        sg_buf_addc(&s, '{');
        json_kv(&s, "subject", x.id, 0);
        json_kv(&s, "match", "exposure", 1);
        json_kv(&s, "vuln", x.vuln, 1);
        json_kv(&s, "asset", x.asset, 1);
        json_kv(&s, "first_seen", sg_time_format(a, x.first_seen), 1);
        json_kv(&s, "last_seen", x.has_last_seen ? sg_time_format(b, x.last_seen) : NULL, 1);
        json_kv(&s, "status", x.fixed ? "fixed" : "open", 1);
        json_kv(&s, "deadline", sg_time_format(c, v.when), 1);
        json_kv(&s, "verdict", sg_state_name(v.state), 1);
        if (provenance(t, SG_K_EXPOSURE, x.id, obs, &s, err) != 0) {
            sg_buf_release(&s);
            return -1;
        }
        sg_buf_adds(&s, "}\n");
        fputs(sg_buf_str(&s), stdout);
        sg_buf_release(&s);
        return 1;
    }
    {
        struct sg_buf h = {0};
        sg_buf_printf(&h, "exposure %s: %s on %s", x.id, x.vuln, x.asset);
        putchar('\n');
        fputs(term_sgr(TERM_BOLD), stdout); /* outside the escaped text, as above */
        put_line(sg_buf_str(&h));
        fputs(term_sgr(TERM_RESET), stdout);
        sg_buf_release(&h);
    }
    struct {
        int64_t at;
        char text[160];
    } ev[3];
    int n = 0;
    ev[n].at = x.first_seen;
    snprintf(ev[n++].text, sizeof(ev[0].text), "first seen by the scanner");
    ev[n].at = v.when;
    snprintf(ev[n++].text, sizeof(ev[0].text),
             "deadline to fix it (first seen + the remediation SLA of its severity)");
    if (x.has_last_seen) {
        ev[n].at = x.last_seen;
        snprintf(ev[n++].text, sizeof(ev[0].text), "last seen, %s (%d observation%s)",
                 x.fixed ? "fixed" : "still open", x.observations,
                 x.observations == 1 ? "" : "s");
    }
    for (int i = 0; i < n; i++) /* in time order */
        for (int k = i + 1; k < n; k++)
            if (ev[k].at < ev[i].at) {
                __typeof__(ev[0]) tmp = ev[i];
                ev[i] = ev[k];
                ev[k] = tmp;
            }
    for (int i = 0; i < n; i++)
        put_event(ev[i].at, ev[i].text);
    struct sg_buf w = {0};
    switch (v.state) {
    case SG_ST_SILENT:
        sg_buf_adds(&w, "verdict: SILENT DEFERRAL: overdue, and nobody decided anything about "
                        "it by the deadline");
        break;
    case SG_ST_BREACH:
        sg_buf_adds(&w, "verdict: SLA BREACH: overdue; a decision about it was made, but it "
                        "was not fixed by the deadline");
        break;
    case SG_ST_EXCUSED:
        sg_buf_printf(&w, "verdict: overdue, excused by risk acceptance %s of %s", v.via,
                      who_words(t, v.by));
        break;
    case SG_ST_REMEDIATED:
        sg_buf_printf(&w, "verdict: fixed in time, at %s", sg_time_format(b, v.remediated_at));
        break;
    case SG_ST_NOT_DUE:
        sg_buf_adds(&w, "verdict: not yet due at the end of the period");
        break;
    default:
        sg_buf_adds(&w, "verdict: fixed late, before this period began: not judged in it");
    }
    printf("  ");
    term_put_wrapped(sg_buf_str(&w), " ", 2, 4);
    sg_buf_release(&w);
    (void)c;
    return provenance(t, SG_K_EXPOSURE, x.id, obs, NULL, err) != 0 ? -1 : 1;
}

int cmd_trace(int argc, char **argv)
{
    static const struct option opts[] = {CLI_COMMON_OPTIONS,
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    struct cli_common co = {NULL, NULL, NULL};
    const char *id;
    int json = 0, c, rc;
    struct cli_judge j;
    struct sg_store *st = NULL;
    struct sg_error err;
    struct sg_arena ar;
    const char **by_id, **by_ref, **by_vuln, **expo;
    size_t n_id, n_ref, n_vuln, n_expo;
    struct tl t = {0};

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (cli_common_option(&co, c, optarg))
            continue;
        switch (c) {
        case 'j':
            json = 1;
            break;
        case 'h':
            cli_print_help("trace");
            return cli_finish_stdout(0);
        default:
            return cli_option_error("trace", c, argv, opts);
        }
    }
    if (optind >= argc)
        return cli_usage("trace", "no ID given");
    id = argv[optind++];
    if ((rc = cli_judge_prepare(&j, "trace", co.settings, co.period)) != 0)
        return rc;
    if ((rc = cli_load_evidence(&st, co.store, argv + optind, argc - optind, "trace")) != 0)
        return rc;
    if ((rc = cli_judge_period(&j, st)) != 0)
        goto out_store;
    sg_error_init(&err);
    sg_arena_init(&ar);
    t.json = json;
    t.st = st;
    t.ar = &ar;
    struct sg_trace_opts o = {&j.settings, j.period, NULL, NULL};
    if (sg_q_match(st, id, j.period.to, &ar, &by_id, &n_id, &by_ref, &n_ref, &by_vuln, &n_vuln,
                   &err) != 0 ||
        sg_q_exposures_of_vuln(st, id, &ar, &expo, &n_expo, &err) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    if (n_id + n_ref + n_vuln + n_expo == 0) {
        rc = cli_fail(EX_NOINPUT, "no record matches \"%s\"", id);
        goto out;
    }
    if (!json) {
        char ts[SG_TIME_BUF];
        struct sg_buf h = {0};
        sg_buf_printf(&h, "signoff trace \"%s\": as of %s (period %s)", id,
                      sg_time_format(ts, j.period.to), j.period.label);
        put_line(sg_buf_str(&h));
        sg_buf_reset(&h);
        sg_buf_printf(&h, "matches: %zu decision%s by id, %zu by change ref, %zu by "
                          "vulnerability, %zu exposure%s",
                      n_id, n_id == 1 ? "" : "s", n_ref, n_vuln, n_expo, n_expo == 1 ? "" : "s");
        put_line(sg_buf_str(&h));
        sg_buf_release(&h);
    }
    const struct {
        const char **ids;
        size_t n;
        const char *label;
    } groups[] = {{by_id, n_id, "decision id"}, {by_ref, n_ref, "change ref"},
                  {by_vuln, n_vuln, "vulnerability"}};
    rc = 0;
    for (size_t g = 0; g < 3 && rc == 0; g++)
        for (size_t i = 0; i < groups[g].n && rc == 0; i++) {
            struct sg_decision d;
            struct sg_arena sub;
            sg_arena_init(&sub);
            t.ar = &sub;
            int found = sg_q_decision(st, groups[g].ids[i], j.period.to, &sub, &d, &err);
            if (found < 0 || (found && show_decision(&t, &o, groups[g].label, &d, &err) != 0))
                rc = cli_error(&err);
            else if (!found && !json) {
                struct sg_buf h = {0};
                sg_buf_printf(&h, "decision %s (matched as %s): decided at or after the "
                                  "as-of time; not judged",
                              groups[g].ids[i], groups[g].label);
                putchar('\n');
                put_line(sg_buf_str(&h));
                sg_buf_release(&h);
            }
            if (found > 0)
                sg_decision_release(&d);
            sg_arena_release(&sub);
            t.ar = &ar;
        }
    for (size_t i = 0; i < n_expo && rc == 0; i++)
        if (show_exposure(&t, &o, expo[i], &err) < 0)
            rc = cli_error(&err);
    if (rc == 0)
        rc = cli_finish_stdout(0);
out:
    clear_events(&t);
    free(t.ev);
    sg_arena_release(&ar);
out_store:
    sg_store_close(st);
    return rc;
}

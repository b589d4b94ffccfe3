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

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct event {
    int64_t at;
    int order; /* ties: decision, approval, notification, deployed, acceptance */
    const char *id, *kind;
    struct sg_buf text;
};

struct tl {
    int json;
    struct sg_store *st;
    struct sg_arena *ar;
    struct event *ev;
    size_t nev;
};

static const char *who(struct tl *t, const char *id)
{
    const char *name = sg_q_name(t->st, id, t->ar);
    enum sg_party p;
    struct sg_error err;
    const char *kind;
    sg_error_init(&err);
    sg_q_party(t->st, id, &p, &err);
    kind = p == SG_PARTY_KNOWN_HUMAN ? "known human" : p == SG_PARTY_NON_HUMAN ? "non-human"
                                                                                 : "unknown id";
    struct sg_buf b = {0};
    const char *s;
    if (name != NULL)
        sg_buf_printf(&b, "%s (%s, %s)", name, id, kind);
    else
        sg_buf_printf(&b, "%s (%s)", id, kind);
    s = sg_arena_strdup(t->ar, sg_buf_str(&b));
    sg_buf_release(&b);
    return s;
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
    for (size_t i = 0; i < t->nev; i++)
        sg_buf_release(&t->ev[i].text);
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
    for (size_t i = 0; i < nap; i++) {
        e = add(t, ap[i].at, 1, "approval", ap[i].id);
        sg_buf_printf(&e->text, "%s by %s [approval %s%s%s]", ap[i].outcome, who(t, ap[i].by),
                      ap[i].id, ap[i].decision ? "" : ", via change ref ",
                      ap[i].decision ? "" : ap[i].change_ref);
    }
    for (size_t i = 0; i < nnt; i++) {
        int64_t w = nt[i].window >= 0 ? nt[i].window : o->settings->veto_window;
        e = add(t, nt[i].at, 2, "notification", nt[i].id);
        sg_buf_printf(&e->text, "notified %s, veto window %s [notification %s]", who(t, nt[i].to),
                      sg_duration_format(ts, w), nt[i].id);
    }
    if (strcmp(d->outcome, "act") == 0 && d->t != d->at) {
        e = add(t, d->t, 3, "deployed", d->id);
        sg_buf_printf(&e->text, "deployed%s%s", d->change_ref ? " as change " : "",
                      d->change_ref ? d->change_ref : "");
    }
    for (size_t i = 0; i < nacc; i++) {
        e = add(t, acc[i].ack, 4, "risk_acceptance", acc[i].id);
        sg_buf_printf(&e->text, "risk accepted by %s%s%s [acceptance %s]", who(t, acc[i].owner),
                      acc[i].has_expires ? ", expires " : "",
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
        sg_buf_printf(&b, ",\"line\":%ld}\n", d->line);
        fputs(sg_buf_str(&b), stdout);
        sg_buf_release(&b);
        return 0;
    }
    printf("\n%s %s (matched as %s)\n", strcmp(d->outcome, "act") == 0 ? "change" :
           strcmp(d->outcome, "defer") == 0 ? "deferral" : "escalation", d->id, match);
    for (size_t i = 0; i < t->nev; i++)
        printf("  %-30s %s\n", sg_time_format(ts, t->ev[i].at), sg_buf_str(&t->ev[i].text));
    switch (v.state) {
    case SG_ST_TRACED:
        printf("  verdict: TRACED by %s, named human %s [%s]\n", sg_path_name(v.path),
               who(t, v.by), v.via);
        break;
    case SG_ST_UNTRACED:
        printf("  verdict: UNTRACED CHANGE: %s\n", reasons);
        break;
    case SG_ST_DOCUMENTED:
        printf("  verdict: documented deferral, risk accepted by %s [%s]\n", who(t, v.by), v.via);
        break;
    case SG_ST_UNDOCUMENTED:
        printf("  verdict: UNDOCUMENTED DEFERRAL: %s\n", reasons);
        break;
    case SG_ST_ANSWERED:
        printf("  verdict: escalation answered by %s [%s]\n", v.by ? who(t, v.by) : "?",
               v.via ? v.via : "");
        break;
    case SG_ST_ORPHANED:
        printf("  verdict: ORPHANED ESCALATION: no human answered by %s\n",
               sg_time_format(ts, v.when));
        break;
    default:
        printf("  verdict: pending: due %s, after the as-of time\n", sg_time_format(ts, v.when));
    }
    printf("  judged at %s; required tier %lld; record %s:%ld\n", sg_time_format(ts, v.when),
           (long long)v.required_tier, d->source, d->line);
    return 0;
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
        sg_buf_adds(&s, "}\n");
        fputs(sg_buf_str(&s), stdout);
        sg_buf_release(&s);
        return 1;
    }
    printf("\nexposure %s: %s on %s\n", x.id, x.vuln, x.asset);
    struct {
        int64_t at;
        char text[160];
    } ev[3];
    int n = 0;
    ev[n].at = x.first_seen;
    snprintf(ev[n++].text, sizeof(ev[0].text), "first seen by the scanner");
    ev[n].at = v.when;
    snprintf(ev[n++].text, sizeof(ev[0].text), "remediation deadline (first seen + SLA)");
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
        printf("  %-30s %s\n", sg_time_format(a, ev[i].at), ev[i].text);
    switch (v.state) {
    case SG_ST_SILENT:
        printf("  verdict: SILENT DEFERRAL: overdue, and no decision about it was made by the "
               "deadline\n");
        break;
    case SG_ST_BREACH:
        printf("  verdict: SLA BREACH: overdue; a decision about it was made, but no fix by "
               "the deadline\n");
        break;
    case SG_ST_EXCUSED:
        printf("  verdict: overdue, excused by risk acceptance %s (%s)\n", v.via, who(t, v.by));
        break;
    case SG_ST_REMEDIATED:
        printf("  verdict: remediated by the deadline, at %s\n", sg_time_format(b, v.remediated_at));
        break;
    case SG_ST_NOT_DUE:
        printf("  verdict: not yet due at the as-of time\n");
        break;
    default:
        printf("  verdict: remediated late, before this period: not judged in it\n");
    }
    (void)c;
    return 1;
}

int cmd_trace(int argc, char **argv)
{
    static const struct option opts[] = {{"store", required_argument, NULL, 's'},
                                         {"settings", required_argument, NULL, 'S'},
                                         {"period", required_argument, NULL, 'p'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    static const char *const names[] = {"store", "settings", "period", "json", "help", NULL};
    const char *store_path = NULL, *settings = NULL, *period = NULL, *id;
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
        switch (c) {
        case 's':
            store_path = optarg;
            break;
        case 'S':
            settings = optarg;
            break;
        case 'p':
            period = optarg;
            break;
        case 'j':
            json = 1;
            break;
        case 'h':
            cli_print_help("trace");
            return cli_finish_stdout(0);
        case ':':
            return cli_usage("trace", "option \"%s\" needs a value", argv[optind - 1]);
        default:
            return cli_usage("trace", "unknown option \"%s\"%s", argv[optind - 1],
                             cli_suggest_option(argv[optind - 1], names));
        }
    }
    if (optind >= argc)
        return cli_usage("trace", "no ID given");
    id = argv[optind++];
    if ((rc = cli_judge_prepare(&j, "trace", settings, period)) != 0)
        return rc;
    if ((rc = cli_load_evidence(&st, store_path, argv + optind, argc - optind, "trace")) != 0)
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
        printf("signoff trace \"%s\": as of %s (period %s)\n", id, sg_time_format(ts, j.period.to),
               j.period.label);
        printf("matches: %zu decision%s by id, %zu by change ref, %zu by vulnerability, %zu "
               "exposure%s\n",
               n_id, n_id == 1 ? "" : "s", n_ref, n_vuln, n_expo, n_expo == 1 ? "" : "s");
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
            else if (!found && !json)
                printf("\ndecision %s (matched as %s): decided at or after the as-of time; not "
                       "judged\n",
                       groups[g].ids[i], groups[g].label);
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

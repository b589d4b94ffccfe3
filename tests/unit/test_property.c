/* test_property.c: invariants of the trace engine over 1 000 random estates (issue 5):
 * every untraced change has a reason (the engine refuses otherwise: rc != 0); a change
 * with a linked refusal at or before t is never traced; output is sorted and stable;
 * evidence dated at or after `to` changes nothing; splitting the input across files
 * changes nothing; the tables a run prepares for speed (sg_q_run_begin) change no
 * verdict: each one equals what the per-record path (`signoff trace`) gives. The estates
 * are small and dense, so that links and boundaries collide often: times fall on a coarse
 * grid around the period's edges. */
#include "harness.h"

#include "signoff/time.h"

static uint64_t rng_state;

static uint64_t rnd(void)
{
    /* splitmix64 */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static int pick(int n)
{
    return (int)(rnd() % (uint64_t)n);
}

/* Q3 2026 is [07-01, 10-01). Times are drawn from a grid of 6-hour steps between
 * 06-20 and 10-10, plus exact edges. */
static void rtime(char *buf, int64_t *out)
{
    int64_t base = sg_time_from_date(2026, 6, 20);
    int64_t t;
    switch (pick(10)) {
    case 0:
        t = sg_time_from_date(2026, 7, 1);
        break;
    case 1:
        t = sg_time_from_date(2026, 10, 1);
        break;
    default:
        t = base + (int64_t)pick(4 * 112) * 6 * 3600 * SG_NS_PER_SEC;
    }
    if (pick(8) == 0)
        t -= SG_NS_PER_SEC;
    *out = t;
    sg_time_format(buf, t);
}

static const char *const people[] = {"alice", "bob",   "svc", "bot",
                                     "bot2",  "ghost", "dual"};
static const char *const assets[] = {"web", "api", "stg", "dev", "nowhere"};
static const char *const vulns[] = {"CVE-1", "CVE-2", "CVE-3"};
static const char *const actions[] = {"patch", "upgrade", "restart", "config_change"};

struct lines {
    char **v;
    size_t n;
};

static void push(struct lines *l, char *line)
{
    l->v = sg_xreallocarray(l->v, l->n + 1, sizeof(*l->v));
    l->v[l->n++] = line;
}

static void lines_free(struct lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static char *join(const struct lines *l, size_t from, size_t step)
{
    struct sg_buf b = {0};
    for (size_t i = from; i < l->n; i += step)
        sg_buf_adds(&b, l->v[i]);
    sg_buf_adds(&b, "");
    return b.data;
}

/* Refusal times per decision, to check the never-traced invariant. */
struct refusals {
    char id[16];  /* decision id */
    int64_t t;    /* the decision's t */
    char ref[16]; /* its change ref ("" none) */
};

/* Every refusal made: linked by decision id or by change ref. */
static struct refusal {
    char key[16];
    int by_ref;
    int64_t at;
} refusal_list[256];
static size_t nrefusals;

static void base_records(struct lines *l)
{
    push(l, sg_xstrdup("{\"kind\":\"identity\",\"id\":\"alice\",\"name\":\"Alice\","
                       "\"human\":true}\n"));
    push(l,
         sg_xstrdup(
             "{\"kind\":\"identity\",\"id\":\"bob\",\"name\":\"Bob\",\"human\":true}\n"));
    push(
        l,
        sg_xstrdup(
            "{\"kind\":\"identity\",\"id\":\"svc\",\"name\":\"svc\",\"human\":false}\n"));
    push(l, sg_xstrdup("{\"kind\":\"identity\",\"id\":\"dual\",\"name\":\"Dual\","
                       "\"human\":true}\n"));
    push(l, sg_xstrdup("{\"kind\":\"agent\",\"id\":\"dual\"}\n"));
    push(l,
         sg_xstrdup(
             "{\"kind\":\"agent\",\"id\":\"bot\",\"credential_scope\":{\"environments\":"
             "[\"production\",\"staging\"],\"assets\":[\"[a-s]*\"]}}\n"));
    push(l, sg_xstrdup("{\"kind\":\"agent\",\"id\":\"bot2\"}\n"));
    push(l,
         sg_xstrdup("{\"kind\":\"asset\",\"id\":\"web\",\"environment\":\"production\","
                    "\"criticality\":\"medium\"}\n"));
    push(l,
         sg_xstrdup("{\"kind\":\"asset\",\"id\":\"api\",\"environment\":\"production\","
                    "\"criticality\":\"critical\"}\n"));
    push(l, sg_xstrdup("{\"kind\":\"asset\",\"id\":\"stg\",\"environment\":\"staging\","
                       "\"criticality\":\"high\"}\n"));
    push(l,
         sg_xstrdup("{\"kind\":\"asset\",\"id\":\"dev\",\"environment\":\"development\","
                    "\"criticality\":\"low\"}\n"));
    push(l, sg_xstrdup(
                "{\"kind\":\"policy\",\"id\":\"P\",\"version\":1,\"signed_by\":\"alice\","
                "\"signed_at\":\"2026-06-01T00:00:00Z\",\"review_by\":"
                "\"2026-09-01T00:00:00Z\",\"scope\":{\"environments\":[\"staging\","
                "\"development\"]}}\n"));
    push(l, sg_xstrdup(
                "{\"kind\":\"policy\",\"id\":\"P\",\"version\":2,\"signed_by\":\"svc\","
                "\"signed_at\":\"2026-07-15T00:00:00Z\"}\n"));
}

/* One random estate: base records, then decisions with their links. Records dated at or
 * after `to` go to `late` when given (they must change nothing). */
static void estate(struct lines *l, struct lines *late, struct refusals *rf, size_t *nrf,
                   int64_t to)
{
    char at[SG_TIME_BUF], t2[SG_TIME_BUF];
    int n = 3 + pick(10);
    base_records(l);
    *nrf = 0;
    for (int i = 0; i < n; i++) {
        int64_t a, dep = 0;
        const char *outcome = pick(3) == 0 ? "defer" : pick(4) == 0 ? "escalate" : "act";
        const char *who = people[pick(7)];
        const char *tg = assets[pick(5)];
        const char *tg2 = assets[pick(5)];
        const char *v = vulns[pick(3)];
        char ref[16] = "";
        struct sg_buf b = {0};
        rtime(at, &a);
        if (pick(3) == 0)
            snprintf(ref, sizeof(ref), "R%d", pick(3));
        sg_buf_printf(
            &b,
            "{\"kind\":\"decision\",\"id\":\"D%02d\",\"agent\":\"%s\",\"at\":\"%s\","
            "\"action\":\"%s\",\"outcome\":\"%s\",\"targets\":[\"%s\",\"%s\"],"
            "\"vulns\":[{\"id\":\"%s\",\"cvss\":%d.5}]",
            i, who, at, actions[pick(4)], outcome, tg, tg2, v, pick(10));
        if (pick(2))
            sg_buf_printf(&b,
                          ",\"factors\":{\"exposure\":\"internal\"},\"rationale\":\"r\","
                          "\"confidence\":0.5");
        if (pick(3) == 0)
            sg_buf_printf(&b, ",\"policy\":{\"id\":\"P\",\"version\":%d}", 1 + pick(3));
        if (pick(3) == 0)
            sg_buf_printf(&b, ",\"tier\":%d", 1 + pick(3));
        dep = a;
        if (strcmp(outcome, "act") == 0) {
            sg_buf_adds(&b, ",\"change\":{");
            int comma = 0;
            if (ref[0]) {
                sg_buf_printf(&b, "\"ref\":\"%s\"", ref);
                comma = 1;
            }
            if (pick(2)) {
                dep = a + (int64_t)pick(3) * 6 * 3600 * SG_NS_PER_SEC;
                sg_buf_printf(&b, "%s\"deployed_at\":\"%s\"", comma ? "," : "",
                              sg_time_format(t2, dep));
                comma = 1;
            }
            if (pick(2)) {
                sg_buf_printf(&b, "%s\"requested_by\":\"%s\"", comma ? "," : "",
                              people[pick(7)]);
                comma = 1;
            }
            sg_buf_printf(&b, "%s\"tests\":{\"result\":\"%s\"},\"rollback_plan\":\"x\"}",
                          comma ? "," : "", pick(4) ? "passed" : "failed");
        }
        sg_buf_adds(&b, "}\n");
        struct lines *dst = a >= to && late ? late : l;
        push(dst, b.data);
        snprintf(rf[*nrf].id, sizeof(rf[*nrf].id), "D%02d", i);
        snprintf(rf[*nrf].ref, sizeof(rf[*nrf].ref), "%s",
                 strcmp(outcome, "act") == 0 ? ref : "");
        rf[*nrf].t = dep;
        (*nrf)++;
        int links = pick(5);
        for (int k = 0; k < links; k++) {
            int64_t lt;
            char lts[SG_TIME_BUF];
            struct sg_buf r = {0};
            /* near the decision: -30h .. +12h on a 6h grid, sometimes +-1ns */
            lt = a + (int64_t)(pick(8) - 5) * 6 * 3600 * SG_NS_PER_SEC;
            if (pick(5) == 0)
                lt += pick(2) ? 1 : -1;
            sg_time_format(lts, lt);
            switch (pick(3)) {
            case 0: {
                const char *oc =
                    pick(3) == 0 ? (pick(2) ? "rejected" : "vetoed") : "approved";
                int by_ref = ref[0] && pick(2);
                sg_buf_printf(&r,
                              "{\"kind\":\"approval\",\"id\":\"A%02d%d\",%s\"by\":\"%s\","
                              "\"at\":\"%s\",\"outcome\":\"%s\"}\n",
                              i, k, "", people[pick(7)], lts, oc);
                /* insert the link member */
                char *s = r.data;
                struct sg_buf x = {0};
                const char *cut = strstr(s, "\"by\"");
                sg_buf_add(&x, s, (size_t)(cut - s));
                if (by_ref)
                    sg_buf_printf(&x, "\"change_ref\":\"%s\",", ref);
                else
                    sg_buf_printf(&x, "\"decision\":\"D%02d\",", i);
                sg_buf_adds(&x, cut);
                sg_buf_release(&r);
                r = x;
                if (strcmp(oc, "approved") != 0 && lt < to && nrefusals < 256) {
                    struct refusal *x2 = &refusal_list[nrefusals++];
                    if (by_ref)
                        snprintf(x2->key, sizeof(x2->key), "%s", ref);
                    else
                        snprintf(x2->key, sizeof(x2->key), "D%02d", i);
                    x2->by_ref = by_ref;
                    x2->at = lt;
                }
                break;
            }
            case 1:
                sg_buf_printf(
                    &r,
                    "{\"kind\":\"notification\",\"id\":\"N%02d%d\",\"decision\":"
                    "\"D%02d\",\"to\":\"%s\",\"at\":\"%s\"%s}\n",
                    i, k, i, people[pick(7)], lts,
                    pick(3) ? "" : ",\"veto_window\":\"PT6H\"");
                break;
            default:
                if (pick(2)) {
                    char ex[SG_TIME_BUF + 16] = "";
                    if (pick(3) == 0) {
                        char e2[SG_TIME_BUF];
                        sg_time_format(e2,
                                       lt + (int64_t)pick(12) * 86400 * SG_NS_PER_SEC);
                        snprintf(ex, sizeof(ex), ",\"expires\":\"%s\"", e2);
                    }
                    sg_buf_printf(
                        &r,
                        "{\"kind\":\"risk_acceptance\",\"id\":\"K%02d%d\",\"decision\":"
                        "\"D%02d\",\"owner\":\"%s\",\"acknowledged_at\":\"%s\"%s}\n",
                        i, k, i, people[pick(7)], lts, ex);
                } else
                    sg_buf_printf(
                        &r,
                        "{\"kind\":\"risk_acceptance\",\"id\":\"K%02d%d\",\"vuln\":"
                        "\"%s\",\"asset\":\"%s\",\"owner\":\"%s\",\"acknowledged_at\":"
                        "\"%s\"}\n",
                        i, k, v, tg, people[pick(7)], lts);
            }
            push(lt >= to && late ? late : l, r.data);
        }
    }
    int nx = pick(4);
    for (int i = 0; i < nx; i++) {
        char fs[SG_TIME_BUF], ls[SG_TIME_BUF];
        int64_t f, ls_t;
        rtime(fs, &f);
        struct sg_buf b = {0};
        sg_buf_printf(
            &b,
            "{\"kind\":\"exposure\",\"id\":\"X%d\",\"vuln\":\"%s\",\"asset\":\"%s\","
            "\"first_seen\":\"%s\",\"cvss\":%d.0",
            i, vulns[pick(3)], assets[pick(5)], fs, pick(11));
        struct sg_buf core = {0};
        sg_buf_adds(&core, sg_buf_str(&b));
        if (pick(2)) {
            ls_t = f + (int64_t)pick(40) * 86400 * SG_NS_PER_SEC;
            sg_buf_printf(&b, ",\"last_seen\":\"%s\",\"status\":\"%s\"",
                          sg_time_format(ls, ls_t), pick(2) ? "fixed" : "open");
        } else {
            ls_t = f;
        }
        sg_buf_adds(&b, "}\n");
        push(f >= to && late ? late : l, b.data);
        if (late && f < to) {
            /* a later observation, at or after to: must change nothing */
            sg_buf_printf(
                &core, ",\"last_seen\":\"%s\",\"status\":\"fixed\"}\n",
                sg_time_format(ls, (ls_t > to ? ls_t : to) + 86400 * SG_NS_PER_SEC));
            push(late, core.data);
        } else {
            sg_buf_release(&core);
        }
    }
}

struct vcheck {
    struct refusals *rf;
    size_t nrf;
    int bad;
};

static int verdict(void *ctx, const struct sg_verdict *v)
{
    struct vcheck *c = ctx;
    if (v->kind != SG_VK_CHANGE || v->state != SG_ST_TRACED)
        return 0;
    for (size_t i = 0; i < c->nrf; i++) {
        if (strcmp(c->rf[i].id, v->decision->id) != 0)
            continue;
        for (size_t k = 0; k < nrefusals; k++) {
            const struct refusal *r = &refusal_list[k];
            int linked = r->by_ref ? c->rf[i].ref[0] && strcmp(r->key, c->rf[i].ref) == 0
                                   : strcmp(r->key, c->rf[i].id) == 0;
            if (linked && r->at <= c->rf[i].t) {
                print_error("%s traced despite a refusal at or before t\n",
                            v->decision->id);
                c->bad = 1;
            }
        }
    }
    if (v->by == NULL) {
        print_error("%s traced without a named human\n", v->decision->id);
        c->bad = 1;
    }
    return 0;
}

static void check_sorted(const char *out)
{
    const char *prev = NULL, *p = out;
    while (*p) {
        const char *nl = strchr(p, '\n');
        assert_non_null(nl);
        if (prev != NULL) {
            /* lines start {"finding":CODE,"subject":ID: byte order of the line prefix up
               to the reasons is the (finding, subject) order */
            const char *pr = strstr(prev, ",\"reasons\"");
            const char *cr = strstr(p, ",\"reasons\"");
            size_t lp = (size_t)(pr - prev), lc = (size_t)(cr - p);
            int c = memcmp(prev, p, lp < lc ? lp : lc);
            assert_true(c < 0 || (c == 0 && lp < lc));
        }
        prev = p;
        p = nl + 1;
    }
}

/* One verdict as text: everything a verdict says. */
static void verdict_text(struct sg_buf *b, const struct sg_verdict *v)
{
    sg_buf_printf(b, "%d %s %d %d %s %s %u %lld %d %lld %lld\n", (int)v->kind,
                  v->decision ? v->decision->id : v->exposure->id, (int)v->state,
                  (int)v->path, v->by ? v->by : "-", v->via ? v->via : "-", v->reasons,
                  (long long)v->required_tier, v->production, (long long)v->remediated_at,
                  (long long)v->when);
    if (v->decision != NULL) {
        /* and what the decision query gave: the scan's merge joins and a lookup alike */
        const struct sg_decision *d = v->decision;
        sg_buf_printf(b, "  facts %u tier %d %lld at %s:%ld targets", d->facts,
                      d->has_tier, (long long)d->tier, d->source ? d->source : "-",
                      d->line);
        for (size_t i = 0; i < d->ntargets; i++)
            sg_buf_printf(b, " %s", d->targets[i]);
        sg_buf_adds(b, " vulns");
        for (size_t i = 0; i < d->nvulns; i++)
            sg_buf_printf(b, " %s", d->vulns[i]);
        sg_buf_addc(b, '\n');
    }
}

struct run_list {
    struct sg_buf text; /* the run's verdicts */
    struct sg_buf ids;  /* 'd' or 'x', the id, NUL-terminated, one after another */
};

static int collect(void *ctx, const struct sg_verdict *v)
{
    struct run_list *r = ctx;
    verdict_text(&r->text, v);
    sg_buf_addc(&r->ids, v->decision ? 'd' : 'x');
    sg_buf_add(&r->ids, v->decision ? v->decision->id : v->exposure->id,
               strlen(v->decision ? v->decision->id : v->exposure->id) + 1);
    return 0;
}

/* The run's verdicts equal each record judged alone, outside a run. */
static void check_run_equals_single(const char *records)
{
    char *path = th_tmpfile(records, ".jsonl");
    char *args[1] = {path};
    struct sg_store *st = NULL;
    struct sg_inputs in = {0};
    struct sg_ingest_stats is;
    struct sg_error err;
    struct sg_settings set;
    struct sg_trace_stats ts;
    struct run_list r = {{0}, {0}};
    struct sg_buf alone = {0};
    struct sg_arena ar;
    const char *why;

    sg_error_init(&err);
    sg_settings_defaults(&set);
    sg_arena_init(&ar);
    assert_int_equal(sg_inputs_open(&in, args, 1, &err), 0);
    assert_int_equal(sg_store_open(&st, NULL, 0, &err), 0);
    assert_int_equal(sg_store_begin(st, &err), 0);
    assert_int_equal(sg_ingest_inputs(st, &in, 0, NULL, NULL, &is, &err), 0);
    assert_int_equal(sg_store_commit(st, &err), 0);
    struct sg_trace_opts o = {&set, {0}, collect, &r};
    assert_int_equal(sg_period_parse(&o.period, "2026-Q3", &why), 0);
    assert_int_equal(sg_trace_run(st, &o, &ts, &err), 0);
    sg_store_rollback(st); /* no transaction is open: this only forgets the lookups */
    for (size_t at = 0; at < r.ids.len;) {
        const char *id = r.ids.data + at + 1;
        struct sg_verdict v;
        sg_arena_reset(&ar);
        if (r.ids.data[at] == 'd') {
            struct sg_decision d;
            assert_int_equal(sg_q_decision_core(st, id, o.period.to, &ar, &d, &err), 1);
            assert_int_equal(sg_trace_decision(st, &o, &d, &ar, &v, &err), 0);
            verdict_text(&alone, &v);
            sg_decision_release(&d);
        } else {
            struct sg_exposure x;
            assert_int_equal(sg_q_exposure(st, id, o.period.to, &ar, &x, &err), 1);
            assert_int_equal(sg_trace_exposure(st, &o, &x, &ar, &v, &err), 0);
            verdict_text(&alone, &v);
        }
        at += strlen(id) + 2;
    }
    assert_string_equal(sg_buf_str(&r.text), sg_buf_str(&alone));
    sg_buf_release(&r.text);
    sg_buf_release(&r.ids);
    sg_buf_release(&alone);
    sg_arena_release(&ar);
    sg_store_close(st);
    sg_inputs_release(&in);
    unlink(path);
    free(path);
}

static void test_property__invariants_hold_on_1000_estates(void **state)
{
    (void)state;
    const int64_t to = sg_time_from_date(2026, 10, 1);
    for (int seed = 1; seed <= 1000; seed++) {
        struct lines l = {0}, late = {0};
        struct refusals rf[64];
        size_t nrf;
        rng_state = (uint64_t)seed * 7919u;
        nrefusals = 0;
        estate(&l, &late, rf, &nrf, to);
        char *all = join(&l, 0, 1);
        struct vcheck vc = {rf, nrf, 0};
        struct th_result a = th_run_v(all, "2026-Q3", NULL, verdict, &vc);
        if (a.rc != 0)
            print_error("seed %d: %s\n", seed, a.err);
        assert_int_equal(a.rc, 0);
        assert_int_equal(vc.bad, 0);
        check_sorted(a.findings);

        /* stable */
        struct th_result b = th_run(all, "2026-Q3", NULL);
        assert_string_equal(a.findings, b.findings);

        /* evidence dated at or after to changes nothing */
        struct sg_buf more = {0};
        sg_buf_adds(&more, all);
        for (size_t i = 0; i < late.n; i++)
            sg_buf_adds(&more, late.v[i]);
        struct th_result c = th_run(sg_buf_str(&more), "2026-Q3", NULL);
        if (c.rc != 0)
            print_error("seed %d (late): %s\n", seed, c.err);
        assert_string_equal(a.findings, c.findings);

        /* splitting the input across files changes nothing */
        char *p0 = join(&l, 0, 3), *p1 = join(&l, 1, 3), *p2 = join(&l, 2, 3);
        const char *parts[3] = {p2, p0, p1};
        struct th_result d = th_run_files(parts, 3, "2026-Q3", NULL, NULL, NULL);
        assert_string_equal(a.findings, d.findings);

        /* the run's prepared tables and remembered lookups change no verdict */
        check_run_equals_single(all);

        free(p0);
        free(p1);
        free(p2);
        free(a.findings);
        free(b.findings);
        free(c.findings);
        free(d.findings);
        sg_buf_release(&more);
        free(all);
        lines_free(&l);
        lines_free(&late);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_property__invariants_hold_on_1000_estates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

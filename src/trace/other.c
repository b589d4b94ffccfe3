/* trace/other.c: SPEC §4 Other findings of each decision judged in the period. */
#include "trace_int.h"

#include "signoff/json.h"
#include "signoff/time.h"

#include <fnmatch.h>
#include <string.h>

static const char *str_list_json(struct sg_arena *ar, const char **v, size_t n)
{
    struct sg_buf b = {0};
    const char *s;
    sg_buf_addc(&b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            sg_buf_addc(&b, ',');
        sg_json_put_string(&b, v[i]);
    }
    sg_buf_addc(&b, ']');
    s = sg_arena_strdup(ar, sg_buf_str(&b));
    sg_buf_release(&b);
    return s;
}

int sg_tr_other(struct sg_store *st, const struct sg_trace_opts *o,
                const struct sg_decision *d, const struct sg_verdict *v,
                struct sg_arena *ar, struct sg_trace_stats *stats, struct sg_error *err)
{
    const unsigned f = d->facts;
    const char *list[8];
    size_t n = 0;
    enum sg_party decider;
    struct targets tg;
    int is_change = strcmp(d->outcome, "act") == 0;
    const char **ids = sg_arena_alloc(ar, (d->ntargets + 1) * sizeof(*ids));
    size_t nids = 0;

    if (sg_tr_party(st, d->agent, &decider, err) != 0 ||
        sg_tr_targets(st, o->settings, d, ar, &tg, err) != 0)
        return -1;

    /* incomplete-record: vulns for patch/upgrade or defer; factors and rationale always;
       confidence and policy unless the decider is a known human (sorted: these are) */
    if (decider != SG_PARTY_KNOWN_HUMAN && (f & SG_DF_NO_CONFIDENCE))
        list[n++] = "confidence";
    if (f & SG_DF_NO_FACTORS)
        list[n++] = "factors";
    if (decider != SG_PARTY_KNOWN_HUMAN && (f & SG_DF_NO_POLICY))
        list[n++] = "policy";
    if (f & SG_DF_NO_RATIONALE)
        list[n++] = "rationale";
    if ((strcmp(d->action, "patch") == 0 || strcmp(d->action, "upgrade") == 0 ||
         strcmp(d->outcome, "defer") == 0) &&
        (f & SG_DF_NO_VULNS))
        list[n++] = "vulns";
    if (n > 0 && sg_tr_finding(st, SG_F_INCOMPLETE_RECORD, d->id,
                               str_list_json(ar, list, n), stats, err) != 0)
        return -1;

    /* context-free-severity: a vulns[] entry has a cvss and factors has none of
       exposure, exploitability, business_criticality (a factor counts when not Missing)
     */
    if ((f & SG_DF_CVSS) && (f & SG_DF_NO_CONTEXT) &&
        sg_tr_finding(st, SG_F_CONTEXT_FREE_SEVERITY, d->id, "[]", stats, err) != 0)
        return -1;

    /* tier-understated: the claimed tier < the required tier (no tier, no finding) */
    if (d->has_tier && d->tier < tg.required_tier &&
        sg_tr_finding(st, SG_F_TIER_UNDERSTATED, d->id, "[]", stats, err) != 0)
        return -1;

    /* scope-exceeded: the decider is an agent with a credential_scope and a target lies
       outside it (environment not in environments when given; id matching none of the
       assets globs when given: fnmatch, FNM_NOESCAPE, C locale) */
    {
        int is_agent;
        json_t *scope = NULL;
        if (sg_q_agent(st, d->agent, &is_agent, &scope, err) != 0)
            return -1;
        if (is_agent && scope != NULL) {
            json_t *envs = json_object_get(scope, "environments");
            json_t *globs = json_object_get(scope, "assets");
            for (size_t i = 0; i < tg.n; i++) {
                const struct target *t = &tg.v[i];
                int outside = 0;
                if (envs != NULL) {
                    int in = 0;
                    size_t k;
                    json_t *e;
                    json_array_foreach(
                        envs, k, e) if (t->known && json_is_string(e) &&
                                        strcmp(json_string_value(e), t->environment) == 0)
                        in = 1;
                    if (!in)
                        outside = 1;
                }
                if (globs != NULL) {
                    int match = 0;
                    size_t k;
                    json_t *e;
                    json_array_foreach(globs, k, e) if (json_is_string(e) &&
                                                        fnmatch(json_string_value(e),
                                                                t->id, FNM_NOESCAPE) == 0)
                        match = 1;
                    if (!match)
                        outside = 1;
                }
                if (outside)
                    ids[nids++] = t->id;
            }
            json_decref(scope);
            if (nids > 0 && sg_tr_finding(st, SG_F_SCOPE_EXCEEDED, d->id,
                                          str_list_json(ar, ids, nids), stats, err) != 0)
                return -1;
        } else {
            json_decref(scope);
        }
    }

    /* untested-change / no-rollback-plan: a change with a known production target */
    if (is_change && tg.production) {
        if (!(f & SG_DF_TESTS_PASSED) &&
            sg_tr_finding(st, SG_F_UNTESTED_CHANGE, d->id, "[]", stats, err) != 0)
            return -1;
        if ((f & SG_DF_NO_ROLLBACK) &&
            sg_tr_finding(st, SG_F_NO_ROLLBACK_PLAN, d->id, "[]", stats, err) != 0)
            return -1;
    }

    /* stale-policy: a cited policy past review or older than policy_max_age at the
       decision's at; one finding per ID@VERSION per period */
    if (d->policy_id != NULL) {
        struct sg_policy p;
        int found =
            sg_q_policy(st, d->policy_id, d->policy_version, o->period.to, ar, &p, err);
        if (found < 0)
            return -1;
        if (found) {
            int stale =
                (p.has_review_by && d->at > p.review_by) ||
                (p.has_signed_at &&
                 sg_time_diff_cmp(d->at, p.signed_at, o->settings->policy_max_age) > 0);
            json_decref(p.scope);
            if (stale) {
                struct sg_buf b = {0};
                sg_buf_printf(&b, "%s@%lld", d->policy_id, (long long)d->policy_version);
                int rc = sg_tr_finding(st, SG_F_STALE_POLICY, sg_buf_str(&b), "[]", stats,
                                       err);
                sg_buf_release(&b);
                if (rc != 0)
                    return -1;
            }
        }
    }

    /* unknown-asset: reasons list the unknown targets */
    nids = 0;
    for (size_t i = 0; i < tg.n; i++)
        if (!tg.v[i].known)
            ids[nids++] = tg.v[i].id;
    if (nids > 0 && sg_tr_finding(st, SG_F_UNKNOWN_ASSET, d->id,
                                  str_list_json(ar, ids, nids), stats, err) != 0)
        return -1;
    (void)v;
    return 0;
}

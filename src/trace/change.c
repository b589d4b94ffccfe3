/* trace/change.c: SPEC §4 Changes — the three authorization paths, in order, and every
 * untraced reason. A change called traced that is not is the worst bug this product
 * can have: each condition below quotes its clause. */
#include "trace_int.h"

#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <stdio.h>

#include <string.h>

int sg_tr_contains(const char *const *v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return 1;
    return 0;
}

int sg_tr_party(struct sg_store *st, const char *id, enum sg_party *out, struct sg_error *err)
{
    return sg_q_party(st, id, out, err);
}

int sg_tr_targets(struct sg_store *st, const struct sg_settings *set, const struct sg_decision *d,
                  struct sg_arena *ar, struct targets *out, struct sg_error *err)
{
    memset(out, 0, sizeof(*out));
    out->v = sg_arena_alloc(ar, (d->ntargets + 1) * sizeof(*out->v));
    out->n = d->ntargets;
    /* SPEC §4 Required tier: tiers.default when targets is empty */
    out->required_tier = d->ntargets == 0 ? set->tier_default : INT64_MIN;
    for (size_t i = 0; i < d->ntargets; i++) {
        struct sg_asset a;
        struct target *t = &out->v[i];
        int found = sg_q_asset(st, d->targets[i], ar, &a, err);
        int64_t tier;
        if (found < 0)
            return -1;
        t->id = d->targets[i];
        t->known = found;
        if (found) {
            t->environment = a.environment;
            t->criticality = a.criticality;
            tier = sg_settings_tier(set, a.environment, a.criticality);
            if (strcmp(a.environment, "production") == 0)
                out->production = 1;
        } else {
            tier = 3; /* "A target that is not a known asset counts as tier 3" */
            out->unknown++;
        }
        if (tier > out->required_tier)
            out->required_tier = tier;
    }
    return 0;
}

static int list_has(const json_t *arr, const char *s)
{
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) if (json_is_string(e) && strcmp(json_string_value(e), s) == 0)
        return 1;
    return 0;
}

/* SPEC §4 Scopes: an absent key restricts nothing; an empty list allows nothing; an
 * unknown target is outside any scope that restricts environments or criticality. */
static int policy_scope_covers(const json_t *scope, const struct sg_decision *d,
                               const struct targets *tg)
{
    json_t *envs, *maxc, *actions;
    int max_level = 0;

    if (scope == NULL)
        return 1;
    envs = json_object_get(scope, "environments");
    maxc = json_object_get(scope, "max_criticality");
    actions = json_object_get(scope, "actions");
    if (json_is_string(maxc) && json_string_length(maxc) > 0)
        max_level = sg_level_lookup(json_string_value(maxc));
    if (actions != NULL && !list_has(actions, d->action))
        return 0;
    for (size_t i = 0; i < tg->n; i++) {
        const struct target *t = &tg->v[i];
        if (envs != NULL && (!t->known || !list_has(envs, t->environment)))
            return 0;
        if (max_level > 0 && (!t->known || t->criticality > max_level))
            return 0;
    }
    return 1;
}

int sg_tr_policy_valid(const struct sg_settings *set, const struct sg_decision *d,
                       const struct sg_policy *p, enum sg_party signer, const struct targets *tg)
{
    /* SPEC §4 Changes, rule 3: signed_by a known human, signed_at <= at, at <= review_by
       (when given), at - signed_at <= policy_max_age, scope covers every target's
       environment and criticality and the action. A policy without signed_at is never
       valid authorization. */
    if (p->signed_by == NULL || signer != SG_PARTY_KNOWN_HUMAN)
        return 0;
    if (!p->has_signed_at || p->signed_at > d->at)
        return 0;
    if (p->has_review_by && d->at > p->review_by)
        return 0;
    if (sg_time_diff_cmp(d->at, p->signed_at, set->policy_max_age) > 0)
        return 0;
    return policy_scope_covers(p->scope, d, tg);
}

static int is_self(const struct sg_decision *d, const char *id)
{
    return strcmp(id, d->agent) == 0 || (d->requested_by != NULL && strcmp(id, d->requested_by) == 0);
}

int sg_tr_change(struct sg_store *st, const struct sg_trace_opts *o, const struct sg_decision *d,
                 struct sg_arena *ar, struct sg_verdict *v, struct sg_error *err)
{
    const struct sg_settings *set = o->settings;
    const int64_t to = o->period.to, t = d->t;
    const int64_t oldest = sg_time_sub(t, set->approval_max_age);
    struct sg_approval *ap = NULL;
    struct sg_notification *nt = NULL;
    size_t nap = 0, nnt = 0;
    struct targets tg;
    struct sg_policy pol;
    int cited = d->policy_id != NULL, pol_found = 0, pol_valid = 0;
    int blocked = 0, any_approved = 0;
    const struct sg_approval *qa = NULL;
    const struct sg_notification *vw = NULL;
    unsigned r = 0;
    enum sg_party party;

    memset(v, 0, sizeof(*v));
    memset(&pol, 0, sizeof(pol));
    v->kind = SG_VK_CHANGE;
    v->decision = d;
    v->when = t;
    v->remediated_at = SG_TIME_MAX;
    if (sg_tr_targets(st, set, d, ar, &tg, err) != 0 ||
        sg_q_approvals(st, d, to, ar, &ap, &nap, err) != 0 ||
        sg_q_notifications(st, d->id, to, ar, &nt, &nnt, err) != 0)
        return -1;
    v->required_tier = tg.required_tier;
    v->production = tg.production;
    if (cited) {
        pol_found = sg_q_policy(st, d->policy_id, d->policy_version, to, ar, &pol, err);
        if (pol_found < 0)
            return -1;
        if (pol_found) {
            enum sg_party signer = SG_PARTY_UNKNOWN;
            if (pol.signed_by != NULL && sg_tr_party(st, pol.signed_by, &signer, err) != 0) {
                json_decref(pol.scope);
                return -1;
            }
            pol_valid = sg_tr_policy_valid(set, d, &pol, signer, &tg);
        }
        json_decref(pol.scope);
        pol.scope = NULL;
    }

    for (size_t i = 0; i < nap; i++) {
        const struct sg_approval *a = &ap[i];
        int approved = strcmp(a->outcome, "approved") == 0;
        /* "A change with a linked refusal at <= t is never traced" */
        if (!approved) {
            if (a->at <= t)
                blocked = 1;
            continue;
        }
        any_approved = 1;
        if (sg_tr_party(st, a->by, &party, err) != 0)
            return -1;
        /* rule 1 (approval): approved, by a known human who is neither the agent nor the
           requester, with t - AMA <= at <= t. Earliest first (list is by at, id). */
        if (qa == NULL && party == SG_PARTY_KNOWN_HUMAN && !is_self(d, a->by) && oldest <= a->at &&
            a->at <= t)
            qa = a;
        if (party == SG_PARTY_NON_HUMAN)
            r |= 1u << SG_R_AGENT_APPROVER;
        if (party == SG_PARTY_UNKNOWN)
            r |= 1u << SG_R_UNKNOWN_APPROVER;
        if (is_self(d, a->by))
            r |= 1u << SG_R_SELF_APPROVAL;
        if (a->at > t)
            r |= 1u << SG_R_APPROVAL_AFTER_DEPLOY;
        if (a->at < oldest)
            r |= 1u << SG_R_STALE_APPROVAL;
    }
    for (size_t i = 0; i < nnt; i++) {
        const struct sg_notification *n = &nt[i];
        int64_t w = n->window >= 0 ? n->window : set->veto_window;
        int64_t closes = sg_time_add(n->at, w);
        if (sg_tr_party(st, n->to, &party, err) != 0)
            return -1;
        /* rule 2 (veto-window): to a known human who is neither the agent nor the
           requester, n + w <= t. Earliest first. */
        if (vw == NULL && party == SG_PARTY_KNOWN_HUMAN && !is_self(d, n->to) && closes <= t)
            vw = n;
        if (is_self(d, n->to))
            r |= 1u << SG_R_SELF_APPROVAL;
        if (party != SG_PARTY_KNOWN_HUMAN)
            r |= 1u << SG_R_NON_HUMAN_NOTIFIED;
        if (n->at > t)
            r |= 1u << SG_R_NOTIFIED_AFTER_DEPLOY;
        if (party == SG_PARTY_KNOWN_HUMAN && n->at <= t && t < closes)
            r |= 1u << SG_R_VETO_WINDOW_OPEN;
    }

    if (!blocked) {
        if (qa != NULL) {
            v->state = SG_ST_TRACED;
            v->path = SG_PATH_APPROVAL;
            v->by = qa->by;
            v->via = qa->id;
            return 0;
        }
        if (tg.required_tier <= 2 && vw != NULL) {
            v->state = SG_ST_TRACED;
            v->path = SG_PATH_VETO_WINDOW;
            v->by = vw->to;
            v->via = vw->id;
            return 0;
        }
        if (tg.required_tier <= 1 && pol_valid) {
            char buf[64];
            v->state = SG_ST_TRACED;
            v->path = SG_PATH_POLICY;
            v->by = pol.signed_by;
            snprintf(buf, sizeof(buf), "@%lld", (long long)d->policy_version);
            struct sg_buf b = {0};
            sg_buf_adds(&b, d->policy_id);
            sg_buf_adds(&b, buf);
            v->via = sg_arena_strdup(ar, sg_buf_str(&b));
            sg_buf_release(&b);
            return 0;
        }
    }

    /* Untraced: every reason that applies. */
    if (blocked)
        r |= 1u << SG_R_DEPLOYED_DESPITE_VETO;
    if (!any_approved && nnt == 0 && !cited)
        r |= 1u << SG_R_NO_AUTHORIZATION;
    if ((vw != NULL && tg.required_tier > 2) || (pol_valid && tg.required_tier > 1))
        r |= 1u << SG_R_TIER_TOO_LOW;
    if (cited && !pol_valid)
        r |= 1u << SG_R_INVALID_POLICY;
    v->state = SG_ST_UNTRACED;
    v->path = SG_PATH_UNTRACED;
    v->reasons = r;
    if (r == 0)
        return sg_error_set(err, EX_SOFTWARE, NULL,
                            "internal: untraced change \"%s\" without a reason", d->id);
    return 0;
}

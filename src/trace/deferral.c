/* trace/deferral.c: SPEC §4 Deferrals and Escalations, judged at the due time
 * d = at + AS; pending while at < to <= d. */
#include "trace_int.h"

#include "signoff/time.h"

#include <string.h>

/* Does acceptance a name one of d's pairs (vulns x targets)? */
static int names_pair(const struct sg_decision *d, const struct sg_acceptance *a)
{
    return a->vuln != NULL && a->asset != NULL && sg_tr_contains(d->vulns, d->nvulns, a->vuln) &&
           sg_tr_contains(d->targets, d->ntargets, a->asset);
}

int sg_tr_deferral(struct sg_store *st, const struct sg_trace_opts *o,
                   const struct sg_decision *d, struct sg_arena *ar, struct sg_verdict *v,
                   struct sg_error *err)
{
    const int64_t due = sg_time_add(d->at, o->settings->acceptance_sla);
    struct sg_acceptance *acc = NULL;
    size_t nacc = 0, npairs = d->nvulns * d->ntargets;
    int linked_any = 0, documented = 0;
    unsigned r = 0;
    struct targets tg;

    memset(v, 0, sizeof(*v));
    v->kind = SG_VK_DEFERRAL;
    v->decision = d;
    v->when = due;
    v->remediated_at = SG_TIME_MAX;
    if (sg_tr_targets(st, o->settings, d, ar, &tg, err) != 0)
        return -1;
    v->required_tier = tg.required_tier;
    v->production = tg.production;
    if (o->period.to <= due) {
        v->state = SG_ST_PENDING;
        return 0;
    }
    if (sg_q_acceptances(st, d, o->period.to, ar, &acc, &nacc, err) != 0)
        return -1;
    /* valid[i]: owner a known human, acknowledged_at <= d, expires absent or > d */
    unsigned char *valid = sg_arena_alloc(ar, nacc + 1);
    for (size_t i = 0; i < nacc; i++) {
        const struct sg_acceptance *a = &acc[i];
        enum sg_party owner;
        int linked = a->decision != NULL && strcmp(a->decision, d->id) == 0;
        if (!linked && !names_pair(d, a))
            continue;
        if (sg_tr_party(st, a->owner, &owner, err) != 0)
            return -1;
        valid[i] = owner == SG_PARTY_KNOWN_HUMAN && a->ack <= due && a->expires > due;
        if (linked)
            linked_any = 1;
        if (linked && valid[i] && v->via == NULL) {
            documented = 1;
            v->via = a->id;
            v->by = a->owner;
        }
        /* the defects of every acceptance that links to it or names one of its pairs */
        if (a->ack > due)
            r |= 1u << SG_D_LATE_ACCEPTANCE;
        if (owner == SG_PARTY_NON_HUMAN)
            r |= 1u << SG_D_NON_HUMAN_OWNER;
        if (owner == SG_PARTY_UNKNOWN)
            r |= 1u << SG_D_UNKNOWN_OWNER;
        if (a->expires <= due)
            r |= 1u << SG_D_EXPIRED_ACCEPTANCE;
    }
    /* Documented also when every pair is named by at least one valid acceptance; with no
       pairs, only a decision link documents. */
    int every_valid = npairs > 0, some_unnamed = npairs == 0;
    for (size_t vi = 0; vi < d->nvulns; vi++)
        for (size_t ti = 0; ti < d->ntargets; ti++) {
            int named = 0, named_valid = 0;
            for (size_t i = 0; i < nacc; i++) {
                const struct sg_acceptance *a = &acc[i];
                if (a->vuln != NULL && a->asset != NULL && strcmp(a->vuln, d->vulns[vi]) == 0 &&
                    strcmp(a->asset, d->targets[ti]) == 0) {
                    named = 1;
                    if (valid[i]) {
                        named_valid = 1;
                        if (v->via == NULL && !documented) {
                            v->via = a->id;
                            v->by = a->owner;
                        }
                    }
                }
            }
            if (!named_valid)
                every_valid = 0;
            if (!named)
                some_unnamed = 1;
        }
    if (!documented && every_valid)
        documented = 1;
    if (documented) {
        v->state = SG_ST_DOCUMENTED;
        return 0;
    }
    v->by = v->via = NULL;
    if (!linked_any && some_unnamed)
        r |= 1u << SG_D_NO_ACCEPTANCE;
    v->state = SG_ST_UNDOCUMENTED;
    v->reasons = r;
    if (r == 0)
        return sg_error_set(err, EX_SOFTWARE, NULL,
                            "internal: undocumented deferral \"%s\" without a reason", d->id);
    return 0;
}

int sg_tr_escalation(struct sg_store *st, const struct sg_trace_opts *o,
                     const struct sg_decision *d, struct sg_arena *ar, struct sg_verdict *v,
                     struct sg_error *err)
{
    const int64_t to = o->period.to, due = sg_time_add(d->at, o->settings->acceptance_sla);
    struct sg_approval *ap = NULL;
    struct sg_acceptance *acc = NULL;
    size_t nap = 0, nacc = 0, ncand = 0;
    const char **cand = NULL;
    struct targets tg;
    enum sg_party party;

    memset(v, 0, sizeof(*v));
    v->kind = SG_VK_ESCALATION;
    v->decision = d;
    v->when = due;
    v->remediated_at = SG_TIME_MAX;
    if (sg_tr_targets(st, o->settings, d, ar, &tg, err) != 0)
        return -1;
    v->required_tier = tg.required_tier;
    v->production = tg.production;
    if (to <= due) {
        v->state = SG_ST_PENDING;
        return 0;
    }
    /* answered by a known human's linked approval of any outcome with at <= d */
    if (sg_q_approvals(st, d, to, ar, &ap, &nap, err) != 0)
        return -1;
    for (size_t i = 0; i < nap; i++) {
        if (ap[i].at > due)
            continue;
        if (sg_tr_party(st, ap[i].by, &party, err) != 0)
            return -1;
        if (party == SG_PARTY_KNOWN_HUMAN) {
            v->state = SG_ST_ANSWERED;
            v->by = ap[i].by;
            v->via = ap[i].id;
            return 0;
        }
    }
    /* ... or a known human's acceptance linking to it or naming any one of its pairs,
       acknowledged by d */
    if (sg_q_acceptances(st, d, to, ar, &acc, &nacc, err) != 0)
        return -1;
    for (size_t i = 0; i < nacc; i++) {
        if (acc[i].ack > due)
            continue;
        if (sg_tr_party(st, acc[i].owner, &party, err) != 0)
            return -1;
        if (party == SG_PARTY_KNOWN_HUMAN) {
            v->state = SG_ST_ANSWERED;
            v->by = acc[i].owner;
            v->via = acc[i].id;
            return 0;
        }
    }
    /* ... or traced changes with at < t <= d together covering every pair (every target
       when it names no vulns; with no targets, changes answer nothing). */
    if (d->ntargets > 0) {
        size_t need = d->nvulns > 0 ? d->nvulns * d->ntargets : d->ntargets, have = 0;
        unsigned char *covered = sg_arena_alloc(ar, need);
        const char *first_by = NULL, *first_via = NULL;
        struct sg_arena sub;
        if (sg_q_changes_near(st, d, d->at, due, to, ar, &cand, &ncand, err) != 0)
            return -1;
        sg_arena_init(&sub);
        for (size_t c = 0; c < ncand && have < need; c++) {
            struct sg_decision ch;
            struct sg_verdict cv;
            sg_arena_reset(&sub);
            int found = sg_q_decision_core(st, cand[c], to, &sub, &ch, err);
            if (found < 0 || (found && sg_tr_change(st, o, &ch, &sub, &cv, err) != 0)) {
                if (found)
                    sg_decision_release(&ch);
                sg_arena_release(&sub);
                return -1;
            }
            if (found && cv.state == SG_ST_TRACED) {
                size_t before = have;
                for (size_t ti = 0; ti < d->ntargets; ti++) {
                    if (!sg_tr_contains(ch.targets, ch.ntargets, d->targets[ti]))
                        continue;
                    if (d->nvulns == 0) {
                        if (!covered[ti]) {
                            covered[ti] = 1;
                            have++;
                        }
                        continue;
                    }
                    for (size_t vi = 0; vi < d->nvulns; vi++) {
                        size_t k = vi * d->ntargets + ti;
                        if (!covered[k] && sg_tr_contains(ch.vulns, ch.nvulns, d->vulns[vi])) {
                            covered[k] = 1;
                            have++;
                        }
                    }
                }
                if (have > before && first_by == NULL) {
                    first_by = sg_arena_strdup(ar, cv.by);
                    first_via = sg_arena_strdup(ar, ch.id);
                }
            }
            if (found)
                sg_decision_release(&ch);
        }
        sg_arena_release(&sub);
        if (have == need) {
            v->state = SG_ST_ANSWERED;
            v->by = first_by;
            v->via = first_via;
            return 0;
        }
    }
    v->state = SG_ST_ORPHANED;
    return 0;
}

/* test_rules.c: every rule and every reason of SPEC §4, the case that holds and the case
 * that just fails to hold (equal times, exactly the window, exactly the SLA, one
 * nanosecond past), beyond what test_trace.c covers. Every expected output is derived by
 * hand from SPEC's words; the comment above each test gives the derivation. Test names
 * use the spec's words. docs/rules-tests.md lists what each test covers.
 *
 * To keep the estates readable, records, settings and expected lines are written with
 * single quotes, turned into double quotes before use (sq()); no test datum contains a
 * single quote. */
#include "harness.h"

/* ---- helpers ---- */

static char *sq(const char *s)
{
    char *r = sg_xstrdup(s);
    for (char *p = r; *p; p++)
        if (*p == '\'')
            *p = '"';
    return r;
}

/* The findings (check --json lines) of records judged for period with settings. */
static void expect(const char *records, const char *period, const char *settings,
                   const char *want)
{
    char *r = sq(records), *s = settings ? sq(settings) : NULL, *w = sq(want);
    th_expect(r, period, s, w);
    free(r);
    free(s);
    free(w);
}

/* One line per verdict: "subject:state", for changes ":path", and for traced changes
 * ":named human" (SPEC names a human only for traced changes). */
static int collect_state(void *ctx, const struct sg_verdict *v)
{
    struct sg_buf *b = ctx;
    const char *subject = v->decision ? v->decision->id : v->exposure->id;
    sg_buf_printf(b, "%s:%s", subject, sg_state_name(v->state));
    if (v->kind == SG_VK_CHANGE) {
        sg_buf_printf(b, ":%s", sg_path_name(v->path));
        if (v->state == SG_ST_TRACED && v->by != NULL)
            sg_buf_printf(b, ":%s", v->by);
    }
    sg_buf_addc(b, '\n');
    return 0;
}

/* The verdicts of the decisions (and exposures) judged or pending in the period. */
static void expect_states(const char *records, const char *period, const char *settings,
                          const char *want)
{
    char *r = sq(records), *s = settings ? sq(settings) : NULL;
    struct sg_buf b = {0};
    struct th_result res = th_run_v(r, period, s, collect_state, &b);
    if (res.rc != 0)
        print_error("ingest/trace failed: %s\n", res.err);
    assert_int_equal(res.rc, 0);
    assert_string_equal(sg_buf_str(&b), want);
    free(res.findings);
    sg_buf_release(&b);
    free(r);
    free(s);
}

/* ---- the estate ---- */

/* alice, bob, carol: known humans. svc: identity with human:false. twin: identity with
 * human:true whose id is also an agent's (so not a known human). bot: an agent without a
 * credential scope. ghost (used below) is declared nowhere: unknown.
 * Required tiers with the default settings: web production/medium 2, api
 * production/critical 3, stg staging/high 1 (staging is not listed: tiers.default),
 * dev development/low 1. */
#define BASE                                                                             \
    "{'kind':'identity','id':'alice','name':'Alice','human':true}\n"                     \
    "{'kind':'identity','id':'bob','name':'Bob','human':true}\n"                         \
    "{'kind':'identity','id':'carol','name':'Carol','human':true}\n"                     \
    "{'kind':'identity','id':'svc','name':'svc','human':false}\n"                        \
    "{'kind':'identity','id':'twin','name':'Twin','human':true}\n"                       \
    "{'kind':'agent','id':'twin','name':'Twin'}\n"                                       \
    "{'kind':'agent','id':'bot','name':'Bot'}\n"                                         \
    "{'kind':'asset','id':'web','environment':'production','criticality':'medium'}\n"    \
    "{'kind':'asset','id':'api','environment':'production','criticality':'critical'}\n"  \
    "{'kind':'asset','id':'stg','environment':'staging','criticality':'high'}\n"         \
    "{'kind':'asset','id':'dev','environment':'development','criticality':'low'}\n"

#define Q3 "2026-Q3"
#define Q4 "2026-Q4"

/* A change's t unless said otherwise, and one hour before it. */
#define T "2026-08-10T12:00:00Z"
#define T_1H "2026-08-10T11:00:00Z"

#define DEC(id, agent, at, action, outcome, targets, extra)                              \
    "{'kind':'decision','id':'" id "','agent':'" agent "','at':'" at                     \
    "','action':'" action "','outcome':'" outcome "','targets':[" targets "]" extra      \
    "}\n"
/* factors and rationale: with a known-human decider (carol) the record is complete. */
#define CTX ",'factors':{'exposure':'x'},'rationale':'r'"
#define CHG(members)                                                                     \
    ",'change':{'tests':{'result':'passed'},'rollback_plan':'p'" members "}"
/* A complete change by carol at T: only the rule under test speaks. */
#define ACT(id, targets, extra)                                                          \
    DEC(id, "carol", T, "restart", "act", targets, CTX CHG("") extra)
#define ACTC(id, targets, members, extra)                                                \
    DEC(id, "carol", T, "restart", "act", targets, CTX CHG(members) extra)

#define APPROVAL(id, link, by, at, outcome)                                              \
    "{'kind':'approval','id':'" id "'," link ",'by':'" by "','at':'" at                  \
    "','outcome':'" outcome "'}\n"
#define OK(id, dec, by, at) APPROVAL(id, "'decision':'" dec "'", by, at, "approved")
/* an approval by alice one hour before T: traces a change at T */
#define OK1H(dec) OK("A-" dec, dec, "alice", T_1H)
#define NOTE(id, dec, to, at, extra)                                                     \
    "{'kind':'notification','id':'" id "','decision':'" dec "','to':'" to "','at':'" at  \
    "'" extra "}\n"
#define ACCEPT(id, link, owner, ack, extra)                                              \
    "{'kind':'risk_acceptance','id':'" id "'," link ",'owner':'" owner                   \
    "','acknowledged_at':'" ack "'" extra "}\n"
#define PAIR(v, a) "'vuln':'" v "','asset':'" a "'"
#define LINK(d) "'decision':'" d "'"
#define POLICY(id, ver, extra) "{'kind':'policy','id':'" id "','version':" ver extra "}\n"
/* signed 9.5 days before T by alice: valid for a change at T */
#define SIGNED ",'signed_by':'alice','signed_at':'2026-08-01T00:00:00Z'"
#define CITE(id, ver) ",'policy':{'id':'" id "','version':" ver "}"

/* A deferral by carol at 08-01 00:00: due time d = 08-06 00:00 (AS = P5D). */
#define D_AT "2026-08-01T00:00:00Z"
#define D_DUE "2026-08-06T00:00:00Z"
#define D_DUE_1NS "2026-08-06T00:00:00.000000001Z"
#define V(x) "{'id':'" x "'}"
#define DEFER(id, targets, vulns, extra)                                                 \
    DEC(id, "carol", D_AT, "patch", "defer", targets, CTX ",'vulns':[" vulns "]" extra)
/* An escalation by carol (d = at + P5D). */
#define ESC(id, at, targets, extra)                                                      \
    DEC(id, "carol", at, "restart", "escalate", targets, CTX extra)

#define EXPO(id, vuln, asset, first, extra)                                              \
    "{'kind':'exposure','id':'" id "','vuln':'" vuln "','asset':'" asset                 \
    "','first_seen':'" first "'" extra "}\n"
#define CRIT ",'severity':'critical'"

#define F(code, subject, reasons, severity)                                              \
    "{'finding':'" code "','subject':'" subject "','reasons':[" reasons                  \
    "],'severity':'" severity "'}\n"
#define UNTRACED(id, reasons) F("untraced-change", id, reasons, "high")
#define UNDOC(id, reasons) F("undocumented-deferral", id, reasons, "high")
#define ORPHANED(id) F("orphaned-escalation", id, "", "high")
#define SILENT(id) F("silent-deferral", id, "", "high")
#define BREACH(id) F("sla-breach", id, "", "medium")
#define INCOMPLETE(id, reasons) F("incomplete-record", id, reasons, "low")
#define UNKNOWN_ASSET(id, reasons) F("unknown-asset", id, reasons, "medium")

/* clang-format off */
/* ==== Notation ==== */

/* "a known human is an identity with human: true whose id is not also an agent's" */
static void test_notation__known_human_approval_traces(void **state)
{
    (void)state;
    expect_states(BASE
                  ACT("C1", "'web'", "")
                  OK("A1", "C1", "alice", T_1H),
                  Q3, NULL, "C1:traced:approval:alice\n");
}

/* "Non-human is an agent, or an identity with human: false": agent-approver, alone (the
 * approval is in time, not by carol, no notification, no policy cited). */
static void test_notation__non_human_approvers_are_agent_approver(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'web'", "")
           OK("A1", "C1", "svc", T_1H)
           ACT("C2", "'web'", "")
           OK("A2", "C2", "bot", T_1H),
           Q3, NULL,
           UNTRACED("C1", "'agent-approver'") UNTRACED("C2", "'agent-approver'"));
}

/* twin is an identity with human: true, but also an agent: not a known human. Its
 * approval is agent-approver (not unknown-approver), a notification to it is
 * non-human-notified (its window closed at t: 08:00 + PT4H = 12:00). */
static void test_notation__identity_also_an_agent_is_not_a_known_human(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'web'", "")
           OK("A1", "C1", "twin", T_1H)
           ACT("C2", "'web'", "")
           NOTE("N2", "C2", "twin", "2026-08-10T08:00:00Z", ""),
           Q3, NULL,
           UNTRACED("C1", "'agent-approver'") UNTRACED("C2", "'non-human-notified'"));
}

/* "Unknown is neither": ghost → unknown-approver; notified → non-human-notified. */
static void test_notation__undeclared_id_is_unknown(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'web'", "")
           OK("A1", "C1", "ghost", T_1H)
           ACT("C2", "'web'", "")
           NOTE("N2", "C2", "ghost", "2026-08-10T08:00:00Z", ""),
           Q3, NULL,
           UNTRACED("C1", "'unknown-approver'") UNTRACED("C2", "'non-human-notified'"));
}

/* incomplete-record: "confidence and policy unless the decider is a known human": twin
 * (human:true but an agent) owes both; carol does not. */
static void test_notation__decider_twin_owes_confidence_and_policy(void **state)
{
    (void)state;
    expect(BASE
           DEC("C1", "twin", T, "restart", "act", "'stg'", CTX CHG(""))
           OK1H("C1")
           ACT("C2", "'stg'", "")
           OK1H("C2"),
           Q3, NULL, INCOMPLETE("C1", "'confidence','policy'"));
}

/* ==== Required tier ==== */

/* "the highest over its targets": [stg, dev] is 1 (policy traces); [stg, web] is 2 → the
 * valid policy gives tier-too-low. */
static void test_tier__highest_over_targets_policy(void **state)
{
    (void)state;
    const char *rec = BASE
                      POLICY("P", "1", SIGNED)
                      ACT("C1", "'stg','dev'", CITE("P", "1"))
                      ACT("C2", "'stg','web'", CITE("P", "1"));
    expect_states(rec, Q3, NULL, "C1:traced:policy:alice\nC2:untraced:untraced\n");
    expect(rec, Q3, NULL, UNTRACED("C2", "'tier-too-low'"));
}

/* [web, api] is 3: a valid window (08:00 + PT4H = t) gives tier-too-low; [web, stg] is 2:
 * traced by the window. */
static void test_tier__highest_over_targets_veto_window(void **state)
{
    (void)state;
    const char *rec = BASE
                      ACT("C1", "'web','api'", "")
                      NOTE("N1", "C1", "alice", "2026-08-10T08:00:00Z", "")
                      ACT("C2", "'web','stg'", "")
                      NOTE("N2", "C2", "alice", "2026-08-10T08:00:00Z", "");
    expect_states(rec, Q3, NULL, "C1:untraced:untraced\nC2:traced:veto-window:alice\n");
    expect(rec, Q3, NULL, UNTRACED("C1", "'tier-too-low'"));
}

/* "tiers.default for environments not listed": default 2 puts stg at 2 (policy too low,
 * window fine); default 3 puts it at 3 (window too low too). web keeps its production
 * cell (2) either way. */
static void test_tier__default_for_unlisted_environment(void **state)
{
    (void)state;
    const char *rec = BASE
                      POLICY("P", "1", SIGNED)
                      ACT("C1", "'stg'", CITE("P", "1"))
                      ACT("C2", "'stg'", "")
                      NOTE("N2", "C2", "alice", "2026-08-10T08:00:00Z", "")
                      ACT("C3", "'web'", "")
                      NOTE("N3", "C3", "alice", "2026-08-10T08:00:00Z", "");
    expect(rec, Q3, "{'tiers':{'default':2}}", UNTRACED("C1", "'tier-too-low'"));
    expect(rec, Q3, "{'tiers':{'default':3}}",
           UNTRACED("C1", "'tier-too-low'") UNTRACED("C2", "'tier-too-low'"));
    expect(rec, Q3, NULL, "");
}

/* "tiers.default when targets is empty": default 1 → the policy traces; default 2 → too
 * low. */
static void test_tier__empty_targets_use_default(void **state)
{
    (void)state;
    const char *rec = BASE
                      POLICY("P", "1", SIGNED)
                      ACT("C1", "", CITE("P", "1"));
    expect_states(rec, Q3, NULL, "C1:traced:policy:alice\n");
    expect(rec, Q3, "{'tiers':{'default':2}}", UNTRACED("C1", "'tier-too-low'"));
}

/* SPEC §3: {"tiers": {"staging": {"high": 3}}} changes one cell; "A criticality missing
 * from a listed environment uses tiers.default" (stl, staging/low → 1); production keeps
 * its defaults (web 2). */
static void test_tier__settings_change_one_cell(void **state)
{
    (void)state;
    const char *rec = BASE
                      "{'kind':'asset','id':'stl',"
                      "'environment':'staging','criticality':'low'}\n"
                      POLICY("P", "1", SIGNED)
                      ACT("C1", "'stg'", "")
                      NOTE("N1", "C1", "alice", "2026-08-10T08:00:00Z", "")
                      ACT("C2", "'stl'", CITE("P", "1"))
                      ACT("C3", "'web'", "")
                      NOTE("N3", "C3", "alice", "2026-08-10T08:00:00Z", "");
    const char *set = "{'tiers':{'staging':{'high':3}}}";
    expect_states(rec, Q3, set,
                  "C1:untraced:untraced\nC2:traced:policy:alice\n"
                  "C3:traced:veto-window:alice\n");
    expect(rec, Q3, set, UNTRACED("C1", "'tier-too-low'"));
}

/* Merged "deeper for tiers (per environment and criticality)": production/medium 1 makes
 * web tier 1 (policy traces) while api keeps production/critical 3 (window too low). */
static void test_tier__production_cell_merged_not_replaced(void **state)
{
    (void)state;
    const char *rec = BASE
                      POLICY("P", "1", SIGNED)
                      ACT("C1", "'web'", CITE("P", "1"))
                      ACT("C2", "'api'", "")
                      NOTE("N2", "C2", "alice", "2026-08-10T08:00:00Z", "");
    const char *set = "{'tiers':{'production':{'medium':1}}}";
    expect_states(rec, Q3, set, "C1:traced:policy:alice\nC2:untraced:untraced\n");
    expect(rec, Q3, set, UNTRACED("C2", "'tier-too-low'"));
}

/* "a tier may be any integer": lab/low 0 (≤ 1: policy and window trace; claiming 1 is not
 * understated), lab/high 4 (approval still traces, it has no tier bound; a window is too
 * low; claiming 3 < 4 is understated). */
static void test_tier__zero_and_four(void **state)
{
    (void)state;
    const char *rec = BASE
                      "{'kind':'asset','id':'l0',"
                      "'environment':'lab','criticality':'low'}\n"
                      "{'kind':'asset','id':'l4',"
                      "'environment':'lab','criticality':'high'}\n"
                      POLICY("P", "1", SIGNED)
                      ACT("C1", "'l0'", CITE("P", "1"))
                      ACT("C2", "'l4'", ",'tier':3")
                      OK1H("C2")
                      ACT("C3", "'l4'", "")
                      NOTE("N3", "C3", "alice", "2026-08-10T08:00:00Z", "")
                      ACT("C4", "'l0'", ",'tier':1")
                      NOTE("N4", "C4", "bob", "2026-08-10T08:00:00Z", "");
    const char *set = "{'tiers':{'lab':{'low':0,'high':4}}}";
    expect_states(rec, Q3, set,
                  "C1:traced:policy:alice\n"
                  "C2:traced:approval:alice\nC3:untraced:untraced\n"
                  "C4:traced:veto-window:bob\n");
    expect(rec, Q3, set,
           F("tier-understated", "C2", "", "medium") UNTRACED("C3", "'tier-too-low'"));
}

/* ==== Changes: each untraced reason alone ==== */

/* no approved approval, no notification, no cited policy */
static void test_untraced__no_authorization_alone(void **state)
{
    (void)state;
    expect(BASE ACT("C1", "'web'", ""), Q3, NULL, UNTRACED("C1", "'no-authorization'"));
}

/* A refusal is not an approval "with outcome approved": a change whose only linked
 * approval is a rejection has both deployed-despite-veto and no-authorization. With a
 * valid approval beside the veto: deployed-despite-veto alone. */
static void test_untraced__deployed_despite_veto(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'web'", "")
           APPROVAL("R1", "'decision':'C1'", "bob", T_1H, "rejected")
           ACT("C2", "'web'", "")
           OK1H("C2")
           APPROVAL("R2", "'decision':'C2'", "bob", "2026-08-10T11:30:00Z", "vetoed"),
           Q3, NULL,
           UNTRACED("C1", "'deployed-despite-veto','no-authorization'")
           UNTRACED("C2", "'deployed-despite-veto'"));
}

/* "A change with a linked refusal at ≤ t is never traced", whatever the path: a valid
 * window (C1) and a valid policy at tier 1 (C2), each with a rejection before t. */
static void test_untraced__refusal_blocks_window_and_policy_paths(void **state)
{
    (void)state;
    expect(BASE
           POLICY("P", "1", SIGNED)
           ACT("C1", "'web'", "")
           NOTE("N1", "C1", "alice", "2026-08-10T08:00:00Z", "")
           APPROVAL("R1", "'decision':'C1'", "bob", "2026-08-10T09:00:00Z", "rejected")
           ACT("C2", "'stg'", CITE("P", "1"))
           APPROVAL("R2", "'decision':'C2'", "ghost", T, "rejected"),
           Q3, NULL,
           UNTRACED("C1", "'deployed-despite-veto'")
           UNTRACED("C2", "'deployed-despite-veto'"));
}

/* "self-approval (an approved approval by, or a notification to, the decision's agent or
 * change.requested_by)": carol (the decider, a known human) approving; bob (requester)
 * approving; a closed window notified to carol; one notified to the requester. Each is
 * a known human, in time: self-approval alone. */
static void test_untraced__self_approval_each_way(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'web'", "")
           OK("A1", "C1", "carol", T_1H)
           ACTC("C2", "'web'", ",'requested_by':'bob'", "")
           OK("A2", "C2", "bob", T_1H)
           ACT("C3", "'web'", "")
           NOTE("N3", "C3", "carol", "2026-08-10T08:00:00Z", "")
           ACTC("C4", "'web'", ",'requested_by':'bob'", "")
           NOTE("N4", "C4", "bob", "2026-08-10T08:00:00Z", ""),
           Q3, NULL,
           UNTRACED("C1", "'self-approval'")
           UNTRACED("C2", "'self-approval'")
           UNTRACED("C3", "'self-approval'")
           UNTRACED("C4", "'self-approval'"));
}

/* self-approval with other reasons: a notification to the requester inside its window is
 * also veto-window-open ("a notification to a known human with n ≤ t < n + w"); an
 * approval by an unknown requester is also unknown-approver. */
static void test_untraced__self_approval_with_other_reasons(void **state)
{
    (void)state;
    expect(BASE
           ACTC("C1", "'web'", ",'requested_by':'bob'", "")
           NOTE("N1", "C1", "bob", T_1H, "")
           ACTC("C2", "'web'", ",'requested_by':'ghost'", "")
           OK("A2", "C2", "ghost", T_1H),
           Q3, NULL,
           UNTRACED("C1", "'self-approval','veto-window-open'")
           UNTRACED("C2", "'self-approval','unknown-approver'"));
}

/* "approval-after-deploy (an approved approval with at > t)": 1 ns after t. */
static void test_untraced__approval_after_deploy_alone(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'web'", "")
           OK("A1", "C1", "alice", "2026-08-10T12:00:00.000000001Z"),
           Q3, NULL, UNTRACED("C1", "'approval-after-deploy'"));
}

/* "stale-approval (at < t − AMA)": 1 ns before t − P1D. */
static void test_untraced__stale_approval_alone(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'web'", "")
           OK("A1", "C1", "alice", "2026-08-09T11:59:59.999999999Z"),
           Q3, NULL, UNTRACED("C1", "'stale-approval'"));
}

/* "non-human-notified (a notification to a non-human or unknown id)": svc, window closed;
 * svc and ghost inside the window: still only non-human-notified (veto-window-open is "a
 * notification to a known human"). */
static void test_untraced__non_human_notified_alone(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'web'", "")
           NOTE("N1", "C1", "svc", "2026-08-10T08:00:00Z", "")
           ACT("C2", "'web'", "")
           NOTE("N2", "C2", "svc", T_1H, "")
           ACT("C3", "'web'", "")
           NOTE("N3", "C3", "ghost", T_1H, ""),
           Q3, NULL,
           UNTRACED("C1", "'non-human-notified'")
           UNTRACED("C2", "'non-human-notified'")
           UNTRACED("C3", "'non-human-notified'"));
}

/* "notified-after-deploy (n > t)": alice 1 ns after t; not veto-window-open (n ≤ t
 * fails). */
static void test_untraced__notified_after_deploy_alone(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'web'", "")
           NOTE("N1", "C1", "alice", "2026-08-10T12:00:00.000000001Z", ""),
           Q3, NULL, UNTRACED("C1", "'notified-after-deploy'"));
}

/* "veto-window-open (n ≤ t < n + w)": the window closes 1 ns after t; or notified
 * exactly at t. */
static void test_untraced__veto_window_open_alone(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'web'", "")
           NOTE("N1", "C1", "alice", "2026-08-10T08:00:00.000000001Z", "")
           ACT("C2", "'web'", "")
           NOTE("N2", "C2", "alice", T, ""),
           Q3, NULL,
           UNTRACED("C1", "'veto-window-open'") UNTRACED("C2", "'veto-window-open'"));
}

/* "tier-too-low (a valid veto window exists and the required tier is > 2)": api is 3. */
static void test_untraced__tier_too_low_alone(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'api'", "")
           NOTE("N1", "C1", "alice", "2026-08-10T08:00:00Z", ""),
           Q3, NULL, UNTRACED("C1", "'tier-too-low'"));
}

/* "citing a missing or invalid policy counts as citing and gives invalid-policy": a
 * missing policy, one signed by svc → invalid-policy, never no-authorization; nothing
 * cited → no-authorization. */
static void test_untraced__citing_a_bad_policy_is_not_no_authorization(void **state)
{
    (void)state;
    expect(BASE
           POLICY("PS", "1", ",'signed_by':'svc','signed_at':'2026-08-01T00:00:00Z'")
           ACT("C1", "'stg'", CITE("P-GHOST", "1"))
           ACT("C2", "'stg'", CITE("PS", "1"))
           ACT("C3", "'stg'", ""),
           Q3, NULL,
           UNTRACED("C1", "'invalid-policy'")
           UNTRACED("C2", "'invalid-policy'")
           UNTRACED("C3", "'no-authorization'"));
}

/* "with every reason that applies", "deduplicated and sorted by bytes": C1 (web, tier 2,
 * requested by bob, cites a missing policy):
 *   A1 bot after t → agent-approver, approval-after-deploy; A2 bob 25 h before t →
 *   self-approval, stale-approval; A3 ghost → unknown-approver; N1 svc →
 * non-human-notified; N2 alice after t → notified-after-deploy; N3 alice at t−1h →
 * veto-window-open; R1 rejected at t−2h → deployed-despite-veto; P-GHOST →
 * invalid-policy. No valid window, no valid policy → no tier-too-low; evidence exists →
 * no no-authorization. */
static void test_untraced__ten_reasons_together_sorted(void **state)
{
    (void)state;
    expect(BASE
           ACTC("C1", "'web'", ",'requested_by':'bob'", CITE("P-GHOST", "1"))
           OK("A1", "C1", "bot", "2026-08-10T13:00:00Z")
           OK("A2", "C1", "bob", "2026-08-09T11:00:00Z")
           OK("A3", "C1", "ghost", T_1H)
           NOTE("N1", "C1", "svc", "2026-08-10T07:00:00Z", "")
           NOTE("N2", "C1", "alice", "2026-08-10T12:00:01Z", "")
           NOTE("N3", "C1", "alice", T_1H, "")
           APPROVAL("R1", "'decision':'C1'", "alice", "2026-08-10T10:00:00Z", "rejected"),
           Q3, NULL,
           UNTRACED("C1",
                    "'agent-approver','approval-after-deploy','deployed-despite-veto',"
                    "'invalid-policy','non-human-notified','notified-after-deploy',"
                    "'self-approval','stale-approval','unknown-approver',"
                    "'veto-window-open'"));
}

/* api (tier 3): a valid window AND a valid policy give tier-too-low once; with a stale
 * approval and a machine's veto beside them. On web (tier 2) the same window and policy
 * trace by the window (rule 2 before rule 3). */
static void test_untraced__tier_too_low_once_with_others(void **state)
{
    (void)state;
    const char *rec = BASE
                      POLICY("P", "1", SIGNED)
                      ACT("C1", "'api'", CITE("P", "1"))
                      NOTE("N1", "C1", "alice", "2026-08-10T08:00:00Z", "")
                      OK("A1", "C1", "alice", "2026-08-09T11:00:00Z")
                      APPROVAL("R1", "'decision':'C1'", "svc", "2026-08-10T11:30:00Z",
                               "vetoed")
                      ACT("C2", "'web'", CITE("P", "1"))
                      NOTE("N2", "C2", "alice", "2026-08-10T08:00:00Z", "");
    expect_states(rec, Q3, NULL, "C1:untraced:untraced\nC2:traced:veto-window:alice\n");
    expect(rec, Q3, NULL,
           UNTRACED("C1", "'deployed-despite-veto','stale-approval','tier-too-low'"));
}

/* ==== Changes: order of the paths and the named human ==== */

/* "traced by the first of these that holds": a valid approval (alice) beats a valid
 * window (bob); a valid window (bob) beats a valid policy (alice). */
static void test_path__approval_before_window_before_policy(void **state)
{
    (void)state;
    expect_states(BASE
                  POLICY("P", "1", SIGNED)
                  ACT("C1", "'stg'", CITE("P", "1"))
                  OK1H("C1")
                  NOTE("N1", "C1", "bob", "2026-08-10T07:00:00Z", "")
                  ACT("C2", "'stg'", CITE("P", "1"))
                  NOTE("N2", "C2", "bob", "2026-08-10T07:00:00Z", ""),
                  Q3, NULL, "C1:traced:approval:alice\nC2:traced:veto-window:bob\n");
}

/* "the approver of the earliest qualifying approval (ties by approval id)": svc's 09:00
 * approval does not qualify; bob 10:00 is before alice 11:00. Ties at one instant, in
 * both name orders: C2 B1 (bob) < B2 (alice) → bob; C3 B3 (alice) < B4 (bob) → alice.
 * Across links: C4 G1 (by change_ref, alice) < G2 (by decision, bob) → alice; C5 H1 (by
 * decision, bob) < H2 (by change_ref, alice) → bob. */
static void test_path__earliest_qualifying_approval_ties_by_id(void **state)
{
    (void)state;
    expect_states(BASE
                  ACT("C1", "'web'", "")
                  OK("A0", "C1", "svc", "2026-08-10T09:00:00Z")
                  OK("A3", "C1", "alice", T_1H)
                  OK("A2", "C1", "bob", "2026-08-10T10:00:00Z")
                  ACT("C2", "'web'", "")
                  OK("B2", "C2", "alice", T_1H)
                  OK("B1", "C2", "bob", T_1H)
                  ACT("C3", "'web'", "")
                  OK("B4", "C3", "bob", T_1H)
                  OK("B3", "C3", "alice", T_1H)
                  ACTC("C4", "'web'", ",'ref':'CR-7'", "")
                  OK("G2", "C4", "bob", T_1H)
                  APPROVAL("G1", "'change_ref':'CR-7'", "alice", T_1H, "approved")
                  ACTC("C5", "'web'", ",'ref':'CR-8'", "")
                  APPROVAL("H2", "'change_ref':'CR-8'", "alice", T_1H, "approved")
                  OK("H1", "C5", "bob", T_1H),
                  Q3, NULL,
                  "C1:traced:approval:bob\nC2:traced:approval:bob\n"
                  "C3:traced:approval:alice\n"
                  "C4:traced:approval:alice\nC5:traced:approval:bob\n");
}

/* "the recipient of the earliest qualifying notification (ties by id)": svc at 06:00 does
 * not qualify; bob at 07:00 is before alice at 07:30 (whose own PT1H window closes
 * first). Ties at 07:00 in both name orders: C2 N4 (bob) < N5 (alice) → bob; C3 N6
 * (alice) < N7 (bob) → alice. */
static void test_path__earliest_qualifying_notification_ties_by_id(void **state)
{
    (void)state;
    expect_states(BASE
                  ACT("C1", "'web'", "")
                  NOTE("N0", "C1", "svc", "2026-08-10T06:00:00Z", "")
                  NOTE("N2", "C1", "alice", "2026-08-10T07:30:00Z",
                       ",'veto_window':'PT1H'")
                  NOTE("N3", "C1", "bob", "2026-08-10T07:00:00Z", "")
                  ACT("C2", "'web'", "")
                  NOTE("N5", "C2", "alice", "2026-08-10T07:00:00Z", "")
                  NOTE("N4", "C2", "bob", "2026-08-10T07:00:00Z", "")
                  ACT("C3", "'web'", "")
                  NOTE("N7", "C3", "bob", "2026-08-10T07:00:00Z", "")
                  NOTE("N6", "C3", "alice", "2026-08-10T07:00:00Z", ""),
                  Q3, NULL,
                  "C1:traced:veto-window:bob\nC2:traced:veto-window:bob\n"
                  "C3:traced:veto-window:alice\n");
}

/* ==== Links (SPEC §2) ==== */

/* "through change_ref equal to the decision's change.ref (decisions sharing a ref share
 * those approvals)" */
static void test_link__change_ref_approval_shared_by_two_decisions(void **state)
{
    (void)state;
    expect_states(BASE
                  ACTC("C1", "'web'", ",'ref':'CR-1'", "")
                  ACTC("C2", "'web'", ",'ref':'CR-1'", "")
                  APPROVAL("A1", "'change_ref':'CR-1'", "alice", T_1H, "approved"),
                  Q3, NULL, "C1:traced:approval:alice\nC2:traced:approval:alice\n");
}

/* "an approved one that names a decision belongs to that decision only": A1 names C1 and
 * CR-1 → C1 traced; C2 (ref CR-1) has nothing. A2 names a decision that does not exist
 * and CR-2: it belongs to no stored decision, so C3 (ref CR-2) has nothing either. */
static void test_link__approved_naming_a_decision_belongs_to_it_only(void **state)
{
    (void)state;
    const char *rec = BASE
                      ACTC("C1", "'web'", ",'ref':'CR-1'", "")
                      ACTC("C2", "'web'", ",'ref':'CR-1'", "")
                      APPROVAL("A1", "'decision':'C1','change_ref':'CR-1'", "alice", T_1H,
                               "approved")
                      ACTC("C3", "'web'", ",'ref':'CR-2'", "")
                      APPROVAL("A2", "'decision':'C-NONE','change_ref':'CR-2'", "alice",
                               T_1H, "approved");
    expect_states(rec, Q3, NULL,
                  "C1:traced:approval:alice\n"
                  "C2:untraced:untraced\nC3:untraced:untraced\n");
    expect(rec, Q3, NULL,
           UNTRACED("C2", "'no-authorization'") UNTRACED("C3", "'no-authorization'"));
}

/* "a refusal (§4) through either field": a veto by change_ref blocks both decisions with
 * CR-1; a rejection naming C3 and CR-2 blocks C3 and C4 (ref CR-2) alike; C5 (ref CR-3)
 * is not touched. Each has its own valid approval. */
static void test_link__refusal_through_either_field_blocks_the_whole_ref(void **state)
{
    (void)state;
    expect(BASE
           ACTC("C1", "'web'", ",'ref':'CR-1'", "")
           OK1H("C1")
           ACTC("C2", "'web'", ",'ref':'CR-1'", "")
           OK1H("C2")
           APPROVAL("R1", "'change_ref':'CR-1'", "bob", "2026-08-10T11:30:00Z", "vetoed")
           ACTC("C3", "'web'", ",'ref':'CR-2'", "")
           OK1H("C3")
           ACTC("C4", "'web'", ",'ref':'CR-2'", "")
           OK1H("C4")
           APPROVAL("R3", "'decision':'C3','change_ref':'CR-2'", "bob",
                    "2026-08-10T11:30:00Z", "rejected")
           ACTC("C5", "'web'", ",'ref':'CR-3'", "")
           OK1H("C5"),
           Q3, NULL,
           UNTRACED("C1", "'deployed-despite-veto'")
           UNTRACED("C2", "'deployed-despite-veto'")
           UNTRACED("C3", "'deployed-despite-veto'")
           UNTRACED("C4", "'deployed-despite-veto'"));
}

/* ==== Evidence is frozen at `to` ==== */

#define LATE_T "2026-09-30T12:00:00Z"
#define TO_Q3 "2026-10-01T00:00:00Z"
#define TO_Q3_1NS "2026-09-30T23:59:59.999999999Z"

/* An approval at to does not exist (no-authorization); 1 ns before to it exists, after
 * t (approval-after-deploy). Same for notifications. */
static void test_frozen__approval_and_notification_at_to_do_not_exist(void **state)
{
    (void)state;
    expect(BASE
           DEC("C1", "carol", LATE_T, "restart", "act", "'web'", CTX CHG(""))
           OK("A1", "C1", "alice", TO_Q3)
           DEC("C2", "carol", LATE_T, "restart", "act", "'web'", CTX CHG(""))
           OK("A2", "C2", "alice", TO_Q3_1NS)
           DEC("C3", "carol", LATE_T, "restart", "act", "'web'", CTX CHG(""))
           NOTE("N3", "C3", "alice", TO_Q3, "")
           DEC("C4", "carol", LATE_T, "restart", "act", "'web'", CTX CHG(""))
           NOTE("N4", "C4", "alice", TO_Q3_1NS, ""),
           Q3, NULL,
           UNTRACED("C1", "'no-authorization'")
           UNTRACED("C2", "'approval-after-deploy'")
           UNTRACED("C3", "'no-authorization'")
           UNTRACED("C4", "'notified-after-deploy'"));
}

/* Policies "by signed_at": P signed at to is missing (invalid-policy, and no stale-policy
 * though its review_by has passed); Q signed 1 ns before to exists: signed_at > at →
 * invalid-policy, and past review at at → stale-policy Q@1. */
static void test_frozen__policy_signed_at_to_does_not_exist(void **state)
{
    (void)state;
    expect(BASE
           POLICY("P", "1",
                  ",'signed_by':'alice','signed_at':'"
                  TO_Q3
                  "','review_by':'2026-09-01T00:00:00Z'")
           POLICY("Q", "1",
                  ",'signed_by':'alice','signed_at':'"
                  TO_Q3_1NS
                  "','review_by':'2026-09-01T00:00:00Z'")
           DEC("C1", "carol", LATE_T, "restart", "act", "'stg'",
               CTX CHG("") CITE("P", "1"))
           DEC("C2", "carol", LATE_T, "restart", "act", "'stg'",
               CTX CHG("") CITE("Q", "1")),
           Q3, NULL,
           F("stale-policy", "Q@1", "", "medium")
           UNTRACED("C1", "'invalid-policy'")
           UNTRACED("C2", "'invalid-policy'"));
}

/* Risk acceptances "by acknowledged_at": acknowledged at to → does not exist →
 * no-acceptance; 1 ns before to → exists, after d → late-acceptance. */
static void test_frozen__acceptance_at_to_does_not_exist(void **state)
{
    (void)state;
    expect(BASE
           DEFER("D1", "'web'", V("V1"), "")
           ACCEPT("R1", LINK("D1"), "alice", TO_Q3, "")
           DEFER("D2", "'web'", V("V2"), "")
           ACCEPT("R2", LINK("D2"), "alice", TO_Q3_1NS, ""),
           Q3, NULL, UNDOC("D1", "'no-acceptance'") UNDOC("D2", "'late-acceptance'"));
}

/* ==== t = change.deployed_at ==== */

/* "Its time t is change.deployed_at": deployed a day after at; the approval window is
 * [t − AMA, t] = [08-10 12:00, 08-11 12:00]: 08-11 11:00 traces, 08-10 11:00 is stale. */
static void test_deployed_at__approval_window_from_t(void **state)
{
    (void)state;
    const char *rec = BASE
                      ACTC("C1", "'web'", ",'deployed_at':'2026-08-11T12:00:00Z'", "")
                      OK("A1", "C1", "alice", "2026-08-11T11:00:00Z")
                      ACTC("C2", "'web'", ",'deployed_at':'2026-08-11T12:00:00Z'", "")
                      OK("A2", "C2", "alice", T_1H);
    expect_states(rec, Q3, NULL, "C1:traced:approval:alice\nC2:untraced:untraced\n");
    expect(rec, Q3, NULL, UNTRACED("C2", "'stale-approval'"));
}

/* Deployed at 13:00: a window from 09:00 closes at t (traced); a veto at 12:30 is after
 * at but ≤ t → blocks. */
static void test_deployed_at__window_and_refusal_against_t(void **state)
{
    (void)state;
    const char *rec = BASE
                      ACTC("C1", "'web'", ",'deployed_at':'2026-08-10T13:00:00Z'", "")
                      NOTE("N1", "C1", "alice", "2026-08-10T09:00:00Z", "")
                      ACTC("C2", "'web'", ",'deployed_at':'2026-08-10T13:00:00Z'", "")
                      OK1H("C2")
                      APPROVAL("R2", "'decision':'C2'", "bob", "2026-08-10T12:30:00Z",
                               "vetoed");
    expect_states(rec, Q3, NULL, "C1:traced:veto-window:alice\nC2:untraced:untraced\n");
    expect(rec, Q3, NULL, UNTRACED("C2", "'deployed-despite-veto'"));
}

/* ==== Policy (rule 3) and its scope ==== */

/* "a key that is absent restricts nothing in its dimension": stg (staging/high, action
 * restart) is covered by {actions:[restart]}, {environments:[staging]} and
 * {max_criticality: high} (exactly its criticality). */
static void test_policy__scope_absent_keys_restrict_nothing(void **state)
{
    (void)state;
    expect_states(BASE
                  POLICY("P", "1", SIGNED ",'scope':{'actions':['restart']}")
                  POLICY("P", "2", SIGNED ",'scope':{'environments':['staging']}")
                  POLICY("P", "3", SIGNED ",'scope':{'max_criticality':'high'}")
                  ACT("C1", "'stg'", CITE("P", "1"))
                  ACT("C2", "'stg'", CITE("P", "2"))
                  ACT("C3", "'stg'", CITE("P", "3")),
                  Q3, NULL,
                  "C1:traced:policy:alice\n"
                  "C2:traced:policy:alice\nC3:traced:policy:alice\n");
}

/* "an empty list allows nothing"; an environment, criticality or action outside the
 * scope → invalid-policy. */
static void test_policy__scope_restrictions_fail(void **state)
{
    (void)state;
    expect(BASE
           POLICY("P", "1", SIGNED ",'scope':{'environments':['production']}")
           POLICY("P", "2", SIGNED ",'scope':{'environments':[]}")
           POLICY("P", "3", SIGNED ",'scope':{'max_criticality':'medium'}")
           POLICY("P", "4", SIGNED ",'scope':{'actions':['patch']}")
           ACT("C1", "'stg'", CITE("P", "1"))
           ACT("C2", "'stg'", CITE("P", "2"))
           ACT("C3", "'stg'", CITE("P", "3"))
           ACT("C4", "'stg'", CITE("P", "4")),
           Q3, NULL,
           UNTRACED("C1", "'invalid-policy'")
           UNTRACED("C2", "'invalid-policy'")
           UNTRACED("C3", "'invalid-policy'")
           UNTRACED("C4", "'invalid-policy'"));
}

/* "≤ max_criticality, ordered low < medium < high < critical", at each boundary (with
 * production/critical and /medium set to tier 1 so the policy path applies):
 * critical ≤ critical ok, critical ≤ high no; medium ≤ medium ok, medium ≤ low no;
 * low ≤ low ok; high ≤ high ok, high ≤ medium no. */
static void test_policy__max_criticality_ordering(void **state)
{
    (void)state;
    const char *rec = BASE
                      POLICY("P", "1", SIGNED ",'scope':{'max_criticality':'critical'}")
                      POLICY("P", "2", SIGNED ",'scope':{'max_criticality':'high'}")
                      POLICY("P", "3", SIGNED ",'scope':{'max_criticality':'medium'}")
                      POLICY("P", "4", SIGNED ",'scope':{'max_criticality':'low'}")
                      ACT("C1", "'api'", CITE("P", "1"))
                      ACT("C2", "'api'", CITE("P", "2"))
                      ACT("C3", "'web'", CITE("P", "3"))
                      ACT("C4", "'web'", CITE("P", "4"))
                      ACT("C5", "'dev'", CITE("P", "4"))
                      ACT("C6", "'stg'", CITE("P", "2"))
                      ACT("C7", "'stg'", CITE("P", "3"));
    const char *set = "{'tiers':{'production':{'critical':1,'medium':1}}}";
    expect(rec, Q3, set,
           UNTRACED("C2", "'invalid-policy'")
           UNTRACED("C4", "'invalid-policy'")
           UNTRACED("C7", "'invalid-policy'"));
}

/* "an unknown target is outside any scope that restricts environments (or, for a policy,
 * criticality)": ghost (tier 3) with a scope restricting only actions → the policy is
 * valid → tier-too-low; with environments or max_criticality (even critical) → outside →
 * invalid-policy. */
static void test_policy__unknown_target_outside_restricting_scope(void **state)
{
    (void)state;
    expect(BASE
           POLICY("P", "1", SIGNED ",'scope':{'actions':['restart']}")
           POLICY("P", "2", SIGNED ",'scope':{'environments':['staging']}")
           POLICY("P", "3", SIGNED ",'scope':{'max_criticality':'critical'}")
           ACT("C1", "'ghost'", CITE("P", "1"))
           ACT("C2", "'ghost'", CITE("P", "2"))
           ACT("C3", "'ghost'", CITE("P", "3")),
           Q3, NULL,
           UNKNOWN_ASSET("C1", "'ghost'")
           UNKNOWN_ASSET("C2", "'ghost'")
           UNKNOWN_ASSET("C3", "'ghost'")
           UNTRACED("C1", "'tier-too-low'")
           UNTRACED("C2", "'invalid-policy'")
           UNTRACED("C3", "'invalid-policy'"));
}

/* "signed_by is a known human": an unknown id, a machine identity, twin, or no signer →
 * invalid-policy ("unsigned or signed by an id that is not a known human"). */
static void test_policy__signer_must_be_a_known_human(void **state)
{
    (void)state;
    expect(BASE
           POLICY("P", "1", ",'signed_by':'ghost','signed_at':'2026-08-01T00:00:00Z'")
           POLICY("P", "2", ",'signed_by':'svc','signed_at':'2026-08-01T00:00:00Z'")
           POLICY("P", "3", ",'signed_by':'twin','signed_at':'2026-08-01T00:00:00Z'")
           POLICY("P", "4", ",'signed_at':'2026-08-01T00:00:00Z'")
           ACT("C1", "'stg'", CITE("P", "1"))
           ACT("C2", "'stg'", CITE("P", "2"))
           ACT("C3", "'stg'", CITE("P", "3"))
           ACT("C4", "'stg'", CITE("P", "4")),
           Q3, NULL,
           UNTRACED("C1", "'invalid-policy'")
           UNTRACED("C2", "'invalid-policy'")
           UNTRACED("C3", "'invalid-policy'")
           UNTRACED("C4", "'invalid-policy'"));
}

/* "signed_by is a known human (who may be the requester)": bob requests and signed the
 * policy → traced by policy, named human bob. */
static void test_policy__signer_may_be_the_requester(void **state)
{
    (void)state;
    expect_states(BASE
                  POLICY("P", "1",
                         ",'signed_by':'bob','signed_at':'2026-08-01T00:00:00Z'")
                  ACTC("C1", "'stg'", ",'requested_by':'bob'", CITE("P", "1")),
                  Q3, NULL, "C1:traced:policy:bob\n");
}

/* "signed_at ≤ at": 1 ns after at → invalid-policy. No signed_at at all → invalid-policy
 * ("one without signed_at ... is never valid authorization"); it is no older than
 * policy_max_age and has no review_by, so no stale-policy. */
static void test_policy__signed_after_at_or_never(void **state)
{
    (void)state;
    const char *rec = BASE
                      POLICY("P", "1",
                             ",'signed_by':'alice',"
                             "'signed_at':'2026-08-10T12:00:00.000000001Z'")
                      POLICY("P", "2", ",'signed_by':'alice'")
                      ACT("C1", "'stg'", CITE("P", "1"))
                      ACT("C2", "'stg'", CITE("P", "2"));
    expect(rec, Q3, NULL,
           UNTRACED("C1", "'invalid-policy'") UNTRACED("C2", "'invalid-policy'"));
    /* not a matter of age: still invalid with a policy_max_age of a century */
    expect(rec, Q3, "{'policy_max_age':'P36500D'}",
           UNTRACED("C1", "'invalid-policy'") UNTRACED("C2", "'invalid-policy'"));
}

/* "at − signed_at ≤ policy_max_age" with the setting: signed 08-01 00:00, at 08-10
 * 12:00, 9.5 days: P9DT12H exactly → valid; P9DT11H → too old → invalid-policy and
 * stale-policy. */
static void test_policy__policy_max_age_setting(void **state)
{
    (void)state;
    const char *rec = BASE
                      POLICY("P", "1", SIGNED)
                      ACT("C1", "'stg'", CITE("P", "1"));
    expect_states(rec, Q3, "{'policy_max_age':'P9DT12H'}", "C1:traced:policy:alice\n");
    expect(rec, Q3, "{'policy_max_age':'P9DT11H'}",
           F("stale-policy", "P@1", "", "medium") UNTRACED("C1", "'invalid-policy'"));
}

/* "A policy object that is not Missing is a citation: exactly (id, version), never the
 * latest version": C1 cites P@1, which does not exist beside a valid P@2 →
 * invalid-policy; C2 cites Q@1 (past review) beside a fresh Q@2 → invalid-policy and
 * stale-policy Q@1. */
static void test_policy__citation_is_the_exact_version(void **state)
{
    (void)state;
    expect(BASE
           POLICY("P", "2", SIGNED)
           POLICY("Q", "1", SIGNED ",'review_by':'2026-08-05T00:00:00Z'")
           POLICY("Q", "2", SIGNED)
           ACT("C1", "'stg'", CITE("P", "1"))
           ACT("C2", "'stg'", CITE("Q", "1")),
           Q3, NULL,
           F("stale-policy", "Q@1", "", "medium")
           UNTRACED("C1", "'invalid-policy'")
           UNTRACED("C2", "'invalid-policy'"));
}

/* ==== Settings of the change rules ==== */

/* approval_max_age PT1H: 11:00 traces; 1 ns earlier is stale. */
static void test_settings__approval_max_age(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'web'", "")
           OK1H("C1")
           ACT("C2", "'web'", "")
           OK("A2", "C2", "alice", "2026-08-10T10:59:59.999999999Z"),
           Q3, "{'approval_max_age':'PT1H'}", UNTRACED("C2", "'stale-approval'"));
}

/* veto_window PT1H: notified 11:00 → closes at t (traced); 1 ns later → open; a
 * notification's own veto_window PT2H overrides the setting → open. */
static void test_settings__veto_window(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'web'", "")
           NOTE("N1", "C1", "alice", T_1H, "")
           ACT("C2", "'web'", "")
           NOTE("N2", "C2", "alice", "2026-08-10T11:00:00.000000001Z", "")
           ACT("C3", "'web'", "")
           NOTE("N3", "C3", "alice", T_1H, ",'veto_window':'PT2H'"),
           Q3, "{'veto_window':'PT1H'}",
           UNTRACED("C2", "'veto-window-open'") UNTRACED("C3", "'veto-window-open'"));
}

/* ==== Deferrals ==== */

/* "every pair of vulns × targets is named by at least one valid acceptance": four pairs,
 * four acceptances by two owners → documented; without the one for (V2, api) that pair is
 * named by none → no-acceptance (the others are valid: no defect). */
static void test_deferral__every_pair_named_by_several_acceptances(void **state)
{
    (void)state;
    const char *head = BASE
                       DEFER("D1", "'web','api'", V("V1") "," V("V2"), "")
                       ACCEPT("R1", PAIR("V1", "web"), "alice", "2026-08-02T00:00:00Z",
                              "")
                       ACCEPT("R2", PAIR("V1", "api"), "bob", "2026-08-02T00:00:00Z", "")
                       ACCEPT("R3", PAIR("V2", "web"), "alice", "2026-08-02T00:00:00Z",
                              "");
    char *all = sg_xasprintf(
        "%s%s", head, ACCEPT("R4", PAIR("V2", "api"), "bob", "2026-08-02T00:00:00Z", ""));
    expect_states(all, Q3, NULL, "D1:documented\n");
    expect(head, Q3, NULL, UNDOC("D1", "'no-acceptance'"));
    free(all);
}

/* A pair named only by an invalid acceptance: every pair is named, so no no-acceptance;
 * the defect of svc's acceptance is the reason. */
static void test_deferral__pair_named_only_by_invalid_acceptance(void **state)
{
    (void)state;
    expect(BASE
           DEFER("D1", "'web'", V("V1") "," V("V2"), "")
           ACCEPT("R1", PAIR("V1", "web"), "alice", "2026-08-02T00:00:00Z", "")
           ACCEPT("R2", PAIR("V2", "web"), "svc", "2026-08-02T00:00:00Z", ""),
           Q3, NULL, UNDOC("D1", "'non-human-owner'"));
}

/* A pair named by an invalid and a valid acceptance: documented (no finding at all). A
 * valid decision link documents whatever the pairs. */
static void test_deferral__valid_acceptance_beside_invalid_documents(void **state)
{
    (void)state;
    expect_states(BASE
                  DEFER("D1", "'web'", V("V1"), "")
                  ACCEPT("R1", PAIR("V1", "web"), "ghost", "2026-08-02T00:00:00Z", "")
                  ACCEPT("R2", PAIR("V1", "web"), "alice", "2026-08-02T00:00:00Z", "")
                  DEFER("D2", "'web','api'", V("V2") "," V("V3"), "")
                  ACCEPT("R3", LINK("D2"), "bob", "2026-08-02T00:00:00Z", ""),
                  Q3, NULL, "D1:documented\nD2:documented\n");
}

/* "covers every (vuln, asset) pair it names": R1 is linked to D9 and also names (V1, web)
 * → it documents D9 by the link and D1 by the pair. A decision-linked acceptance that is
 * invalid does not stop the pairs from documenting (D2). */
static void test_deferral__acceptance_of_another_decision_names_the_pair(void **state)
{
    (void)state;
    expect_states(BASE
                  DEFER("D1", "'web'", V("V1"), "")
                  DEFER("D9", "'api'", V("V2"), "")
                  ACCEPT("R1", "'decision':'D9'," PAIR("V1", "web"), "alice",
                         "2026-08-02T00:00:00Z", "")
                  DEFER("D2", "'web'", V("V3"), "")
                  ACCEPT("R2", LINK("D2"), "ghost", "2026-08-02T00:00:00Z", "")
                  ACCEPT("R3", PAIR("V3", "web"), "bob", "2026-08-02T00:00:00Z", ""),
                  Q3, NULL, "D1:documented\nD2:documented\nD9:documented\n");
}

/* "with no pairs, only a decision link documents": targets [] → (V1, web) named by a
 * valid acceptance does not document D1 (no-acceptance); a link documents D2; D3 has a
 * target but no vulns (so also incomplete-record vulns) and a pair acceptance →
 * no-acceptance; D4 has no pairs and an invalid linked acceptance → its defect only
 * ("no decision-linked acceptance" fails). */
static void test_deferral__no_pairs_only_decision_link_documents(void **state)
{
    (void)state;
    expect(BASE
           DEFER("D1", "", V("V1"), "")
           ACCEPT("R1", PAIR("V1", "web"), "alice", "2026-08-02T00:00:00Z", "")
           DEFER("D2", "", V("V1"), "")
           ACCEPT("R2", LINK("D2"), "alice", "2026-08-02T00:00:00Z", "")
           DEFER("D3", "'web'", "", "")
           ACCEPT("R3", PAIR("V1", "web"), "alice", "2026-08-02T00:00:00Z", "")
           DEFER("D4", "", V("V1"), "")
           ACCEPT("R4", LINK("D4"), "ghost", "2026-08-02T00:00:00Z", ""),
           Q3, NULL,
           INCOMPLETE("D3", "'vulns'")
           UNDOC("D1", "'no-acceptance'")
           UNDOC("D3", "'no-acceptance'")
           UNDOC("D4", "'unknown-owner'"));
}

/* "the defects of every acceptance that links to it or names one of its pairs": R1
 * linked, svc, acknowledged 1 h after d (late, non-human); R2 naming the pair, ghost,
 * expired the day after acknowledging (unknown, expired). A linked acceptance exists → no
 * no-acceptance. */
static void test_deferral__every_defect_together(void **state)
{
    (void)state;
    expect(BASE
           DEFER("D1", "'web'", V("V1"), "")
           ACCEPT("R1", LINK("D1"), "svc", "2026-08-06T01:00:00Z", "")
           ACCEPT("R2", PAIR("V1", "web"), "ghost", "2026-08-02T00:00:00Z",
                  ",'expires':'2026-08-03T00:00:00Z'"),
           Q3, NULL,
           UNDOC("D1",
                 "'expired-acceptance','late-acceptance',"
                 "'non-human-owner','unknown-owner'"));
}

/* no-acceptance with a defect: (V1, web) named by svc only, (V1, api) by none. twin as an
 * owner is non-human. */
static void test_deferral__no_acceptance_with_defects_and_twin_owner(void **state)
{
    (void)state;
    expect(BASE
           DEFER("D1", "'web','api'", V("V1"), "")
           ACCEPT("R1", PAIR("V1", "web"), "svc", "2026-08-02T00:00:00Z", "")
           DEFER("D2", "'web'", V("V2"), "")
           ACCEPT("R2", LINK("D2"), "twin", "2026-08-02T00:00:00Z", ""),
           Q3, NULL,
           UNDOC("D1", "'no-acceptance','non-human-owner'")
           UNDOC("D2", "'non-human-owner'"));
}

/* "expires is absent or > d": absent → documented; d + 1 ns → documented; exactly d →
 * expired-acceptance. */
static void test_deferral__expires_absent_or_after_due(void **state)
{
    (void)state;
    const char *rec = BASE
                      DEFER("D1", "'web'", V("V1"), "")
                      ACCEPT("R1", LINK("D1"), "alice", "2026-08-02T00:00:00Z", "")
                      DEFER("D2", "'web'", V("V2"), "")
                      ACCEPT("R2", LINK("D2"), "alice", "2026-08-02T00:00:00Z",
                             ",'expires':'" D_DUE_1NS "'")
                      DEFER("D3", "'web'", V("V3"), "")
                      ACCEPT("R3", LINK("D3"), "alice", "2026-08-02T00:00:00Z",
                             ",'expires':'" D_DUE "'");
    expect_states(rec, Q3, NULL, "D1:documented\nD2:documented\nD3:undocumented\n");
    expect(rec, Q3, NULL, UNDOC("D3", "'expired-acceptance'"));
}

/* "acknowledged_at ≤ d" by a pair acceptance: exactly d documents, d + 1 ns is late. */
static void test_deferral__pair_acknowledged_exactly_at_due(void **state)
{
    (void)state;
    const char *rec = BASE
                      DEFER("D1", "'web'", V("V1"), "")
                      ACCEPT("R1", PAIR("V1", "web"), "alice", D_DUE, "")
                      DEFER("D2", "'web'", V("V2"), "")
                      ACCEPT("R2", PAIR("V2", "web"), "alice", D_DUE_1NS, "");
    expect_states(rec, Q3, NULL, "D1:documented\nD2:undocumented\n");
    expect(rec, Q3, NULL, UNDOC("D2", "'late-acceptance'"));
}

/* acceptance_sla P1D: d = 08-02 00:00; acknowledged exactly d → documented, 1 ns after →
 * late. */
static void test_deferral__acceptance_sla_setting(void **state)
{
    (void)state;
    expect(BASE
           DEFER("D1", "'web'", V("V1"), "")
           ACCEPT("R1", LINK("D1"), "alice", "2026-08-02T00:00:00Z", "")
           DEFER("D2", "'web'", V("V2"), "")
           ACCEPT("R2", LINK("D2"), "alice", "2026-08-02T00:00:00.000000001Z", ""),
           Q3, "{'acceptance_sla':'P1D'}", UNDOC("D2", "'late-acceptance'"));
}

/* ==== Exposures ==== */

/* An open exposure first seen 07-01 is judged for [07-01, to): not overdue when to is
 * exactly its deadline ("deadline < to"), silent when to is 1 ns later. This tells which
 * severity (hence SLA) was used. */
static void deadline_is(const char *records, const char *settings, const char *deadline,
                        const char *deadline_1ns)
{
    char *p1 = sg_xasprintf("2026-07-01..%s", deadline);
    char *p2 = sg_xasprintf("2026-07-01..%s", deadline_1ns);
    expect(records, p1, settings, "");
    expect(records, p2, settings, SILENT("X1"));
    free(p1);
    free(p2);
}

#define X1(extra) BASE EXPO("X1", "V1", "web", "2026-07-01T00:00:00Z", extra)
#define DL_CRIT "2026-07-16T00:00:00Z", "2026-07-16T00:00:00.000000001Z"
#define DL_HIGH "2026-07-31T00:00:00Z", "2026-07-31T00:00:00.000000001Z"
#define DL_MED "2026-09-29T00:00:00Z", "2026-09-29T00:00:00.000000001Z"
#define DL_LOW "2026-12-28T00:00:00Z", "2026-12-28T00:00:00.000000001Z"

/* "its severity, else its cvss's, else default_severity": severity wins over cvss. */
static void test_exposure__severity_field_first(void **state)
{
    (void)state;
    deadline_is(X1(",'severity':'critical'"), NULL, DL_CRIT);
    deadline_is(X1(",'severity':'low','cvss':9.8"), NULL, DL_LOW);
}

/* "Severity from CVSS: ≥ 9.0 critical, ≥ 7.0 high, ≥ 4.0 medium, else low" */
static void test_exposure__severity_from_cvss_boundaries(void **state)
{
    (void)state;
    deadline_is(X1(",'cvss':9.0"), NULL, DL_CRIT);
    deadline_is(X1(",'cvss':8.999"), NULL, DL_HIGH);
    deadline_is(X1(",'cvss':7.0"), NULL, DL_HIGH);
    deadline_is(X1(",'cvss':4.0"), NULL, DL_MED);
    deadline_is(X1(",'cvss':3.9"), NULL, DL_LOW);
}

/* default_severity medium (P90D); with the setting critical (P15D). */
static void test_exposure__default_severity(void **state)
{
    (void)state;
    deadline_is(X1(""), NULL, DL_MED);
    deadline_is(X1(""), "{'default_severity':'critical'}", DL_CRIT);
}

/* remediation_sla is merged per severity: critical P1D; high keeps P30D. */
static void test_exposure__remediation_sla_merged_per_severity(void **state)
{
    (void)state;
    deadline_is(X1(",'severity':'critical'"), "{'remediation_sla':{'critical':'P1D'}}",
                "2026-07-02T00:00:00Z", "2026-07-02T00:00:00.000000001Z");
    deadline_is(X1(",'severity':'high'"), "{'remediation_sla':{'critical':'P1D'}}",
                DL_HIGH);
}

/* A traced change at T by carol on web with one vuln. */
#define FIX(id, action, vuln)                                                            \
    DEC(id, "carol", T, action, "act", "'web'", CTX CHG("") ",'vulns':[" V(vuln) "]")    \
    OK1H(id)

/* "a covering change with action patch, upgrade or config_change": remediated (deadline
 * 08-16). restart and rollback do not remediate; they are covering decisions made by the
 * deadline → sla-breach. */
static void test_exposure__remediating_actions(void **state)
{
    (void)state;
    expect(BASE
           EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z", CRIT)
           FIX("P1", "patch", "V1")
           EXPO("X2", "V2", "web", "2026-08-01T00:00:00Z", CRIT)
           FIX("P2", "upgrade", "V2")
           EXPO("X3", "V3", "web", "2026-08-01T00:00:00Z", CRIT)
           FIX("P3", "config_change", "V3")
           EXPO("X4", "V4", "web", "2026-08-01T00:00:00Z", CRIT)
           FIX("P4", "restart", "V4")
           EXPO("X5", "V5", "web", "2026-08-01T00:00:00Z", CRIT)
           FIX("P5", "rollback", "V5"),
           Q3, NULL, BREACH("X4") BREACH("X5"));
}

/* Remediation asks for a covering change, not a traced one: an unauthorized patch still
 * remediates; only the change itself is a finding. */
static void test_exposure__untraced_patch_still_remediates(void **state)
{
    (void)state;
    expect(BASE
           EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z", CRIT)
           DEC("P1", "carol", T, "patch", "act", "'web'",
               CTX CHG("") ",'vulns':[" V("V1") "]"),
           Q3, NULL, UNTRACED("P1", "'no-authorization'"));
}

/* "first_seen ≤ t": a patch exactly at first_seen remediates X1; X2 first seen 1 ns after
 * the patch is not remediated by it (deadline 08-25 12:00:00.000000001) — the patch is a
 * covering decision by the deadline → sla-breach. */
static void test_exposure__patch_at_first_seen(void **state)
{
    (void)state;
    expect(BASE
           EXPO("X1", "V1", "web", T, CRIT)
           FIX("P1", "patch", "V1")
           EXPO("X2", "V2", "web", "2026-08-10T12:00:00.000000001Z", CRIT)
           FIX("P2", "patch", "V2"),
           Q3, NULL, BREACH("X2"));
}

/* "t < to" and "last_seen < to", with to = deadline + 1 ns (period 08-01..08-16 00:00 +
 * 1 ns): a patch deployed exactly at the deadline remediates X1; one deployed at to does
 * not (X2: overdue; decided 08-15 by the deadline → sla-breach; P2 itself, t = to, is not
 * judged). X3 fixed with last_seen = to: the fix does not count → silent. */
static void test_exposure__remediation_must_be_before_to(void **state)
{
    (void)state;
    expect(BASE
           EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z", CRIT)
           DEC("P1", "carol", "2026-08-15T12:00:00Z", "patch", "act", "'web'",
               CTX CHG(",'deployed_at':'2026-08-16T00:00:00Z'") ",'vulns':[" V("V1") "]")
           OK("A1", "P1", "alice", "2026-08-15T23:00:00Z")
           EXPO("X2", "V2", "web", "2026-08-01T00:00:00Z", CRIT)
           DEC("P2", "carol", "2026-08-15T12:00:00Z", "patch", "act", "'web'",
               CTX CHG(",'deployed_at':'2026-08-16T00:00:00.000000001Z'")
                   ",'vulns':[" V("V2") "]")
           EXPO("X3", "V3", "web", "2026-08-01T00:00:00Z",
                CRIT ",'status':'fixed','last_seen':'2026-08-16T00:00:00.000000001Z'"),
           "2026-08-01..2026-08-16T00:00:00.000000001Z", NULL, SILENT("X3") BREACH("X2"));
}

/* Only status fixed makes last_seen a remediation: open with last_seen 08-10 → silent. */
static void test_exposure__open_last_seen_is_no_fix(void **state)
{
    (void)state;
    expect(BASE
           EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z",
                CRIT ",'status':'open','last_seen':'2026-08-10T00:00:00Z'"),
           Q3, NULL, SILENT("X1"));
}

/* "judged by its observation with the latest last_seen < to": X1 open 08-10 then fixed
 * 08-14 (≤ deadline 08-16) → remediated. X2 fixed 08-14 then open 08-20 (given in the
 * other order) → judged by the open one → silent. */
static void test_exposure__reobserved_judged_by_latest_before_to(void **state)
{
    (void)state;
    expect(BASE
           EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z",
                CRIT ",'status':'open','last_seen':'2026-08-10T00:00:00Z'")
           EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z",
                CRIT ",'status':'fixed','last_seen':'2026-08-14T00:00:00Z'")
           EXPO("X2", "V2", "web", "2026-08-01T00:00:00Z",
                CRIT ",'status':'open','last_seen':'2026-08-20T00:00:00Z'")
           EXPO("X2", "V2", "web", "2026-08-01T00:00:00Z",
                CRIT ",'status':'fixed','last_seen':'2026-08-14T00:00:00Z'"),
           Q3, NULL, SILENT("X2"));
}

/* "the latest last_seen < to": X1 fixed 08-14 (≤ deadline 08-16), re-observed open with
 * last_seen exactly to (10-01): that observation is ignored for Q3 → remediated, no
 * finding. For Q4 the open one is judged → silent. */
static void test_exposure__reobserved_at_to_is_ignored(void **state)
{
    (void)state;
    const char *rec = BASE
                      EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z",
                           CRIT ",'status':'fixed','last_seen':'2026-08-14T00:00:00Z'")
                      EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z",
                           CRIT ",'status':'open','last_seen':'2026-10-01T00:00:00Z'");
    expect(rec, Q3, NULL, "");
    expect(rec, Q4, NULL, SILENT("X1"));
}

/* X1 open 08-10, then fixed with last_seen 10-01: for Q3 the fix is at to (ignored) →
 * judged by the open one → silent; for Q4 the fix counts, at from → not judged. */
static void test_exposure__reobserved_fix_at_to_waits_for_next_period(void **state)
{
    (void)state;
    const char *rec = BASE
                      EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z",
                           CRIT ",'status':'open','last_seen':'2026-08-10T00:00:00Z'")
                      EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z",
                           CRIT ",'status':'fixed','last_seen':'2026-10-01T00:00:00Z'");
    expect(rec, Q3, NULL, SILENT("X1"));
    expect(rec, Q4, NULL, "");
}

/* "judged in every period its overdue span overlaps": X1 open → silent in Q3, Q4 and
 * 2027-Q1; X2 fixed 11-01 → Q3 (fix ≥ to ignored) and Q4 silent, 2027-Q1 not judged. */
static void test_exposure__judged_again_while_overdue(void **state)
{
    (void)state;
    const char *rec = BASE
                      EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z", CRIT)
                      EXPO("X2", "V2", "web", "2026-08-01T00:00:00Z",
                           CRIT ",'status':'fixed','last_seen':'2026-11-01T00:00:00Z'");
    expect(rec, Q3, NULL, SILENT("X1") SILENT("X2"));
    expect(rec, Q4, NULL, SILENT("X1") SILENT("X2"));
    expect(rec, "2027-Q1", NULL, SILENT("X1"));
}

/* "not remediated at ≤ from": fixed exactly at Q4's from → not judged in Q4; 1 ns after
 * → judged (silent). */
static void test_exposure__remediated_at_from_not_judged(void **state)
{
    (void)state;
    expect(BASE
           EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z",
                CRIT ",'status':'fixed','last_seen':'2026-10-01T00:00:00Z'")
           EXPO("X2", "V2", "web", "2026-08-01T00:00:00Z",
                CRIT ",'status':'fixed','last_seen':'2026-10-01T00:00:00.000000001Z'"),
           Q4, NULL, SILENT("X2"));
}

/* "An acceptance (naming its pair, or linked to a decision that covers its pair)": R1 is
 * linked to D1 which covers (V1, web) → X1 excused (D1 itself documented). R2 is
 * linked to D2 covering (V2, api) only → X2 not excused; no decision covers (V2, web)
 * → silent. */
static void test_exposure__excused_through_covering_decision(void **state)
{
    (void)state;
    expect(BASE
           EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z", CRIT)
           DEC("D1", "carol", "2026-08-02T00:00:00Z", "patch", "defer", "'web'",
               CTX ",'vulns':[" V("V1") "]")
           ACCEPT("R1", LINK("D1"), "alice", "2026-08-03T00:00:00Z", "")
           EXPO("X2", "V2", "web", "2026-08-01T00:00:00Z", CRIT)
           DEC("D2", "carol", "2026-08-02T00:00:00Z", "patch", "defer", "'api'",
               CTX ",'vulns':[" V("V2") "]")
           ACCEPT("R2", LINK("D2"), "alice", "2026-08-03T00:00:00Z", ""),
           Q3, NULL, SILENT("X2"));
}

/* Excuse: "acknowledged_at ≤ deadline" (exactly → excused, 1 ns after → not), owner a
 * known human (svc → not), "expires ... > the end of the overdue span" (fixed 08-20:
 * expiring exactly 08-20 → not, 1 ns later → excused). No decision covers these pairs →
 * the unexcused ones are silent. */
static void test_exposure__excuse_boundaries(void **state)
{
    (void)state;
    expect(BASE
           EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z", CRIT)
           ACCEPT("R1", PAIR("V1", "web"), "alice", "2026-08-16T00:00:00Z", "")
           EXPO("X2", "V2", "web", "2026-08-01T00:00:00Z", CRIT)
           ACCEPT("R2", PAIR("V2", "web"), "alice", "2026-08-16T00:00:00.000000001Z", "")
           EXPO("X3", "V3", "web", "2026-08-01T00:00:00Z", CRIT)
           ACCEPT("R3", PAIR("V3", "web"), "svc", "2026-08-10T00:00:00Z", "")
           EXPO("X4", "V4", "web", "2026-08-01T00:00:00Z",
                CRIT ",'status':'fixed','last_seen':'2026-08-20T00:00:00Z'")
           ACCEPT("R4", PAIR("V4", "web"), "alice", "2026-08-10T00:00:00Z",
                  ",'expires':'2026-08-20T00:00:00Z'")
           EXPO("X5", "V5", "web", "2026-08-01T00:00:00Z",
                CRIT ",'status':'fixed','last_seen':'2026-08-20T00:00:00Z'")
           ACCEPT("R5", PAIR("V5", "web"), "alice", "2026-08-10T00:00:00Z",
                  ",'expires':'2026-08-20T00:00:00.000000001Z'"),
           Q3, NULL, SILENT("X2") SILENT("X3") SILENT("X4"));
}

/* "silent ... when no decision (any outcome) covering its pair has at ≤ deadline": an
 * escalation (answered by alice) exactly at the deadline → sla-breach; 1 ns after →
 * silent. */
static void test_exposure__silent_vs_breach_at_deadline(void **state)
{
    (void)state;
    expect(BASE
           EXPO("X1", "V1", "web", "2026-08-01T00:00:00Z", CRIT)
           ESC("E1", "2026-08-16T00:00:00Z", "'web'", ",'vulns':[" V("V1") "]")
           OK("A1", "E1", "alice", "2026-08-16T01:00:00Z")
           EXPO("X2", "V2", "web", "2026-08-01T00:00:00Z", CRIT)
           ESC("E2", "2026-08-16T00:00:00.000000001Z", "'web'", ",'vulns':[" V("V2") "]")
           OK("A2", "E2", "alice", "2026-08-16T01:00:00Z"),
           Q3, NULL, SILENT("X2") BREACH("X1"));
}

/* ==== Escalations ==== */

#define E_AT "2026-08-01T00:00:00Z"

/* "a known human made a linked approval of any outcome with at ≤ d": approved, vetoed at
 * exactly d, rejected; through change_ref too. By svc, twin or ghost → orphaned. */
static void test_escalation__answered_by_known_human_approval_only(void **state)
{
    (void)state;
    expect(BASE
           ESC("E1", E_AT, "'web'", "")
           OK("A1", "E1", "alice", "2026-08-03T00:00:00Z")
           ESC("E2", E_AT, "'web'", "")
           APPROVAL("A2", "'decision':'E2'", "bob", D_DUE, "vetoed")
           ESC("E3", E_AT, "'web'", ",'change':{'ref':'CR-9'}")
           APPROVAL("A3", "'change_ref':'CR-9'", "alice", "2026-08-02T00:00:00Z",
                    "rejected")
           ESC("E4", E_AT, "'web'", "")
           OK("A4", "E4", "svc", "2026-08-02T00:00:00Z")
           ESC("E5", E_AT, "'web'", "")
           OK("A5", "E5", "twin", "2026-08-02T00:00:00Z")
           ESC("E6", E_AT, "'web'", "")
           OK("A6", "E6", "ghost", "2026-08-02T00:00:00Z"),
           Q3, NULL, ORPHANED("E4") ORPHANED("E5") ORPHANED("E6"));
}

/* "owns an acceptance that links to it or names any one of its pairs with
 * acknowledged_at ≤ d": naming one of two pairs answers; a link acknowledged exactly d
 * answers, 1 ns after does not; svc's does not; no expiry condition applies (E5's
 * acceptance expired before d and still answers). */
static void test_escalation__answered_by_known_human_acceptance(void **state)
{
    (void)state;
    expect(BASE
           ESC("E1", E_AT, "'web'", ",'vulns':[" V("V1") "," V("V2") "]")
           ACCEPT("R1", PAIR("V2", "web"), "alice", "2026-08-03T00:00:00Z", "")
           ESC("E2", E_AT, "'web'", ",'vulns':[" V("V3") "]")
           ACCEPT("R2", LINK("E2"), "alice", D_DUE, "")
           ESC("E3", E_AT, "'web'", ",'vulns':[" V("V4") "]")
           ACCEPT("R3", LINK("E3"), "alice", D_DUE_1NS, "")
           ESC("E4", E_AT, "'web'", ",'vulns':[" V("V5") "]")
           ACCEPT("R4", PAIR("V5", "web"), "svc", "2026-08-02T00:00:00Z", "")
           ESC("E5", E_AT, "'web'", ",'vulns':[" V("V6") "]")
           ACCEPT("R5", LINK("E5"), "alice", "2026-08-02T00:00:00Z",
                  ",'expires':'2026-08-03T00:00:00Z'"),
           Q3, NULL, ORPHANED("E3") ORPHANED("E4"));
}

/* An escalation without vulns has no pairs: an acceptance naming (V9, web) does not
 * answer it. */
static void test_escalation__no_vulns_no_pair_acceptance(void **state)
{
    (void)state;
    expect(BASE
           ESC("E1", E_AT, "'web'", "")
           ACCEPT("R1", PAIR("V9", "web"), "alice", "2026-08-02T00:00:00Z", ""),
           Q3, NULL, ORPHANED("E1"));
}

/* A traced change by carol on the given target at t (approved by alice 1 h before). */
#define ACT_AT(id, targets, t, approved_at, extra)                                       \
    DEC(id, "carol", t, "restart", "act", targets, CTX CHG("") extra)                    \
    OK("A-" id, id, "alice", approved_at)

/* "traced changes ... together cover every pair (every target, when it names no vulns)":
 * E1 [web, stg]: C1 covers web, C2 stg → answered. E2 [web, dev]: only web is covered →
 * orphaned. */
static void test_escalation__changes_together_cover_every_target(void **state)
{
    (void)state;
    expect(BASE
           ESC("E1", E_AT, "'web','stg'", "")
           ESC("E2", E_AT, "'web','dev'", "")
           ACT_AT("C1", "'web'", "2026-08-03T00:00:00Z", "2026-08-02T23:00:00Z", "")
           ACT_AT("C2", "'stg'", "2026-08-04T00:00:00Z", "2026-08-03T23:00:00Z", ""),
           Q3, NULL, ORPHANED("E2"));
}

/* "at < t ≤ d": t = at + 1 ns answers (E1), t = d answers (E4); t = at (E3) and
 * t = d + 1 ns (E2) do not. C2 (t = d + 1 ns) is still a change of Q3, traced. */
static void test_escalation__change_time_boundaries(void **state)
{
    (void)state;
    expect(BASE
           ESC("E1", E_AT, "'stg'", "")
           ESC("E2", E_AT, "'dev'", "")
           ESC("E3", E_AT, "'web'", "")
           ESC("E4", E_AT, "'api'", "")
           ACT_AT("C1", "'stg'", "2026-08-01T00:00:00.000000001Z", "2026-07-31T23:00:00Z",
                  "")
           ACT_AT("C2", "'dev'", D_DUE_1NS, "2026-08-05T23:00:00Z", "")
           ACT_AT("C3", "'web'", E_AT, "2026-07-31T23:00:00Z", "")
           ACT_AT("C4", "'api'", D_DUE, "2026-08-05T23:00:00Z", ""),
           Q3, NULL, ORPHANED("E2") ORPHANED("E3"));
}

/* Only "traced" changes answer: an unauthorized change in the window leaves the
 * escalation orphaned. A change decided before the escalation but deployed after it
 * ("t each change's") answers. */
static void test_escalation__untraced_change_does_not_answer(void **state)
{
    (void)state;
    expect(BASE
           ESC("E1", E_AT, "'stg'", "")
           DEC("C1", "carol", "2026-08-03T00:00:00Z", "restart", "act", "'stg'",
               CTX CHG(""))
           ESC("E2", E_AT, "'dev'", "")
           DEC("C2", "carol", "2026-07-31T12:00:00Z", "restart", "act", "'dev'",
               CTX CHG(",'deployed_at':'2026-08-02T00:00:00Z'"))
           OK("A2", "C2", "alice", "2026-08-01T12:00:00Z"),
           Q3, NULL, ORPHANED("E1") UNTRACED("C1", "'no-authorization'"));
}

/* "with no targets changes answer nothing": E1 (no targets, vuln V1) stays orphaned
 * beside a traced patch of (V1, web) and a traced change with no targets. With vulns,
 * each pair must be covered: E2 (web × V2, V3) with only V2 patched → orphaned; E3
 * (web × V4) covered by a patch of [web, stg] × V4 → answered. */
static void test_escalation__no_targets_and_pairs(void **state)
{
    (void)state;
    expect(BASE
           ESC("E1", E_AT, "", ",'vulns':[" V("V1") "]")
           DEC("C1", "carol", "2026-08-03T00:00:00Z", "patch", "act", "'web'",
               CTX CHG("") ",'vulns':[" V("V1") "]")
           OK("A1", "C1", "alice", "2026-08-02T23:00:00Z")
           ACT_AT("C2", "", "2026-08-03T00:00:00Z", "2026-08-02T23:00:00Z", "")
           ESC("E2", E_AT, "'web'", ",'vulns':[" V("V2") "," V("V3") "]")
           DEC("C3", "carol", "2026-08-03T00:00:00Z", "patch", "act", "'web'",
               CTX CHG("") ",'vulns':[" V("V2") "]")
           OK("A3", "C3", "alice", "2026-08-02T23:00:00Z")
           ESC("E3", E_AT, "'web'", ",'vulns':[" V("V4") "]")
           DEC("C4", "carol", "2026-08-03T00:00:00Z", "patch", "act", "'web','stg'",
               CTX CHG("") ",'vulns':[" V("V4") "]")
           OK("A4", "C4", "alice", "2026-08-02T23:00:00Z"),
           Q3, NULL, ORPHANED("E1") ORPHANED("E2"));
}

/* "pending: at < to ≤ d": d exactly to → pending, no finding; d 1 ns before to → judged,
 * orphaned. */
static void test_escalation__pending_when_due_at_to(void **state)
{
    (void)state;
    const char *rec = BASE
                      ESC("E1", "2026-09-26T00:00:00Z", "'web'", "")
                      ESC("E2", "2026-09-25T23:59:59.999999999Z", "'web'", "");
    expect_states(rec, Q3, NULL, "E1:pending\nE2:orphaned\n");
    expect(rec, Q3, NULL, ORPHANED("E2"));
}

/* ==== Other findings ==== */

/* incomplete-record of an agent's patch with nothing: every field, sorted. */
static void test_incomplete__every_field_for_an_agent(void **state)
{
    (void)state;
    expect(BASE DEC("C1", "bot", T, "patch", "act", "'stg'", ""), Q3, NULL,
           INCOMPLETE("C1", "'confidence','factors','policy','rationale','vulns'")
           UNTRACED("C1", "'no-authorization'"));
}

/* "Missing means absent (or null), "", [] or {}": policy {} (cites nothing, so
 * no-authorization), factors {}, rationale "", vulns [] are missing; confidence 0.5 is
 * present. An unknown decider owes confidence and policy like an agent. */
static void test_incomplete__missing_values_and_unknown_decider(void **state)
{
    (void)state;
    expect(BASE
           DEC("C1", "bot", T, "patch", "act", "'stg'",
               ",'confidence':0.5,'policy':{},'factors':{},'rationale':'','vulns':[]")
           DEC("C2", "ghost", T, "restart", "act", "'stg'", CTX)
           OK1H("C2"),
           Q3, NULL,
           INCOMPLETE("C1", "'factors','policy','rationale','vulns'")
           INCOMPLETE("C2", "'confidence','policy'")
           UNTRACED("C1", "'no-authorization'"));
}

/* A known-human decider is exempt from confidence and policy only. */
static void test_incomplete__known_human_decider_exempt(void **state)
{
    (void)state;
    expect(BASE
           DEC("C1", "carol", T, "patch", "act", "'stg'", "")
           OK1H("C1"),
           Q3, NULL, INCOMPLETE("C1", "'factors','rationale','vulns'"));
}

/* "vulns for action patch/upgrade or outcome defer": an upgrade, and a deferred restart,
 * owe vulns; an escalated restart and an acted restart do not. */
static void test_incomplete__vulns_owed_by_action_or_defer(void **state)
{
    (void)state;
    expect(BASE
           DEC("C1", "carol", T, "upgrade", "act", "'stg'", CTX)
           OK1H("C1")
           DEC("D1", "carol", D_AT, "restart", "defer", "'stg'", CTX)
           ACCEPT("R1", LINK("D1"), "alice", "2026-08-02T00:00:00Z", "")
           DEC("E1", "carol", D_AT, "restart", "escalate", "'stg'", CTX)
           OK("A2", "E1", "alice", "2026-08-02T00:00:00Z")
           DEC("C2", "carol", T, "restart", "act", "'stg'", CTX)
           OK1H("C2"),
           Q3, NULL, INCOMPLETE("C1", "'vulns'") INCOMPLETE("D1", "'vulns'"));
}

/* context-free-severity: "a vulns[] entry has a cvss and factors has none of exposure,
 * exploitability, business_criticality (a factor counts only when not Missing)". E1 only
 * reversibility; E2 exposure "" ; E3 exploitability; E4 business_criticality; E5 a
 * severity, no cvss; E6 cvss 0 on the second entry; E7 no factors at all (also
 * incomplete-record). Each answered by alice. */
#define ESCF(id, vulns, factors)                                                         \
    DEC(id, "carol", E_AT, "restart", "escalate", "'web'",                               \
        ",'rationale':'r','vulns':[" vulns "]" factors)                                  \
    OK("A-" id, id, "alice", "2026-08-02T00:00:00Z")
static void test_context_free_severity__factors(void **state)
{
    (void)state;
    expect(BASE
           ESCF("E1", "{'id':'V1','cvss':9.8}", ",'factors':{'reversibility':'x'}")
           ESCF("E2", "{'id':'V1','cvss':9.8}",
                ",'factors':{'exposure':'','reversibility':'x'}")
           ESCF("E3", "{'id':'V1','cvss':9.8}", ",'factors':{'exploitability':'poc'}")
           ESCF("E4", "{'id':'V1','cvss':9.8}",
                ",'factors':{'business_criticality':'high'}")
           ESCF("E5", "{'id':'V1','severity':'high'}", ",'factors':{'reversibility':'x'}")
           ESCF("E6", "{'id':'V1'},{'id':'V2','cvss':0}",
                ",'factors':{'reversibility':'x'}")
           ESCF("E7", "{'id':'V1','cvss':5}", ""),
           Q3, NULL,
           F("context-free-severity", "E1", "", "low")
           F("context-free-severity", "E2", "", "low")
           F("context-free-severity", "E6", "", "low")
           F("context-free-severity", "E7", "", "low")
           INCOMPLETE("E7", "'factors'"));
}

/* tier-understated: "the claimed tier < the required tier (no tier, no finding)", for
 * every judged decision: a change claiming 1 on web (2) yes, 2 no; an escalation claiming
 * 2 on api (3) yes; a deferral claiming 3 on api no. */
static void test_tier_understated__each_outcome(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'web'", ",'tier':1")
           OK1H("C1")
           ACT("C2", "'web'", ",'tier':2")
           OK1H("C2")
           ESC("E1", E_AT, "'api'", ",'tier':2")
           OK("A3", "E1", "alice", "2026-08-02T00:00:00Z")
           DEFER("D1", "'api'", V("V1"), ",'tier':3")
           ACCEPT("R1", LINK("D1"), "alice", "2026-08-02T00:00:00Z", ""),
           Q3, NULL,
           F("tier-understated", "C1", "", "medium")
           F("tier-understated", "E1", "", "medium"));
}

/* An escalation by the given agent (complete: confidence and a citation; P is never
 * stored, so no stale-policy), answered by alice. */
#define ESCA(id, agent, targets)                                                         \
    DEC(id, agent, E_AT, "restart", "escalate", targets,                                 \
        CTX ",'confidence':0.9,'policy':{'id':'P','version':1}")                         \
    OK("A-" id, id, "alice", "2026-08-02T00:00:00Z")
#define AGENT(id, scope) "{'kind':'agent','id':'" id "','credential_scope':" scope "}\n"

/* scope-exceeded by environments: E1 staging-only agent on [stg, web, ghost] → ghost
 * (unknown: outside a scope restricting environments) and web; E2 environments [] →
 * everything outside; E3 only asset globs ["s*"]: environments unrestricted, web fails
 * the glob, unknown sx matches it (inside); bot has no credential_scope → E4 nothing. */
static void test_scope_exceeded__environments(void **state)
{
    (void)state;
    expect(BASE
           AGENT("a-stg", "{'environments':['staging']}")
           AGENT("a-none", "{'environments':[]}")
           AGENT("a-glob", "{'assets':['s*']}")
           ESCA("E1", "a-stg", "'stg','web','ghost'")
           ESCA("E2", "a-none", "'stg'")
           ESCA("E3", "a-glob", "'stg','web','sx'")
           ESCA("E4", "bot", "'stg','web'"),
           Q3, NULL,
           F("scope-exceeded", "E1", "'ghost','web'", "high")
           F("scope-exceeded", "E2", "'stg'", "high")
           F("scope-exceeded", "E3", "'web'", "high")
           UNKNOWN_ASSET("E1", "'ghost'")
           UNKNOWN_ASSET("E3", "'sx'"));
}

/* Globs are fnmatch(3) with FNM_NOESCAPE, case-sensitive, on bytes: "\w*" is a literal
 * backslash then w (web outside; the unknown target "\wx" inside); "W*" does not match
 * web; with both keys, a target fails by either (api: production and a*; web fails the
 * glob; stg fails the environment). */
static void test_scope_exceeded__globs(void **state)
{
    (void)state;
    expect(BASE
           AGENT("a-esc", "{'assets':['\\\\w*']}")
           AGENT("a-up", "{'assets':['W*','x?b']}")
           AGENT("a-both", "{'environments':['production'],'assets':['a*']}")
           ESCA("E1", "a-esc", "'web','\\\\wx'")
           ESCA("E2", "a-up", "'web'")
           ESCA("E3", "a-both", "'api','web','stg'"),
           Q3, NULL,
           F("scope-exceeded", "E1", "'web'", "high")
           F("scope-exceeded", "E2", "'web'", "high")
           F("scope-exceeded", "E3", "'stg','web'", "high")
           UNKNOWN_ASSET("E1", "'\\\\wx'"));
}

/* "Reasons are deduplicated and sorted by bytes": unknown targets b-x, B-x, a-x, b-x
 * outside a production-only scope → B-x, a-x, b-x (upper case first), once each; the
 * same list for unknown-asset. */
static void test_scope_exceeded__reasons_sorted_and_deduplicated(void **state)
{
    (void)state;
    expect(BASE
           AGENT("a-prod", "{'environments':['production']}")
           ESCA("E1", "a-prod", "'b-x','B-x','a-x','b-x'"),
           Q3, NULL,
           F("scope-exceeded", "E1", "'B-x','a-x','b-x'", "high")
           UNKNOWN_ASSET("E1", "'B-x','a-x','b-x'"));
}

/* A change by carol with the given change object, traced by alice. */
#define ACTX(id, targets, change)                                                        \
    DEC(id, "carol", T, "restart", "act", targets, CTX change) OK1H(id)

/* untested-change: "a change with a known production target whose change.tests.result is
 * not passed": failed, skipped, tests absent, tests without result → finding; staging
 * only → none; staging + production → finding; only an unknown target → none. */
static void test_untested_change__results(void **state)
{
    (void)state;
    expect(BASE
           ACTX("C1", "'web'",
                ",'change':{'tests':{'result':'failed'},'rollback_plan':'p'}")
           ACTX("C2", "'web'",
                ",'change':{'tests':{'result':'skipped'},'rollback_plan':'p'}")
           ACTX("C3", "'web'", ",'change':{'rollback_plan':'p'}")
           ACTX("C4", "'web'", ",'change':{'tests':{'ref':'T-1'},'rollback_plan':'p'}")
           ACTX("C5", "'stg'",
                ",'change':{'tests':{'result':'failed'},'rollback_plan':'p'}")
           ACTX("C6", "'stg','web'",
                ",'change':{'tests':{'result':'failed'},'rollback_plan':'p'}")
           ACTX("C7", "'ghost'",
                ",'change':{'tests':{'result':'failed'},'rollback_plan':" "'p'}")
           ACTX("C8", "'web'",
                ",'change':{'tests':{'result':'passed'},'" "rollback_plan':'p'}"),
           Q3, NULL,
           UNKNOWN_ASSET("C7", "'ghost'")
           F("untested-change", "C1", "", "medium")
           F("untested-change", "C2", "", "medium")
           F("untested-change", "C3", "", "medium")
           F("untested-change", "C4", "", "medium")
           F("untested-change", "C6", "", "medium"));
}

/* no-rollback-plan: "a change with a known production target (tested or not) whose
 * change.rollback_plan is Missing": absent, "", with failed tests (both findings), no
 * change object (both); staging only → none; a deferral on web → not a change. */
static void test_no_rollback_plan__missing(void **state)
{
    (void)state;
    expect(BASE
           ACTX("C1", "'web'", ",'change':{'tests':{'result':'passed'}}")
           ACTX("C2", "'web'",
                ",'change':{'tests':{'result':'passed'},'rollback_plan':''}")
           ACTX("C3", "'stg'", ",'change':{'tests':{'result':'passed'}}")
           ACTX("C4", "'web'", ",'change':{'tests':{'result':'failed'}}")
           ACTX("C5", "'web'", "")
           DEFER("D1", "'web'", V("V1"), "")
           ACCEPT("R1", LINK("D1"), "alice", "2026-08-02T00:00:00Z", ""),
           Q3, NULL,
           F("no-rollback-plan", "C1", "", "low")
           F("no-rollback-plan", "C2", "", "low")
           F("no-rollback-plan", "C4", "", "low")
           F("no-rollback-plan", "C5", "", "low")
           F("untested-change", "C4", "", "medium")
           F("untested-change", "C5", "", "medium"));
}

/* stale-policy: "past review or older than policy_max_age at the decision's at; one
 * finding per ID@VERSION per period": P@1 past review, cited by two changes and a
 * deferral → one finding; P@2 fresh → none; P@3 signed 2026-01-01, 221 days before at →
 * stale. Every decision is traced or documented. */
static void test_stale_policy__one_finding_per_version(void **state)
{
    (void)state;
    expect(BASE
           POLICY("P", "1",
                  ",'signed_by':'alice','signed_at':'2026-07-01T00:00:00Z','review_"
                  "by':'2026-08-01T00:00:00Z'")
           POLICY("P", "2", SIGNED)
           POLICY("P", "3", ",'signed_by':'alice','signed_at':'2026-01-01T00:00:00Z'")
           ACT("C1", "'stg'", CITE("P", "1"))
           OK1H("C1")
           ACT("C2", "'stg'", CITE("P", "1"))
           OK1H("C2")
           ACT("C3", "'stg'", CITE("P", "2"))
           OK1H("C3")
           ACT("C4", "'stg'", CITE("P", "3"))
           OK1H("C4")
           DEC("D1", "carol", "2026-08-02T00:00:00Z", "patch", "defer", "'stg'",
               CTX ",'vulns':[" V("V1") "]" CITE("P", "1"))
           ACCEPT("R1", LINK("D1"), "alice", "2026-08-03T00:00:00Z", ""),
           Q3, NULL,
           F("stale-policy", "P@1", "", "medium") F("stale-policy", "P@3", "", "medium"));
}

/* unknown-asset: "reasons list the unknown targets", deduplicated, sorted by bytes. */
static void test_unknown_asset__sorted_and_deduplicated(void **state)
{
    (void)state;
    expect(BASE
           ACT("C1", "'zz','web','aa','zz'", "")
           OK1H("C1"),
           Q3, NULL, UNKNOWN_ASSET("C1", "'aa','zz'"));
}

/* ==== The period ==== */

/* "at + AS (its due time d) for a deferral": D1 at 06-26 (d = 07-01): pending in Q2 (not
 * even its incomplete-record), judged in Q3 with all its findings. D2 1 ns earlier (d =
 * 06-30 23:59:59.999999999): judged in Q2, absent from Q3. */
static void test_period__deferral_judged_in_period_of_due(void **state)
{
    (void)state;
    const char *rec = BASE
                      DEC("D1", "carol", "2026-06-26T00:00:00Z", "patch", "defer",
                          "'web'", ",'factors':{'exposure':'x'},'vulns':[" V("V1") "]")
                      DEC("D2", "carol", "2026-06-25T23:59:59.999999999Z", "patch",
                          "defer", "'web'",
                          ",'factors':{'exposure':'x'},'vulns':[" V("V1") "]");
    expect_states(rec, "2026-Q2", NULL, "D1:pending\nD2:undocumented\n");
    expect(rec, "2026-Q2", NULL,
           INCOMPLETE("D2", "'rationale'") UNDOC("D2", "'no-acceptance'"));
    expect_states(rec, Q3, NULL, "D1:undocumented\n");
    expect(rec, Q3, NULL, INCOMPLETE("D1", "'rationale'") UNDOC("D1", "'no-acceptance'"));
}

/* Same for an escalation: at 09-28, d = 10-03 → pending in Q3, orphaned in Q4 with its
 * incomplete-record. */
static void test_period__escalation_judged_in_period_of_due(void **state)
{
    (void)state;
    const char *rec = BASE
                      DEC("E1", "carol", "2026-09-28T00:00:00Z", "restart", "escalate",
                          "'web'", ",'rationale':'r'");
    expect_states(rec, Q3, NULL, "E1:pending\n");
    expect(rec, Q3, NULL, "");
    expect_states(rec, Q4, NULL, "E1:orphaned\n");
    expect(rec, Q4, NULL, INCOMPLETE("E1", "'factors'") ORPHANED("E1"));
}

/* "t for a change": decided in Q3, deployed in Q4 → nothing in Q3 (not even a verdict),
 * everything in Q4. */
static void test_period__change_judged_in_period_of_t(void **state)
{
    (void)state;
    const char *rec = BASE
                      DEC("C1", "carol", "2026-09-30T23:00:00Z", "restart", "act",
                          "'web'",
                          ",'factors':{'exposure':'x'}"
                          CHG(",'deployed_at':'2026-10-01T01:00:00Z'"));
    expect_states(rec, Q3, NULL, "");
    expect(rec, Q3, NULL, "");
    expect_states(rec, Q4, NULL, "C1:untraced:untraced\n");
    expect(rec, Q4, NULL,
           INCOMPLETE("C1", "'rationale'") UNTRACED("C1", "'no-authorization'"));
}

/* Findings land with their decision: a pending deferral citing a stale policy gives no
 * stale-policy in Q2; judged in Q3, it does. */
static void test_period__stale_policy_lands_with_its_decision(void **state)
{
    (void)state;
    const char *rec = BASE
                      POLICY("P", "1",
                             ",'signed_by':'alice','signed_at':'2026-06-01T00:00:00Z',"
                             "'review_by':'2026-06-15T00:00:00Z'")
                      DEC("D1", "carol", "2026-06-28T00:00:00Z", "patch", "defer",
                          "'web'", CTX ",'vulns':[" V("V1") "]" CITE("P", "1"))
                      ACCEPT("R1", LINK("D1"), "alice", "2026-06-29T00:00:00Z", "");
    expect_states(rec, "2026-Q2", NULL, "D1:pending\n");
    expect(rec, "2026-Q2", NULL, "");
    expect(rec, Q3, NULL, F("stale-policy", "P@1", "", "medium"));
}

/* "Without --period, the period is all time and to is one second after the latest event
 * time over every loaded record ... (not review_by, expires or unknown fields)". D1
 * (defer 08-01, d = 08-06 00:00) is pending while to ≤ d, judged (no-acceptance) once
 * to > d. The far-future review_by and expires and an unknown field do not move to: with
 * the base alone, the latest event is D1's at → pending. One more event at 08-05 23:59:59
 * makes to = d (pending); 1 ns later makes to > d (judged). Each event kind is tried:
 * approval and notification pointing at no decision, acknowledged_at, first_seen, the
 * later of two observations' last_seen, signed_at, and change.deployed_at. */
#define ASOF_BASE                                                                        \
    BASE DEC("D1", "carol", D_AT, "patch", "defer", "'web'",                             \
             CTX ",'vulns':[" V("V1") "]")                                               \
        POLICY("P", "1",                                                                 \
               ",'signed_by':'alice','signed_at':'2026-07-01T00:00:00Z','review_by':"    \
               "'2030-01-01T00:00:00Z','noted_at':'2031-01-01T00:00:00Z'")               \
            ACCEPT("R0", LINK("NOPE"), "alice", "2026-07-15T00:00:00Z",                  \
                   ",'expires':'2030-01-01T00:00:00Z'")
#define ASOF_JUST "2026-08-05T23:59:59Z"
#define ASOF_PAST "2026-08-05T23:59:59.000000001Z"
static void asof(const char *extra_just, const char *extra_past)
{
    char *a = sg_xasprintf("%s%s", ASOF_BASE, extra_just);
    char *b = sg_xasprintf("%s%s", ASOF_BASE, extra_past);
    expect(a, NULL, NULL, "");
    expect(b, NULL, NULL, UNDOC("D1", "'no-acceptance'"));
    free(a);
    free(b);
}
static void test_period__all_time_to_is_one_second_after_latest_event(void **state)
{
    (void)state;
    expect(ASOF_BASE, NULL, NULL, "");
    asof(APPROVAL("A9", "'decision':'NOPE'", "alice", ASOF_JUST, "approved"),
         APPROVAL("A9", "'decision':'NOPE'", "alice", ASOF_PAST, "approved"));
    asof(NOTE("N9", "NOPE", "alice", ASOF_JUST, ""),
         NOTE("N9", "NOPE", "alice", ASOF_PAST, ""));
    asof(ACCEPT("R9", LINK("NOPE"), "alice", ASOF_JUST, ""),
         ACCEPT("R9", LINK("NOPE"), "alice", ASOF_PAST, ""));
    asof(EXPO("X9", "V9", "dev", ASOF_JUST, ""), EXPO("X9", "V9", "dev", ASOF_PAST, ""));
    asof(EXPO("X9", "V9", "dev", "2026-07-01T00:00:00Z", ",'last_seen':'" ASOF_JUST "'")
         EXPO("X9", "V9", "dev", "2026-07-01T00:00:00Z",
              ",'last_seen':'2026-07-02T00:00:00Z'"),
         EXPO("X9", "V9", "dev", "2026-07-01T00:00:00Z", ",'last_seen':'" ASOF_PAST "'")
         EXPO("X9", "V9", "dev", "2026-07-01T00:00:00Z",
              ",'last_seen':'2026-07-02T00:00:00Z'"));
    asof(POLICY("S", "1", ",'signed_by':'alice','signed_at':'" ASOF_JUST "'"),
         POLICY("S", "1", ",'signed_by':'alice','signed_at':'" ASOF_PAST "'"));
    /* a change on stg traced by P (valid, tier 1), decided 08-01 and deployed late */
    asof(DEC("C9", "carol", D_AT, "restart", "act", "'stg'",
             CTX CHG(",'deployed_at':'" ASOF_JUST "'") CITE("P", "1")),
         DEC("C9", "carol", D_AT, "restart", "act", "'stg'",
             CTX CHG(",'deployed_at':'" ASOF_PAST "'") CITE("P", "1")));
}

/* ==== Output order ==== */

/* SPEC §7: findings "sorted by finding then subject (byte order)": C2 < c1 < é1 (0x43 <
 * 0x63 < 0xC3). */
static void test_output__sorted_by_finding_then_subject_bytes(void **state)
{
    (void)state;
    expect(BASE
           ACT("é1", "'web'", "")
           ACT("c1", "'web'", "")
           ACT("C2", "'web'", ""),
           Q3, NULL,
           UNTRACED("C2", "'no-authorization'")
           UNTRACED("c1", "'no-authorization'")
           UNTRACED("é1", "'no-authorization'"));
}

/* clang-format on */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_notation__known_human_approval_traces),
        cmocka_unit_test(test_notation__non_human_approvers_are_agent_approver),
        cmocka_unit_test(test_notation__identity_also_an_agent_is_not_a_known_human),
        cmocka_unit_test(test_notation__undeclared_id_is_unknown),
        cmocka_unit_test(test_notation__decider_twin_owes_confidence_and_policy),
        cmocka_unit_test(test_tier__highest_over_targets_policy),
        cmocka_unit_test(test_tier__highest_over_targets_veto_window),
        cmocka_unit_test(test_tier__default_for_unlisted_environment),
        cmocka_unit_test(test_tier__empty_targets_use_default),
        cmocka_unit_test(test_tier__settings_change_one_cell),
        cmocka_unit_test(test_tier__production_cell_merged_not_replaced),
        cmocka_unit_test(test_tier__zero_and_four),
        cmocka_unit_test(test_untraced__no_authorization_alone),
        cmocka_unit_test(test_untraced__deployed_despite_veto),
        cmocka_unit_test(test_untraced__refusal_blocks_window_and_policy_paths),
        cmocka_unit_test(test_untraced__self_approval_each_way),
        cmocka_unit_test(test_untraced__self_approval_with_other_reasons),
        cmocka_unit_test(test_untraced__approval_after_deploy_alone),
        cmocka_unit_test(test_untraced__stale_approval_alone),
        cmocka_unit_test(test_untraced__non_human_notified_alone),
        cmocka_unit_test(test_untraced__notified_after_deploy_alone),
        cmocka_unit_test(test_untraced__veto_window_open_alone),
        cmocka_unit_test(test_untraced__tier_too_low_alone),
        cmocka_unit_test(test_untraced__citing_a_bad_policy_is_not_no_authorization),
        cmocka_unit_test(test_untraced__ten_reasons_together_sorted),
        cmocka_unit_test(test_untraced__tier_too_low_once_with_others),
        cmocka_unit_test(test_path__approval_before_window_before_policy),
        cmocka_unit_test(test_path__earliest_qualifying_approval_ties_by_id),
        cmocka_unit_test(test_path__earliest_qualifying_notification_ties_by_id),
        cmocka_unit_test(test_link__change_ref_approval_shared_by_two_decisions),
        cmocka_unit_test(test_link__approved_naming_a_decision_belongs_to_it_only),
        cmocka_unit_test(test_link__refusal_through_either_field_blocks_the_whole_ref),
        cmocka_unit_test(test_frozen__approval_and_notification_at_to_do_not_exist),
        cmocka_unit_test(test_frozen__policy_signed_at_to_does_not_exist),
        cmocka_unit_test(test_frozen__acceptance_at_to_does_not_exist),
        cmocka_unit_test(test_deployed_at__approval_window_from_t),
        cmocka_unit_test(test_deployed_at__window_and_refusal_against_t),
        cmocka_unit_test(test_policy__scope_absent_keys_restrict_nothing),
        cmocka_unit_test(test_policy__scope_restrictions_fail),
        cmocka_unit_test(test_policy__max_criticality_ordering),
        cmocka_unit_test(test_policy__unknown_target_outside_restricting_scope),
        cmocka_unit_test(test_policy__signer_must_be_a_known_human),
        cmocka_unit_test(test_policy__signer_may_be_the_requester),
        cmocka_unit_test(test_policy__signed_after_at_or_never),
        cmocka_unit_test(test_policy__policy_max_age_setting),
        cmocka_unit_test(test_policy__citation_is_the_exact_version),
        cmocka_unit_test(test_settings__approval_max_age),
        cmocka_unit_test(test_settings__veto_window),
        cmocka_unit_test(test_deferral__every_pair_named_by_several_acceptances),
        cmocka_unit_test(test_deferral__pair_named_only_by_invalid_acceptance),
        cmocka_unit_test(test_deferral__valid_acceptance_beside_invalid_documents),
        cmocka_unit_test(test_deferral__acceptance_of_another_decision_names_the_pair),
        cmocka_unit_test(test_deferral__no_pairs_only_decision_link_documents),
        cmocka_unit_test(test_deferral__every_defect_together),
        cmocka_unit_test(test_deferral__no_acceptance_with_defects_and_twin_owner),
        cmocka_unit_test(test_deferral__expires_absent_or_after_due),
        cmocka_unit_test(test_deferral__pair_acknowledged_exactly_at_due),
        cmocka_unit_test(test_deferral__acceptance_sla_setting),
        cmocka_unit_test(test_exposure__severity_field_first),
        cmocka_unit_test(test_exposure__severity_from_cvss_boundaries),
        cmocka_unit_test(test_exposure__default_severity),
        cmocka_unit_test(test_exposure__remediation_sla_merged_per_severity),
        cmocka_unit_test(test_exposure__remediating_actions),
        cmocka_unit_test(test_exposure__untraced_patch_still_remediates),
        cmocka_unit_test(test_exposure__patch_at_first_seen),
        cmocka_unit_test(test_exposure__remediation_must_be_before_to),
        cmocka_unit_test(test_exposure__open_last_seen_is_no_fix),
        cmocka_unit_test(test_exposure__reobserved_judged_by_latest_before_to),
        cmocka_unit_test(test_exposure__reobserved_at_to_is_ignored),
        cmocka_unit_test(test_exposure__reobserved_fix_at_to_waits_for_next_period),
        cmocka_unit_test(test_exposure__judged_again_while_overdue),
        cmocka_unit_test(test_exposure__remediated_at_from_not_judged),
        cmocka_unit_test(test_exposure__excused_through_covering_decision),
        cmocka_unit_test(test_exposure__excuse_boundaries),
        cmocka_unit_test(test_exposure__silent_vs_breach_at_deadline),
        cmocka_unit_test(test_escalation__answered_by_known_human_approval_only),
        cmocka_unit_test(test_escalation__answered_by_known_human_acceptance),
        cmocka_unit_test(test_escalation__no_vulns_no_pair_acceptance),
        cmocka_unit_test(test_escalation__changes_together_cover_every_target),
        cmocka_unit_test(test_escalation__change_time_boundaries),
        cmocka_unit_test(test_escalation__untraced_change_does_not_answer),
        cmocka_unit_test(test_escalation__no_targets_and_pairs),
        cmocka_unit_test(test_escalation__pending_when_due_at_to),
        cmocka_unit_test(test_incomplete__every_field_for_an_agent),
        cmocka_unit_test(test_incomplete__missing_values_and_unknown_decider),
        cmocka_unit_test(test_incomplete__known_human_decider_exempt),
        cmocka_unit_test(test_incomplete__vulns_owed_by_action_or_defer),
        cmocka_unit_test(test_context_free_severity__factors),
        cmocka_unit_test(test_tier_understated__each_outcome),
        cmocka_unit_test(test_scope_exceeded__environments),
        cmocka_unit_test(test_scope_exceeded__globs),
        cmocka_unit_test(test_scope_exceeded__reasons_sorted_and_deduplicated),
        cmocka_unit_test(test_untested_change__results),
        cmocka_unit_test(test_no_rollback_plan__missing),
        cmocka_unit_test(test_stale_policy__one_finding_per_version),
        cmocka_unit_test(test_unknown_asset__sorted_and_deduplicated),
        cmocka_unit_test(test_period__deferral_judged_in_period_of_due),
        cmocka_unit_test(test_period__escalation_judged_in_period_of_due),
        cmocka_unit_test(test_period__change_judged_in_period_of_t),
        cmocka_unit_test(test_period__stale_policy_lands_with_its_decision),
        cmocka_unit_test(test_period__all_time_to_is_one_second_after_latest_event),
        cmocka_unit_test(test_output__sorted_by_finding_then_subject_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

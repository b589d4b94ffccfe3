/* test_trace.c: SPEC §4, rule by rule: for each rule the case that holds and the case
 * that just fails to hold (equal times, exactly the window, one nanosecond past). Test
 * names use the spec's words. */
#include "harness.h"

/* A small estate every case shares: alice and bob are known humans, svc a machine
 * identity, bot an agent; web is production/medium (tier 2), api production/critical
 * (tier 3), stg staging/high (tier 1). */
#define BASE                                                                                \
    "{\"kind\":\"identity\",\"id\":\"alice\",\"name\":\"Alice\",\"human\":true}\n"           \
    "{\"kind\":\"identity\",\"id\":\"bob\",\"name\":\"Bob\",\"human\":true}\n"               \
    "{\"kind\":\"identity\",\"id\":\"svc\",\"name\":\"svc\",\"human\":false}\n"              \
    "{\"kind\":\"agent\",\"id\":\"bot\",\"name\":\"Bot\"}\n"                                 \
    "{\"kind\":\"asset\",\"id\":\"web\",\"environment\":\"production\",\"criticality\":"     \
    "\"medium\"}\n"                                                                          \
    "{\"kind\":\"asset\",\"id\":\"api\",\"environment\":\"production\",\"criticality\":"     \
    "\"critical\"}\n"                                                                        \
    "{\"kind\":\"asset\",\"id\":\"stg\",\"environment\":\"staging\",\"criticality\":"        \
    "\"high\"}\n"

/* A complete change by bot at 12:00 on web, so that only the rule under test speaks. */
#define CHANGE(id, target, extra)                                                           \
    "{\"kind\":\"decision\",\"id\":\"" id "\",\"agent\":\"bot\",\"at\":"                     \
    "\"2026-08-10T12:00:00Z\",\"action\":\"restart\",\"outcome\":\"act\",\"targets\":[\""    \
    target "\"],\"factors\":{\"exposure\":\"internal\"},\"confidence\":0.9,\"rationale\":"  \
    "\"r\",\"policy\":{\"id\":\"P\",\"version\":1},\"change\":{\"tests\":{\"result\":"      \
    "\"passed\"},\"rollback_plan\":\"revert\"}" extra "}\n"

#define UNTRACED(id, reasons)                                                               \
    "{\"finding\":\"untraced-change\",\"subject\":\"" id "\",\"reasons\":[" reasons         \
    "],\"severity\":\"high\"}\n"

#define INVALID "\"invalid-policy\""
#define Q3 "2026-Q3"

static void test_approval__exactly_ama_old_traces(void **state)
{
    (void)state;
    char *v = th_verdicts(BASE CHANGE("C1", "web", "")
                          "{\"kind\":\"approval\",\"id\":\"A1\",\"decision\":\"C1\",\"by\":"
                          "\"alice\",\"at\":\"2026-08-09T12:00:00Z\",\"outcome\":\"approved\"}\n",
                          Q3, NULL);
    assert_string_equal(v, "C1:traced:approval:alice\n");
    free(v);
}

static void test_approval__1ns_older_is_stale(void **state)
{
    (void)state;
    th_expect(BASE CHANGE("C1", "web", "")
              "{\"kind\":\"approval\",\"id\":\"A1\",\"decision\":\"C1\",\"by\":\"alice\","
              "\"at\":\"2026-08-09T11:59:59.999999999Z\",\"outcome\":\"approved\"}\n",
              Q3, NULL, UNTRACED("C1", INVALID ",\"stale-approval\""));
}

static void test_approval__at_t_traces_and_1ns_after_does_not(void **state)
{
    (void)state;
    char *v = th_verdicts(BASE CHANGE("C1", "web", "")
                          "{\"kind\":\"approval\",\"id\":\"A1\",\"decision\":\"C1\",\"by\":"
                          "\"alice\",\"at\":\"2026-08-10T12:00:00Z\",\"outcome\":\"approved\"}\n",
                          Q3, NULL);
    assert_string_equal(v, "C1:traced:approval:alice\n");
    free(v);
    th_expect(BASE CHANGE("C1", "web", "")
              "{\"kind\":\"approval\",\"id\":\"A1\",\"decision\":\"C1\",\"by\":\"alice\","
              "\"at\":\"2026-08-10T12:00:00.000000001Z\",\"outcome\":\"approved\"}\n",
              Q3, NULL, UNTRACED("C1", "\"approval-after-deploy\"," INVALID));
}

static void test_approval__by_agent_itself_is_self_and_agent(void **state)
{
    (void)state;
    th_expect(BASE CHANGE("C1", "web", "")
              "{\"kind\":\"approval\",\"id\":\"A1\",\"decision\":\"C1\",\"by\":\"bot\","
              "\"at\":\"2026-08-10T11:00:00Z\",\"outcome\":\"approved\"}\n",
              Q3, NULL,
              UNTRACED("C1", "\"agent-approver\"," INVALID ",\"self-approval\""));
}

static void test_approval__by_requester_is_self(void **state)
{
    (void)state;
    th_expect(BASE
              "{\"kind\":\"decision\",\"id\":\"C1\",\"agent\":\"bot\",\"at\":"
              "\"2026-08-10T12:00:00Z\",\"action\":\"restart\",\"outcome\":\"act\","
              "\"targets\":[\"web\"],\"factors\":{\"exposure\":\"x\"},\"confidence\":0.9,"
              "\"rationale\":\"r\",\"policy\":{\"id\":\"P\",\"version\":1},\"change\":{"
              "\"requested_by\":\"alice\",\"tests\":{\"result\":\"passed\"},"
              "\"rollback_plan\":\"revert\"}}\n"
              "{\"kind\":\"approval\",\"id\":\"A1\",\"decision\":\"C1\",\"by\":\"alice\","
              "\"at\":\"2026-08-10T11:00:00Z\",\"outcome\":\"approved\"}\n",
              Q3, NULL, UNTRACED("C1", INVALID ",\"self-approval\""));
}

static void test_veto_window__closing_exactly_at_t_traces(void **state)
{
    (void)state;
    char *v = th_verdicts(BASE CHANGE("C1", "web", "")
                          "{\"kind\":\"notification\",\"id\":\"N1\",\"decision\":\"C1\",\"to\":"
                          "\"alice\",\"at\":\"2026-08-10T08:00:00Z\"}\n",
                          Q3, NULL);
    assert_string_equal(v, "C1:traced:veto-window:alice\n");
    free(v);
}

static void test_veto_window__1ns_short_is_open(void **state)
{
    (void)state;
    th_expect(BASE CHANGE("C1", "web", "")
              "{\"kind\":\"notification\",\"id\":\"N1\",\"decision\":\"C1\",\"to\":\"alice\","
              "\"at\":\"2026-08-10T08:00:00.000000001Z\"}\n",
              Q3, NULL, UNTRACED("C1", INVALID ",\"veto-window-open\""));
}

static void test_veto_window__own_window_overrides_setting(void **state)
{
    (void)state;
    char *v = th_verdicts(BASE CHANGE("C1", "web", "")
                          "{\"kind\":\"notification\",\"id\":\"N1\",\"decision\":\"C1\",\"to\":"
                          "\"alice\",\"at\":\"2026-08-10T11:00:00Z\",\"veto_window\":\"PT1H\"}\n",
                          Q3, NULL);
    assert_string_equal(v, "C1:traced:veto-window:alice\n");
    free(v);
}

static void test_veto_window__tier3_is_tier_too_low(void **state)
{
    (void)state;
    th_expect(BASE CHANGE("C1", "api", "")
              "{\"kind\":\"notification\",\"id\":\"N1\",\"decision\":\"C1\",\"to\":\"alice\","
              "\"at\":\"2026-08-10T08:00:00Z\"}\n",
              Q3, NULL, UNTRACED("C1", INVALID ",\"tier-too-low\""));
}

#define POLICY(extra)                                                                       \
    "{\"kind\":\"policy\",\"id\":\"P\",\"version\":1,\"signed_by\":\"alice\",\"signed_at\":" \
    "\"2026-08-01T00:00:00Z\"" extra "}\n"

static void test_policy__valid_at_tier1_traces(void **state)
{
    (void)state;
    char *v = th_verdicts(BASE POLICY("") CHANGE("C1", "stg", ""), Q3, NULL);
    assert_string_equal(v, "C1:traced:policy:alice\n");
    free(v);
}

static void test_policy__at_tier2_is_tier_too_low(void **state)
{
    (void)state;
    th_expect(BASE POLICY("") CHANGE("C1", "web", ""), Q3, NULL,
              UNTRACED("C1", "\"tier-too-low\""));
}

static void test_policy__review_by_exactly_at_is_valid_1ns_before_is_not(void **state)
{
    (void)state;
    char *v = th_verdicts(BASE POLICY(",\"review_by\":\"2026-08-10T12:00:00Z\"")
                              CHANGE("C1", "stg", ""),
                          Q3, NULL);
    assert_string_equal(v, "C1:traced:policy:alice\n");
    free(v);
    th_expect(BASE POLICY(",\"review_by\":\"2026-08-10T11:59:59.999999999Z\"")
                  CHANGE("C1", "stg", ""),
              Q3, NULL,
              "{\"finding\":\"stale-policy\",\"subject\":\"P@1\",\"reasons\":[],\"severity\":"
              "\"medium\"}\n" UNTRACED("C1", INVALID));
}

static void test_policy__max_age_exactly_valid_1ns_more_stale(void **state)
{
    (void)state;
    /* signed 2026-02-11T12:00Z; + P180D = 2026-08-10T12:00Z = at */
    char *v = th_verdicts(BASE
                          "{\"kind\":\"policy\",\"id\":\"P\",\"version\":1,\"signed_by\":"
                          "\"alice\",\"signed_at\":\"2026-02-11T12:00:00Z\"}\n" CHANGE("C1", "stg", ""),
                          Q3, NULL);
    assert_string_equal(v, "C1:traced:policy:alice\n");
    free(v);
    th_expect(BASE
              "{\"kind\":\"policy\",\"id\":\"P\",\"version\":1,\"signed_by\":\"alice\","
              "\"signed_at\":\"2026-02-11T11:59:59.999999999Z\"}\n" CHANGE("C1", "stg", ""),
              Q3, NULL,
              "{\"finding\":\"stale-policy\",\"subject\":\"P@1\",\"reasons\":[],\"severity\":"
              "\"medium\"}\n" UNTRACED("C1", INVALID));
}

static void test_policy__signed_exactly_at_decision_valid(void **state)
{
    (void)state;
    char *v = th_verdicts(BASE
                          "{\"kind\":\"policy\",\"id\":\"P\",\"version\":1,\"signed_by\":"
                          "\"alice\",\"signed_at\":\"2026-08-10T12:00:00Z\"}\n" CHANGE("C1", "stg", ""),
                          Q3, NULL);
    assert_string_equal(v, "C1:traced:policy:alice\n");
    free(v);
}

static void test_policy__scope_empty_list_allows_nothing(void **state)
{
    (void)state;
    th_expect(BASE POLICY(",\"scope\":{\"actions\":[]}") CHANGE("C1", "stg", ""), Q3, NULL,
              UNTRACED("C1", INVALID));
}

static void test_refusal__at_t_blocks_1ns_after_does_not(void **state)
{
    (void)state;
    const char *ok = "{\"kind\":\"approval\",\"id\":\"A1\",\"decision\":\"C1\",\"by\":\"alice\","
                     "\"at\":\"2026-08-10T11:00:00Z\",\"outcome\":\"approved\"}\n";
    char *rec = sg_xasprintf("%s%s%s%s", BASE, CHANGE("C1", "web", ""), ok,
                             "{\"kind\":\"approval\",\"id\":\"R1\",\"decision\":\"C1\",\"by\":"
                             "\"bob\",\"at\":\"2026-08-10T12:00:00Z\",\"outcome\":\"vetoed\"}\n");
    th_expect(rec, Q3, NULL, UNTRACED("C1", "\"deployed-despite-veto\"," INVALID));
    free(rec);
    rec = sg_xasprintf("%s%s%s%s", BASE, CHANGE("C1", "web", ""), ok,
                       "{\"kind\":\"approval\",\"id\":\"R1\",\"decision\":\"C1\",\"by\":\"bob\","
                       "\"at\":\"2026-08-10T12:00:00.000000001Z\",\"outcome\":\"vetoed\"}\n");
    char *v = th_verdicts(rec, Q3, NULL);
    assert_string_equal(v, "C1:traced:approval:alice\n");
    free(v);
    free(rec);
}

#define DEFER(id, extra)                                                                    \
    "{\"kind\":\"decision\",\"id\":\"" id "\",\"agent\":\"bot\",\"at\":"                     \
    "\"2026-08-01T00:00:00Z\",\"action\":\"patch\",\"outcome\":\"defer\",\"targets\":"      \
    "[\"web\"],\"vulns\":[{\"id\":\"CVE-1\"}],\"factors\":{\"exposure\":\"x\"},"            \
    "\"confidence\":0.9,\"rationale\":\"r\",\"policy\":{\"id\":\"P\",\"version\":1}" extra  \
    "}\n"

#define ACCEPT(id, link, owner, ack, extra)                                                 \
    "{\"kind\":\"risk_acceptance\",\"id\":\"" id "\"," link ",\"owner\":\"" owner           \
    "\",\"acknowledged_at\":\"" ack "\"" extra "}\n"

static void test_deferral__acceptance_exactly_at_due_documents(void **state)
{
    (void)state;
    char *v = th_verdicts(BASE DEFER("D1", "")
                              ACCEPT("R1", "\"decision\":\"D1\"", "alice", "2026-08-06T00:00:00Z", ""),
                          Q3, NULL);
    assert_string_equal(v, "D1:documented:alice\n");
    free(v);
}

static void test_deferral__acceptance_1ns_after_due_is_late(void **state)
{
    (void)state;
    th_expect(BASE DEFER("D1", "")
                  ACCEPT("R1", "\"decision\":\"D1\"", "alice", "2026-08-06T00:00:00.000000001Z", ""),
              Q3, NULL,
              "{\"finding\":\"undocumented-deferral\",\"subject\":\"D1\",\"reasons\":["
              "\"late-acceptance\"],\"severity\":\"high\"}\n");
}

static void test_deferral__expiring_exactly_at_due_is_expired(void **state)
{
    (void)state;
    th_expect(BASE DEFER("D1", "")
                  ACCEPT("R1", "\"decision\":\"D1\"", "alice", "2026-08-02T00:00:00Z",
                         ",\"expires\":\"2026-08-06T00:00:00Z\""),
              Q3, NULL,
              "{\"finding\":\"undocumented-deferral\",\"subject\":\"D1\",\"reasons\":["
              "\"expired-acceptance\"],\"severity\":\"high\"}\n");
}

static void test_deferral__pair_acceptance_documents_owners_judged(void **state)
{
    (void)state;
    char *v = th_verdicts(BASE DEFER("D1", "")
                              ACCEPT("R1", "\"vuln\":\"CVE-1\",\"asset\":\"web\"", "bob",
                                     "2026-08-02T00:00:00Z", ""),
                          Q3, NULL);
    assert_string_equal(v, "D1:documented:bob\n");
    free(v);
    th_expect(BASE DEFER("D1", "")
                  ACCEPT("R1", "\"vuln\":\"CVE-1\",\"asset\":\"web\"", "svc",
                         "2026-08-02T00:00:00Z", "")
                      ACCEPT("R2", "\"decision\":\"D1\"", "ghost", "2026-08-02T00:00:00Z", ""),
              Q3, NULL,
              "{\"finding\":\"undocumented-deferral\",\"subject\":\"D1\",\"reasons\":["
              "\"non-human-owner\",\"unknown-owner\"],\"severity\":\"high\"}\n");
}

static void test_deferral__due_exactly_at_to_is_pending(void **state)
{
    (void)state;
    /* at 2026-09-26T00:00Z + P5D = 10-01 = to of Q3 */
    char *v = th_verdicts(BASE
                          "{\"kind\":\"decision\",\"id\":\"D1\",\"agent\":\"bot\",\"at\":"
                          "\"2026-09-26T00:00:00Z\",\"action\":\"patch\",\"outcome\":\"defer\","
                          "\"targets\":[\"web\"],\"vulns\":[{\"id\":\"CVE-1\"}]}\n",
                          Q3, NULL);
    assert_string_equal(v, "D1:pending\n");
    free(v);
}

#define EXPOSURE(id, first, extra)                                                          \
    "{\"kind\":\"exposure\",\"id\":\"" id "\",\"vuln\":\"CVE-9\",\"asset\":\"web\","        \
    "\"first_seen\":\"" first "\",\"severity\":\"critical\"" extra "}\n"

static void test_exposure__fixed_exactly_at_deadline_is_remediated(void **state)
{
    (void)state;
    th_expect(BASE EXPOSURE("X1", "2026-08-01T00:00:00Z",
                            ",\"status\":\"fixed\",\"last_seen\":\"2026-08-16T00:00:00Z\""),
              Q3, NULL, "");
    th_expect(BASE EXPOSURE("X1", "2026-08-01T00:00:00Z",
                            ",\"status\":\"fixed\",\"last_seen\":\"2026-08-16T00:00:00.000000001Z\""),
              Q3, NULL,
              "{\"finding\":\"silent-deferral\",\"subject\":\"X1\",\"reasons\":[],\"severity\":"
              "\"high\"}\n");
}

static void test_exposure__decision_at_deadline_makes_breach_not_silent(void **state)
{
    (void)state;
    th_expect(BASE EXPOSURE("X1", "2026-08-01T00:00:00Z", "")
                  "{\"kind\":\"decision\",\"id\":\"D1\",\"agent\":\"alice\",\"at\":"
                  "\"2026-08-16T00:00:00Z\",\"action\":\"restart\",\"outcome\":\"escalate\","
                  "\"targets\":[\"web\"],\"vulns\":[{\"id\":\"CVE-9\"}],\"factors\":{\"a\":"
                  "\"b\"},\"rationale\":\"r\"}\n"
                  "{\"kind\":\"approval\",\"id\":\"A1\",\"decision\":\"D1\",\"by\":\"bob\","
                  "\"at\":\"2026-08-16T01:00:00Z\",\"outcome\":\"rejected\"}\n",
              Q3, NULL,
              "{\"finding\":\"sla-breach\",\"subject\":\"X1\",\"reasons\":[],\"severity\":"
              "\"medium\"}\n");
}

static void test_exposure__acceptance_expiring_at_end_of_span_does_not_excuse(void **state)
{
    (void)state;
    /* open at to (10-01): the span ends at to; expires must be > to */
    th_expect(BASE EXPOSURE("X1", "2026-08-01T00:00:00Z", "")
                  ACCEPT("R1", "\"vuln\":\"CVE-9\",\"asset\":\"web\"", "alice",
                         "2026-08-16T00:00:00Z", ",\"expires\":\"2026-10-01T00:00:00Z\""),
              Q3, NULL,
              "{\"finding\":\"silent-deferral\",\"subject\":\"X1\",\"reasons\":[],\"severity\":"
              "\"high\"}\n");
    th_expect(BASE EXPOSURE("X1", "2026-08-01T00:00:00Z", "")
                  ACCEPT("R1", "\"vuln\":\"CVE-9\",\"asset\":\"web\"", "alice",
                         "2026-08-16T00:00:00Z", ",\"expires\":\"2026-10-01T00:00:00.000000001Z\""),
              Q3, NULL, "");
}

static void test_escalation__answered_by_human_approval_at_due(void **state)
{
    (void)state;
    char *v = th_verdicts(BASE
                          "{\"kind\":\"decision\",\"id\":\"E1\",\"agent\":\"bot\",\"at\":"
                          "\"2026-08-01T00:00:00Z\",\"action\":\"restart\",\"outcome\":"
                          "\"escalate\",\"targets\":[\"web\"],\"factors\":{\"a\":\"b\"},"
                          "\"confidence\":1,\"rationale\":\"r\",\"policy\":{\"id\":\"P\","
                          "\"version\":1}}\n"
                          "{\"kind\":\"approval\",\"id\":\"A1\",\"decision\":\"E1\",\"by\":"
                          "\"bob\",\"at\":\"2026-08-06T00:00:00Z\",\"outcome\":\"rejected\"}\n",
                          Q3, NULL);
    assert_string_equal(v, "E1:answered:bob\n");
    free(v);
    th_expect(BASE
              "{\"kind\":\"decision\",\"id\":\"E1\",\"agent\":\"bot\",\"at\":"
              "\"2026-08-01T00:00:00Z\",\"action\":\"restart\",\"outcome\":\"escalate\","
              "\"targets\":[\"web\"],\"factors\":{\"a\":\"b\"},\"confidence\":1,\"rationale\":"
              "\"r\",\"policy\":{\"id\":\"P\",\"version\":1}}\n"
              "{\"kind\":\"approval\",\"id\":\"A1\",\"decision\":\"E1\",\"by\":\"bob\",\"at\":"
              "\"2026-08-06T00:00:00.000000001Z\",\"outcome\":\"rejected\"}\n",
              Q3, NULL,
              "{\"finding\":\"orphaned-escalation\",\"subject\":\"E1\",\"reasons\":[],"
              "\"severity\":\"high\"}\n");
}

static void test_other__tier_understated_and_equal_tier_is_not(void **state)
{
    (void)state;
    th_expect(BASE CHANGE("C1", "api", ",\"tier\":2")
              "{\"kind\":\"approval\",\"id\":\"A1\",\"decision\":\"C1\",\"by\":\"alice\","
              "\"at\":\"2026-08-10T11:00:00Z\",\"outcome\":\"approved\"}\n",
              Q3, NULL,
              "{\"finding\":\"tier-understated\",\"subject\":\"C1\",\"reasons\":[],"
              "\"severity\":\"medium\"}\n");
    th_expect(BASE CHANGE("C1", "api", ",\"tier\":3")
              "{\"kind\":\"approval\",\"id\":\"A1\",\"decision\":\"C1\",\"by\":\"alice\","
              "\"at\":\"2026-08-10T11:00:00Z\",\"outcome\":\"approved\"}\n",
              Q3, NULL, "");
}

static void test_other__unknown_asset_counts_as_tier3(void **state)
{
    (void)state;
    th_expect(BASE CHANGE("C1", "ghost-host", "")
              "{\"kind\":\"notification\",\"id\":\"N1\",\"decision\":\"C1\",\"to\":\"alice\","
              "\"at\":\"2026-08-10T08:00:00Z\"}\n",
              Q3, NULL,
              "{\"finding\":\"unknown-asset\",\"subject\":\"C1\",\"reasons\":[\"ghost-host\"],"
              "\"severity\":\"medium\"}\n" UNTRACED("C1", INVALID ",\"tier-too-low\""));
}

static void test_period__change_at_from_is_in_at_to_is_out(void **state)
{
    (void)state;
    th_expect(BASE
              "{\"kind\":\"decision\",\"id\":\"C1\",\"agent\":\"alice\",\"at\":"
              "\"2026-07-01T00:00:00Z\",\"action\":\"restart\",\"outcome\":\"act\",\"targets\":"
              "[\"stg\"],\"factors\":{\"a\":\"b\"},\"rationale\":\"r\"}\n"
              "{\"kind\":\"decision\",\"id\":\"C2\",\"agent\":\"alice\",\"at\":"
              "\"2026-10-01T00:00:00Z\",\"action\":\"restart\",\"outcome\":\"act\",\"targets\":"
              "[\"stg\"],\"factors\":{\"a\":\"b\"},\"rationale\":\"r\"}\n",
              Q3, NULL, UNTRACED("C1", "\"no-authorization\""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_approval__exactly_ama_old_traces),
        cmocka_unit_test(test_approval__1ns_older_is_stale),
        cmocka_unit_test(test_approval__at_t_traces_and_1ns_after_does_not),
        cmocka_unit_test(test_approval__by_agent_itself_is_self_and_agent),
        cmocka_unit_test(test_approval__by_requester_is_self),
        cmocka_unit_test(test_veto_window__closing_exactly_at_t_traces),
        cmocka_unit_test(test_veto_window__1ns_short_is_open),
        cmocka_unit_test(test_veto_window__own_window_overrides_setting),
        cmocka_unit_test(test_veto_window__tier3_is_tier_too_low),
        cmocka_unit_test(test_policy__valid_at_tier1_traces),
        cmocka_unit_test(test_policy__at_tier2_is_tier_too_low),
        cmocka_unit_test(test_policy__review_by_exactly_at_is_valid_1ns_before_is_not),
        cmocka_unit_test(test_policy__max_age_exactly_valid_1ns_more_stale),
        cmocka_unit_test(test_policy__signed_exactly_at_decision_valid),
        cmocka_unit_test(test_policy__scope_empty_list_allows_nothing),
        cmocka_unit_test(test_refusal__at_t_blocks_1ns_after_does_not),
        cmocka_unit_test(test_deferral__acceptance_exactly_at_due_documents),
        cmocka_unit_test(test_deferral__acceptance_1ns_after_due_is_late),
        cmocka_unit_test(test_deferral__expiring_exactly_at_due_is_expired),
        cmocka_unit_test(test_deferral__pair_acceptance_documents_owners_judged),
        cmocka_unit_test(test_deferral__due_exactly_at_to_is_pending),
        cmocka_unit_test(test_exposure__fixed_exactly_at_deadline_is_remediated),
        cmocka_unit_test(test_exposure__decision_at_deadline_makes_breach_not_silent),
        cmocka_unit_test(test_exposure__acceptance_expiring_at_end_of_span_does_not_excuse),
        cmocka_unit_test(test_escalation__answered_by_human_approval_at_due),
        cmocka_unit_test(test_other__tier_understated_and_equal_tier_is_not),
        cmocka_unit_test(test_other__unknown_asset_counts_as_tier3),
        cmocka_unit_test(test_period__change_at_from_is_in_at_to_is_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

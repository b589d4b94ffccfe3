/* tests/unit/test_facts.c: the facts the decision queries compute in SQL from the stored
 * JSON (model.h SG_DF_*, the tier) agree with the straightforward jansson reading of
 * SPEC §4 Missing and Other findings, for every record shape ingest lets through —
 * strings that look like empty containers, containers of the wrong type, nulls, numbers,
 * nested paths through non-objects. Each record is ingested on its own; one that ingest
 * refuses (its checks are stricter than the rules need) is inserted as it is, so that the
 * SQL meets shapes ingest would never let through too. */
#include "harness.h"

#include "signoff/model.h"
#include "signoff/time.h"

static int missing(const json_t *v)
{
    return sg_json_missing(v);
}

/* The reference: what sg_tr_other read from the jansson tree before the facts existed. */
static unsigned reference_facts(const json_t *doc, int *has_tier, int64_t *tier)
{
    unsigned f = 0;
    json_t *factors = json_object_get(doc, "factors"),
           *vulns = json_object_get(doc, "vulns");
    json_t *change = json_object_get(doc, "change"), *e, *t;
    json_t *result = json_object_get(json_object_get(change, "tests"), "result");
    size_t i;

    if (missing(json_object_get(doc, "confidence")))
        f |= SG_DF_NO_CONFIDENCE;
    if (missing(factors))
        f |= SG_DF_NO_FACTORS;
    if (missing(json_object_get(doc, "policy")))
        f |= SG_DF_NO_POLICY;
    if (missing(json_object_get(doc, "rationale")))
        f |= SG_DF_NO_RATIONALE;
    if (missing(vulns))
        f |= SG_DF_NO_VULNS;
    json_array_foreach(vulns, i, e) if (json_object_get(e, "cvss") != NULL) f |=
        SG_DF_CVSS;
    if (missing(json_object_get(factors, "exposure")) &&
        missing(json_object_get(factors, "exploitability")) &&
        missing(json_object_get(factors, "business_criticality")))
        f |= SG_DF_NO_CONTEXT;
    if (json_is_string(result) && strcmp(json_string_value(result), "passed") == 0)
        f |= SG_DF_TESTS_PASSED;
    if (missing(json_object_get(change, "rollback_plan")))
        f |= SG_DF_NO_ROLLBACK;
    t = json_object_get(doc, "tier");
    *has_tier = json_is_integer(t);
    *tier = *has_tier ? json_integer_value(t) : 0;
    return f;
}

#define HEAD "{'kind':'decision','id':'d','agent':'bot','at':'2026-08-01T00:00:00Z',"
static const char *const records[] = {
    /* bare */
    HEAD "'action':'restart','outcome':'act','targets':[]}",
    /* everything present */
    HEAD
    "'action':'patch','outcome':'act','targets':['a'],'confidence':0.9,'factors':"
    "{'exposure':'x','exploitability':'y','business_criticality':'z'},'policy':{'id':"
    "'P','version':1},'rationale':'because','vulns':[{'id':'CVE-1','cvss':9.8}],"
    "'tier':2,'change':{'tests':{'result':'passed'},'rollback_plan':'revert'}}",
    /* strings that look like empty containers are not Missing; "" is */
    HEAD
    "'action':'restart','outcome':'act','targets':[],'rationale':'[]','confidence':'{}'}",
    HEAD
    "'action':'restart','outcome':'act','targets':[],'rationale':'','confidence':''}",
    HEAD
    "'action':'restart','outcome':'act','targets':[],'rationale':'{}','factors':'[]'}",
    /* empty containers are Missing; non-empty ones are not */
    HEAD "'action':'restart','outcome':'act','targets':[],'rationale':[],'factors':{},"
         "'confidence':{}}",
    HEAD
    "'action':'restart','outcome':'act','targets':[],'rationale':[''],'factors':{'a':1},"
    "'confidence':[[]]}",
    /* numbers and booleans are never Missing, zero and false included */
    HEAD
    "'action':'restart','outcome':'act','targets':[],'confidence':0,'rationale':false,"
    "'factors':0.0}",
    HEAD
    "'action':'restart','outcome':'act','targets':[],'confidence':true,'rationale':-1}",
    /* factors of the wrong type: every context factor is Missing */
    HEAD "'action':'restart','outcome':'act','targets':[],'factors':['exposure']}",
    HEAD "'action':'restart','outcome':'act','targets':[],'factors':'exposure'}",
    /* context factors Missing one way or another, or just one present */
    HEAD "'action':'restart','outcome':'act','targets':[],'factors':{'exposure':'',"
         "'exploitability':[],'business_criticality':{}}}",
    HEAD "'action':'restart','outcome':'act','targets':[],'factors':{'exposure':'[]'}}",
    HEAD
    "'action':'restart','outcome':'act','targets':[],'factors':{'exploitability':0}}",
    HEAD
    "'action':'restart','outcome':'act','targets':[],'factors':{'business_criticality':"
    "{'x':1}}}",
    HEAD "'action':'restart','outcome':'act','targets':[],'factors':{'exposure.x':'y'}}",
    /* cvss: present in any entry counts, whatever its value; wrong shapes count nothing
     */
    HEAD
    "'action':'patch','outcome':'act','targets':[],'vulns':[{'id':'A'},{'id':'B','cvss'"
    ":0}]}",
    HEAD "'action':'patch','outcome':'act','targets':[],'vulns':[{'id':'A','cvss':''}]}",
    HEAD "'action':'patch','outcome':'act','targets':[],'vulns':[{'id':'A','cvss':{}}]}",
    HEAD "'action':'patch','outcome':'act','targets':[],'vulns':['cvss']}",
    HEAD "'action':'patch','outcome':'act','targets':[],'vulns':[['cvss']]}",
    HEAD "'action':'patch','outcome':'act','targets':[],'vulns':{'cvss':1}}",
    HEAD "'action':'patch','outcome':'act','targets':[],'vulns':{'x':{'cvss':1}}}",
    HEAD "'action':'patch','outcome':'act','targets':[],'vulns':[{'id':'A','CVSS':1}]}",
    HEAD "'action':'patch','outcome':'act','targets':[],'vulns':[]}",
    /* tests.result: exactly the string "passed" */
    HEAD "'action':'restart','outcome':'act','targets':[],'change':{'tests':{'result':"
         "'Passed'}}}",
    HEAD "'action':'restart','outcome':'act','targets':[],'change':{'tests':{'result':"
         "['passed']}}}",
    HEAD "'action':'restart','outcome':'act','targets':[],'change':{'tests':'passed'}}",
    HEAD "'action':'restart','outcome':'act','targets':[],'change':{'tests':{'result':"
         "'passed '}}}",
    HEAD "'action':'restart','outcome':'act','targets':[],'change':{'tests':{'result':"
         "'passed'},'rollback_plan':''}}",
    HEAD
    "'action':'restart','outcome':'act','targets':[],'change':{'rollback_plan':'[]'}}",
    HEAD "'action':'restart','outcome':'act','targets':[],'change':{'rollback_plan':{}}}",
    HEAD "'action':'restart','outcome':'act','targets':[],'change':{'rollback_plan':"
         "{'steps':['x']}}}",
    HEAD "'action':'restart','outcome':'act','targets':[],'change':['rollback_plan']}",
    /* tier: only an integer is a tier */
    HEAD "'action':'restart','outcome':'act','targets':[],'tier':0}",
    HEAD "'action':'restart','outcome':'act','targets':[],'tier':-3}",
    HEAD "'action':'restart','outcome':'act','targets':[],'tier':2.0}",
    HEAD "'action':'restart','outcome':'act','targets':[],'tier':'2'}",
    HEAD "'action':'restart','outcome':'act','targets':[],'tier':[2]}",
    HEAD "'action':'restart','outcome':'act','targets':[],'tier':9007199254740993}",
    /* text with escapes, quotes and non-ASCII */
    HEAD "'action':'restart','outcome':'act','targets':[],'rationale':'\\\\u0000'}",
    HEAD "'action':'restart','outcome':'act','targets':[],'rationale':'\\u00e9\\u4e2d',"
         "'confidence':'\\\"'}",
    HEAD "'action':'restart','outcome':'act','targets':[],'rationale':' '}",
    /* a deferral and an escalation */
    HEAD "'action':'patch','outcome':'defer','targets':['a'],'vulns':[{'id':'CVE-2'}],"
         "'factors':{'exposure':null}}",
    HEAD "'action':'restart','outcome':'escalate','targets':['a'],'policy':{}}",
};

/* ' → " so the records read as the rule tests' do */
static char *dq(const char *s)
{
    char *r = sg_xstrdup(s);
    for (char *p = r; *p; p++)
        if (*p == '\'')
            *p = '"';
    return r;
}

static void test_facts__sql_agrees_with_jansson(void **state)
{
    int stored = 0, ingested = 0;
    (void)state;
    for (size_t i = 0; i < sizeof(records) / sizeof(records[0]); i++) {
        char *text = dq(records[i]);
        char *path = th_tmpfile(text, ".jsonl");
        char *args[1] = {path};
        struct sg_store *st = NULL;
        struct sg_inputs in = {0};
        struct sg_ingest_stats stats;
        struct sg_error err;
        struct sg_arena ar;
        struct sg_decision d, c;

        sg_error_init(&err);
        sg_arena_init(&ar);
        assert_int_equal(sg_inputs_open(&in, args, 1, &err), 0);
        assert_int_equal(sg_store_open(&st, NULL, 0, &err), 0);
        assert_int_equal(sg_store_begin(st, &err), 0);
        if (sg_ingest_inputs(st, &in, 0, NULL, NULL, &stats, &err) == 0) {
            ingested++;
        } else {
            /* as it is, straight into a fresh store */
            json_t *rec = json_loads(text, 0, NULL);
            struct sg_pos pos = {path, 1, NULL};
            int64_t src;
            assert_non_null(rec);
            sg_store_rollback(st);
            sg_store_close(st);
            sg_error_init(&err);
            assert_int_equal(sg_store_open(&st, NULL, 0, &err), 0);
            assert_int_equal(sg_store_begin(st, &err), 0);
            assert_int_equal(sg_store_add_source(st, path, "0", 0, 0, &src, &err), 0);
            if (sg_store_insert(st, rec, SG_K_DECISION, src, &pos, &err) != SG_INSERTED) {
                print_message("skip (cannot be stored): %s\n", text);
                json_decref(rec);
                goto next;
            }
            json_decref(rec);
        }
        assert_int_equal(sg_store_commit(st, &err), 0);
        {
            int has_tier;
            int64_t tier;
            unsigned want;
            stored++;
            assert_int_equal(sg_q_decision(st, "d", SG_TIME_MAX, &ar, &d, &err), 1);
            assert_non_null(d.doc);
            want = reference_facts(d.doc, &has_tier, &tier);
            if (d.facts != want)
                fail_msg("record %zu: facts 0x%x, jansson reads 0x%x: %s", i, d.facts,
                         want, text);
            assert_int_equal(d.has_tier, has_tier);
            if (has_tier)
                assert_int_equal(d.tier, tier);
            /* the rules' query (no record) gives the same facts */
            assert_int_equal(sg_q_decision_core(st, "d", SG_TIME_MAX, &ar, &c, &err), 1);
            assert_null(c.doc);
            assert_int_equal(c.facts, d.facts);
            assert_int_equal(c.has_tier, d.has_tier);
            assert_int_equal(c.tier, d.tier);
            sg_decision_release(&d);
        }
    next:
        sg_arena_release(&ar);
        sg_store_close(st);
        sg_inputs_release(&in);
        unlink(path);
        free(path);
        free(text);
    }
    /* ingest takes the well-formed ones; nearly every shape reaches the query */
    assert_true(ingested >= 10);
    assert_true(stored >= 40);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_facts__sql_agrees_with_jansson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

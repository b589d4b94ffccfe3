/* tests/unit/test_facts.c: the facts ingest stores beside each decision (model.h
 * SG_DF_*, the tier; schema 2), and those read from the records of a schema-1 store,
 * agree with the straightforward jansson reading of SPEC §4 Missing and Other findings,
 * for every record shape ingest lets through — strings that look like empty containers,
 * containers of the wrong type, nulls, numbers, nested paths through non-objects. Each
 * record is ingested on its own; one that ingest refuses (its checks are stricter than
 * the rules need) is inserted as it is, so that the facts meet shapes ingest would never
 * let through too. */
#include "harness.h"

#include "signoff/model.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <sqlite3.h>

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

/* Opens the store at dbpath with flags and holds both decision queries' facts to the
 * reference reading of the record. */
static void expect_facts(const char *dbpath, int flags, size_t i, const char *text)
{
    struct sg_store *st = NULL;
    struct sg_error err;
    struct sg_arena ar;
    struct sg_decision d, c;
    int has_tier;
    int64_t tier;
    unsigned want;

    sg_error_init(&err);
    sg_arena_init(&ar);
    if (sg_store_open(&st, dbpath, flags, &err) != 0)
        fail_msg("record %zu: cannot open the store: %s", i, err.msg);
    assert_int_equal(sg_q_decision(st, "d", SG_TIME_MAX, &ar, &d, &err), 1);
    assert_non_null(d.doc);
    want = reference_facts(d.doc, &has_tier, &tier);
    if (d.facts != want)
        fail_msg("record %zu (flags %d): facts 0x%x, jansson reads 0x%x: %s", i, flags,
                 d.facts, want, text);
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
    sg_arena_release(&ar);
    sg_store_close(st);
}

static void sql(const char *dbpath, const char *text)
{
    sqlite3 *db = NULL;
    char *msg = NULL;
    assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
    if (sqlite3_exec(db, text, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", text, msg);
    sqlite3_close(db);
}

static char *schema_of(const char *dbpath)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    char *v;
    assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'schema'",
                                        -1, &s, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    v = sg_xstrdup((const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

/* Each record shape is stored (by ingest, or as it is), and its facts read three ways:
 * from the columns ingest wrote (schema 2); from the record, after the store is taken
 * back to schema 1 (a read-only open reads such a store as it is); and after a
 * read-write open has brought that store to schema 2 again. */
static void test_facts__stored_facts_agree_with_jansson(void **state)
{
    int stored = 0, ingested = 0;
    (void)state;
    for (size_t i = 0; i < sizeof(records) / sizeof(records[0]); i++) {
        char *text = dq(records[i]);
        char *path = th_tmpfile(text, ".jsonl");
        char *dbpath = th_tmpfile("", ".db");
        char *args[1] = {path};
        struct sg_store *st = NULL;
        struct sg_inputs in = {0};
        struct sg_ingest_stats stats;
        struct sg_error err;
        char *v;

        sg_error_init(&err);
        assert_int_equal(sg_inputs_open(&in, args, 1, &err), 0);
        assert_int_equal(sg_store_open(&st, dbpath, SG_STORE_CREATE, &err), 0);
        assert_int_equal(sg_store_begin(st, &err), 0);
        if (sg_ingest_inputs(st, &in, 0, NULL, NULL, &stats, &err) == 0) {
            ingested++;
        } else {
            /* as it is, straight into the store */
            json_t *rec = json_loads(text, 0, NULL);
            struct sg_pos pos = {path, 1, NULL};
            int64_t src;
            assert_non_null(rec);
            sg_store_rollback(st);
            sg_error_init(&err);
            assert_int_equal(sg_store_begin(st, &err), 0);
            assert_int_equal(sg_store_add_source(st, path, "0", 0, 0, &src, &err), 0);
            if (sg_store_insert(st, rec, SG_K_DECISION, src, &pos, &err) != SG_INSERTED) {
                print_message("skip (cannot be stored): %s\n", text);
                json_decref(rec);
                sg_store_rollback(st);
                goto next;
            }
            json_decref(rec);
        }
        assert_int_equal(sg_store_commit(st, &err), 0);
        sg_store_close(st);
        st = NULL;
        stored++;
        expect_facts(dbpath, SG_STORE_READONLY, i, text);
        /* back to schema 1, as a store written before the facts were stored */
        sql(dbpath, "ALTER TABLE decision DROP COLUMN line; "
                    "ALTER TABLE decision DROP COLUMN source; "
                    "ALTER TABLE decision DROP COLUMN tier; "
                    "ALTER TABLE decision DROP COLUMN facts; "
                    "UPDATE meta SET value = '1' WHERE key = 'schema'");
        expect_facts(dbpath, SG_STORE_READONLY, i, text);
        v = schema_of(dbpath);
        assert_string_equal(v, "1");
        free(v);
        expect_facts(dbpath, 0, i, text);
        v = schema_of(dbpath);
        assert_string_equal(v, "2");
        free(v);
        expect_facts(dbpath, SG_STORE_READONLY, i, text);
    next:
        sg_store_close(st);
        sg_inputs_release(&in);
        unlink(path);
        unlink(dbpath);
        free(path);
        free(dbpath);
        free(text);
    }
    /* ingest takes the well-formed ones; nearly every shape reaches the query */
    assert_true(ingested >= 10);
    assert_true(stored >= 40);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_facts__stored_facts_agree_with_jansson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

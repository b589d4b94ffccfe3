/* test_import.c: `signoff import --format dependabot` through the core API
 * (sg_import_inputs): the REST example and a constructed document with an auto-dismissal,
 * a bot's dismissal and a fixed alert; counts per kind, the trace's findings (the
 * auto-dismissal is an undocumented deferral by the agent dependabot), re-import inserts
 * nothing, and malformed documents give "FILE:LINE: POINTER: message". */
#include "import_harness.h"

/* Imports the files into st in one transaction; returns the sg_import_inputs result. */
static int import_files(struct sg_store *st, char **paths, int n, const char *asset,
                        struct sg_ingest_stats *stats, struct msgs *m)
{
    struct sg_inputs in = {0};
    struct sg_error err;
    struct sg_import_opts o = {SG_IMPORT_DEPENDABOT, asset, NULL, NULL, 0};
    int rc;

    sg_error_init(&err);
    assert_int_equal(sg_inputs_open(&in, paths, n, &err), 0);
    assert_int_equal(sg_store_begin(st, &err), 0);
    rc = sg_import_inputs(st, &in, &o, collect, m, stats, &err);
    if (rc == 0)
        assert_int_equal(sg_store_commit(st, &err), 0);
    else
        sg_store_rollback(st);
    sg_inputs_release(&in);
    return rc;
}

static void test_import__rest_example_and_reimport(void **state)
{
    (void)state;
    struct sg_store *st = NULL;
    struct sg_error err;
    struct sg_ingest_stats stats;
    struct msgs m = {{0}, 0};
    char *paths[2] = {data("dependabot-rest-example.json"),
                      data("dependabot-constructed.json")};

    sg_error_init(&err);
    assert_int_equal(sg_store_open(&st, NULL, 0, &err), 0);
    assert_int_equal(import_files(st, paths, 1, NULL, &stats, &m), 0);
    /* alert 1 open, alert 2 dismissed by the User octocat */
    assert_int_equal(stats.records, 4);
    assert_int_equal(stats.inserted, 4);
    assert_int_equal(count(st, SG_K_EXPOSURE), 2);
    assert_int_equal(count(st, SG_K_DECISION), 1);
    assert_int_equal(count(st, SG_K_RISK_ACCEPTANCE), 1);
    assert_int_equal(count(st, SG_K_AGENT), 0);
    assert_int_equal(count(st, SG_K_IDENTITY), 0); /* importers never write identities */

    assert_int_equal(import_files(st, paths, 2, NULL, &stats, &m), 0);
    /* #7 auto-dismissed: exposure + agent dependabot + decision; #8 dismissed by a Bot:
     * exposure + agent + decision; #9 fixed: exposure */
    assert_int_equal(stats.records, 11);
    assert_int_equal(stats.inserted, 7);
    assert_int_equal(stats.duplicates, 4);
    assert_int_equal(count(st, SG_K_EXPOSURE), 5);
    assert_int_equal(count(st, SG_K_DECISION), 3);
    assert_int_equal(count(st, SG_K_AGENT), 2);
    assert_int_equal(count(st, SG_K_RISK_ACCEPTANCE), 1);

    /* re-import: a no-op */
    assert_int_equal(import_files(st, paths, 2, NULL, &stats, &m), 0);
    assert_int_equal(stats.records, 11);
    assert_int_equal(stats.inserted, 0);
    assert_int_equal(stats.duplicates, 11);
    assert_int_equal(m.n, 0);

    char *f = findings(st, "2022");
    assert_non_null(strstr(f,
                           "{\"finding\":\"undocumented-deferral\",\"subject\":"
                           "\"dependabot:example-org/shop#7:auto-dismissal\",\"reasons\":"
                           "[\"no-acceptance\"],\"severity\":\"high\"}\n"));
    assert_non_null(
        strstr(f, "\"subject\":\"dependabot:example-org/shop#8:dismissal\",\"reasons\":"
                  "[\"no-acceptance\"]"));
    assert_non_null(strstr(f,
                           "{\"finding\":\"undocumented-deferral\",\"subject\":"
                           "\"dependabot:octocat/hello-world#2:dismissal\",\"reasons\":"
                           "[\"unknown-owner\"]"));
    assert_null(strstr(f, "shop#9")); /* fixed: no finding */
    free(f);
    sg_store_close(st);
    sg_buf_release(&m.b);
    free(paths[0]);
    free(paths[1]);
}

static void test_import__asset_option_and_webhook(void **state)
{
    (void)state;
    struct sg_store *st = NULL;
    struct sg_error err;
    struct sg_ingest_stats stats;
    struct msgs m = {{0}, 0};
    char *paths[1] = {data("dependabot-webhook-created.json")};

    sg_error_init(&err);
    assert_int_equal(sg_store_open(&st, NULL, 0, &err), 0);
    assert_int_equal(import_files(st, paths, 1, "shop-prod", &stats, &m), 0);
    assert_int_equal(stats.records, 1);
    assert_int_equal(count(st, SG_K_EXPOSURE), 1);
    sg_store_close(st);
    sg_buf_release(&m.b);
    free(paths[0]);
}

static void expect_bad(const char *text, const char *want)
{
    struct sg_store *st = NULL;
    struct sg_error err;
    struct sg_ingest_stats stats;
    struct msgs m = {{0}, 0};
    char *paths[1] = {th_tmpfile(text, ".json")};

    sg_error_init(&err);
    assert_int_equal(sg_store_open(&st, NULL, 0, &err), 0);
    assert_int_equal(import_files(st, paths, 1, NULL, &stats, &m), -1);
    char *w = want ? sg_xasprintf(want, paths[0]) : NULL;
    if (w)
        assert_string_equal(sg_buf_str(&m.b), w);
    else
        assert_int_equal(m.n, 1); /* a bad native field, reported by sg_ingest_record */
    assert_int_equal(count(st, SG_K_EXPOSURE), 0); /* rolled back */
    free(w);
    unlink(paths[0]);
    free(paths[0]);
    sg_store_close(st);
    sg_buf_release(&m.b);
}

static void test_import__malformed_documents(void **state)
{
    (void)state;
    expect_bad(
        "[\n{\"number\":1,\"state\":\"open\",\n"
        "\"html_url\":\"https://github.com/o/r/security/dependabot/1\",\n"
        "\"created_at\":\"2022-01-01T00:00:00Z\",\n"
        "\"security_advisory\":{\"severity\":\"low\"}}]",
        "%s:5: /0/security_advisory: the advisory has neither cve_id nor ghsa_id\n");
    expect_bad("{\"kind\":\"agent\",\"id\":\"a\"}",
               "%s: not a Dependabot alerts document (an array of alerts or a webhook "
               "payload with \"alert\" expected)\n");
    expect_bad("null",
               "%s: not a Dependabot alerts document (an array of alerts or a webhook "
               "payload with \"alert\" expected)\n");
    expect_bad("[{\"number\":2}]",
               "%s:1: /0/html_url: cannot tell the repository (no GitHub alert URL)\n");
    expect_bad("[\n7]", "%s:2: /0: not a Dependabot alert (an object expected)\n");
    expect_bad("[\n{\"number\":1,\"state\":\"open\",\n"
               "\"html_url\":\"https://github.com/o/r/security/dependabot/1\",\n"
               "\"created_at\":\"yesterday\",\n"
               "\"security_advisory\":{\"ghsa_id\":\"GHSA-1\"}}]",
               "%s:4: /0/created_at: not an RFC 3339 time (not YYYY-MM-DD)\n");
    expect_bad("[{\"number\":1,\"state\":\"dismissed\",\"html_url\":"
               "\"https://github.com/o/r/security/dependabot/1\",\"created_at\":"
               "\"2022-01-01T00:00:00Z\",\"dismissed_at\":\"2022-01-02T00:00:00Z\","
               "\"security_advisory\":{\"ghsa_id\":\"GHSA-1\"}}]",
               "%s:1: /0/dismissed_by: a dismissal without dismissed_by.login\n");
    expect_bad("[1", NULL);
}

static void test_import__empty_array_is_zero_records(void **state)
{
    (void)state;
    struct sg_store *st = NULL;
    struct sg_error err;
    struct sg_ingest_stats stats;
    struct msgs m = {{0}, 0};
    char *paths[1] = {th_tmpfile("[]\n", ".json")};

    sg_error_init(&err);
    assert_int_equal(sg_store_open(&st, NULL, 0, &err), 0);
    assert_int_equal(import_files(st, paths, 1, NULL, &stats, &m), 0);
    assert_int_equal(stats.records, 0);
    unlink(paths[0]);
    free(paths[0]);
    sg_store_close(st);
    sg_buf_release(&m.b);
}

int main(void)
{
#define T(f) cmocka_unit_test(f)
    const struct CMUnitTest tests[] = {
        T(test_import__rest_example_and_reimport),
        T(test_import__asset_option_and_webhook),
        T(test_import__malformed_documents),
        T(test_import__empty_array_is_zero_records),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}

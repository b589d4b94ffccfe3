/* test_render.c: the package documents validate with libxml2's own schema validation
 * (not only xmllint): package.xml against templates/signoff-package.xsd and the OSCAL
 * output against NIST's 1.1.3 assessment-results XSD, for the edge cases of issue 7:
 * an empty store, a period with no decisions, non-ASCII names and <&> in rationales.
 * A failure midway leaves no package. */
#include "harness.h"

#include "signoff/datadir.h"
#include "signoff/outdir.h"
#include "signoff/render.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <sys/stat.h>

static int validates(const char *xsd, const char *doc)
{
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd);
    xmlSchemaPtr schema = pc ? xmlSchemaParse(pc) : NULL;
    xmlSchemaValidCtxtPtr vc = schema ? xmlSchemaNewValidCtxt(schema) : NULL;
    xmlDocPtr d = xmlReadFile(doc, NULL, XML_PARSE_NONET);
    int rc = vc && d ? xmlSchemaValidateDoc(vc, d) : -1;
    xmlFreeDoc(d);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pc);
    return rc;
}

/* Writes a package of `records` for `period` into a new temp folder; returns its path. */
static char *package(const char *records, const char *period)
{
    struct sg_store *st = NULL;
    struct sg_inputs in = {0};
    struct sg_ingest_stats stats;
    struct sg_trace_stats ts;
    struct sg_error err;
    struct sg_settings set;
    struct sg_outdir out;
    struct sg_period p;
    struct sg_mapset *ms = NULL;
    json_t *inputs = NULL;
    char digest[65], pkg[65];
    char *path = th_tmpfile(records, ".jsonl");
    char *args[1] = {path};
    char *dir = sg_xasprintf("/tmp/signoff-render-%d-%ld", (int)getpid(), random());
    const char *why;

    sg_error_init(&err);
    sg_settings_defaults(&set);
    assert_int_equal(sg_inputs_open(&in, args, 1, &err), 0);
    assert_int_equal(sg_store_open(&st, NULL, 0, &err), 0);
    assert_int_equal(sg_store_begin(st, &err), 0);
    assert_int_equal(sg_ingest_inputs(st, &in, 0, NULL, NULL, &stats, &err), 0);
    assert_int_equal(sg_store_commit(st, &err), 0);
    if (period != NULL) {
        assert_int_equal(sg_period_parse(&p, period, &why), 0);
    } else {
        int64_t latest;
        assert_int_equal(sg_store_latest_event(st, &latest, &err), 0);
        sg_period_all_time(&p, latest);
    }
    assert_int_equal(sg_map_load(&ms, NULL, &err), 0);
    assert_int_equal(sg_input_digest(st, &set, &p, digest, &inputs, &err), 0);
    assert_int_equal(sg_outdir_begin(&out, dir, 0, &err), 0);
    struct sg_report_opts ro = {&set, p, "Ünïcode & <Co>", digest, ms, {1, 1, 1, 1}, 0, 0, NULL, NULL};
    if (sg_render_xml(st, &ro, &out, &ts, &err) != 0 || sg_render_oscal(&out, &err) != 0 ||
        sg_manifest_write(&out, inputs, pkg, &err) != 0 || sg_outdir_commit(&out, &err) != 0) {
        char buf[600];
        sg_error_format(&err, buf, sizeof(buf));
        print_error("%s\n", buf);
        fail();
    }
    json_decref(inputs);
    sg_mapset_free(ms);
    sg_store_close(st);
    sg_inputs_release(&in);
    unlink(path);
    free(path);
    return dir;
}

static void check_package(const char *dir)
{
    char *xsd = sg_datadir_path("templates/signoff-package.xsd");
    char *oscal_xsd = sg_xasprintf("%s/../schemas/oscal_assessment-results_schema.xsd",
                                   getenv("SIGNOFF_TEST_DATA"));
    char *doc = sg_xasprintf("%s/package.xml", dir);
    char *oscal = sg_xasprintf("%s/oscal-assessment-results.xml", dir);
    assert_int_equal(validates(xsd, doc), 0);
    assert_int_equal(validates(oscal_xsd, oscal), 0);
    assert_int_equal(sg_rmtree(dir), 0);
    free(xsd);
    free(oscal_xsd);
    free(doc);
    free(oscal);
}

static const char *const rich =
    "{\"kind\":\"identity\",\"id\":\"zoe\",\"name\":\"Zoë Ünal <&> \\\"王芳\\\" Дмитрий\","
    "\"human\":true}\n"
    "{\"kind\":\"agent\",\"id\":\"bot\",\"name\":\"Bot & <Co>\"}\n"
    "{\"kind\":\"asset\",\"id\":\"web\",\"environment\":\"production\",\"criticality\":"
    "\"medium\"}\n"
    "{\"kind\":\"policy\",\"id\":\"P<&>\",\"version\":1,\"title\":\"a <b> & c\","
    "\"signed_by\":\"zoe\",\"signed_at\":\"2026-01-01T00:00:00Z\"}\n"
    "{\"kind\":\"decision\",\"id\":\"D&1\",\"agent\":\"bot\",\"at\":\"2026-08-01T10:00:00Z\","
    "\"action\":\"patch\",\"outcome\":\"act\",\"targets\":[\"web\",\"gh<o>st\"],\"vulns\":[{"
    "\"id\":\"CVE-1\",\"cvss\":9.8}],\"rationale\":\"<script>&amp; ]]> \\\"x\\\"\","
    "\"policy\":{\"id\":\"P<&>\",\"version\":1}}\n"
    "{\"kind\":\"approval\",\"id\":\"A1\",\"decision\":\"D&1\",\"by\":\"bot\",\"at\":"
    "\"2026-08-01T09:00:00Z\",\"outcome\":\"approved\"}\n"
    "{\"kind\":\"decision\",\"id\":\"D2\",\"agent\":\"zoe\",\"at\":\"2026-08-02T10:00:00Z\","
    "\"action\":\"patch\",\"outcome\":\"defer\",\"targets\":[\"web\"],\"vulns\":[{\"id\":"
    "\"CVE-2\"}]}\n"
    "{\"kind\":\"decision\",\"id\":\"D3\",\"agent\":\"bot\",\"at\":\"2026-09-29T10:00:00Z\","
    "\"action\":\"restart\",\"outcome\":\"escalate\",\"targets\":[\"web\"]}\n"
    "{\"kind\":\"exposure\",\"id\":\"X1\",\"vuln\":\"CVE-3\",\"asset\":\"web\",\"first_seen\":"
    "\"2026-07-01T00:00:00Z\",\"severity\":\"critical\"}\n";

static void test_render__rich_package_validates(void **state)
{
    (void)state;
    char *dir = package(rich, "2026-Q3");
    check_package(dir);
    free(dir);
}

static void test_render__empty_store_validates(void **state)
{
    (void)state;
    char *dir = package("", NULL);
    check_package(dir);
    free(dir);
}

static void test_render__period_without_decisions_validates(void **state)
{
    (void)state;
    char *dir = package(rich, "2025-Q1");
    check_package(dir);
    free(dir);
}

static void test_render__all_time_validates(void **state)
{
    (void)state;
    char *dir = package(rich, NULL);
    check_package(dir);
    free(dir);
}

static void test_outdir__abort_leaves_nothing(void **state)
{
    (void)state;
    struct sg_outdir out;
    struct sg_error err;
    struct stat st;
    char *dir = sg_xasprintf("/tmp/signoff-abort-%d", (int)getpid());
    sg_error_init(&err);
    assert_int_equal(sg_outdir_begin(&out, dir, 0, &err), 0);
    char *tmp = sg_xstrdup(out.tmp);
    FILE *fp = sg_outdir_open(&out, "package.xml", &err);
    assert_non_null(fp);
    fputs("<half", fp);
    assert_int_equal(sg_outdir_close(fp, "package.xml", &err), 0);
    sg_outdir_abort(&out);
    assert_int_not_equal(stat(dir, &st), 0);
    assert_int_not_equal(stat(tmp, &st), 0);
    free(tmp);
    free(dir);
}

static void test_outdir__existing_refused_without_force(void **state)
{
    (void)state;
    struct sg_outdir out;
    struct sg_error err;
    char *dir = sg_xasprintf("/tmp/signoff-exists-%d", (int)getpid());
    sg_error_init(&err);
    assert_int_equal(mkdir(dir, 0755), 0);
    assert_int_equal(sg_outdir_begin(&out, dir, 0, &err), -1);
    assert_int_equal(err.code, EX_CANTCREAT);
    rmdir(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render__rich_package_validates),
        cmocka_unit_test(test_render__empty_store_validates),
        cmocka_unit_test(test_render__period_without_decisions_validates),
        cmocka_unit_test(test_render__all_time_validates),
        cmocka_unit_test(test_outdir__abort_leaves_nothing),
        cmocka_unit_test(test_outdir__existing_refused_without_force),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

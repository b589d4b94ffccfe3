/* test_import_formats.c: the OpenVEX, CycloneDX, Trivy and Grype importers through the
 * core API: the public examples and the constructed documents of tests/data/import
 * import with the records docs/importers.md says (counts per kind, ids, the verdicts
 * they lead to), re-importing is a no-op, a scanner's later report closes what it no
 * longer lists (in and out of time order), --asset-map, and every kind of bad document
 * (not the format, wrong version, missing required parts, a null report, wrong types)
 * is refused with "FILE:LINE: POINTER: message" and leaves nothing behind. */
#include "import_harness.h"

#include "signoff/sha256.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"

struct run {
    enum sg_import_format format;
    const char *asset, *seen_at;
    const struct sg_import_map *map;
};

/* Imports the named files of tests/data/import into st in one transaction, committed
 * when good; returns the sg_import_inputs result. */
static int import_names(struct sg_store *st, const struct run *r,
                        const char *const *names, struct sg_ingest_stats *stats,
                        struct msgs *m)
{
    struct sg_inputs in = {0};
    struct sg_error err;
    struct sg_import_opts o = {r->format, r->asset, r->map, r->seen_at, 0};
    char *paths[16];
    int n = 0, rc;

    while (names[n] != NULL) {
        paths[n] = data(names[n]);
        n++;
    }
    sg_error_init(&err);
    assert_int_equal(sg_inputs_open(&in, paths, n, &err), 0);
    assert_int_equal(sg_store_begin(st, &err), 0);
    rc = sg_import_inputs(st, &in, &o, collect, m, stats, &err);
    if (rc == 0)
        assert_int_equal(sg_store_commit(st, &err), 0);
    else
        sg_store_rollback(st);
    sg_inputs_release(&in);
    for (int i = 0; i < n; i++)
        free(paths[i]);
    return rc;
}

static struct sg_store *new_store(void)
{
    struct sg_store *st = NULL;
    struct sg_error err;
    sg_error_init(&err);
    assert_int_equal(sg_store_open(&st, NULL, 0, &err), 0);
    return st;
}

static void ingest_text(struct sg_store *st, const char *jsonl)
{
    char *path = th_tmpfile(jsonl, ".jsonl");
    struct sg_inputs in = {0};
    struct sg_error err;
    struct sg_ingest_stats stats;

    sg_error_init(&err);
    assert_int_equal(sg_inputs_open(&in, &path, 1, &err), 0);
    assert_int_equal(sg_store_begin(st, &err), 0);
    assert_int_equal(sg_ingest_inputs(st, &in, 0, NULL, NULL, &stats, &err), 0);
    assert_int_equal(sg_store_commit(st, &err), 0);
    sg_inputs_release(&in);
    unlink(path);
    free(path);
}

/* The stored JSON of the observations of exposure id, one a line, by last_seen. */
struct obs_ctx {
    struct sg_buf b;
};
static int on_obs(void *ctx, const struct sg_observation *o)
{
    struct obs_ctx *c = ctx;
    char t[SG_TIME_BUF];
    sg_buf_printf(&c->b, "%s %s %s\n", o->id,
                  o->has_last_seen ? sg_time_format(t, o->last_seen) : "-",
                  o->fixed ? "fixed" : "open");
    return 0;
}
static char *observations(struct sg_store *st, const char *prefix, const char *suffix)
{
    struct obs_ctx c = {{0}};
    struct sg_error err;
    sg_error_init(&err);
    assert_int_equal(sg_store_each_observation(st, prefix, suffix, on_obs, &c, &err), 0);
    char *s = sg_xstrdup(sg_buf_str(&c.b));
    sg_buf_release(&c.b);
    return s;
}

static void test_formats__openvex_public_examples_and_reimport(void **state)
{
    (void)state;
    struct sg_store *st = new_store();
    struct sg_ingest_stats stats;
    struct msgs m = {{0}, 0};
    const char *names[] = {"openvex-go-vex-v0.2.0.json", "openvex-vexctl-demo.vex.json",
                           "openvex-vexctl-sample-history.openvex.json", NULL};
    struct run r = {SG_IMPORT_OPENVEX, NULL, NULL, NULL};

    assert_int_equal(import_names(st, &r, names, &stats, &m), 0);
    /* v0.2.0: 3 fixed (exposures), 2 not_affected (decision + acceptance each); demo: 1
     * fixed on 2 products; history: 2 not_affected */
    assert_int_equal(count(st, SG_K_EXPOSURE), 5);
    assert_int_equal(count(st, SG_K_DECISION), 4);
    assert_int_equal(count(st, SG_K_RISK_ACCEPTANCE), 4);
    assert_int_equal(count(st, SG_K_AGENT), 0);
    assert_int_equal(count(st, SG_K_IDENTITY), 0);
    assert_int_equal(stats.records, 13);
    assert_int_equal(import_names(st, &r, names, &stats, &m), 0);
    assert_int_equal(stats.inserted, 0);
    assert_int_equal(stats.duplicates, 13);
    assert_int_equal(m.n, 0);

    char *f = findings(st, "2023");
    assert_non_null(
        strstr(f, "{\"finding\":\"undocumented-deferral\",\"subject\":\"openvex:https://"
                  "openvex.dev/docs/public/vex-d4e9020b6d0d26f131d535e055902dd6ccf3e2088"
                  "bce3079a8cd3588a4b14c78@1#3\",\"reasons\":[\"unknown-owner\"]"));
    assert_null(strstr(f, "silent-deferral")); /* fixed is remediated */
    free(f);
    sg_store_close(st);
    sg_buf_release(&m.b);
}

static void test_formats__openvex_constructed_with_asset_map(void **state)
{
    (void)state;
    struct sg_store *st = new_store();
    struct sg_ingest_stats stats;
    struct msgs m = {{0}, 0};
    struct sg_import_map *map = NULL;
    struct sg_error err;
    char *mp = data("asset-map.json");
    const char *names[] = {"openvex-v0.0.1-constructed.json",
                           "openvex-tooling-constructed.json", NULL};

    sg_error_init(&err);
    assert_int_equal(sg_import_map_load(&map, mp, &err), 0);
    struct run r = {SG_IMPORT_OPENVEX, NULL, NULL, map};
    assert_int_equal(import_names(st, &r, names, &stats, &m), 0);
    /* #0 not_affected: decision + acceptance; #1 affected, no action, 2 products: 2
     * exposures + decision + acceptance; #2 affected with action: exposure; #3
     * under_investigation: exposure; #4 fixed: an observation of #2's exposure; tooling:
     * agent + decision, no acceptance */
    assert_int_equal(stats.records, 11);
    assert_int_equal(count(st, SG_K_EXPOSURE), 5);
    assert_int_equal(count(st, SG_K_DECISION), 3);
    assert_int_equal(count(st, SG_K_RISK_ACCEPTANCE), 2);
    assert_int_equal(count(st, SG_K_AGENT), 1);

    char *f = findings(st, "2026-Q3");
    assert_non_null(
        strstr(f, "{\"finding\":\"undocumented-deferral\",\"subject\":\"openvex:https://"
                  "vex.harbourline.example/2026/auto-triage-17@1#0\",\"reasons\":[\"no-"
                  "acceptance\"],\"severity\":\"high\"}\n"));
    assert_non_null(strstr(
        f, "\"subject\":\"openvex:https://vex.harbourline.example/2026/wms-001@2#1\","
           "\"reasons\":[\"wms-api-prod\",\"wms-worker-prod\"]"));
    free(f);
    /* once the author is a known human and the assets are declared, her deferrals are
     * documented; the automated one stays undocumented */
    ingest_text(
        st,
        "{\"kind\":\"identity\",\"id\":\"Priya Raman <priya.raman@harbourline.example>\","
        "\"name\":\"Priya Raman\",\"human\":true}\n"
        "{\"kind\":\"asset\",\"id\":\"wms-api-prod\",\"environment\":\"production\","
        "\"criticality\":\"high\"}\n"
        "{\"kind\":\"asset\",\"id\":\"wms-worker-prod\",\"environment\":\"production\","
        "\"criticality\":\"medium\"}\n");
    f = findings(st, "2026-Q3");
    assert_null(strstr(f, "wms-001@2#0\",\"reasons\":[\"unknown-owner\"]"));
    assert_null(
        strstr(f, "\"finding\":\"undocumented-deferral\",\"subject\":\"openvex:https://"
                  "vex.harbourline.example/2026/wms-001"));
    assert_non_null(
        strstr(f, "\"finding\":\"undocumented-deferral\",\"subject\":\"openvex:https://"
                  "vex.harbourline.example/2026/auto-triage-17@1#0\""));
    assert_null(strstr(f, "unknown-asset"));
    free(f);
    char *o = observations(st, "openvex:", "@pkg:oci/wms-api@sha256%3A1111");
    assert_string_equal(
        o,
        "openvex:CVE-2026-1002@pkg:oci/wms-api@sha256%3A1111 2026-07-07T07:00:00Z open\n"
        "openvex:CVE-2026-1003@pkg:oci/wms-api@sha256%3A1111 2026-07-06T09:00:00Z open\n"
        "openvex:CVE-2026-1003@pkg:oci/wms-api@sha256%3A1111 2026-07-20T09:00:00Z "
        "fixed\n");
    free(o);
    sg_import_map_free(map);
    free(mp);
    sg_store_close(st);
    sg_buf_release(&m.b);
}

static void test_formats__cyclonedx_examples(void **state)
{
    (void)state;
    struct sg_store *st = new_store();
    struct sg_ingest_stats stats;
    struct msgs m = {{0}, 0};
    const char *pub[] = {"cyclonedx-case1-vex-affected.json",
                         "cyclonedx-case1-vex-fixed.json",
                         "cyclonedx-case1-vex-not_affected.json",
                         "cyclonedx-case1-vex-under_investigation.json",
                         "cyclonedx-case4-vex.json",
                         NULL};
    const char *own[] = {"cyclonedx-1.6-constructed.json",
                         "cyclonedx-1.5-tools-constructed.json", NULL};
    struct run r = {SG_IMPORT_CYCLONEDX, NULL, NULL, NULL};

    assert_int_equal(import_names(st, &r, pub, &stats, &m), 0);
    /* exploitable + will_not_fix: exposure + deferral (twice); resolved, in_triage:
     * exposures; not_affected: deferral; nobody is named: no acceptance */
    assert_int_equal(stats.records, 7);
    assert_int_equal(count(st, SG_K_EXPOSURE), 4);
    assert_int_equal(count(st, SG_K_DECISION), 3);
    assert_int_equal(count(st, SG_K_RISK_ACCEPTANCE), 0);
    assert_int_equal(import_names(st, &r, own, &stats, &m), 0);
    /* 1.6: not_affected by an author (decision + acceptance), exploitable + can_not_fix
     * (exposure + decision + acceptance), resolved (exposure), no analysis (exposure);
     * 1.5: false_positive with only tools named (agent + decision) */
    assert_int_equal(stats.records, 9);
    assert_int_equal(count(st, SG_K_RISK_ACCEPTANCE), 2);
    assert_int_equal(count(st, SG_K_AGENT), 1);
    assert_int_equal(import_names(st, &r, own, &stats, &m), 0);
    assert_int_equal(stats.inserted, 0);

    char *f = findings(st, "2026");
    /* no analysis: open, critical by CVSS v4 7.5 (high), overdue with no decision */
    assert_non_null(strstr(
        f, "{\"finding\":\"silent-deferral\",\"subject\":\"cyclonedx:CVE-2026-2004@"
           "pkg:maven/com.harbourline/wms-api@4.2.0\",\"reasons\":[]"));
    assert_non_null(
        strstr(f, "{\"finding\":\"sla-breach\",\"subject\":\"cyclonedx:CVE-2026-2002@"
                  "pkg:maven/com.harbourline/wms-api@4.2.0\""));
    assert_non_null(
        strstr(f, "\"subject\":\"cyclonedx:urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79@"
                  "3#0\",\"reasons\":[\"unknown-owner\"]"));
    free(f);
    f = findings(st, "2022");
    assert_non_null(strstr(
        f, "{\"finding\":\"silent-deferral\",\"subject\":\"cyclonedx:CVE-2021-44228@"
           "GHI@17.4\""));
    assert_null(strstr(f, "DEF@1.1")); /* resolved */
    free(f);
    sg_store_close(st);
    sg_buf_release(&m.b);
}

static void test_formats__trivy_close_out_in_and_out_of_order(void **state)
{
    (void)state;
    struct sg_ingest_stats stats;
    struct msgs m = {{0}, 0};
    const char *inorder[] = {"trivy-alpine-39.json", "trivy-centos-7.json",
                             "trivy-alpine-39-rescan-constructed.json", NULL};
    const char *reverse[] = {"trivy-alpine-39-rescan-constructed.json",
                             "trivy-alpine-39.json", NULL};
    struct run r = {SG_IMPORT_TRIVY, NULL, NULL, NULL};
    const char *sfx = "@testdata/fixtures/images/alpine-39.tar.gz";

    struct sg_store *st = new_store();
    assert_int_equal(import_names(st, &r, inorder, &stats, &m), 0);
    /* 6 findings on alpine are 3 vulnerabilities; centos 3; the rescan lists 2 (one a
     * suppressed finding) and closes the third */
    assert_int_equal(stats.records, 9);
    char *o = observations(st, "trivy:", sfx);
    assert_string_equal(o,
                        "trivy:CVE-2019-14697@testdata/fixtures/images/alpine-39.tar.gz "
                        "2021-08-25T12:20:30.000000005Z open\n"
                        "trivy:CVE-2019-14697@testdata/fixtures/images/alpine-39.tar.gz "
                        "2021-09-25T06:00:00Z open\n"
                        "trivy:CVE-2019-1549@testdata/fixtures/images/alpine-39.tar.gz "
                        "2021-08-25T12:20:30.000000005Z open\n"
                        "trivy:CVE-2019-1549@testdata/fixtures/images/alpine-39.tar.gz "
                        "2021-09-25T06:00:00Z fixed\n"
                        "trivy:CVE-2019-1551@testdata/fixtures/images/alpine-39.tar.gz "
                        "2021-08-25T12:20:30.000000005Z open\n"
                        "trivy:CVE-2019-1551@testdata/fixtures/images/alpine-39.tar.gz "
                        "2021-09-25T06:00:00Z open\n");
    free(o);
    assert_int_equal(import_names(st, &r, inorder, &stats, &m), 0);
    assert_int_equal(stats.inserted, 0);
    char *f = findings(st, "2021");
    /* critical musl: 15 days, never fixed; libssl 1551 medium, open */
    assert_non_null(strstr(f,
                           "\"subject\":\"trivy:CVE-2019-14697@testdata/fixtures/images/"
                           "alpine-39.tar.gz\""));
    assert_null(strstr(f, "CVE-2019-1549@")); /* fixed a month in: within 90 days */
    free(f);
    sg_store_close(st);

    /* the later report first: the earlier one's vulnerability that the later one does not
     * list is closed at the later report's time all the same */
    st = new_store();
    assert_int_equal(import_names(st, &r, reverse, &stats, &m), 0);
    o = observations(st, "trivy:", sfx);
    assert_string_equal(o,
                        "trivy:CVE-2019-14697@testdata/fixtures/images/alpine-39.tar.gz "
                        "2021-09-25T06:00:00Z open\n"
                        "trivy:CVE-2019-1549@testdata/fixtures/images/alpine-39.tar.gz "
                        "2021-08-25T12:20:30.000000005Z open\n"
                        "trivy:CVE-2019-1549@testdata/fixtures/images/alpine-39.tar.gz "
                        "2021-09-25T06:00:00Z fixed\n"
                        "trivy:CVE-2019-1551@testdata/fixtures/images/alpine-39.tar.gz "
                        "2021-09-25T06:00:00Z open\n");
    free(o);
    assert_int_equal(import_names(st, &r, reverse, &stats, &m), 0);
    assert_int_equal(stats.inserted, 0);
    sg_store_close(st);
    assert_int_equal(m.n, 0);
    sg_buf_release(&m.b);
}

static void test_formats__trivy_seen_at_merge_and_grype(void **state)
{
    (void)state;
    struct sg_store *st = new_store();
    struct sg_ingest_stats stats;
    struct msgs m = {{0}, 0};
    const char *old[] = {"trivy-no-createdat-constructed.json", NULL};
    const char *grype[] = {"grype-directory-constructed.json",
                           "grype-TestJsonImgsPresenter.json", NULL};
    struct run r = {SG_IMPORT_TRIVY, NULL, NULL, NULL};

    assert_int_equal(import_names(st, &r, old, &stats, &m), -1);
    assert_int_equal(m.n, 1);
    assert_non_null(strstr(sg_buf_str(&m.b),
                           "trivy-no-createdat-constructed.json:1: /CreatedAt: "
                           "missing (the report has no time; --seen-at TIME "
                           "gives one)\n"));
    assert_int_equal(count(st, SG_K_EXPOSURE), 0);
    r.seen_at = "2026-07-01T00:00:00Z";
    assert_int_equal(import_names(st, &r, old, &stats, &m), 0);
    assert_int_equal(stats.records, 2); /* CVE-2026-3001 on two packages is one */
    char *f = findings(st, "2026-07-01..2026-07-17");
    /* merged: critical (15 days) from the second package */
    assert_non_null(
        strstr(f, "\"subject\":\"trivy:CVE-2026-3001@registry.harbourline.example/"
                  "wms-api:4.2.0\""));
    assert_null(strstr(f, "GHSA-78wr")); /* UNKNOWN: default medium, 90 days */
    free(f);

    r.format = SG_IMPORT_GRYPE;
    r.asset = "wms-build";
    assert_int_equal(import_names(st, &r, grype, &stats, &m), 0);
    /* a GHSA match named by its CVE, a negligible one, an ignored match; the snapshot's
     * two matches at --seen-at */
    assert_int_equal(stats.records, 5);
    char *o = observations(st, "grype:", "@/srv/builds/wms-api");
    assert_string_equal(
        o, "grype:CVE-2021-44228@/srv/builds/wms-api 2026-07-15T07:00:00.123456Z open\n"
           "grype:CVE-2026-4001@/srv/builds/wms-api 2026-07-15T07:00:00.123456Z open\n"
           "grype:CVE-2026-4002@/srv/builds/wms-api 2026-07-15T07:00:00.123456Z open\n");
    free(o);
    sg_store_close(st);
    sg_buf_release(&m.b);
}

static void test_formats__asset_map_file(void **state)
{
    (void)state;
    static const struct {
        const char *text, *want;
    } bad[] = {
        {"{}", "%s:1: not an asset map (a JSON array of {\"match\": GLOB, \"asset\": ID} "
               "expected)"},
        {"[\n{\"match\":\"a*\",\"asset\":\"x\"},\n7]",
         "%s:3: /1: not an object ({\"match\": GLOB, "
         "\"asset\": ID} expected)"},
        {"[{\"match\":\"a*\",\n\"assets\":\"x\"}]",
         "%s:2: /0/assets: unknown member (only \"match\" "
         "and \"asset\")"},
        {"[{\"asset\":\"x\"}]",
         "%s:1: /0/match: missing or not a non-empty string (a glob)"},
        {"[{\"match\":\"*\",\n\"asset\":\"\"}]",
         "%s:2: /0/asset: missing or not an asset id (a "
         "non-empty string of at most 1024 bytes)"},
        {"[", NULL},
    };
    struct sg_import_map *map = NULL;
    struct sg_error err;
    char line[600];

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char *p = th_tmpfile(bad[i].text, ".json");
        sg_error_init(&err);
        assert_int_equal(sg_import_map_load(&map, p, &err), -1);
        assert_null(map);
        assert_int_equal(err.code, EX_DATAERR);
        sg_error_format(&err, line, sizeof(line));
        if (bad[i].want != NULL) {
            char *w = sg_xasprintf(bad[i].want, p);
            assert_string_equal(line, w);
            free(w);
        }
        unlink(p);
        free(p);
    }
    sg_error_init(&err);
    assert_int_equal(sg_import_map_load(&map, "/nonexistent/map.json", &err), -1);
    assert_int_equal(err.code, EX_NOINPUT);

    char *p = th_tmpfile("[{\"match\":\"pkg:oci/a@*\",\"asset\":\"one\"},"
                         "{\"match\":\"pkg:oci/*\",\"asset\":\"two\"},"
                         "{\"match\":\"o/[rs]epo\",\"asset\":\"three\"}]",
                         ".json");
    sg_error_init(&err);
    assert_int_equal(sg_import_map_load(&map, p, &err), 0);
    assert_string_equal(sg_import_map_lookup(map, "pkg:oci/a@sha256%3A1"),
                        "one"); /* first wins */
    assert_string_equal(sg_import_map_lookup(map, "pkg:oci/b@sha256%3A1"), "two");
    assert_string_equal(sg_import_map_lookup(map, "o/repo"), "three");
    assert_null(sg_import_map_lookup(map, "O/repo")); /* case-sensitive */
    assert_null(sg_import_map_lookup(map, "pkg:deb/x"));
    sg_import_map_free(map);
    unlink(p);
    free(p);
}

/* ---- bad documents ---------------------------------------------------------------- */

/* Runs one document named doc.json through format; returns the messages. New: free(). */
static char *run_text(enum sg_import_format format, const char *text, const char *seen_at,
                      int *rc, int64_t *records)
{
    struct sg_store *st = new_store();
    struct sg_error err;
    struct sg_ingest_stats stats = {0};
    struct msgs m = {{0}, 0};
    struct sg_import_opts o = {format, NULL, NULL, seen_at, 0};
    char hex[SG_SHA256_HEX];
    int64_t src;

    sg_error_init(&err);
    sg_sha256_hex(text, strlen(text), hex);
    assert_int_equal(sg_store_begin(st, &err), 0);
    assert_int_equal(sg_store_add_source(st, "doc.json", hex, 0, 0, &src, &err), 0);
    *rc = sg_import_document(st, "doc.json", text, strlen(text), hex, src, &o, collect,
                             &m, &stats, &err);
    if (*rc != 0) {
        assert_int_equal(err.code, EX_DATAERR);
        assert_true(m.n > 0);
    }
    *records = stats.records;
    sg_store_rollback(st);
    sg_store_close(st);
    char *s = sg_xstrdup(sg_buf_str(&m.b));
    sg_buf_release(&m.b);
    return s;
}

struct bad_case {
    enum sg_import_format format;
    const char *text, *want;
};

static void expect_cases(const struct bad_case *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int rc;
        int64_t records;
        char *got = run_text(c[i].format, c[i].text, NULL, &rc, &records);
        if (c[i].want == NULL) { /* good: 0 records, no message */
            assert_int_equal(rc, 0);
            assert_string_equal(got, "");
            assert_int_equal(records, 0);
        } else {
            if (strcmp(got, c[i].want) != 0)
                print_error("case %zu: %s", i, c[i].text);
            assert_int_equal(rc, -1);
            assert_string_equal(got, c[i].want);
        }
        free(got);
    }
}

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define OV SG_IMPORT_OPENVEX
#define OVDOC(stmts)                                                                     \
    "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"@id\":\"d\",\"author\":\"a\","    \
    "\"timestamp\":\"2026-01-01T00:00:00Z\",\"version\":1,\n\"statements\":[\n" stmts    \
    "]}"

static void test_formats__openvex_bad_documents(void **state)
{
    (void)state;
    static const struct bad_case c[] = {
        /* not the format, a null report */
        {OV, "{\"kind\":\"agent\"}",
         "doc.json: not an OpenVEX document (an object with "
         "\"@context\" https://openvex.dev/ns/v0.2.0 expected)\n"},
        {OV, "null",
         "doc.json: not an OpenVEX document (an object with \"@context\" "
         "https://openvex.dev/ns/v0.2.0 expected)\n"},
        {OV, "[]",
         "doc.json: not an OpenVEX document (an object with \"@context\" "
         "https://openvex.dev/ns/v0.2.0 expected)\n"},
        {OV, "{\"@context\":\n\"https://openvex.dev/ns/v0.3.0\"}",
         "doc.json:2: /@context: unsupported OpenVEX version "
         "\"https://openvex.dev/ns/v0.3.0\" "
         "(https://openvex.dev/ns/v0.2.0 or /v0.0.1 expected)\n"},
        /* empty is fine */
        {OV, "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":[]}", NULL},
        {OV, "{\"@context\":\"https://openvex.dev/ns\",\"statements\":null}", NULL},
        /* wrong types */
        {OV, "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\n\"statements\":{}}",
         "doc.json:2: /statements: not an array\n"},
        {OV, "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\n\"author\":7}",
         "doc.json:2: /author: not a string\n"},
        {OV, "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\n\"version\":\"one\"}",
         "doc.json:2: /version: not a document version (an integer >= 1 expected)\n"},
        {OV,
         "{\"@context\":\"https://openvex.dev/ns/"
         "v0.2.0\",\n\"timestamp\":\"2026-01-01\"}",
         "doc.json:2: /timestamp: not an RFC 3339 time (a date without a time)\n"},
        {OV, OVDOC("7"),
         "doc.json:3: /statements/0: not a statement (an object expected)\n"},
        {OV,
         OVDOC(
             "{\"vulnerability\":[\"CVE-1\"],\"status\":\"fixed\",\"products\":[\"p\"]}"),
         "doc.json:3: /statements/0/vulnerability: not a vulnerability (an object with "
         "\"name\" "
         "expected)\n"},
        {OV,
         OVDOC("{\"vulnerability\":{\"name\":\"CVE-1\"},\"status\":1,\"products\":[\"p\"]"
               "}"),
         "doc.json:3: /statements/0/status: not a string\n"},
        {OV, OVDOC("{\"vulnerability\":\"CVE-1\",\"status\":\"fixed\",\"products\":[7]}"),
         "doc.json:3: /statements/0/products/0: not a product (an object or a string "
         "expected)\n"},
        {OV,
         OVDOC("{\"vulnerability\":\"CVE-1\",\"status\":\"fixed\",\"products\":\"p\"}"),
         "doc.json:3: /statements/0/products: not an array\n"},
        {OV,
         OVDOC("{\"vulnerability\":\"CVE-1\",\"status\":\"fixed\",\"products\":[\"p\"],"
               "\"timestamp\":5}"),
         "doc.json:3: /statements/0/timestamp: not a string (an RFC 3339 time "
         "expected)\n"},
        /* missing required parts */
        {OV, OVDOC("{\"status\":\"fixed\",\"products\":[\"p\"]}"),
         "doc.json:3: /statements/0/vulnerability: missing (the vulnerability the "
         "statement is "
         "about)\n"},
        {OV,
         OVDOC("{\"vulnerability\":{\"@id\":\"x\"},\"status\":\"fixed\",\"products\":["
               "\"p\"]}"),
         "doc.json:3: /statements/0/vulnerability/name: missing (the vulnerability "
         "id)\n"},
        {OV, OVDOC("{\"vulnerability\":\"CVE-1\",\"products\":[\"p\"]}"),
         "doc.json:3: /statements/0/status: missing\n"},
        {OV,
         OVDOC(
             "{\"vulnerability\":\"CVE-1\",\"status\":\"wontfix\",\"products\":[\"p\"]}"),
         "doc.json:3: /statements/0/status: unknown status \"wontfix\" (not_affected, "
         "affected, "
         "fixed or under_investigation)\n"},
        {OV, OVDOC("{\"vulnerability\":\"CVE-1\",\"status\":\"fixed\"}"),
         "doc.json:3: /statements/0/products: missing (the statement names no "
         "product)\n"},
        {OV,
         OVDOC("{\"vulnerability\":\"CVE-1\",\"status\":\"fixed\",\"products\":[{"
               "\"hashes\":{}}]}"),
         "doc.json:3: /statements/0/products/0: a product with neither \"@id\" nor "
         "identifiers\n"},
        {OV,
         "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":[\n"
         "{\"vulnerability\":\"CVE-1\",\"status\":\"fixed\",\"products\":[\"p\"]}]}",
         "doc.json:2: /statements/0/timestamp: missing (neither the statement nor the "
         "document "
         "has a timestamp; --seen-at TIME gives one)\n"},
        /* every bad statement is reported, in order */
        {OV,
         OVDOC("1,\n{\"vulnerability\":\"CVE-1\",\"status\":\"fixed\",\"products\":["
               "\"p\"]},\n2"),
         "doc.json:3: /statements/0: not a statement (an object expected)\n"
         "doc.json:5: /statements/2: not a statement (an object expected)\n"},
        {OV, "{\"@context\":\"https://openvex.dev/ns\",",
         "doc.json:1: not JSON: string or '}' expected near end of file\n"},
    };
    expect_cases(c, N(c));
}

#define CX SG_IMPORT_CYCLONEDX
#define CXDOC(vulns)                                                                     \
    "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"metadata\":{\"timestamp\":"  \
    "\"2026-01-01T00:00:00Z\"},\n\"vulnerabilities\":[\n" vulns "]}"

static void test_formats__cyclonedx_bad_documents(void **state)
{
    (void)state;
    static const struct bad_case c[] = {
        {CX, "{\"bomFormat\":\"SPDX\"}",
         "doc.json: not a CycloneDX document (an object with "
         "\"bomFormat\": \"CycloneDX\" expected)\n"},
        {CX, "null",
         "doc.json: not a CycloneDX document (an object with \"bomFormat\": "
         "\"CycloneDX\" expected)\n"},
        {CX, "{\"bomFormat\":\"CycloneDX\",\n\"specVersion\":\"1.3\"}",
         "doc.json:2: /specVersion: unsupported CycloneDX version \"1.3\" (1.4, 1.5 or "
         "1.6 "
         "expected)\n"},
        {CX, "{\"bomFormat\":\"CycloneDX\"}",
         "doc.json:1: /specVersion: missing (1.4, 1.5 or 1.6 "
         "expected)\n"},
        {CX, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"}", NULL},
        {CX,
         "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.4\",\"vulnerabilities\":[]}",
         NULL},
        {CX,
         "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.4\",\n\"vulnerabilities\":{}}",
         "doc.json:2: /vulnerabilities: not an array\n"},
        {CX, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.4\",\n\"version\":\"1\"}",
         "doc.json:2: /version: not a BOM version (an integer >= 1 expected)\n"},
        {CX, CXDOC("\"CVE-1\""),
         "doc.json:3: /vulnerabilities/0: not a vulnerability (an object "
         "expected)\n"},
        {CX, CXDOC("{\"affects\":[{\"ref\":\"a\"}]}"),
         "doc.json:3: /vulnerabilities/0/id: missing (the vulnerability id)\n"},
        {CX,
         CXDOC("{\"id\":\"CVE-1\",\"analysis\":{\"state\":\"maybe\"},\"affects\":[{"
               "\"ref\":\"a\"}]}"),
         "doc.json:3: /vulnerabilities/0/analysis/state: unknown analysis state "
         "\"maybe\" "
         "(not_affected, false_positive, exploitable, in_triage, resolved or "
         "resolved_with_pedigree)\n"},
        {CX, CXDOC("{\"id\":\"CVE-1\",\"analysis\":[],\"affects\":[{\"ref\":\"a\"}]}"),
         "doc.json:3: /vulnerabilities/0/analysis: not an object\n"},
        {CX,
         CXDOC("{\"id\":\"CVE-1\",\"analysis\":{\"response\":[\"update\",3]},\"affects\":"
               "[{\"ref\":"
               "\"a\"}]}"),
         "doc.json:3: /vulnerabilities/0/analysis/response/1: not a string (a response "
         "expected)\n"},
        {CX,
         CXDOC(
             "{\"id\":\"CVE-1\",\"analysis\":{\"firstIssued\":\"2026-02-01T00:00:00Z\","
             "\"lastUpdated\":\"2026-01-01T00:00:00Z\"},\"affects\":[{\"ref\":\"a\"}]}"),
         "doc.json:3: /vulnerabilities/0/analysis/firstIssued: after lastUpdated\n"},
        {CX,
         CXDOC("{\"id\":\"CVE-1\",\"ratings\":[{\"score\":\"9\"}],\"affects\":[{\"ref\":"
               "\"a\"}]}"),
         "doc.json:3: /vulnerabilities/0/ratings/0/score: not a number\n"},
        {CX, CXDOC("{\"id\":\"CVE-1\"}"),
         "doc.json:3: /vulnerabilities/0/affects: missing (no "
         "affected component, and no metadata.component)\n"},
        {CX, CXDOC("{\"id\":\"CVE-1\",\"affects\":[{\"versions\":[]}]}"),
         "doc.json:3: /vulnerabilities/0/affects/0/ref: missing (the affected "
         "component's "
         "bom-ref)\n"},
        {CX, CXDOC("{\"id\":\"CVE-1\",\"affects\":[\"a\"]}"),
         "doc.json:3: /vulnerabilities/0/affects/0: not an affected component (an object "
         "expected)\n"},
        {CX,
         "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"vulnerabilities\":[\n{"
         "\"id\":"
         "\"CVE-1\",\"affects\":[{\"ref\":\"a\"}]}]}",
         "doc.json:2: /vulnerabilities/0/analysis/lastUpdated: missing (no analysis time "
         "and no "
         "metadata.timestamp; --seen-at TIME gives one)\n"},
    };
    expect_cases(c, N(c));
}

#define TV SG_IMPORT_TRIVY
#define TVDOC(results)                                                                   \
    "{\"SchemaVersion\":2,\"ArtifactName\":\"img\",\"CreatedAt\":\"2026-01-01T00:00:"    \
    "00Z\","                                                                             \
    "\n\"Results\":[\n" results "]}"
#define GR SG_IMPORT_GRYPE
#define GRDOC(matches)                                                                   \
    "{\"source\":{\"type\":\"directory\",\"target\":\"/src\"},\"descriptor\":{\"name\":" \
    "\"grype\",\"timestamp\":\"2026-01-01T00:00:00Z\"},\n\"matches\":[\n" matches "]}"

static void test_formats__scanner_bad_documents(void **state)
{
    (void)state;
    static const struct bad_case c[] = {
        {TV, "{\"matches\":[]}",
         "doc.json: not a Trivy JSON report (an object with "
         "\"SchemaVersion\" expected)\n"},
        {TV, "null",
         "doc.json: not a Trivy JSON report (an object with \"SchemaVersion\" "
         "expected)\n"},
        {TV, "[{\"Target\":\"alpine:3.9\",\"Vulnerabilities\":[]}]",
         "doc.json: a Trivy report from before SchemaVersion 2 (an array of results, "
         "Trivy < "
         "0.20) is not supported\n"},
        {TV, "{\n\"SchemaVersion\":3}",
         "doc.json:2: /SchemaVersion: unsupported Trivy "
         "SchemaVersion (2 expected)\n"},
        {TV, "{\"SchemaVersion\":2,\"CreatedAt\":\"2026-01-01T00:00:00Z\"}",
         "doc.json:1: /ArtifactName: missing (the scanned artifact)\n"},
        {TV,
         "{\"SchemaVersion\":2,\"ArtifactName\":\"img\",\"CreatedAt\":\"2026-01-01T00:00:"
         "00Z\"}",
         NULL},
        {TV,
         "{\"SchemaVersion\":2,\"ArtifactName\":\"img\",\"CreatedAt\":\"2026-01-01T00:00:"
         "00Z\","
         "\"Results\":null}",
         NULL},
        {TV,
         "{\"SchemaVersion\":2,\"ArtifactName\":\"img\",\n\"CreatedAt\":\"yesterday\"}",
         "doc.json:2: /CreatedAt: not an RFC 3339 time (not YYYY-MM-DD)\n"},
        {TV, "{\"SchemaVersion\":2,\"ArtifactName\":[\"img\"]}",
         "doc.json:1: /ArtifactName: not a string\n"},
        {TV, TVDOC("\"r\""),
         "doc.json:3: /Results/0: not a result (an object expected)\n"},
        {TV, TVDOC("{\"Vulnerabilities\":{}}"),
         "doc.json:3: /Results/0/Vulnerabilities: not an "
         "array\n"},
        {TV, TVDOC("{\"Vulnerabilities\":[{\"Severity\":\"HIGH\"}]}"),
         "doc.json:3: /Results/0/Vulnerabilities/0/VulnerabilityID: missing\n"},
        {TV, TVDOC("{\"Vulnerabilities\":[{\"VulnerabilityID\":7}]}"),
         "doc.json:3: /Results/0/Vulnerabilities/0/VulnerabilityID: not a string\n"},
        {TV,
         TVDOC("{\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-1\",\"CVSS\":{\"nvd\":{"
               "\"V3Score\":\"9.8\"}}}]}"),
         "doc.json:3: /Results/0/Vulnerabilities/0/CVSS/nvd/V3Score: not a number\n"},
        {GR, "{\"SchemaVersion\":2}",
         "doc.json: not a Grype JSON report (an object with "
         "\"matches\" expected)\n"},
        {GR, "null",
         "doc.json: not a Grype JSON report (an object with \"matches\" expected)\n"},
        {GR, "{\"matches\":{}}", "doc.json:1: /matches: not an array\n"},
        {GR, "{\"matches\":[]}", "doc.json:1: /source: missing (what was scanned)\n"},
        {GR, "{\"matches\":[],\"source\":{\"type\":\"image\",\"target\":{}}}",
         "doc.json:1: /source/target: missing (the scanned artifact)\n"},
        {GR, "{\"matches\":[],\"source\":{\"target\":\"/src\"}}",
         "doc.json:1: /descriptor/timestamp: missing (the report has no time; --seen-at "
         "TIME "
         "gives one)\n"},
        {GR,
         "{\"matches\":[],\"source\":{\"target\":\"/"
         "src\"},\"descriptor\":{\"timestamp\":\"\"},"
         "\"distro\":null}",
         "doc.json:1: /descriptor/timestamp: missing (the report has no time; --seen-at "
         "TIME "
         "gives one)\n"},
        {GR,
         "{\"matches\":null,\"source\":{\"target\":\"/"
         "src\"},\"descriptor\":{\"name\":\"grype\","
         "\"timestamp\":\"2026-01-01T00:00:00Z\"}}",
         NULL},
        {GR, GRDOC("[]"), "doc.json:3: /matches/0: not a match (an object expected)\n"},
        {GR, GRDOC("{\"artifact\":{}}"),
         "doc.json:3: /matches/0/vulnerability: missing\n"},
        {GR, GRDOC("{\"vulnerability\":{\"severity\":\"High\"}}"),
         "doc.json:3: /matches/0/vulnerability/id: missing\n"},
        {GR,
         GRDOC("{\"vulnerability\":{\"id\":\"CVE-1\",\"cvss\":[{\"metrics\":{"
               "\"baseScore\":\"x\"}}]}}"),
         "doc.json:3: /matches/0/vulnerability/cvss/0/metrics/baseScore: not a number\n"},
        {GR,
         GRDOC("{\"vulnerability\":{\"id\":\"CVE-1\"},\"relatedVulnerabilities\":{}}"),
         "doc.json:3: /matches/0/relatedVulnerabilities: not an array\n"},
    };
    expect_cases(c, N(c));
}

/* A byte-order mark is skipped, a re-scored advisory re-observes without conflict. */
static void test_formats__bom_and_rescored_exposure(void **state)
{
    (void)state;
    int rc;
    int64_t records;
    char *got = run_text(
        TV,
        "\xEF\xBB\xBF" TVDOC("{\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-1\"}]}"),
        NULL, &rc, &records);
    assert_int_equal(rc, 0);
    assert_int_equal(records, 1);
    free(got);

    struct sg_store *st = new_store();
    struct sg_error err;
    struct sg_ingest_stats stats = {0};
    struct msgs m = {{0}, 0};
    struct sg_import_opts o = {SG_IMPORT_TRIVY, NULL, NULL, NULL, 0};
    const char *a =
        "{\"SchemaVersion\":2,\"ArtifactName\":\"img\",\"CreatedAt\":\"2026-01-01T00:00:"
        "00Z\","
        "\"Results\":[{\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-1\",\"Severity\":"
        "\"LOW\"}]}]}";
    const char *b =
        "{\"SchemaVersion\":2,\"ArtifactName\":\"img\",\"CreatedAt\":\"2026-02-01T00:00:"
        "00Z\","
        "\"Results\":[{\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-1\",\"Severity\":"
        "\"CRITICAL\",\"CVSS\":{\"nvd\":{\"V3Score\":9.8}}}]}]}";
    int64_t src;
    sg_error_init(&err);
    assert_int_equal(sg_store_begin(st, &err), 0);
    assert_int_equal(sg_store_add_source(st, "a.json", "a", 0, 0, &src, &err), 0);
    assert_int_equal(sg_import_document(st, "a.json", a, strlen(a), "a", src, &o, collect,
                                        &m, &stats, &err),
                     0);
    assert_int_equal(sg_store_add_source(st, "b.json", "b", 0, 0, &src, &err), 0);
    assert_int_equal(sg_import_document(st, "b.json", b, strlen(b), "b", src, &o, collect,
                                        &m, &stats, &err),
                     0);
    assert_int_equal(m.n, 0);
    json_t *first = NULL;
    assert_int_equal(sg_store_exposure_first(st, "trivy:CVE-1@img", &first, &err), 0);
    assert_string_equal(json_string_value(json_object_get(first, "severity")), "low");
    json_decref(first);
    /* the second observation carries the first one's severity (SPEC §2) */
    char *s = findings(st, "2026-01-01..2026-03-01");
    assert_null(strstr(s, "trivy:CVE-1@img")); /* low: 180 days */
    free(s);
    assert_int_equal(count(st, SG_K_EXPOSURE), 2);
    sg_store_rollback(st);
    sg_store_close(st);
    sg_buf_release(&m.b);
}

int main(void)
{
#define T(f) cmocka_unit_test(f)
    const struct CMUnitTest tests[] = {
        T(test_formats__openvex_public_examples_and_reimport),
        T(test_formats__openvex_constructed_with_asset_map),
        T(test_formats__cyclonedx_examples),
        T(test_formats__trivy_close_out_in_and_out_of_order),
        T(test_formats__trivy_seen_at_merge_and_grype),
        T(test_formats__asset_map_file),
        T(test_formats__openvex_bad_documents),
        T(test_formats__cyclonedx_bad_documents),
        T(test_formats__scanner_bad_documents),
        T(test_formats__bom_and_rescored_exposure),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}

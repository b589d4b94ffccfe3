/* test_ingest.c: reading native record files into a store (SPEC §2, §7, §8) through
 * sg_inputs_open, sg_ingest_inputs and sg_store_*: duplicates and conflicts (append-only
 * evidence), exposure re-observations, .json arrays and their lines, BOM, blank lines,
 * duplicate keys, the caps of limits.h, invalid UTF-8, missing files and directories.
 * Each refusal checks the whole message as the CLI prints it (FILE:LINE: msg). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "signoff/ingest.h"
#include "signoff/json.h"
#include "signoff/arena.h"
#include "signoff/limits.h"
#include "signoff/model.h"
#include "signoff/record.h"
#include "signoff/store.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define T0 "2026-07-01T00:00:00Z"
#define AGENT(id) "{\"kind\":\"agent\",\"id\":\"" id "\"}"
#define EXPOSURE(extra)                                                                    \
    "{\"kind\":\"exposure\",\"id\":\"e1\",\"vuln\":\"CVE-2026-1\",\"asset\":\"web\","     \
    "\"first_seen\":\"" T0 "\",\"severity\":\"high\"" extra "}"

/* ---- fixture: a temporary directory of input files and one store ------------------ */

struct fx {
    char *dir;
    struct sg_store *st;
};

static int setup(void **state)
{
    struct fx *f = sg_xcalloc(1, sizeof(*f));
    char tmpl[] = "/tmp/signoff-ingest-XXXXXX";
    struct sg_error err;
    assert_non_null(mkdtemp(tmpl));
    f->dir = sg_xstrdup(tmpl);
    sg_error_init(&err);
    assert_int_equal(sg_store_open(&f->st, NULL, 0, &err), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    char *cmd = sg_xasprintf("rm -rf '%s'", f->dir);
    sg_store_close(f->st);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", f->dir);
    free(cmd);
    free(f->dir);
    free(f);
    return 0;
}

/* Writes n bytes to DIR/name; returns the path (free()). */
static char *put_n(struct fx *f, const char *name, const char *text, size_t n)
{
    char *path = sg_xasprintf("%s/%s", f->dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, n, fp), n);
    assert_int_equal(fclose(fp), 0);
    return path;
}

static char *put(struct fx *f, const char *name, const char *text)
{
    return put_n(f, name, text, strlen(text));
}

/* Every reported message, formatted as the CLI prints it, one per line. */
struct got {
    size_t n;
    struct sg_buf text;
};

static void collect(void *ctx, const struct sg_error *e)
{
    struct got *g = ctx;
    char line[1024];
    assert_int_equal(e->code, EX_DATAERR);
    sg_error_format(e, line, sizeof(line));
    sg_buf_adds(&g->text, line);
    sg_buf_addc(&g->text, '\n');
    g->n++;
}

struct res {
    int rc;                       /* 0 or -1 */
    struct sg_error err;          /* the first error */
    struct sg_ingest_stats stats; /* as sg_ingest_inputs left them */
    char *msgs;                   /* every message, the fixture dir replaced by "D" */
    char *first;                  /* err as the CLI prints it, likewise */
    size_t nmsgs;
};

static char *replace_dir(const char *s, const char *dir)
{
    struct sg_buf b = {0};
    size_t dl = strlen(dir);
    while (*s) {
        if (strncmp(s, dir, dl) == 0) {
            sg_buf_addc(&b, 'D');
            s += dl;
        } else {
            sg_buf_addc(&b, *s++);
        }
    }
    char *r = sg_xstrdup(sg_buf_str(&b));
    sg_buf_release(&b);
    return r;
}

/* Ingests the named files (relative to the fixture dir, or absolute) into the fixture's
 * store, as `signoff ingest` does: one transaction, committed only when all is good. */
static struct res ingest_v(struct fx *f, const char *const *names, int n)
{
    struct res r;
    struct sg_inputs in = {0};
    struct got g = {0, {0}};
    char *args[16];

    memset(&r, 0, sizeof(r));
    sg_error_init(&r.err);
    assert_true(n <= 16);
    for (int i = 0; i < n; i++)
        args[i] = names[i][0] == '/' ? sg_xstrdup(names[i])
                                     : sg_xasprintf("%s/%s", f->dir, names[i]);
    if (sg_inputs_open(&in, args, n, &r.err) != 0) {
        r.rc = -1;
        goto done;
    }
    assert_int_equal(sg_store_begin(f->st, &r.err), 0);
    r.rc = sg_ingest_inputs(f->st, &in, 0, collect, &g, &r.stats, &r.err);
    if (r.rc == 0)
        assert_int_equal(sg_store_commit(f->st, &r.err), 0);
    else
        sg_store_rollback(f->st);
done:
    r.msgs = replace_dir(sg_buf_str(&g.text), f->dir);
    r.nmsgs = g.n;
    {
        char line[1024];
        sg_error_format(&r.err, line, sizeof(line));
        r.first = replace_dir(line, f->dir);
    }
    sg_buf_release(&g.text);
    sg_inputs_release(&in);
    for (int i = 0; i < n; i++)
        free(args[i]);
    return r;
}

static struct res ingest1(struct fx *f, const char *name)
{
    const char *names[1] = {name};
    return ingest_v(f, names, 1);
}

static struct res ingest2(struct fx *f, const char *a, const char *b)
{
    const char *names[2] = {a, b};
    return ingest_v(f, names, 2);
}

static void expect_ok(struct res r, int64_t records, int64_t inserted, int64_t duplicates)
{
    if (r.rc != 0)
        print_error("ingest failed: %s%s\n", r.msgs, r.err.msg);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.err.code, 0);
    assert_int_equal(r.stats.records, records);
    assert_int_equal(r.stats.inserted, inserted);
    assert_int_equal(r.stats.duplicates, duplicates);
    assert_int_equal(r.stats.bad, 0);
    assert_string_equal(r.msgs, "");
    free(r.msgs);
    free(r.first);
}

/* The ingest must fail with exactly these messages (D = the fixture dir). */
static void expect_bad(struct res r, const char *msgs)
{
    char first[1024];
    const char *nl = strchr(msgs, '\n');
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.err.code, EX_DATAERR);
    assert_string_equal(r.msgs, msgs);
    assert_int_equal((int64_t)r.nmsgs, r.stats.bad);
    /* err holds the first message */
    assert_non_null(nl);
    snprintf(first, sizeof(first), "%.*s", (int)(nl - msgs), msgs);
    assert_string_equal(r.first, first);
    free(r.msgs);
    free(r.first);
}

static int64_t count(struct fx *f, enum sg_kind k)
{
    int64_t n = -1;
    struct sg_error err;
    sg_error_init(&err);
    assert_int_equal(sg_store_count(f->st, k, &n, &err), 0);
    return n;
}

static int count_source(void *ctx, const struct sg_source_info *src)
{
    (void)src;
    (*(int *)ctx)++;
    return 0;
}

static int sources(struct fx *f)
{
    int n = 0;
    struct sg_error err;
    sg_error_init(&err);
    assert_int_equal(sg_store_each_source(f->st, count_source, &n, &err), 0);
    return n;
}

/* ---- duplicates and conflicts (SPEC §8) --------------------------------------------- */

static void test_ingest__reingest_same_file_inserts_nothing(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl",
             AGENT("bot") "\n"
             "{\"kind\":\"identity\",\"id\":\"alice\",\"name\":\"Alice\",\"human\":true}\n"
             "{\"kind\":\"decision\",\"id\":\"d1\",\"agent\":\"bot\",\"at\":\"" T0
             "\",\"action\":\"patch\",\"outcome\":\"act\",\"targets\":[]}\n"));
    expect_ok(ingest1(f, "a.jsonl"), 3, 3, 0);
    assert_int_equal(sources(f), 1);
    expect_ok(ingest1(f, "a.jsonl"), 3, 0, 3);
    /* the same file ingested again registers no new source */
    assert_int_equal(sources(f), 1);
    assert_int_equal(count(f, SG_K_AGENT), 1);
    assert_int_equal(count(f, SG_K_DECISION), 1);
    /* and twice in one run */
    expect_ok(ingest2(f, "a.jsonl", "a.jsonl"), 6, 0, 6);
    assert_int_equal(sources(f), 1);
}

/* A registered (path, digest) is skipped without parsing (issue 10); anything else is
 * read in full: another digest under the same path, and a file given twice in one run
 * whose first reading failed (its source is not committed). */
static void test_ingest__reingest_skips_only_committed_files(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl", AGENT("bot") "\n\n" AGENT("bot2") "\n" AGENT("bot") "\n"));
    expect_ok(ingest1(f, "a.jsonl"), 3, 2, 1);
    expect_ok(ingest1(f, "a.jsonl"), 3, 0, 3);
    /* the same path, new content: parsed, the new record stored */
    free(put(f, "a.jsonl", AGENT("bot") "\n" AGENT("bot3") "\n"));
    expect_ok(ingest1(f, "a.jsonl"), 2, 1, 1);
    assert_int_equal(count(f, SG_K_AGENT), 3);
    assert_int_equal(sources(f), 2);
    /* a bad file twice in one run: both readings report */
    free(put(f, "bad.jsonl", AGENT("bot4") "\n{\"kind\":\"agent\"}\n"));
    struct res r = ingest2(f, "bad.jsonl", "bad.jsonl");
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.stats.bad, 2);
    assert_int_equal(r.nmsgs, 2);
    free(r.msgs);
    free(r.first);
    assert_int_equal(count(f, SG_K_AGENT), 3);
}

static void test_ingest__same_id_other_content_is_a_conflict(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl", "{\"kind\":\"agent\",\"id\":\"bot\",\"name\":\"Bot\"}\n"));
    free(put(f, "b.jsonl",
             AGENT("other") "\n{\"kind\":\"agent\",\"id\":\"bot\",\"name\":\"Bot 2\"}\n"));
    expect_ok(ingest1(f, "a.jsonl"), 1, 1, 0);
    expect_bad(ingest1(f, "b.jsonl"),
               "D/b.jsonl:2: agent \"bot\" differs from the one ingested from D/a.jsonl:1\n");
    /* nothing of the failed ingest entered the store */
    assert_int_equal(count(f, SG_K_AGENT), 1);
    assert_int_equal(sources(f), 1);
}

static void test_ingest__conflict_within_one_run(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl", AGENT("x") "\n\n{\"kind\":\"agent\",\"id\":\"bot\",\"name\":\"A\"}\n"));
    free(put(f, "b.jsonl", "\n{\"kind\":\"agent\",\"id\":\"bot\",\"name\":\"B\"}\n"));
    expect_bad(ingest2(f, "a.jsonl", "b.jsonl"),
               "D/b.jsonl:2: agent \"bot\" differs from the one ingested from D/a.jsonl:3\n");
    assert_int_equal(count(f, SG_K_AGENT), 0);
    assert_int_equal(sources(f), 0);
    /* within one file */
    free(put(f, "c.jsonl",
             "{\"kind\":\"asset\",\"id\":\"web\",\"environment\":\"production\",\"criticality\":"
             "\"high\"}\n"
             "{\"kind\":\"asset\",\"id\":\"web\",\"environment\":\"staging\",\"criticality\":"
             "\"high\"}\n"));
    expect_bad(ingest1(f, "c.jsonl"),
               "D/c.jsonl:2: asset \"web\" differs from the one ingested from D/c.jsonl:1\n");
}

static void test_ingest__ids_are_unique_within_their_kind(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl",
             AGENT("x") "\n{\"kind\":\"identity\",\"id\":\"x\",\"name\":\"X\",\"human\":true}\n"
             "{\"kind\":\"asset\",\"id\":\"x\",\"environment\":\"lab\",\"criticality\":\"low\"}\n"));
    expect_ok(ingest1(f, "a.jsonl"), 3, 3, 0);
}

static void test_ingest__policies_are_keyed_by_id_and_version(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl",
             "{\"kind\":\"policy\",\"id\":\"p\",\"version\":1,\"title\":\"one\"}\n"
             "{\"kind\":\"policy\",\"id\":\"p\",\"version\":2,\"title\":\"two\"}\n"));
    expect_ok(ingest1(f, "a.jsonl"), 2, 2, 0);
    free(put(f, "b.jsonl", "{\"kind\":\"policy\",\"id\":\"p\",\"version\":2,\"title\":\"2\"}\n"));
    expect_bad(ingest1(f, "b.jsonl"), "D/b.jsonl:1: policy \"p\" version 2 differs from the one "
                                      "ingested from D/a.jsonl:2\n");
    free(put(f, "c.jsonl", "{ \"title\":\"one\", \"version\":1, \"id\":\"p\", \"kind\":\"policy\"}\n"));
    expect_ok(ingest1(f, "c.jsonl"), 1, 0, 1);
    assert_int_equal(count(f, SG_K_POLICY), 2);
}

static void test_ingest__identical_up_to_form_is_a_duplicate(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl",
             "{\"kind\":\"decision\",\"id\":\"d1\",\"agent\":\"bot\",\"at\":\"" T0
             "\",\"action\":\"patch\",\"outcome\":\"act\",\"targets\":[\"web\"],"
             "\"tier\":1,\"confidence\":0.5,\"rationale\":\"caf\xc3\xa9\",\"x_n\":[1,2.5],"
             "\"vulns\":[{\"id\":\"CVE-1\",\"cvss\":7}]}\n"));
    /* key order, whitespace, null members, 1 vs 1.0 (in an unknown member; integer fields
       refuse 1.0), 7 vs 7.0, 0.5 vs 5e-1, \u escapes */
    free(put(f, "b.jsonl",
             "  { \"vulns\" : [ { \"cvss\" : 7.0 , \"id\" : \"CVE-1\", \"kev\": null } ] ,\t"
             "\"targets\":[\"web\"], \"tier\": 1, \"outcome\":\"act\", \"x\": null,"
             "\"rationale\":\"caf\\u00e9\",\"confidence\":5e-1,\"x_n\":[1.0,25e-1],"
             "\"action\":\"patch\",\"at\":\"" T0 "\",\"agent\":\"bot\",\"id\":\"d1\","
             "\"kind\":\"decision\"}  \r\n"));
    expect_ok(ingest1(f, "a.jsonl"), 1, 1, 0);
    struct res r = ingest1(f, "b.jsonl");
    if (r.rc == 0 && r.stats.duplicates == 0)
        print_error("b.jsonl was taken as new content\n");
    expect_ok(r, 1, 0, 1);
    assert_int_equal(count(f, SG_K_DECISION), 1);
}

static void test_ingest__two_spellings_of_one_instant_conflict(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl",
             "{\"kind\":\"approval\",\"id\":\"a1\",\"decision\":\"d1\",\"by\":\"alice\","
             "\"at\":\"2026-07-01T00:00:00Z\",\"outcome\":\"approved\"}\n"));
    free(put(f, "b.jsonl",
             "{\"kind\":\"approval\",\"id\":\"a1\",\"decision\":\"d1\",\"by\":\"alice\","
             "\"at\":\"2026-07-01T02:00:00+02:00\",\"outcome\":\"approved\"}\n"));
    free(put(f, "c.jsonl",
             "{\"kind\":\"approval\",\"id\":\"a1\",\"decision\":\"d1\",\"by\":\"alice\","
             "\"at\":\"2026-07-01t00:00:00z\",\"outcome\":\"approved\"}\n"));
    expect_ok(ingest1(f, "a.jsonl"), 1, 1, 0);
    expect_bad(ingest1(f, "b.jsonl"),
               "D/b.jsonl:1: approval \"a1\" differs from the one ingested from D/a.jsonl:1\n");
    expect_bad(ingest1(f, "c.jsonl"),
               "D/c.jsonl:1: approval \"a1\" differs from the one ingested from D/a.jsonl:1\n");
}

/* ---- exposure re-observations (SPEC §8) ------------------------------------------- */

static void test_ingest__exposure_reobserved_with_status_change(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl", EXPOSURE(",\"last_seen\":\"2026-07-02T00:00:00Z\"") "\n"));
    free(put(f, "b.jsonl",
             EXPOSURE(",\"last_seen\":\"2026-07-09T00:00:00Z\",\"status\":\"fixed\"") "\n"));
    expect_ok(ingest1(f, "a.jsonl"), 1, 1, 0);
    expect_ok(ingest1(f, "b.jsonl"), 1, 1, 0);
    assert_int_equal(count(f, SG_K_EXPOSURE), 2);
    /* a third observation, open again, and one without last_seen */
    free(put(f, "c.jsonl",
             EXPOSURE(",\"last_seen\":\"2026-07-16T00:00:00Z\",\"status\":\"open\"") "\n"
             EXPOSURE("") "\n"));
    expect_ok(ingest1(f, "c.jsonl"), 2, 2, 0);
    assert_int_equal(count(f, SG_K_EXPOSURE), 4);
    /* each again: duplicates */
    expect_ok(ingest2(f, "a.jsonl", "c.jsonl"), 3, 0, 3);
}

static void test_ingest__exposure_reobserved_in_either_order(void **state)
{
    struct fx *f = *state;
    /* the later, fixed observation first; the earlier, open one after */
    free(put(f, "a.jsonl",
             EXPOSURE(",\"last_seen\":\"2026-07-09T00:00:00Z\",\"status\":\"fixed\"") "\n"
             EXPOSURE(",\"last_seen\":\"2026-07-02T00:00:00Z\"") "\n"));
    expect_ok(ingest1(f, "a.jsonl"), 2, 2, 0);
    assert_int_equal(count(f, SG_K_EXPOSURE), 2);
}

static void test_ingest__exposure_reobserved_with_other_severity_refused(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl", EXPOSURE(",\"last_seen\":\"2026-07-02T00:00:00Z\"") "\n"));
    free(put(f, "b.jsonl",
             "{\"kind\":\"exposure\",\"id\":\"e1\",\"vuln\":\"CVE-2026-1\",\"asset\":\"web\","
             "\"first_seen\":\"" T0 "\",\"severity\":\"critical\","
             "\"last_seen\":\"2026-07-09T00:00:00Z\"}\n"));
    free(put(f, "c.jsonl",
             "{\"kind\":\"exposure\",\"id\":\"e1\",\"vuln\":\"CVE-2026-1\",\"asset\":\"web\","
             "\"first_seen\":\"2026-06-01T00:00:00Z\",\"severity\":\"high\","
             "\"last_seen\":\"2026-07-09T00:00:00Z\"}\n"));
    expect_ok(ingest1(f, "a.jsonl"), 1, 1, 0);
    expect_bad(ingest1(f, "b.jsonl"),
               "D/b.jsonl:1: exposure \"e1\" differs from the one ingested from D/a.jsonl:1 in "
               "more than \"last_seen\" and \"status\"\n");
    expect_bad(ingest1(f, "c.jsonl"),
               "D/c.jsonl:1: exposure \"e1\" differs from the one ingested from D/a.jsonl:1 in "
               "more than \"last_seen\" and \"status\"\n");
    assert_int_equal(count(f, SG_K_EXPOSURE), 1);
}

static void test_ingest__exposure_same_last_seen_other_status_refused(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl", EXPOSURE(",\"last_seen\":\"2026-07-02T00:00:00Z\"") "\n"));
    free(put(f, "b.jsonl",
             EXPOSURE(",\"last_seen\":\"2026-07-02T00:00:00Z\",\"status\":\"fixed\"") "\n"));
    /* the same instant spelled otherwise is the same last_seen (docs/rules.md) */
    free(put(f, "c.jsonl",
             EXPOSURE(",\"last_seen\":\"2026-07-02T02:00:00+02:00\"") "\n"));
    expect_ok(ingest1(f, "a.jsonl"), 1, 1, 0);
    expect_bad(ingest1(f, "b.jsonl"), "D/b.jsonl:1: exposure \"e1\" (same last_seen) differs "
                                      "from the one ingested from D/a.jsonl:1\n");
    expect_bad(ingest1(f, "c.jsonl"), "D/c.jsonl:1: exposure \"e1\" (same last_seen) differs "
                                      "from the one ingested from D/a.jsonl:1\n");
    /* both without last_seen, different content */
    free(put(f, "d.jsonl", EXPOSURE("") "\n" EXPOSURE(",\"cvss\":7.5") "\n"));
    expect_bad(ingest1(f, "d.jsonl"), "D/d.jsonl:2: exposure \"e1\" (same last_seen) differs "
                                      "from the one ingested from D/d.jsonl:1\n");
    assert_int_equal(count(f, SG_K_EXPOSURE), 1);
}

/* With two observations stored, the one of the same last_seen decides (a duplicate, or a
   conflict naming *its* place), before the earliest one's comparison. */
static void test_ingest__exposure_third_observation(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl", EXPOSURE(",\"last_seen\":\"2026-07-02T00:00:00Z\"") "\n"));
    free(put(f, "b.jsonl",
             EXPOSURE(",\"last_seen\":\"2026-07-09T00:00:00Z\",\"status\":\"fixed\"") "\n"));
    free(put(f, "c.jsonl",
             EXPOSURE(",\"last_seen\":\"2026-07-09T00:00:00Z\",\"status\":\"fixed\"") "\n"
             EXPOSURE(",\"last_seen\":\"2026-07-16T00:00:00Z\",\"status\":\"fixed\"") "\n"));
    free(put(f, "d.jsonl", EXPOSURE(",\"last_seen\":\"2026-07-09T00:00:00Z\"") "\n"));
    expect_ok(ingest1(f, "a.jsonl"), 1, 1, 0);
    expect_ok(ingest1(f, "b.jsonl"), 1, 1, 0);
    expect_ok(ingest1(f, "c.jsonl"), 2, 1, 1);
    expect_bad(ingest1(f, "d.jsonl"), "D/d.jsonl:1: exposure \"e1\" (same last_seen) differs "
                                      "from the one ingested from D/b.jsonl:1\n");
    assert_int_equal(count(f, SG_K_EXPOSURE), 3);
}

/* ---- files: .json, BOM, blank lines, syntax, caps ---------------------------------- */

static void test_ingest__json_array_reports_element_lines(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.json",
             "[\n"
             "  " AGENT("a1") ",\n"
             "  {\"kind\": \"agent\",\n"
             "   \"id\": \"\"},\n"
             "\n"
             "  {\"kind\": \"nope\", \"id\": \"x\"}, " AGENT("a2") ",\n"
             "  {\n"
             "    \"kind\": \"identity\", \"id\": \"alice\", \"human\": true\n"
             "  }\n"
             "]\n"));
    expect_bad(ingest1(f, "a.json"),
               "D/a.json:3: \"id\" must not be empty\n"
               "D/a.json:6: \"kind\" must be one of identity, agent, asset, policy, decision, "
               "approval, notification, risk_acceptance, exposure\n"
               "D/a.json:7: missing required field \"name\"\n");
}

static void test_ingest__json_object_and_empty_files(void **state)
{
    struct fx *f = *state;
    free(put(f, "one.json", "\n\n  " AGENT("a1") "\n"));
    free(put(f, "empty.json", ""));
    free(put(f, "none.json", "[ ]\n"));
    const char *names[] = {"one.json", "empty.json", "none.json"};
    expect_ok(ingest_v(f, names, 3), 1, 1, 0);
    free(put(f, "bad.json", "\n\n  {\"kind\":\"agent\"}\n"));
    expect_bad(ingest1(f, "bad.json"), "D/bad.json:3: missing required field \"id\"\n");
    free(put(f, "scalar.json", "[1,\n \"x\"]"));
    expect_bad(ingest1(f, "scalar.json"), "D/scalar.json:1: a record must be a JSON object\n"
                                          "D/scalar.json:2: a record must be a JSON object\n");
    free(put(f, "syntax.json", "[\n" AGENT("a1") ",\n" AGENT("a2") "\n" AGENT("a3") "\n]\n"));
    expect_bad(ingest1(f, "syntax.json"),
               "D/syntax.json:4: invalid JSON: ']' expected near '{'\n");
}

static void test_ingest__bom_refused(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl", "\xef\xbb\xbf" AGENT("a1") "\n" AGENT("a2") "\n"));
    expect_bad(ingest1(f, "a.jsonl"), "D/a.jsonl:1: byte-order mark (BOM) is not allowed\n");
    free(put(f, "b.json", "\xef\xbb\xbf[" AGENT("a1") "]\n"));
    expect_bad(ingest1(f, "b.json"), "D/b.json:1: byte-order mark (BOM) is not allowed\n");
    /* a BOM alone, without newline */
    free(put(f, "c.jsonl", "\xef\xbb\xbf"));
    expect_bad(ingest1(f, "c.jsonl"), "D/c.jsonl:1: byte-order mark (BOM) is not allowed\n");
    assert_int_equal(count(f, SG_K_AGENT), 0);
}

static void test_ingest__blank_lines_skipped(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl", "\n" AGENT("a1") "\n\n   \t \n" AGENT("a2") "\r\n\r\n" AGENT("a3")));
    expect_ok(ingest1(f, "a.jsonl"), 3, 3, 0);
    /* blank lines count for the line numbers */
    free(put(f, "b.jsonl", "\n\n" AGENT("b1") "\n\n{\"kind\":\"agent\"}\n"));
    expect_bad(ingest1(f, "b.jsonl"), "D/b.jsonl:5: missing required field \"id\"\n");
    /* an empty file holds no record */
    free(put(f, "c.jsonl", ""));
    expect_ok(ingest1(f, "c.jsonl"), 0, 0, 0);
}

static void test_ingest__syntax_errors(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl",
             "{\"kind\":\"agent\",\"id\":\"a\",\"id\":\"b\"}\n"
             "{\"kind\":\"agent\",\"id\":\"x\"\n"
             "[" AGENT("y") "]\n"
             "3\n"
             "{\"kind\":\"agent\",\"id\":\"z\"} {}\n"
             AGENT("ok") "\n"));
    expect_bad(ingest1(f, "a.jsonl"),
               "D/a.jsonl:1: invalid JSON: duplicate object key near '\"id\"'\n"
               "D/a.jsonl:2: invalid JSON: '}' expected near end of file\n"
               "D/a.jsonl:3: a record must be a JSON object\n"
               "D/a.jsonl:4: a record must be a JSON object\n"
               "D/a.jsonl:5: invalid JSON: end of file expected near '{'\n");
    /* a duplicate key in a nested object too */
    free(put(f, "b.jsonl", "{\"kind\":\"agent\",\"id\":\"a\",\"x\":{\"k\":1,\"k\":1}}\n"));
    expect_bad(ingest1(f, "b.jsonl"), "D/b.jsonl:1: invalid JSON: duplicate object key near "
                                      "'\"k\"'\n");
}

static void test_ingest__invalid_utf8_refused(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl",
             AGENT("ok") "\n"
             "{\"kind\":\"agent\",\"id\":\"\xff\"}\n"
             "{\"kind\":\"agent\",\"id\":\"\xc3\"}\n"
             "{\"kind\":\"agent\",\"id\":\"\xed\xa0\x80\"}\n" /* a UTF-16 surrogate */
             "{\"kind\":\"agent\",\"id\":\"\xc0\xaf\"}\n"));   /* overlong */
    struct res r = ingest1(f, "a.jsonl");
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.err.code, EX_DATAERR);
    assert_int_equal(r.stats.bad, 4);
    assert_int_equal(r.nmsgs, 4);
    assert_non_null(strstr(r.msgs, "D/a.jsonl:2: invalid JSON: "));
    assert_non_null(strstr(r.msgs, "D/a.jsonl:3: invalid JSON: "));
    assert_non_null(strstr(r.msgs, "D/a.jsonl:4: invalid JSON: "));
    assert_non_null(strstr(r.msgs, "D/a.jsonl:5: invalid JSON: "));
    assert_non_null(strstr(r.msgs, "D/a.jsonl:2: invalid JSON: unable to decode byte 0xff"));
    free(r.msgs);
    free(r.first);
    /* valid non-ASCII is fine */
    free(put(f, "b.jsonl", "{\"kind\":\"agent\",\"id\":\"r\xc3\xa9sum\xc3\xa9-\xe2\x82\xac\"}\n"));
    expect_ok(ingest1(f, "b.jsonl"), 1, 1, 0);
}

static void test_ingest__nesting_cap(void **state)
{
    struct fx *f = *state;
    struct sg_buf b = {0};
    /* 32 levels of containers (the record one of them) pass, 33 fail */
    for (int depth = 32; depth <= 33; depth++) {
        sg_buf_adds(&b, "{\"kind\":\"agent\",\"id\":\"a");
        sg_buf_printf(&b, "%d\",\"x\":", depth);
        for (int i = 0; i < depth - 2; i++)
            sg_buf_addc(&b, '[');
        sg_buf_adds(&b, "{}");
        for (int i = 0; i < depth - 2; i++)
            sg_buf_addc(&b, ']');
        sg_buf_adds(&b, "}\n");
    }
    /* and far deeper than jansson's own limit: a clean error, no crash */
    sg_buf_adds(&b, "{\"kind\":\"agent\",\"id\":\"deep\",\"x\":");
    for (int i = 0; i < 5000; i++)
        sg_buf_addc(&b, '[');
    for (int i = 0; i < 5000; i++)
        sg_buf_addc(&b, ']');
    sg_buf_adds(&b, "}\n");
    free(put(f, "a.jsonl", sg_buf_str(&b)));
    sg_buf_release(&b);
    struct res r = ingest1(f, "a.jsonl");
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.stats.records, 3);
    assert_int_equal(r.stats.inserted, 1);
    assert_int_equal(r.stats.bad, 2);
    assert_non_null(strstr(r.msgs, "D/a.jsonl:2: nested too deeply (limit 32)\n"));
    assert_non_null(strstr(r.msgs, "D/a.jsonl:3: "));
    free(r.msgs);
    free(r.first);
}

static void test_ingest__string_cap(void **state)
{
    struct fx *f = *state;
    struct sg_buf b = {0};
    for (size_t n = SG_MAX_STRING_BYTES; n <= SG_MAX_STRING_BYTES + 1; n++) {
        sg_buf_printf(&b, "{\"kind\":\"agent\",\"id\":\"s%zu\",\"note\":\"", n);
        for (size_t i = 0; i < n; i++)
            sg_buf_addc(&b, 'n');
        sg_buf_adds(&b, "\"}\n");
    }
    free(put(f, "a.jsonl", sg_buf_str(&b)));
    sg_buf_release(&b);
    struct res r = ingest1(f, "a.jsonl");
    assert_int_equal(r.stats.inserted, 1);
    expect_bad(r, "D/a.jsonl:2: string longer than 64 KiB\n");
}

/* A record of exactly n bytes (newline excluded): an agent padded with spaces. */
static void add_record_of(struct sg_buf *b, const char *id, size_t n)
{
    size_t start = b->len;
    sg_buf_printf(b, "{\"kind\":\"agent\",\"id\":\"%s\"", id);
    while (b->len - start < n - 1)
        sg_buf_addc(b, ' ');
    sg_buf_adds(b, "}\n");
}

static void test_ingest__line_cap(void **state)
{
    struct fx *f = *state;
    struct sg_buf b = {0};
    /* a line of exactly 1 MiB is read */
    add_record_of(&b, "at-cap", SG_MAX_LINE_BYTES);
    assert_int_equal(b.len, SG_MAX_LINE_BYTES + 1);
    add_record_of(&b, "after", 40);
    free(put_n(f, "a.jsonl", b.data, b.len));
    expect_ok(ingest1(f, "a.jsonl"), 2, 2, 0);
    /* one byte more is refused with its line, and ends the reading of that file */
    sg_buf_reset(&b);
    add_record_of(&b, "first", 40);
    add_record_of(&b, "past-cap", SG_MAX_LINE_BYTES + 1);
    add_record_of(&b, "never-read", 40);
    free(put_n(f, "b.jsonl", b.data, b.len));
    /* a later file is still read */
    free(put(f, "c.jsonl", "{\"kind\":\"agent\"}\n"));
    struct res r = ingest2(f, "b.jsonl", "c.jsonl");
    assert_int_equal(r.stats.records, 3);
    expect_bad(r, "D/b.jsonl:2: line longer than 1 MiB (the limit of one record)\n"
                  "D/c.jsonl:1: missing required field \"id\"\n");
    /* a long line without any newline (like /dev/zero) */
    sg_buf_reset(&b);
    for (size_t i = 0; i < 3 * SG_MAX_LINE_BYTES; i++)
        sg_buf_addc(&b, '0');
    free(put_n(f, "d.jsonl", b.data, b.len));
    sg_buf_release(&b);
    expect_bad(ingest1(f, "d.jsonl"),
               "D/d.jsonl:1: line longer than 1 MiB (the limit of one record)\n");
    assert_int_equal(count(f, SG_K_AGENT), 2);
}

static void test_ingest__all_bad_records_in_file_then_line_order(void **state)
{
    struct fx *f = *state;
    free(put(f, "b.jsonl", "{\"kind\":\"agent\"}\n" AGENT("ok1") "\n{\"kind\":\"x\"}\n"));
    free(put(f, "a.jsonl", AGENT("ok2") "\n{}\n"));
    struct res r = ingest2(f, "b.jsonl", "a.jsonl");
    assert_int_equal(r.stats.records, 5);
    assert_int_equal(r.stats.bad, 3);
    assert_string_equal(r.err.msg, "missing required field \"id\"");
    assert_int_equal(r.err.line, 1);
    expect_bad(r, "D/b.jsonl:1: missing required field \"id\"\n"
                  "D/b.jsonl:3: \"kind\" must be one of identity, agent, asset, policy, "
                  "decision, approval, notification, risk_acceptance, exposure\n"
                  "D/a.jsonl:2: missing required field \"kind\"\n");
    assert_int_equal(count(f, SG_K_AGENT), 0);
}

static void test_ingest__nulls_dropped_before_validation(void **state)
{
    struct fx *f = *state;
    free(put(f, "a.jsonl",
             "{\"kind\":\"agent\",\"id\":\"bot\",\"name\":null,\"credential_scope\":{"
             "\"environments\":null}}\n"
             "{\"kind\":\"agent\",\"id\":null}\n"));
    struct res r = ingest1(f, "a.jsonl");
    assert_int_equal(r.stats.inserted, 1);
    expect_bad(r, "D/a.jsonl:2: missing required field \"id\"\n");
}

/* ---- inputs: missing files, directories (SPEC §7) ---------------------------------- */

static void test_ingest__missing_file_is_noinput(void **state)
{
    struct fx *f = *state;
    /* a malformed file first: every FILE is opened before any is parsed */
    free(put(f, "bad.jsonl", "{not json\n"));
    struct res r = ingest2(f, "bad.jsonl", "missing.jsonl");
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.err.code, EX_NOINPUT);
    assert_int_equal(r.err.code, 66);
    assert_int_equal(r.nmsgs, 0);
    assert_int_equal(r.stats.records, 0);
    char *want = sg_xasprintf("cannot open \"%s/missing.jsonl\": No such file or directory",
                              f->dir);
    assert_string_equal(r.err.msg, want);
    assert_string_equal(r.err.file, "");
    assert_int_equal(r.err.line, 0);
    free(want);
    free(r.msgs);
    free(r.first);
}

static void test_ingest__unreadable_file_is_noinput(void **state)
{
    struct fx *f = *state;
    if (geteuid() == 0)
        skip(); /* root reads everything */
    char *p = put(f, "secret.jsonl", AGENT("a") "\n");
    assert_int_equal(chmod(p, 0), 0);
    struct res r = ingest1(f, "secret.jsonl");
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.err.code, EX_NOINPUT);
    char *want = sg_xasprintf("cannot open \"%s\": Permission denied", p);
    assert_string_equal(r.err.msg, want);
    free(want);
    free(r.msgs);
    free(r.first);
    free(p);
}

static void test_ingest__directory_expands_in_byte_order(void **state)
{
    struct fx *f = *state;
    char *sub = sg_xasprintf("%s/in", f->dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    free(put(f, "in/b.jsonl", AGENT("b") "\n"));
    free(put(f, "in/a.json", "[" AGENT("a-json") "]"));
    free(put(f, "in/B.jsonl", AGENT("B") "\n"));
    free(put(f, "in/a.jsonl", AGENT("a") "\n"));
    free(put(f, "in/_z.jsonl", AGENT("_z") "\n"));
    free(put(f, "in/README.md", "not records\n"));
    free(put(f, "in/notes.txt", "x\n"));
    free(put(f, "in/x.jsonl.bak", "x\n"));
    free(put(f, "in/x.JSON", "x\n"));

    struct sg_inputs in = {0};
    struct sg_error err;
    char *args[1] = {sub};
    sg_error_init(&err);
    assert_int_equal(sg_inputs_open(&in, args, 1, &err), 0);
    assert_int_equal(in.n, 5);
    static const char *const order[] = {"B.jsonl", "_z.jsonl", "a.json", "a.jsonl", "b.jsonl"};
    for (size_t i = 0; i < in.n; i++) {
        char *want = sg_xasprintf("%s/%s", sub, order[i]);
        assert_string_equal(in.v[i].path, want);
        assert_non_null(in.v[i].fp);
        assert_int_equal(in.v[i].is_json, strcmp(order[i], "a.json") == 0);
        free(want);
    }
    sg_inputs_release(&in);

    /* a trailing slash does not double */
    char *slash = sg_xasprintf("%s/", sub);
    args[0] = slash;
    assert_int_equal(sg_inputs_open(&in, args, 1, &err), 0);
    char *want = sg_xasprintf("%s/B.jsonl", sub);
    assert_string_equal(in.v[0].path, want);
    free(want);
    sg_inputs_release(&in);
    free(slash);

    expect_ok(ingest1(f, "in"), 5, 5, 0);
    /* a directory next to files, in argument order */
    free(put(f, "z.jsonl", AGENT("z") "\n"));
    expect_ok(ingest2(f, "z.jsonl", "in"), 6, 1, 5);
    free(sub);
}

static void test_ingest__directory_errors_in_order_of_names(void **state)
{
    struct fx *f = *state;
    char *sub = sg_xasprintf("%s/in", f->dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    free(put(f, "in/2.jsonl", "{}\n"));
    free(put(f, "in/10.jsonl", "{}\n"));
    free(put(f, "in/1.json", "{}\n"));
    expect_bad(ingest1(f, "in"), "D/in/1.json:1: missing required field \"kind\"\n"
                                 "D/in/10.jsonl:1: missing required field \"kind\"\n"
                                 "D/in/2.jsonl:1: missing required field \"kind\"\n");
    free(sub);
}

static void test_ingest__empty_directory_is_noinput(void **state)
{
    struct fx *f = *state;
    char *sub = sg_xasprintf("%s/empty", f->dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    struct res r = ingest1(f, "empty");
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.err.code, EX_NOINPUT);
    char *want = sg_xasprintf("no *.jsonl or *.json file in directory \"%s\"", sub);
    assert_string_equal(r.err.msg, want);
    free(want);
    free(r.msgs);
    free(r.first);
    /* one holding only other files is the same */
    free(put(f, "empty/README.md", "x\n"));
    r = ingest1(f, "empty");
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.err.code, EX_NOINPUT);
    free(r.msgs);
    free(r.first);
    free(sub);
}

/* ---- the store after an ingest ------------------------------------------------------ */

static void test_ingest__latest_event(void **state)
{
    struct fx *f = *state;
    int64_t t = 0;
    struct sg_error err;
    sg_error_init(&err);
    assert_int_equal(sg_store_latest_event(f->st, &t, &err), 0);
    assert_int_equal(t, SG_TIME_MIN);
    free(put(f, "a.jsonl",
             "{\"kind\":\"decision\",\"id\":\"d1\",\"agent\":\"bot\",\"at\":\"" T0
             "\",\"action\":\"patch\",\"outcome\":\"act\",\"targets\":[],\"change\":{"
             "\"deployed_at\":\"2026-07-03T00:00:00Z\"}}\n"
             "{\"kind\":\"risk_acceptance\",\"id\":\"r1\",\"decision\":\"d1\",\"owner\":\"a\","
             "\"acknowledged_at\":\"2026-07-02T00:00:00Z\",\"expires\":\"2027-01-01T00:00:00Z\"}"
             "\n"
             "{\"kind\":\"policy\",\"id\":\"p\",\"version\":1,\"signed_at\":\"2026-06-01T00:00:00Z"
             "\",\"review_by\":\"2030-01-01T00:00:00Z\"}\n"));
    expect_ok(ingest1(f, "a.jsonl"), 3, 3, 0);
    assert_int_equal(sg_store_latest_event(f->st, &t, &err), 0);
    int64_t want;
    assert_int_equal(sg_time_parse(&want, "2026-07-03T00:00:00Z", NULL), 0);
    assert_int_equal(t, want);
    free(put(f, "b.jsonl", EXPOSURE(",\"last_seen\":\"2026-08-01T00:00:00.5+02:00\"") "\n"));
    expect_ok(ingest1(f, "b.jsonl"), 1, 1, 0);
    assert_int_equal(sg_store_latest_event(f->st, &t, &err), 0);
    assert_int_equal(sg_time_parse(&want, "2026-07-31T22:00:00.5Z", NULL), 0);
    assert_int_equal(t, want);
}

static void test_ingest__record_lower_level(void **state)
{
    struct fx *f = *state;
    struct sg_error err;
    struct sg_pos pos = {"import.json", 9, "/3"};
    int64_t src;
    json_t *v = json_loads("{\"kind\":\"agent\",\"id\":\"bot\",\"name\":null}", 0, NULL);
    sg_error_init(&err);
    assert_int_equal(sg_store_begin(f->st, &err), 0);
    assert_int_equal(sg_store_add_source(f->st, "import.json", "0", 0, 0, &src, &err), 0);
    assert_int_equal(sg_ingest_record(f->st, v, src, &pos, &err), SG_INSERTED);
    assert_int_equal(sg_ingest_record(f->st, v, src, &pos, &err), SG_DUPLICATE);
    json_decref(v);
    v = json_loads("{\"kind\":\"agent\",\"id\":\"bot\",\"name\":\"x\"}", 0, NULL);
    assert_int_equal(sg_ingest_record(f->st, v, src, &pos, &err), -1);
    assert_int_equal(err.code, EX_DATAERR);
    assert_string_equal(err.file, "import.json");
    assert_int_equal(err.line, 9);
    assert_string_equal(err.pointer, "/3");
    assert_string_equal(err.msg, "agent \"bot\" differs from the one ingested from import.json:9");
    char line[512];
    sg_error_format(&err, line, sizeof(line));
    assert_string_equal(line, "import.json:9: /3: agent \"bot\" differs from the one ingested "
                              "from import.json:9");
    json_decref(v);
    sg_store_rollback(f->st);
}

/* A decision's acceptances (model.h sg_q_acceptances): those naming it and those naming
   one of its (vuln, asset) pairs, acknowledged before `to`, in (ack, id) order, each
   once, also when one names both the decision and a pair. */
#define ACC(id, link, ack)                                                                 \
    "{\"kind\":\"risk_acceptance\",\"id\":\"" id "\"," link ",\"owner\":\"alice\","      \
    "\"acknowledged_at\":\"" ack "\"}\n"
static void test_ingest__acceptances_of_a_decision(void **state)
{
    struct fx *f = *state;
    struct sg_error err;
    struct sg_arena ar;
    struct sg_decision d;
    struct sg_acceptance *acc = NULL;
    size_t n = 0;
    int64_t to;

    free(put(f, "a.jsonl",
             "{\"kind\":\"decision\",\"id\":\"d1\",\"agent\":\"bot\",\"at\":\"" T0
             "\",\"action\":\"patch\",\"outcome\":\"defer\",\"targets\":[\"web\",\"api\"],"
             "\"vulns\":[{\"id\":\"V1\"},{\"id\":\"V2\"}]}\n"
             ACC("R1", "\"decision\":\"d1\",\"vuln\":\"V1\",\"asset\":\"web\"",
                 "2026-07-03T00:00:00Z")
             ACC("R2", "\"vuln\":\"V2\",\"asset\":\"api\"", "2026-07-02T00:00:00Z")
             ACC("R0", "\"decision\":\"d1\"", "2026-07-03T00:00:00Z")
             ACC("R3", "\"vuln\":\"V1\",\"asset\":\"web\"", "2026-07-10T00:00:00Z")
             ACC("R4", "\"vuln\":\"V1\",\"asset\":\"db\"", "2026-07-02T00:00:00Z")
             ACC("R5", "\"decision\":\"d2\"", "2026-07-02T00:00:00Z")));
    expect_ok(ingest1(f, "a.jsonl"), 7, 7, 0);
    sg_error_init(&err);
    sg_arena_init(&ar);
    assert_int_equal(sg_time_parse(&to, "2026-07-10T00:00:00Z", NULL), 0);
    assert_int_equal(sg_q_decision(f->st, "d1", to, &ar, &d, &err), 1);
    assert_int_equal(sg_q_acceptances(f->st, &d, to, &ar, &acc, &n, &err), 0);
    assert_int_equal(n, 3); /* R3 is acknowledged at `to`: not before it */
    assert_string_equal(acc[0].id, "R2");
    assert_string_equal(acc[1].id, "R0"); /* same ack as R1: by id */
    assert_string_equal(acc[2].id, "R1");
    sg_decision_release(&d);
    sg_arena_release(&ar);
}

#define NS INT64_C(1000000000)

/* The typed-table row a worker makes (store.h): values in column order, NULL where a
   member is absent, and the marks the insert fills. */
static void test_ingest__row_of_an_exposure_and_a_notification(void **state)
{
    struct sg_row row;
    json_t *v;
    (void)state;

    v = json_loads("{\"kind\":\"exposure\",\"id\":\"e1\",\"vuln\":\"CVE-1\","
                   "\"asset\":\"a\",\"first_seen\":\"2026-07-01T00:00:00Z\","
                   "\"status\":\"fixed\",\"last_seen\":\"2026-07-02T00:00:00Z\","
                   "\"cvss\":7.5}",
                   0, NULL);
    sg_row_make(&row, v, SG_K_EXPOSURE);
    assert_string_equal(row.id, "e1");
    assert_int_equal(row.obs, 1782950400 * NS); /* times are nanoseconds */
    assert_int_equal(row.n, 10);
    assert_int_equal(row.v[0].type, SG_ROW_TEXT);
    assert_int_equal(row.v[0].len, 2);
    assert_int_equal(row.v[1].i, 1782950400 * NS); /* obs */
    assert_int_equal(row.v[4].i, (1782950400 - 86400) * NS); /* first_seen */
    assert_int_equal(row.v[6].type, SG_ROW_INT);        /* fixed */
    assert_int_equal(row.v[6].i, 1);
    assert_int_equal(row.v[7].type, SG_ROW_NULL);       /* no severity */
    assert_int_equal(row.v[8].type, SG_ROW_REAL);
    assert_true(row.v[8].d == 7.5);
    assert_int_equal(row.v[9].type, SG_ROW_RID);
    sg_row_release(&row);
    json_decref(v);

    v = json_loads("{\"kind\":\"exposure\",\"id\":\"e2\",\"vuln\":\"CVE-1\","
                   "\"asset\":\"a\",\"first_seen\":\"2026-07-01T00:00:00Z\","
                   "\"severity\":\"high\"}",
                   0, NULL);
    sg_row_make(&row, v, SG_K_EXPOSURE);
    assert_int_equal(row.obs, SG_TIME_MIN); /* no last_seen */
    assert_int_equal(row.v[5].type, SG_ROW_NULL);
    assert_int_equal(row.v[6].i, 0);
    assert_int_equal(row.v[7].i, 3);
    assert_int_equal(row.v[8].type, SG_ROW_NULL);
    sg_row_release(&row);
    json_decref(v);

    v = json_loads("{\"kind\":\"notification\",\"id\":\"n1\",\"decision\":\"d1\","
                   "\"to\":\"alice\",\"at\":\"2026-07-01T00:00:00Z\","
                   "\"veto_window\":\"PT4H\"}",
                   0, NULL);
    sg_row_make(&row, v, SG_K_NOTIFICATION);
    assert_int_equal(row.n, 6);
    assert_string_equal(row.v[2].s, "alice");
    assert_int_equal(row.v[4].i, 4 * 3600 * NS);
    assert_int_equal(row.v[5].type, SG_ROW_RID);
    sg_row_release(&row);
    json_decref(v);
}

/* A decision's row: the policy pair NULL without a policy, the source and line marks,
   and a scope-less agent's NULL credential scope. */
static void test_ingest__row_of_a_decision_and_an_agent(void **state)
{
    struct sg_row row;
    json_t *v;
    (void)state;

    v = json_loads("{\"kind\":\"decision\",\"id\":\"d1\",\"agent\":\"bot\","
                   "\"at\":\"2026-07-01T00:00:00Z\",\"action\":\"change\","
                   "\"outcome\":\"executed\",\"targets\":[\"a\",\"b\"],"
                   "\"change\":{\"ref\":\"CHG-1\","
                   "\"deployed_at\":\"2026-07-01T01:00:00Z\"}}",
                   0, NULL);
    sg_row_make(&row, v, SG_K_DECISION);
    assert_int_equal(row.n, 15);
    assert_int_equal(row.v[3].i - row.v[2].i, 3600 * NS); /* deployed_at after at */
    assert_string_equal(row.v[6].s, "CHG-1");
    assert_int_equal(row.v[7].type, SG_ROW_NULL);    /* no requested_by */
    assert_int_equal(row.v[8].type, SG_ROW_NULL);    /* no policy */
    assert_int_equal(row.v[9].type, SG_ROW_NULL);
    assert_int_equal(row.v[10].type, SG_ROW_RID);
    assert_int_equal(row.v[13].type, SG_ROW_SOURCE);
    assert_int_equal(row.v[14].type, SG_ROW_LINE);
    assert_int_equal(json_array_size(row.targets), 2);
    sg_row_release(&row);
    json_decref(v);

    v = json_loads("{\"kind\":\"agent\",\"id\":\"bot\",\"credential_scope\":"
                   "{\"b\":1,\"a\":[]}}",
                   0, NULL);
    sg_row_make(&row, v, SG_K_AGENT);
    assert_string_equal(row.v[1].s, "{\"a\":[],\"b\":1}");
    sg_row_release(&row);
    json_decref(v);
    v = json_loads("{\"kind\":\"agent\",\"id\":\"bot\",\"credential_scope\":{}}", 0,
                   NULL);
    sg_row_make(&row, v, SG_K_AGENT);
    assert_int_equal(row.v[1].type, SG_ROW_NULL); /* Missing */
    sg_row_release(&row);
    json_decref(v);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_ingest__reingest_same_file_inserts_nothing),
        T(test_ingest__reingest_skips_only_committed_files),
        T(test_ingest__same_id_other_content_is_a_conflict),
        T(test_ingest__conflict_within_one_run),
        T(test_ingest__ids_are_unique_within_their_kind),
        T(test_ingest__policies_are_keyed_by_id_and_version),
        T(test_ingest__identical_up_to_form_is_a_duplicate),
        T(test_ingest__two_spellings_of_one_instant_conflict),
        T(test_ingest__exposure_reobserved_with_status_change),
        T(test_ingest__exposure_reobserved_in_either_order),
        T(test_ingest__exposure_reobserved_with_other_severity_refused),
        T(test_ingest__exposure_same_last_seen_other_status_refused),
        T(test_ingest__exposure_third_observation),
        T(test_ingest__acceptances_of_a_decision),
        T(test_ingest__json_array_reports_element_lines),
        T(test_ingest__json_object_and_empty_files),
        T(test_ingest__bom_refused),
        T(test_ingest__blank_lines_skipped),
        T(test_ingest__syntax_errors),
        T(test_ingest__invalid_utf8_refused),
        T(test_ingest__nesting_cap),
        T(test_ingest__string_cap),
        T(test_ingest__line_cap),
        T(test_ingest__all_bad_records_in_file_then_line_order),
        T(test_ingest__nulls_dropped_before_validation),
        T(test_ingest__missing_file_is_noinput),
        T(test_ingest__unreadable_file_is_noinput),
        T(test_ingest__directory_expands_in_byte_order),
        T(test_ingest__directory_errors_in_order_of_names),
        T(test_ingest__empty_directory_is_noinput),
        T(test_ingest__latest_event),
        T(test_ingest__record_lower_level),
        T(test_ingest__row_of_an_exposure_and_a_notification),
        T(test_ingest__row_of_a_decision_and_an_agent),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_map.c: the mapping files (SPEC §5) and control status (SPEC §6, issue 6).
 * The shipped mappings/ must load clean; each fixture folder in tests/data/map/ must
 * fail with exactly its message (every field of struct sg_error); status and FedRAMP
 * baseline filtering on tests/data/map/good/; the caps of limits.h on generated files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "signoff/datadir.h"
#include "signoff/limits.h"
#include "signoff/map.h"
#include "signoff/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *data_path(const char *sub)
{
    const char *d = getenv("SIGNOFF_TEST_DATA");
    assert_non_null(d);
    return sg_xasprintf("%s/%s", d, sub);
}

static char *shipped_dir(void)
{
    return data_path("../../mappings");
}

/* Collects every problem. */
struct seen {
    size_t n;
    struct sg_error first, last;
    char all[8192];
};

static void collect(void *ctx, const struct sg_error *e)
{
    struct seen *s = ctx;
    char line[1024];
    size_t len = strlen(s->all);
    if (s->n == 0)
        s->first = *e;
    s->last = *e;
    s->n++;
    sg_error_format(e, line, sizeof(line));
    snprintf(s->all + len, sizeof(s->all) - len, "%s\n", line);
}

/* Checks fixture `name`; expects n problems, the first exactly as given. */
static void expect_fixture(const char *name, size_t n, int code, unsigned long line,
                           const char *pointer, const char *msg)
{
    char *dir = data_path("map");
    struct sg_mapset *ms = (struct sg_mapset *)1;
    struct seen s;
    char *prev = getcwd(NULL, 0);

    memset(&s, 0, sizeof(s));
    assert_int_equal(chdir(dir), 0); /* so file names are "name/soc2.json" */
    assert_int_equal(sg_map_check(&ms, name, collect, &s), n);
    assert_null(ms);
    if (s.n != n)
        print_message("%s", s.all);
    assert_int_equal(s.first.code, code);
    assert_string_equal(s.first.pointer, pointer);
    assert_int_equal(s.first.line, line);
    assert_string_equal(s.first.msg, msg);
    assert_int_equal(chdir(prev), 0);
    free(prev);
    free(dir);
}

static const char *first_file(const char *name)
{
    static char buf[512];
    char *dir = data_path("map");
    char *prev = getcwd(NULL, 0);
    struct sg_mapset *ms;
    struct seen s;

    memset(&s, 0, sizeof(s));
    assert_int_equal(chdir(dir), 0);
    sg_map_check(&ms, name, collect, &s);
    assert_int_equal(chdir(prev), 0);
    snprintf(buf, sizeof(buf), "%s", s.first.file);
    free(prev);
    free(dir);
    return buf;
}

/* ---- the shipped files ------------------------------------------------------------ */

static void test_map__shipped_files_load_clean(void **state)
{
    char *dir = shipped_dir();
    struct sg_mapset *ms = NULL;
    struct seen s;

    (void)state;
    memset(&s, 0, sizeof(s));
    assert_int_equal(sg_map_check(&ms, dir, collect, &s), 0);
    if (s.n)
        print_message("%s", s.all);
    assert_non_null(ms);
    assert_int_equal(sg_mapset_nframeworks(ms), 4);
    for (int fw = 0; fw < SG_FW__COUNT; fw++) {
        const struct sg_framework_map *m = sg_mapset_framework(ms, fw);
        assert_non_null(m);
        assert_int_equal(m->fw, fw);
        assert_string_equal(m->key, sg_framework_key(fw));
        assert_true(m->ncontrols >= 15); /* "tens of controls per framework" */
        /* issue 6: every finding code is mapped in every framework */
        for (int k = 0; k < SG_F__COUNT; k++) {
            size_t i;
            for (i = 0; i < m->ncontrols; i++)
                if (m->controls[i].exception[k])
                    break;
            assert_true(i < m->ncontrols);
        }
        for (size_t i = 0; i < m->ncontrols; i++) {
            assert_non_null(m->controls[i].title);
            assert_non_null(m->controls[i].rationale);
            if (fw != SG_FW_FEDRAMP)
                assert_int_equal(m->controls[i].baselines, 0);
        }
    }
    sg_mapset_free(ms);
    free(dir);
}

static const struct sg_control *find(const struct sg_framework_map *m, const char *id)
{
    for (size_t i = 0; i < m->ncontrols; i++)
        if (strcmp(m->controls[i].id, id) == 0)
            return &m->controls[i];
    return NULL;
}

static void test_map__shipped_key_controls_present(void **state)
{
    char *dir = shipped_dir();
    struct sg_mapset *ms = NULL;
    struct sg_error err;
    const struct sg_framework_map *m;
    const struct sg_control *c;

    (void)state;
    sg_error_init(&err);
    assert_int_equal(sg_map_load(&ms, dir, &err), 0);
    m = sg_mapset_framework(ms, SG_FW_FEDRAMP);
    /* FedRAMP LOW has no CM-3 (refdata README): moderate and high only */
    c = find(m, "CM-3");
    assert_non_null(c);
    assert_int_equal(c->baselines, SG_BASELINE_MODERATE | SG_BASELINE_HIGH);
    assert_true(c->exception[SG_F_UNTRACED_CHANGE]);
    c = find(m, "SI-2");
    assert_non_null(c);
    assert_int_equal(c->baselines,
                     SG_BASELINE_LOW | SG_BASELINE_MODERATE | SG_BASELINE_HIGH);
    /* every finding code stays mapped when a package is cut for one baseline */
    for (unsigned b = SG_BASELINE_LOW; b <= SG_BASELINE_HIGH; b <<= 1)
        for (int k = 0; k < SG_F__COUNT; k++) {
            size_t i;
            for (i = 0; i < m->ncontrols; i++)
                if (sg_control_in_baseline(&m->controls[i], b) &&
                    m->controls[i].exception[k])
                    break;
            if (i == m->ncontrols)
                print_message("%s unmapped in %s\n", sg_finding_name(k),
                              sg_baseline_name(b));
            assert_true(i < m->ncontrols);
        }
    c = find(m, "CM-5(4)"); /* in no FedRAMP baseline, still mapped */
    assert_non_null(c);
    assert_int_equal(c->baselines, 0);
    assert_non_null(find(sg_mapset_framework(ms, SG_FW_SOC2), "CC8.1"));
    assert_non_null(find(sg_mapset_framework(ms, SG_FW_ISO27001), "A.8.32"));
    assert_non_null(find(sg_mapset_framework(ms, SG_FW_ISO27001), "6.1.3"));
    assert_non_null(find(sg_mapset_framework(ms, SG_FW_AI_RMF), "GOVERN 3.2"));
    sg_mapset_free(ms);
    free(dir);
}

static void test_map__default_dir_is_the_data_dir(void **state)
{
    struct sg_mapset *ms = NULL;
    struct sg_error err;

    (void)state;
    sg_error_init(&err);
    assert_int_equal(sg_map_load(&ms, NULL, &err), 0);
    assert_int_equal(sg_mapset_nframeworks(ms), 4);
    sg_mapset_free(ms);
}

/* ---- every check, failing --------------------------------------------------------- */

static void test_map__unknown_id(void **state)
{
    (void)state;
    expect_fixture("unknown-id", 1, EX_DATAERR, 17, "/controls/1/id",
                   "\"CC9.9\" is not a control of SOC 2 (2017)");
    assert_string_equal(first_file("unknown-id"), "unknown-id/soc2.json");
}

static void test_map__id_suggestion(void **state)
{
    (void)state;
    expect_fixture("suggest", 1, EX_DATAERR, 18, "/controls/1/id",
                   "\"cm-3.4\" is not a control of NIST SP 800-53 Rev. 5; did you mean "
                   "\"CM-3(4)\"?");
}

static void test_map__withdrawn_id(void **state)
{
    (void)state;
    expect_fixture("withdrawn", 1, EX_DATAERR, 18, "/controls/1/id",
                   "\"AC-2(10)\" is withdrawn from NIST SP 800-53 Rev. 5");
}

static void test_map__duplicate_control(void **state)
{
    (void)state;
    expect_fixture("duplicate", 1, EX_DATAERR, 25, "/controls/2/id",
                   "control \"CC8.1\" is listed twice (first at line 8)");
}

static void test_map__unknown_finding_code(void **state)
{
    (void)state;
    expect_fixture("unknown-code", 1, EX_DATAERR, 20, "/controls/1/exceptions/0",
                   "unknown finding code \"untraced-changes\"");
}

static void test_map__unknown_evidence_kind(void **state)
{
    (void)state;
    expect_fixture("unknown-evidence", 1, EX_DATAERR, 13, "/controls/0/evidence/1",
                   "unknown evidence kind \"traced-changes\"");
}

static void test_map__unmapped_finding_code(void **state)
{
    (void)state;
    /* sla-breach and stale-policy: two problems, in code order */
    expect_fixture("unmapped", 2, EX_DATAERR, 7, "/controls",
                   "finding code \"sla-breach\" is mapped to no control");
}

static void test_map__malformed_json_has_its_line(void **state)
{
    (void)state;
    expect_fixture("malformed", 1, EX_DATAERR, 4, "",
                   "invalid JSON: '}' expected near '\"edition\"'");
}

static void test_map__wrong_fedramp_baseline(void **state)
{
    (void)state;
    expect_fixture(
        "bad-baseline", 1, EX_DATAERR, 11, "/controls/0/baselines",
        "\"CM-3\" is in the FedRAMP Rev. 5 baselines [\"moderate\", \"high\"], not "
        "[\"low\", \"moderate\", \"high\"]");
}

static void test_map__fedramp_baselines_required(void **state)
{
    (void)state;
    expect_fixture("missing-baseline", 1, EX_DATAERR, 8, "/controls/0",
                   "missing required member \"baselines\" (FedRAMP; [] for none)");
}

static void test_map__missing_catalog(void **state)
{
    (void)state;
    expect_fixture(
        "missing-catalog", 1, EX_DATAERR, 6, "/catalog",
        "cannot open catalog \"catalogs/nope.json\": No such file or directory");
}

static void test_map__catalog_of_another_framework(void **state)
{
    (void)state;
    expect_fixture(
        "wrong-catalog", 1, EX_DATAERR, 6, "/catalog",
        "catalog \"../catalogs/fedramp-mini.json\" is for framework \"fedramp\", "
        "not \"soc2\"");
}

static void test_map__framework_in_two_files(void **state)
{
    (void)state;
    expect_fixture("two-files", 1, EX_DATAERR, 2, "/framework",
                   "framework \"soc2\" is already defined by \"two-files/a.json\"");
    assert_string_equal(first_file("two-files"), "two-files/b.json");
}

static void test_map__unknown_member(void **state)
{
    (void)state;
    expect_fixture("unknown-member", 1, EX_DATAERR, 7, "/comment",
                   "unknown member \"comment\"");
}

static void test_map__every_problem_is_reported(void **state)
{
    char *dir = data_path("map");
    char *prev = getcwd(NULL, 0);
    struct sg_mapset *ms;
    struct seen s;

    (void)state;
    memset(&s, 0, sizeof(s));
    assert_int_equal(chdir(dir), 0);
    /* framework, name, id, relationship, code, kind, then all 13 codes unmapped */
    assert_int_equal(sg_map_check(&ms, "many", collect, &s), 6 + SG_F__COUNT);
    assert_int_equal(chdir(prev), 0);
    assert_string_equal(s.first.msg, "unknown framework \"soc3\"; must be one of soc2, "
                                     "iso27001, fedramp, ai-rmf");
    assert_non_null(strstr(s.all,
                           "many/soc2.json:11: /controls/0/relationship: unknown "
                           "relationship \"overlaps\"; must be one of equal, subset, "
                           "superset, intersects, related\n"));
    assert_non_null(strstr(s.all, "many/soc2.json:9: /controls/0/id: \"CC9.9\" is not a "
                                  "control of SOC 2 (2017)\n"));
    assert_string_equal(s.last.msg,
                        "finding code \"untraced-change\" is mapped to no control");
    free(prev);
    free(dir);
}

static void test_map__load_keeps_the_first_problem(void **state)
{
    char *dir = data_path("map/unmapped");
    struct sg_mapset *ms = (struct sg_mapset *)1;
    struct sg_error err;
    char buf[600], *want;

    (void)state;
    sg_error_init(&err);
    assert_int_equal(sg_map_load(&ms, dir, &err), -1);
    assert_null(ms);
    sg_error_format(&err, buf, sizeof(buf));
    want = sg_xasprintf(
        "%s/soc2.json:7: /controls: finding code \"sla-breach\" is mapped to "
        "no control",
        dir);
    assert_string_equal(buf, want);
    free(want);
    free(dir);
}

static void test_map__missing_dir_is_noinput(void **state)
{
    struct sg_mapset *ms = NULL;
    struct sg_error err;

    (void)state;
    sg_error_init(&err);
    assert_int_equal(sg_map_load(&ms, "/nonexistent/mappings", &err), -1);
    assert_int_equal(err.code, EX_NOINPUT);
    assert_string_equal(err.file, "");
    assert_int_equal(err.line, 0);
    assert_string_equal(err.msg,
                        "cannot read mappings directory \"/nonexistent/mappings\": "
                        "No such file or directory");
}

static void test_map__dir_without_json_is_noinput(void **state)
{
    char *dir = data_path("map/empty");
    struct sg_mapset *ms = NULL;
    struct sg_error err;
    char *want = sg_xasprintf("no mapping file (*.json) in \"%s\"", dir);

    (void)state;
    sg_error_init(&err);
    assert_int_equal(sg_map_load(&ms, dir, &err), -1);
    assert_int_equal(err.code, EX_NOINPUT);
    assert_string_equal(err.msg, want);
    free(want);
    free(dir);
}

/* ---- status and baselines --------------------------------------------------------- */

static struct sg_mapset *good(void)
{
    char *dir = data_path("map/good");
    struct sg_mapset *ms = NULL;
    struct sg_error err;
    sg_error_init(&err);
    assert_int_equal(sg_map_load(&ms, dir, &err), 0);
    free(dir);
    return ms;
}

static void test_map__good_fixture_accessors(void **state)
{
    struct sg_mapset *ms = good();
    const struct sg_framework_map *m = sg_mapset_framework(ms, SG_FW_SOC2);

    (void)state;
    assert_int_equal(sg_mapset_nframeworks(ms), 2);
    assert_int_equal(sg_mapset_ncontrols(ms), 6);
    assert_null(sg_mapset_framework(ms, SG_FW_ISO27001));
    assert_string_equal(m->name, "SOC 2 (test)");
    assert_string_equal(m->edition, "2017");
    assert_string_equal(m->label, "SOC 2 (2017)");
    assert_int_equal(m->ncontrols, 3);
    /* file order, not ID order */
    assert_string_equal(m->controls[0].id, "CC8.1");
    assert_string_equal(m->controls[1].id, "CC7.1");
    assert_string_equal(m->controls[2].id, "CC6.1");
    assert_string_equal(m->controls[0].title, "test control CC8.1");
    assert_int_equal(m->controls[2].relationship, SG_REL_RELATED);
    assert_true(m->controls[0].evidence[SG_E_SIGNED_POLICY]);
    assert_false(m->controls[0].evidence[SG_E_MANIFEST]);
    sg_mapset_free(ms);
}

static void test_map__status(void **state)
{
    struct sg_mapset *ms = good();
    const struct sg_control *cc81 = &sg_mapset_framework(ms, SG_FW_SOC2)->controls[0];
    const struct sg_control *cc61 = &sg_mapset_framework(ms, SG_FW_SOC2)->controls[2];
    long fc[SG_F__COUNT] = {0}, ec[SG_E__COUNT] = {0};

    (void)state;
    /* nothing in the period */
    assert_int_equal(sg_control_status(cc81, fc, ec), SG_CS_NO_EVIDENCE);
    /* evidence of an unmapped kind is not evidence for it */
    ec[SG_E_REMEDIATED_EXPOSURE] = 3;
    assert_int_equal(sg_control_status(cc81, fc, ec), SG_CS_NO_EVIDENCE);
    /* one mapped evidence kind with count > 0 and no exception */
    ec[SG_E_TRACED_CHANGE] = 1;
    assert_int_equal(sg_control_status(cc81, fc, ec), SG_CS_EVIDENCE_PRESENT);
    /* a finding of an unmapped code changes nothing */
    fc[SG_F_SLA_BREACH] = 2;
    assert_int_equal(sg_control_status(cc81, fc, ec), SG_CS_EVIDENCE_PRESENT);
    /* one mapped finding: exceptions noted, whatever the evidence */
    fc[SG_F_UNTESTED_CHANGE] = 1;
    assert_int_equal(sg_control_status(cc81, fc, ec), SG_CS_EXCEPTIONS_NOTED);
    /* a control with evidence only never has exceptions */
    assert_int_equal(sg_control_status(cc61, fc, ec), SG_CS_NO_EVIDENCE);
    ec[SG_E_DECISION_RECORD] = 1;
    assert_int_equal(sg_control_status(cc61, fc, ec), SG_CS_EVIDENCE_PRESENT);
    assert_string_equal(sg_control_status_name(SG_CS_EXCEPTIONS_NOTED),
                        "exceptions noted");
    assert_string_equal(sg_control_status_name(SG_CS_EVIDENCE_PRESENT),
                        "evidence present");
    assert_string_equal(sg_control_status_name(SG_CS_NO_EVIDENCE), "no evidence");
    assert_string_equal(sg_control_status_key(SG_CS_EXCEPTIONS_NOTED),
                        "exceptions-noted");
    sg_mapset_free(ms);
}

static void test_map__baseline_filter(void **state)
{
    struct sg_mapset *ms = good();
    const struct sg_framework_map *m = sg_mapset_framework(ms, SG_FW_FEDRAMP);
    const struct sg_control *si2 = &m->controls[0], *cm3 = &m->controls[1],
                            *ac32 = &m->controls[2];

    (void)state;
    assert_string_equal(cm3->id, "CM-3");
    assert_true(sg_control_in_baseline(si2, SG_BASELINE_LOW));
    assert_false(sg_control_in_baseline(cm3, SG_BASELINE_LOW));
    assert_true(sg_control_in_baseline(cm3, SG_BASELINE_MODERATE));
    assert_true(sg_control_in_baseline(cm3, SG_BASELINE_HIGH));
    assert_false(sg_control_in_baseline(ac32, SG_BASELINE_LOW));
    assert_false(sg_control_in_baseline(ac32, SG_BASELINE_MODERATE));
    assert_false(sg_control_in_baseline(ac32, SG_BASELINE_HIGH));
    /* no baseline: every control */
    assert_true(sg_control_in_baseline(ac32, 0));
    assert_true(
        sg_control_in_baseline(&sg_mapset_framework(ms, SG_FW_SOC2)->controls[0], 0));
    sg_mapset_free(ms);
}

static void test_map__names(void **state)
{
    (void)state;
    for (int fw = 0; fw < SG_FW__COUNT; fw++)
        assert_int_equal(sg_framework_lookup(sg_framework_key(fw)), fw);
    assert_string_equal(sg_framework_key(SG_FW_AI_RMF), "ai-rmf");
    assert_int_equal(sg_framework_lookup("soc3"), -1);
    assert_null(sg_framework_key(SG_FW__COUNT));
    assert_int_equal(sg_baseline_lookup("moderate"), SG_BASELINE_MODERATE);
    assert_int_equal(sg_baseline_lookup("medium"), 0);
    assert_string_equal(sg_baseline_name(SG_BASELINE_HIGH), "high");
    assert_null(sg_baseline_name(3));
    for (int r = 0; r < SG_REL__COUNT; r++)
        assert_int_equal(sg_relationship_lookup(sg_relationship_name(r)), r);
    assert_int_equal(sg_relationship_lookup("overlaps"), -1);
}

/* ---- caps: SG_MAX_ARRAY_ITEMS controls, and one past ------------------------------ */

static void write_cap_case(const char *dir, size_t n)
{
    char *path = sg_xasprintf("%s/catalogs", dir);
    FILE *fp;

    assert_int_equal(mkdir(path, 0700), 0);
    free(path);
    path = sg_xasprintf("%s/catalogs/cat.json", dir);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "{\"framework\": \"soc2\", \"label\": \"cap\", \"controls\": [");
    for (size_t i = 0; i < n; i++)
        fprintf(fp, "%s{\"id\": \"X%zu\"}", i ? "," : "", i);
    fprintf(fp, "]}\n");
    assert_int_equal(fclose(fp), 0);
    free(path);
    path = sg_xasprintf("%s/soc2.json", dir);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp,
            "{\"framework\": \"soc2\", \"name\": \"n\", \"edition\": \"e\", \"source\": "
            "\"s\", \"catalog\": \"catalogs/cat.json\", \"controls\": [\n");
    for (size_t i = 0; i < n; i++) {
        fprintf(fp,
                "%s{\"id\": \"X%zu\", \"title\": \"t\", \"relationship\": \"related\", "
                "\"exceptions\": [",
                i ? ",\n" : "", i);
        for (int k = 0; i == 0 && k < SG_F__COUNT; k++)
            fprintf(fp, "%s\"%s\"", k ? ", " : "", sg_finding_name(k));
        fprintf(fp, "], \"evidence\": [\"manifest\"], \"rationale\": \"r\"}");
    }
    fprintf(fp, "]}\n");
    assert_int_equal(fclose(fp), 0);
    free(path);
}

static void remove_cap_case(const char *dir)
{
    char *a = sg_xasprintf("%s/catalogs/cat.json", dir);
    char *b = sg_xasprintf("%s/soc2.json", dir);
    char *c = sg_xasprintf("%s/catalogs", dir);
    unlink(a);
    unlink(b);
    rmdir(c);
    rmdir(dir);
    free(a);
    free(b);
    free(c);
}

static void test_map__controls_at_the_cap_load(void **state)
{
    char tmpl[] = "/tmp/test_map.XXXXXX";
    char *dir = mkdtemp(tmpl);
    struct sg_mapset *ms = NULL;
    struct seen s;

    (void)state;
    assert_non_null(dir);
    write_cap_case(dir, SG_MAX_ARRAY_ITEMS);
    memset(&s, 0, sizeof(s));
    assert_int_equal(sg_map_check(&ms, dir, collect, &s), 0);
    assert_int_equal(sg_mapset_ncontrols(ms), SG_MAX_ARRAY_ITEMS);
    sg_mapset_free(ms);
    remove_cap_case(dir);
}

static void test_map__controls_past_the_cap_fail(void **state)
{
    char tmpl[] = "/tmp/test_map.XXXXXX";
    char *dir = mkdtemp(tmpl);
    struct sg_mapset *ms = NULL;
    struct seen s;

    (void)state;
    assert_non_null(dir);
    write_cap_case(dir, SG_MAX_ARRAY_ITEMS + 1);
    memset(&s, 0, sizeof(s));
    /* the catalog is refused first (it is past the cap too), then the mapping file */
    assert_int_equal(sg_map_check(&ms, dir, collect, &s), 2);
    assert_null(ms);
    assert_string_equal(s.first.msg, "catalog holds more than 10000 controls");
    assert_string_equal(s.last.msg, "more than 10000 controls");
    assert_string_equal(s.last.pointer, "/controls");
    assert_int_equal(s.last.line, 1);
    remove_cap_case(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_map__shipped_files_load_clean),
        cmocka_unit_test(test_map__shipped_key_controls_present),
        cmocka_unit_test(test_map__default_dir_is_the_data_dir),
        cmocka_unit_test(test_map__unknown_id),
        cmocka_unit_test(test_map__id_suggestion),
        cmocka_unit_test(test_map__withdrawn_id),
        cmocka_unit_test(test_map__duplicate_control),
        cmocka_unit_test(test_map__unknown_finding_code),
        cmocka_unit_test(test_map__unknown_evidence_kind),
        cmocka_unit_test(test_map__unmapped_finding_code),
        cmocka_unit_test(test_map__malformed_json_has_its_line),
        cmocka_unit_test(test_map__wrong_fedramp_baseline),
        cmocka_unit_test(test_map__fedramp_baselines_required),
        cmocka_unit_test(test_map__missing_catalog),
        cmocka_unit_test(test_map__catalog_of_another_framework),
        cmocka_unit_test(test_map__framework_in_two_files),
        cmocka_unit_test(test_map__unknown_member),
        cmocka_unit_test(test_map__every_problem_is_reported),
        cmocka_unit_test(test_map__load_keeps_the_first_problem),
        cmocka_unit_test(test_map__missing_dir_is_noinput),
        cmocka_unit_test(test_map__dir_without_json_is_noinput),
        cmocka_unit_test(test_map__good_fixture_accessors),
        cmocka_unit_test(test_map__status),
        cmocka_unit_test(test_map__baseline_filter),
        cmocka_unit_test(test_map__names),
        cmocka_unit_test(test_map__controls_at_the_cap_load),
        cmocka_unit_test(test_map__controls_past_the_cap_fail),
    };
    char *root;

    /* The default mappings dir (sg_datadir) must be this source tree's. */
    root = data_path("../..");
    setenv("SIGNOFF_DATADIR", root, 1);
    free(root);
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_settings.c: SPEC §3 settings — the defaults, the key-by-key merge (deeper for
 * tiers and remediation_sla), unknown keys, malformed values (exit 65 at FILE:LINE), a
 * missing file (66) and the tier lookup of SPEC §4 "Required tier". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "signoff/record.h"
#include "signoff/settings.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define H (3600 * SG_NS_PER_SEC)
#define D (86400 * SG_NS_PER_SEC)

enum { LOW = 1, MEDIUM = 2, HIGH = 3, CRITICAL = 4 };

static char *tmpfile_with(const char *text)
{
    char *path = sg_xasprintf("/tmp/signoff-settings-XXXXXX.json");
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
    return path;
}

/* Loads text onto the defaults; must succeed. */
static void load_ok(struct sg_settings *s, const char *text)
{
    char *path = tmpfile_with(text);
    struct sg_error err;
    sg_error_init(&err);
    sg_settings_defaults(s);
    int rc = sg_settings_load(s, path, &err);
    if (rc != 0)
        print_error("settings refused: %s:%lu: %s\n", err.file, err.line, err.msg);
    assert_int_equal(rc, 0);
    assert_int_equal(err.code, 0);
    unlink(path);
    free(path);
}

/* Loads text; must fail with EX_DATAERR at `line` with exactly `msg`. */
static void load_bad(const char *text, unsigned long line, const char *msg)
{
    struct sg_settings s;
    char *path = tmpfile_with(text);
    struct sg_error err;
    sg_error_init(&err);
    sg_settings_defaults(&s);
    int rc = sg_settings_load(&s, path, &err);
    if (rc == 0)
        print_error("settings accepted: %s\n", text);
    assert_int_equal(rc, -1);
    assert_int_equal(err.code, EX_DATAERR);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, line);
    assert_string_equal(err.pointer, "");
    if (msg != NULL)
        assert_string_equal(err.msg, msg);
    char buf[1024], want[1024];
    sg_error_format(&err, buf, sizeof(buf));
    snprintf(want, sizeof(want), "%s:%lu: %s", path, line, err.msg);
    assert_string_equal(buf, want);
    unlink(path);
    free(path);
}

static void test_settings__defaults(void **state)
{
    (void)state;
    struct sg_settings s;
    sg_settings_defaults(&s);
    /* SPEC §3 */
    assert_int_equal(sg_settings_tier(&s, "production", CRITICAL), 3);
    assert_int_equal(sg_settings_tier(&s, "production", HIGH), 3);
    assert_int_equal(sg_settings_tier(&s, "production", MEDIUM), 2);
    assert_int_equal(sg_settings_tier(&s, "production", LOW), 2);
    assert_int_equal(s.tier_default, 1);
    for (int l = LOW; l <= CRITICAL; l++) {
        assert_int_equal(sg_settings_tier(&s, "staging", l), 1);
        assert_int_equal(sg_settings_tier(&s, "development", l), 1);
        assert_int_equal(sg_settings_tier(&s, "test", l), 1);
        assert_int_equal(sg_settings_tier(&s, "lab", l), 1);
        assert_int_equal(sg_settings_tier(&s, "nowhere", l), 1);
    }
    assert_int_equal(s.approval_max_age, 24 * H);
    assert_int_equal(s.veto_window, 4 * H);
    assert_int_equal(s.acceptance_sla, 5 * D);
    assert_int_equal(s.policy_max_age, 180 * D);
    assert_int_equal(s.remediation_sla[CRITICAL], 15 * D);
    assert_int_equal(s.remediation_sla[HIGH], 30 * D);
    assert_int_equal(s.remediation_sla[MEDIUM], 90 * D);
    assert_int_equal(s.remediation_sla[LOW], 180 * D);
    assert_int_equal(s.default_severity, MEDIUM);
    assert_int_equal(sg_level_lookup("medium"), s.default_severity);
}

static void test_settings__empty_object_keeps_defaults(void **state)
{
    (void)state;
    struct sg_settings a, b;
    sg_settings_defaults(&a);
    load_ok(&b, "{}");
    assert_memory_equal(&a, &b, sizeof(a));
    load_ok(&b, "{\"tiers\":{},\"remediation_sla\":{}}");
    assert_memory_equal(&a, &b, sizeof(a));
    /* null members are dropped: absent */
    load_ok(&b, "{\"veto_window\":null,\"tiers\":{\"default\":null,\"production\":{\"high\":"
                "null}},\"default_severity\":null}");
    assert_memory_equal(&a, &b, sizeof(a));
}

static void test_settings__tiers_merge_one_cell(void **state)
{
    (void)state;
    struct sg_settings s;
    load_ok(&s, "{\"tiers\": {\"staging\": {\"high\": 3}}}");
    assert_int_equal(sg_settings_tier(&s, "staging", HIGH), 3);
    /* a criticality missing from a listed environment uses tiers.default */
    assert_int_equal(sg_settings_tier(&s, "staging", CRITICAL), 1);
    assert_int_equal(sg_settings_tier(&s, "staging", MEDIUM), 1);
    assert_int_equal(sg_settings_tier(&s, "staging", LOW), 1);
    /* production untouched */
    assert_int_equal(sg_settings_tier(&s, "production", CRITICAL), 3);
    assert_int_equal(sg_settings_tier(&s, "production", HIGH), 3);
    assert_int_equal(sg_settings_tier(&s, "production", MEDIUM), 2);
    assert_int_equal(sg_settings_tier(&s, "production", LOW), 2);
    assert_int_equal(sg_settings_tier(&s, "lab", HIGH), 1);
    /* the rest of the settings untouched */
    assert_int_equal(s.veto_window, 4 * H);
    assert_int_equal(s.remediation_sla[HIGH], 30 * D);
}

static void test_settings__tiers_merge_production_cell(void **state)
{
    (void)state;
    struct sg_settings s;
    load_ok(&s, "{\"tiers\":{\"production\":{\"low\":1}}}");
    assert_int_equal(sg_settings_tier(&s, "production", LOW), 1);
    assert_int_equal(sg_settings_tier(&s, "production", MEDIUM), 2);
    assert_int_equal(sg_settings_tier(&s, "production", HIGH), 3);
    assert_int_equal(sg_settings_tier(&s, "production", CRITICAL), 3);
}

static void test_settings__tiers_default(void **state)
{
    (void)state;
    struct sg_settings s;
    load_ok(&s, "{\"tiers\":{\"staging\":{\"high\":3},\"default\":2}}");
    assert_int_equal(s.tier_default, 2);
    assert_int_equal(sg_settings_tier(&s, "staging", HIGH), 3);
    assert_int_equal(sg_settings_tier(&s, "staging", CRITICAL), 2);
    assert_int_equal(sg_settings_tier(&s, "lab", LOW), 2);
    assert_int_equal(sg_settings_tier(&s, "production", LOW), 2);
    assert_int_equal(sg_settings_tier(&s, "production", CRITICAL), 3);
    /* default first, then the row: same result */
    load_ok(&s, "{\"tiers\":{\"default\":2,\"staging\":{\"high\":3}}}");
    assert_int_equal(sg_settings_tier(&s, "staging", CRITICAL), 2);
    assert_int_equal(sg_settings_tier(&s, "staging", HIGH), 3);
}

static void test_settings__tier_any_integer(void **state)
{
    (void)state;
    struct sg_settings s;
    /* SPEC §3: a tier may be any integer */
    load_ok(&s, "{\"tiers\":{\"lab\":{\"low\":-5,\"high\":99},\"default\":0}}");
    assert_int_equal(sg_settings_tier(&s, "lab", LOW), -5);
    assert_int_equal(sg_settings_tier(&s, "lab", HIGH), 99);
    assert_int_equal(sg_settings_tier(&s, "lab", MEDIUM), 0);
    assert_int_equal(sg_settings_tier(&s, "elsewhere", MEDIUM), 0);
}

static void test_settings__new_environment_names(void **state)
{
    (void)state;
    struct sg_settings s;
    load_ok(&s, "{\"tiers\":{\"staging\":{\"critical\":2},\"development\":{\"low\":3}}}");
    assert_int_equal(sg_settings_tier(&s, "staging", CRITICAL), 2);
    assert_int_equal(sg_settings_tier(&s, "development", LOW), 3);
    assert_int_equal(sg_settings_tier(&s, "development", CRITICAL), 1);
    /* the environment name is matched exactly */
    assert_int_equal(sg_settings_tier(&s, "Staging", CRITICAL), 1);
    /* a criticality out of 1..4 falls back to the default */
    assert_int_equal(sg_settings_tier(&s, "production", 0), 1);
    assert_int_equal(sg_settings_tier(&s, "production", 5), 1);
}

static void test_settings__remediation_sla_merge(void **state)
{
    (void)state;
    struct sg_settings s;
    load_ok(&s, "{\"remediation_sla\":{\"high\":\"P7D\"}}");
    assert_int_equal(s.remediation_sla[HIGH], 7 * D);
    assert_int_equal(s.remediation_sla[CRITICAL], 15 * D);
    assert_int_equal(s.remediation_sla[MEDIUM], 90 * D);
    assert_int_equal(s.remediation_sla[LOW], 180 * D);
}

static void test_settings__scalars(void **state)
{
    (void)state;
    struct sg_settings s;
    load_ok(&s, "{\"approval_max_age\":\"PT12H\",\"veto_window\":\"PT30M\",\"acceptance_sla\":"
                "\"P1W\",\"policy_max_age\":\"P365D\",\"default_severity\":\"critical\"}");
    assert_int_equal(s.approval_max_age, 12 * H);
    assert_int_equal(s.veto_window, 30 * 60 * SG_NS_PER_SEC);
    assert_int_equal(s.acceptance_sla, 7 * D);
    assert_int_equal(s.policy_max_age, 365 * D);
    assert_int_equal(s.default_severity, CRITICAL);
    /* only a zero veto_window is refused: other zero durations stand */
    load_ok(&s, "{\"approval_max_age\":\"PT0S\",\"acceptance_sla\":\"P0D\"}");
    assert_int_equal(s.approval_max_age, 0);
    assert_int_equal(s.acceptance_sla, 0);
    assert_int_equal(s.veto_window, 4 * H);
}

static void test_settings__unknown_keys_ignored(void **state)
{
    (void)state;
    struct sg_settings s, d;
    sg_settings_defaults(&d);
    load_ok(&s, "{\"colour\":\"blue\",\"tiers\":{\"staging\":{\"urgent\":\"x\",\"high\":3}},"
                "\"remediation_sla\":{\"info\":5},\"nested\":{\"a\":[1,2,null]},\"veto\":0}");
    assert_int_equal(sg_settings_tier(&s, "staging", HIGH), 3);
    assert_int_equal(s.remediation_sla[LOW], d.remediation_sla[LOW]);
    assert_int_equal(s.veto_window, d.veto_window);
}

static void test_settings__malformed_values(void **state)
{
    (void)state;
    load_bad("{\"tiers\":{\"staging\":{\"high\":\"3\"}}}", 1,
             "settings tier \"high\" must be an integer");
    load_bad("{\"tiers\":{\"staging\":{\"high\":3.0}}}", 1,
             "settings tier \"high\" must be an integer");
    load_bad("{\"tiers\":[1]}", 1, "settings \"tiers\" must be an object");
    load_bad("{\"tiers\":\"production\"}", 1, "settings \"tiers\" must be an object");
    load_bad("{\"tiers\":{\"staging\":3}}", 1,
             "settings \"tiers.staging\" must be an object of criticality: tier");
    load_bad("{\"tiers\":{\"default\":\"1\"}}", 1, "settings \"tiers.default\" must be an integer");
    load_bad("{\"tiers\":{\"default\":1.5}}", 1, "settings \"tiers.default\" must be an integer");
    load_bad("{\"veto_window\":\"PT0S\"}", 1, "settings \"veto_window\" must be longer than zero");
    load_bad("{\"veto_window\":\"P0W\"}", 1, "settings \"veto_window\" must be longer than zero");
    load_bad("{\"veto_window\":14400}", 1,
             "settings \"veto_window\" must be a duration string like PT4H");
    load_bad("{\"approval_max_age\":\"24h\"}", 1,
             "settings \"approval_max_age\" is not a duration (does not start with 'P')");
    load_bad("{\"approval_max_age\":\"\"}", 1,
             "settings \"approval_max_age\" is not a duration (does not start with 'P')");
    load_bad("{\"acceptance_sla\":\"P1M\"}", 1,
             "settings \"acceptance_sla\" is not a duration (years and months are not allowed)");
    load_bad("{\"policy_max_age\":\"PT1.5H\"}", 1,
             "settings \"policy_max_age\" is not a duration (fractions are not allowed)");
    load_bad("{\"remediation_sla\":\"P30D\"}", 1,
             "settings \"remediation_sla\" must be an object of severity: duration");
    load_bad("{\"remediation_sla\":{\"high\":\"30 days\"}}", 1, NULL);
    load_bad("{\"remediation_sla\":{\"high\":30}}", 1, NULL);
    load_bad("{\"default_severity\":\"urgent\"}", 1,
             "settings \"default_severity\" must be one of critical, high, medium, low");
    load_bad("{\"default_severity\":\"HIGH\"}", 1,
             "settings \"default_severity\" must be one of critical, high, medium, low");
    load_bad("{\"default_severity\":3}", 1,
             "settings \"default_severity\" must be one of critical, high, medium, low");
    load_bad("[]", 1, "a settings file must hold one JSON object");
    load_bad("\"tiers\"", 1, NULL);
    load_bad("", 1, NULL);
}

static void test_settings__malformed_has_its_line(void **state)
{
    (void)state;
    load_bad("{\n  \"tiers\": {\n    \"staging\": {\n      \"high\": \"three\"\n    }\n  }\n}\n",
             4, "settings tier \"high\" must be an integer");
    load_bad("{\n  \"approval_max_age\": \"PT24H\",\n  \"veto_window\": \"PT0S\"\n}\n", 3,
             "settings \"veto_window\" must be longer than zero");
    load_bad("{\n\n\n  \"default_severity\":\n     \"urgent\"\n}\n", 5,
             "settings \"default_severity\" must be one of critical, high, medium, low");
    load_bad("{\n  \"tiers\":\n  [\n  ]\n}\n", 3, "settings \"tiers\" must be an object");
    /* invalid JSON: jansson's line */
    load_bad("{\n  \"veto_window\": \"PT4H\",\n  \"tiers\": {,}\n}\n", 3, NULL);
    /* a key twice is bad input */
    load_bad("{\n  \"veto_window\": \"PT4H\",\n  \"veto_window\": \"PT5H\"\n}\n", 3, NULL);
}

static void test_settings__missing_file(void **state)
{
    (void)state;
    struct sg_settings s;
    struct sg_error err;
    sg_settings_defaults(&s);
    sg_error_init(&err);
    assert_int_equal(sg_settings_load(&s, "/nonexistent/signoff/settings.json", &err), -1);
    assert_int_equal(err.code, EX_NOINPUT);
    assert_int_equal(err.code, 66);
    assert_string_equal(err.file, "");
    assert_int_equal(err.line, 0);
    assert_string_equal(err.msg,
                        "cannot open settings \"/nonexistent/signoff/settings.json\": No such "
                        "file or directory");
}

static void test_settings__json(void **state)
{
    (void)state;
    struct sg_settings s;
    load_ok(&s, "{\"tiers\":{\"staging\":{\"high\":3}},\"veto_window\":\"P1DT12H\"}");
    json_t *j = sg_settings_json(&s);
    char *text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_string_equal(text,
                        "{\"tiers\":{\"production\":{\"critical\":3,\"high\":3,\"medium\":2,"
                        "\"low\":2},\"staging\":{\"high\":3},\"default\":1},"
                        "\"approval_max_age\":\"P1D\",\"veto_window\":\"P1DT12H\","
                        "\"acceptance_sla\":\"P5D\",\"policy_max_age\":\"P180D\","
                        "\"remediation_sla\":{\"critical\":\"P15D\",\"high\":\"P30D\","
                        "\"medium\":\"P90D\",\"low\":\"P180D\"},\"default_severity\":"
                        "\"medium\"}");
    free(text);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_settings__defaults),
        cmocka_unit_test(test_settings__empty_object_keeps_defaults),
        cmocka_unit_test(test_settings__tiers_merge_one_cell),
        cmocka_unit_test(test_settings__tiers_merge_production_cell),
        cmocka_unit_test(test_settings__tiers_default),
        cmocka_unit_test(test_settings__tier_any_integer),
        cmocka_unit_test(test_settings__new_environment_names),
        cmocka_unit_test(test_settings__remediation_sla_merge),
        cmocka_unit_test(test_settings__scalars),
        cmocka_unit_test(test_settings__unknown_keys_ignored),
        cmocka_unit_test(test_settings__malformed_values),
        cmocka_unit_test(test_settings__malformed_has_its_line),
        cmocka_unit_test(test_settings__missing_file),
        cmocka_unit_test(test_settings__json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

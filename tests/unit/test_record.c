/* test_record.c: SPEC §2 validation of one native record (sg_record_validate) for each
 * of the nine kinds: a minimal valid record; each required field missing or empty; every
 * enum with a wrong value; ranges; integers; times; durations; the cross-field rules;
 * unknown fields. Every refusal checks all of struct sg_error (code 65, file, line, no
 * pointer, the exact message). The reading of "Missing" is docs/rules.md "Records". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "signoff/json.h"
#include "signoff/record.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T0 "2026-07-01T00:00:00Z"

static const char *const minimal[SG_K__COUNT] = {
    [SG_K_IDENTITY] = "{\"kind\":\"identity\",\"id\":\"alice\",\"name\":\"Alice\",\"human\":true}",
    [SG_K_AGENT] = "{\"kind\":\"agent\",\"id\":\"bot\"}",
    [SG_K_ASSET] = "{\"kind\":\"asset\",\"id\":\"web\",\"environment\":\"production\","
                   "\"criticality\":\"high\"}",
    [SG_K_POLICY] = "{\"kind\":\"policy\",\"id\":\"p\",\"version\":1}",
    [SG_K_DECISION] = "{\"kind\":\"decision\",\"id\":\"d\",\"agent\":\"bot\",\"at\":\"" T0
                      "\",\"action\":\"patch\",\"outcome\":\"act\",\"targets\":[\"web\"]}",
    [SG_K_APPROVAL] = "{\"kind\":\"approval\",\"id\":\"a\",\"decision\":\"d\",\"by\":\"alice\","
                      "\"at\":\"" T0 "\",\"outcome\":\"approved\"}",
    [SG_K_NOTIFICATION] = "{\"kind\":\"notification\",\"id\":\"n\",\"decision\":\"d\","
                          "\"to\":\"alice\",\"at\":\"" T0 "\"}",
    [SG_K_RISK_ACCEPTANCE] = "{\"kind\":\"risk_acceptance\",\"id\":\"r\",\"decision\":\"d\","
                             "\"owner\":\"alice\",\"acknowledged_at\":\"" T0 "\"}",
    [SG_K_EXPOSURE] = "{\"kind\":\"exposure\",\"id\":\"e\",\"vuln\":\"CVE-2026-1\","
                      "\"asset\":\"web\",\"first_seen\":\"" T0 "\"}",
};

static json_t *load(const char *text)
{
    json_error_t je;
    json_t *v = json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
    if (v == NULL)
        print_error("bad test JSON: %s: %s\n", je.text, text);
    assert_non_null(v);
    sg_json_drop_nulls(v);
    return v;
}

/* A copy of the minimal record of `kind` with `key` set to `value` (JSON text), or
 * removed when value is NULL. `key` may be "a.b" for a member of an object member. */
static json_t *with(enum sg_kind kind, const char *key, const char *value)
{
    json_t *o = load(minimal[kind]);
    json_t *target = o;
    char buf[128];
    const char *dot = strchr(key, '.');
    if (dot != NULL) {
        snprintf(buf, sizeof(buf), "%.*s", (int)(dot - key), key);
        target = json_object_get(o, buf);
        if (target == NULL) {
            target = json_object();
            json_object_set_new(o, buf, target);
        }
        key = dot + 1;
    }
    if (value == NULL)
        json_object_del(target, key);
    else
        json_object_set_new(target, key, load(value));
    sg_json_drop_nulls(o);
    return o;
}

static void ok_obj(json_t *o, enum sg_kind want)
{
    enum sg_kind k = SG_K__COUNT;
    struct sg_error err;
    struct sg_pos pos = {"in.jsonl", 7, NULL};
    sg_error_init(&err);
    int rc = sg_record_validate(o, &k, &pos, &err);
    if (rc != 0) {
        char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
        print_error("refused %s: %s\n", s, err.msg);
        free(s);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(k, want);
    assert_int_equal(err.code, 0);
    json_decref(o);
}

static void bad_obj(json_t *o, const char *msg)
{
    enum sg_kind k = SG_K__COUNT;
    struct sg_error err;
    struct sg_pos pos = {"in.jsonl", 7, NULL};
    sg_error_init(&err);
    int rc = sg_record_validate(o, &k, &pos, &err);
    if (rc == 0) {
        char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
        print_error("accepted %s, want: %s\n", s, msg);
        free(s);
    }
    assert_int_equal(rc, -1);
    assert_int_equal(err.code, EX_DATAERR);
    assert_int_equal(err.code, 65);
    assert_string_equal(err.file, "in.jsonl");
    assert_int_equal(err.line, 7);
    assert_string_equal(err.pointer, "");
    assert_string_equal(err.msg, msg);
    /* what the CLI prints (STYLE "Errors": FILE:LINE: msg) */
    char line[1024], want[1024];
    sg_error_format(&err, line, sizeof(line));
    snprintf(want, sizeof(want), "in.jsonl:7: %s", msg);
    assert_string_equal(line, want);
    json_decref(o);
}

static void ok(enum sg_kind kind, const char *key, const char *value)
{
    ok_obj(with(kind, key, value), kind);
}

static void bad(enum sg_kind kind, const char *key, const char *value, const char *msg)
{
    bad_obj(with(kind, key, value), msg);
}

static void ok_text(const char *text, enum sg_kind want)
{
    ok_obj(load(text), want);
}

static void bad_text(const char *text, const char *msg)
{
    bad_obj(load(text), msg);
}

static void missing(enum sg_kind kind, const char *key)
{
    char msg[128];
    snprintf(msg, sizeof(msg), "missing required field \"%s\"", key);
    bad(kind, key, NULL, msg);
}

/* ---- minimal records and "kind" ------------------------------------------------------ */

static void test_record__minimal_records_are_valid(void **state)
{
    (void)state;
    for (int k = 0; k < SG_K__COUNT; k++)
        ok_text(minimal[k], (enum sg_kind)k);
}

static void test_record__kind(void **state)
{
    (void)state;
    static const char *const kinds_msg =
        "\"kind\" must be one of identity, agent, asset, policy, decision, approval, "
        "notification, risk_acceptance, exposure";
    bad_text("{\"id\":\"x\"}", "missing required field \"kind\"");
    bad_text("{\"kind\":null,\"id\":\"x\"}", "missing required field \"kind\"");
    bad_text("{\"kind\":\"Decision\",\"id\":\"x\"}", kinds_msg);
    bad_text("{\"kind\":\"\",\"id\":\"x\"}", kinds_msg);
    bad_text("{\"kind\":7,\"id\":\"x\"}", kinds_msg);
    bad_text("{\"kind\":\"vulnerability\",\"id\":\"x\"}", kinds_msg);
    bad_text("[{\"kind\":\"agent\",\"id\":\"x\"}]", "a record must be a JSON object");
    bad_text("\"agent\"", "a record must be a JSON object");
    for (int k = 0; k < SG_K__COUNT; k++) {
        assert_int_equal(sg_kind_lookup(sg_kind_name((enum sg_kind)k)), k);
    }
    assert_int_equal(sg_kind_lookup("risk-acceptance"), -1);
}

/* ---- required fields: missing -------------------------------------------------------- */

static void test_record__identity_required(void **state)
{
    (void)state;
    missing(SG_K_IDENTITY, "id");
    missing(SG_K_IDENTITY, "name");
    missing(SG_K_IDENTITY, "human");
    bad(SG_K_IDENTITY, "name", "\"\"", "required field \"name\" is empty");
    bad(SG_K_IDENTITY, "id", "\"\"", "\"id\" must not be empty");
    bad(SG_K_IDENTITY, "human", "\"true\"", "\"human\" must be true or false");
    bad(SG_K_IDENTITY, "human", "1", "\"human\" must be true or false");
    bad(SG_K_IDENTITY, "id", "42", "\"id\" must be a string");
    ok(SG_K_IDENTITY, "human", "false");
    ok(SG_K_IDENTITY, "roles", "[\"sre\",\"approver\"]");
    ok(SG_K_IDENTITY, "roles", "[]");
    ok(SG_K_IDENTITY, "email", "\"alice@example.com\"");
    bad(SG_K_IDENTITY, "roles", "\"sre\"", "\"roles\" must be an array of strings");
    bad(SG_K_IDENTITY, "roles", "[\"sre\",3]", "\"roles[1]\" must be a string");
    bad(SG_K_IDENTITY, "email", "false", "\"email\" must be a string");
}

static void test_record__agent_required(void **state)
{
    (void)state;
    missing(SG_K_AGENT, "id");
    bad(SG_K_AGENT, "id", "\"\"", "\"id\" must not be empty");
    ok(SG_K_AGENT, "credential_scope", "{\"environments\":[\"staging\"],\"assets\":[\"web-*\"]}");
    ok(SG_K_AGENT, "credential_scope", "{}");
    ok(SG_K_AGENT, "credential_scope", "{\"environments\":[]}");
    bad(SG_K_AGENT, "credential_scope", "[]", "\"credential_scope\" must be an object");
    bad(SG_K_AGENT, "credential_scope", "{\"assets\":\"web-*\"}",
        "\"credential_scope.assets\" must be an array of strings");
    bad(SG_K_AGENT, "credential_scope", "{\"environments\":[1]}",
        "\"credential_scope.environments[0]\" must be a string");
    bad(SG_K_AGENT, "vendor", "1", "\"vendor\" must be a string");
}

static void test_record__asset_required(void **state)
{
    (void)state;
    missing(SG_K_ASSET, "id");
    missing(SG_K_ASSET, "environment");
    missing(SG_K_ASSET, "criticality");
    bad(SG_K_ASSET, "environment", "\"\"",
        "\"environment\" must be one of production, staging, development, test, lab, not "
        "\"\"");
    bad(SG_K_ASSET, "criticality", "\"\"",
        "\"criticality\" must be one of critical, high, medium, low, not \"\"");
    bad(SG_K_ASSET, "owner", "\"\"", "\"owner\" must not be empty");
    ok(SG_K_ASSET, "owner", "\"alice\"");
    ok(SG_K_ASSET, "internet_facing", "true");
    bad(SG_K_ASSET, "internet_facing", "\"yes\"", "\"internet_facing\" must be true or false");
}

static void test_record__policy_required(void **state)
{
    (void)state;
    missing(SG_K_POLICY, "id");
    missing(SG_K_POLICY, "version");
    bad(SG_K_POLICY, "version", "0", "\"version\" must be at least 1");
    bad(SG_K_POLICY, "version", "-1", "\"version\" must be at least 1");
    bad(SG_K_POLICY, "version", "2.0", "\"version\" must be an integer");
    bad(SG_K_POLICY, "version", "1e0", "\"version\" must be an integer");
    bad(SG_K_POLICY, "version", "\"1\"", "\"version\" must be an integer");
    ok(SG_K_POLICY, "version", "2");
    ok(SG_K_POLICY, "tier", "1");
    ok(SG_K_POLICY, "tier", "3");
    bad(SG_K_POLICY, "tier", "0", "\"tier\" must be between 1 and 3");
    bad(SG_K_POLICY, "tier", "4", "\"tier\" must be between 1 and 3");
    bad(SG_K_POLICY, "tier", "2.0", "\"tier\" must be an integer");
    ok(SG_K_POLICY, "scope",
       "{\"environments\":[\"production\"],\"max_criticality\":\"high\",\"actions\":["
       "\"patch\"]}");
    bad(SG_K_POLICY, "scope", "{\"max_criticality\":\"HIGH\"}",
        "\"scope.max_criticality\" must be one of critical, high, medium, low, not \"HIGH\"");
    bad(SG_K_POLICY, "signed_by", "\"\"", "\"signed_by\" must not be empty");
    ok(SG_K_POLICY, "signed_at", "\"" T0 "\"");
    bad(SG_K_POLICY, "signed_at", "\"2026-07-01\"",
        "\"signed_at\" is not an RFC 3339 time (a date without a time): \"2026-07-01\"");
    bad(SG_K_POLICY, "review_by", "\"2026-13-01T00:00:00Z\"",
        "\"review_by\" is not an RFC 3339 time (month out of range): \"2026-13-01T00:00:00Z\"");
}

/* SPEC §2: version is an int >= 1; every int >= 1 that jansson holds is one. */
static void test_record__policy_version_large_integer(void **state)
{
    (void)state;
    ok(SG_K_POLICY, "version", "9000000000000000000");
    ok(SG_K_POLICY, "version", "9223372036854775807");
}

static void test_record__decision_required(void **state)
{
    (void)state;
    missing(SG_K_DECISION, "id");
    missing(SG_K_DECISION, "agent");
    missing(SG_K_DECISION, "at");
    missing(SG_K_DECISION, "action");
    missing(SG_K_DECISION, "outcome");
    missing(SG_K_DECISION, "targets");
    bad(SG_K_DECISION, "agent", "\"\"", "\"agent\" must not be empty");
    bad(SG_K_DECISION, "at", "\"\"",
        "\"at\" is not an RFC 3339 time (not YYYY-MM-DD): \"\"");
    bad(SG_K_DECISION, "action", "\"\"",
        "\"action\" must be one of patch, upgrade, rollback, restart, config_change, "
        "isolate, disable_account, firewall_change, iam_change, rotate_secret, "
        "suppress_alert, deploy_script, not \"\"");
    /* targets may be [] (SPEC §2) */
    ok(SG_K_DECISION, "targets", "[]");
    bad(SG_K_DECISION, "targets", "[\"\"]", "\"targets[0]\" must not be empty");
    bad(SG_K_DECISION, "targets", "\"web\"", "\"targets\" must be an array of strings");
    bad(SG_K_DECISION, "targets", "[\"web\",7]", "\"targets[1]\" must be a string");
    bad(SG_K_DECISION, "targets",
        "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\",\"\"]",
        "\"targets[11]\" must not be empty");
    bad(SG_K_DECISION, "targets", "{}", "\"targets\" must be an array of strings");
}

static void test_record__decision_optional_members(void **state)
{
    (void)state;
    ok(SG_K_DECISION, "vulns", "[]");
    ok(SG_K_DECISION, "vulns",
       "[{\"id\":\"CVE-1\",\"cvss\":9.8,\"severity\":\"critical\",\"kev\":true,\"epss\":0.97}]");
    bad(SG_K_DECISION, "vulns", "[{\"cvss\":9.8}]", "missing required field \"vulns[0].id\"");
    bad(SG_K_DECISION, "vulns", "[{\"id\":\"CVE-1\"},{\"id\":\"\"}]",
        "\"vulns[1].id\" must not be empty");
    bad(SG_K_DECISION, "vulns", "[\"CVE-1\"]", "\"vulns[0]\" must be an object");
    bad(SG_K_DECISION, "vulns", "{\"id\":\"CVE-1\"}", "\"vulns\" must be an array of objects");
    bad(SG_K_DECISION, "vulns", "[{\"id\":\"CVE-1\",\"kev\":\"yes\"}]",
        "\"vulns[0].kev\" must be true or false");
    ok(SG_K_DECISION, "factors", "{\"exposure\":\"internal\",\"reversibility\":\"\"}");
    ok(SG_K_DECISION, "factors", "{}");
    bad(SG_K_DECISION, "factors", "{\"exposure\":1}", "\"factors.exposure\" must be a string");
    bad(SG_K_DECISION, "factors", "\"high\"", "\"factors\" must be an object");
    ok(SG_K_DECISION, "rationale", "\"\"");
    bad(SG_K_DECISION, "rationale", "[]", "\"rationale\" must be a string");
    ok(SG_K_DECISION, "policy", "{\"id\":\"p\",\"version\":3}");
    /* "policy": {} is Missing, which is absent (SPEC §4 Notation) */
    ok(SG_K_DECISION, "policy", "{}");
    bad(SG_K_DECISION, "policy", "{\"id\":\"p\"}", "missing required field \"policy.version\"");
    bad(SG_K_DECISION, "policy", "{\"version\":1}", "missing required field \"policy.id\"");
    bad(SG_K_DECISION, "policy", "{\"id\":\"p\",\"version\":0}",
        "\"policy.version\" must be at least 1");
    bad(SG_K_DECISION, "policy", "{\"id\":\"p\",\"version\":1.0}",
        "\"policy.version\" must be an integer");
    bad(SG_K_DECISION, "policy", "{\"id\":\"\",\"version\":1}", "\"policy.id\" must not be empty");
    bad(SG_K_DECISION, "policy", "\"p@1\"", "\"policy\" must be an object");
    ok(SG_K_DECISION, "change",
       "{\"ref\":\"CHG-1\",\"requested_by\":\"carol\",\"deployed_at\":\"" T0
       "\",\"tests\":{\"ref\":\"ci/1\",\"result\":\"passed\"},\"rollback_plan\":\"revert\"}");
    ok(SG_K_DECISION, "change", "{}");
    bad(SG_K_DECISION, "change", "{\"requested_by\":\"\"}",
        "\"change.requested_by\" must not be empty");
    bad(SG_K_DECISION, "change", "{\"tests\":{\"result\":\"PASSED\"}}",
        "\"change.tests.result\" must be one of passed, failed, skipped, not \"PASSED\"");
    bad(SG_K_DECISION, "change", "{\"tests\":\"passed\"}", "\"change.tests\" must be an object");
    bad(SG_K_DECISION, "change", "{\"deployed_at\":\"2026-07-01T00:00:00\"}",
        "\"change.deployed_at\" is not an RFC 3339 time (no time zone (Z or +hh:mm)): "
        "\"2026-07-01T00:00:00\"");
}

static void test_record__approval_required(void **state)
{
    (void)state;
    missing(SG_K_APPROVAL, "id");
    missing(SG_K_APPROVAL, "by");
    missing(SG_K_APPROVAL, "at");
    missing(SG_K_APPROVAL, "outcome");
    bad(SG_K_APPROVAL, "by", "\"\"", "\"by\" must not be empty");
    bad(SG_K_APPROVAL, "decision", "\"\"", "\"decision\" must not be empty");
    bad(SG_K_APPROVAL, "change_ref", "\"\"", "\"change_ref\" must not be empty");
    /* decision or change_ref, at least one */
    bad(SG_K_APPROVAL, "decision", NULL, "an approval needs \"decision\" or \"change_ref\"");
    bad(SG_K_APPROVAL, "decision", "null", "an approval needs \"decision\" or \"change_ref\"");
    ok_text("{\"kind\":\"approval\",\"id\":\"a\",\"change_ref\":\"CHG-1\",\"by\":\"alice\","
            "\"at\":\"" T0 "\",\"outcome\":\"vetoed\"}",
            SG_K_APPROVAL);
    ok_text("{\"kind\":\"approval\",\"id\":\"a\",\"decision\":\"d\",\"change_ref\":\"CHG-1\","
            "\"by\":\"alice\",\"at\":\"" T0 "\",\"outcome\":\"rejected\"}",
            SG_K_APPROVAL);
    ok(SG_K_APPROVAL, "evidence", "\"https://tickets/1\"");
    ok(SG_K_APPROVAL, "evidence", "{\"ticket\":1}");
    bad(SG_K_APPROVAL, "evidence", "[\"x\"]", "\"evidence\" must be a string or an object");
    bad(SG_K_APPROVAL, "evidence", "true", "\"evidence\" must be a string or an object");
}

static void test_record__notification_required(void **state)
{
    (void)state;
    missing(SG_K_NOTIFICATION, "id");
    missing(SG_K_NOTIFICATION, "decision");
    missing(SG_K_NOTIFICATION, "to");
    missing(SG_K_NOTIFICATION, "at");
    bad(SG_K_NOTIFICATION, "to", "\"\"", "\"to\" must not be empty");
    bad(SG_K_NOTIFICATION, "decision", "\"\"", "\"decision\" must not be empty");
    ok(SG_K_NOTIFICATION, "veto_window", "\"PT4H\"");
    ok(SG_K_NOTIFICATION, "veto_window", "\"PT1S\"");
    /* veto_window: a duration > 0 */
    bad(SG_K_NOTIFICATION, "veto_window", "\"PT0S\"", "\"veto_window\" must be longer than zero");
    bad(SG_K_NOTIFICATION, "veto_window", "\"P0D\"", "\"veto_window\" must be longer than zero");
    bad(SG_K_NOTIFICATION, "veto_window", "\"4h\"",
        "\"veto_window\" is not a duration like PT4H (does not start with 'P'): \"4h\"");
    bad(SG_K_NOTIFICATION, "veto_window", "\"P1M\"",
        "\"veto_window\" is not a duration like PT4H (years and months are not allowed): "
        "\"P1M\"");
    bad(SG_K_NOTIFICATION, "veto_window", "\"PT1.5H\"",
        "\"veto_window\" is not a duration like PT4H (fractions are not allowed): \"PT1.5H\"");
    bad(SG_K_NOTIFICATION, "veto_window", "14400",
        "\"veto_window\" must be a duration string");
}

static void test_record__acceptance_required(void **state)
{
    (void)state;
    missing(SG_K_RISK_ACCEPTANCE, "id");
    missing(SG_K_RISK_ACCEPTANCE, "owner");
    missing(SG_K_RISK_ACCEPTANCE, "acknowledged_at");
    bad(SG_K_RISK_ACCEPTANCE, "owner", "\"\"", "\"owner\" must not be empty");
    static const char *const need =
        "a risk acceptance needs \"decision\" or both \"vuln\" and \"asset\"";
    bad(SG_K_RISK_ACCEPTANCE, "decision", NULL, need);
    /* without decision, with only vuln (or only asset) */
    bad_text("{\"kind\":\"risk_acceptance\",\"id\":\"r\",\"vuln\":\"CVE-1\",\"owner\":\"alice\","
             "\"acknowledged_at\":\"" T0 "\"}",
             need);
    bad_text("{\"kind\":\"risk_acceptance\",\"id\":\"r\",\"asset\":\"web\",\"owner\":\"alice\","
             "\"acknowledged_at\":\"" T0 "\"}",
             need);
    ok_text("{\"kind\":\"risk_acceptance\",\"id\":\"r\",\"vuln\":\"CVE-1\",\"asset\":\"web\","
            "\"owner\":\"alice\",\"acknowledged_at\":\"" T0 "\"}",
            SG_K_RISK_ACCEPTANCE);
    ok_text("{\"kind\":\"risk_acceptance\",\"id\":\"r\",\"decision\":\"d\",\"vuln\":\"CVE-1\","
            "\"asset\":\"web\",\"owner\":\"alice\",\"acknowledged_at\":\"" T0 "\"}",
            SG_K_RISK_ACCEPTANCE);
    bad(SG_K_RISK_ACCEPTANCE, "vuln", "\"\"", "\"vuln\" must not be empty");
    ok(SG_K_RISK_ACCEPTANCE, "compensating_controls", "[\"waf\"]");
    bad(SG_K_RISK_ACCEPTANCE, "compensating_controls", "\"waf\"",
        "\"compensating_controls\" must be an array of strings");
}

static void test_record__exposure_required(void **state)
{
    (void)state;
    missing(SG_K_EXPOSURE, "id");
    missing(SG_K_EXPOSURE, "vuln");
    missing(SG_K_EXPOSURE, "asset");
    missing(SG_K_EXPOSURE, "first_seen");
    bad(SG_K_EXPOSURE, "vuln", "\"\"", "\"vuln\" must not be empty");
    bad(SG_K_EXPOSURE, "asset", "\"\"", "\"asset\" must not be empty");
    bad(SG_K_EXPOSURE, "first_seen", "\"\"",
        "\"first_seen\" is not an RFC 3339 time (not YYYY-MM-DD): \"\"");
    ok(SG_K_EXPOSURE, "status", "\"open\"");
    ok(SG_K_EXPOSURE, "last_seen", "\"" T0 "\"");
    ok(SG_K_EXPOSURE, "cvss", "0");
    ok(SG_K_EXPOSURE, "cvss", "10");
    ok(SG_K_EXPOSURE, "severity", "\"low\"");
}

/* ---- ids -------------------------------------------------------------------------- */

static void test_record__id_fields_empty_refused(void **state)
{
    (void)state;
    for (int k = 0; k < SG_K__COUNT; k++)
        bad((enum sg_kind)k, "id", "\"\"", "\"id\" must not be empty");
    bad(SG_K_DECISION, "change", "{\"requested_by\":\"\"}",
        "\"change.requested_by\" must not be empty");
    bad(SG_K_POLICY, "signed_by", "\"\"", "\"signed_by\" must not be empty");
    /* an id with U+0000 cannot be a C string: refused */
    json_t *o = load(minimal[SG_K_AGENT]);
    json_object_set_new(o, "id", json_stringn("a\0b", 3));
    bad_obj(o, "\"id\" contains a NUL character");
    /* ids up to 1024 bytes (limits.h) */
    char *id = sg_xmalloc(1024 + 3);
    id[0] = '"';
    memset(id + 1, 'x', 1024);
    id[1025] = '"';
    id[1026] = '\0';
    ok(SG_K_AGENT, "id", id);
    free(id);
    id = sg_xmalloc(1025 + 3);
    id[0] = '"';
    memset(id + 1, 'x', 1025);
    id[1026] = '"';
    id[1027] = '\0';
    bad(SG_K_AGENT, "id", id, "\"id\" is longer than 1024 bytes");
    free(id);
}

/* ---- enums ------------------------------------------------------------------------ */

static void test_record__enums_are_lower_case_words(void **state)
{
    (void)state;
    static const char *const envs = "production, staging, development, test, lab";
    static const char *const levels = "critical, high, medium, low";
    char msg[512];

    snprintf(msg, sizeof(msg), "\"environment\" must be one of %s, not \"Production\"", envs);
    bad(SG_K_ASSET, "environment", "\"Production\"", msg);
    snprintf(msg, sizeof(msg), "\"environment\" must be one of %s, not \"prod\"", envs);
    bad(SG_K_ASSET, "environment", "\"prod\"", msg);
    snprintf(msg, sizeof(msg), "\"environment\" must be one of %s", envs);
    bad(SG_K_ASSET, "environment", "1", msg);
    for (const char *const *e = (const char *const[]){"production", "staging", "development",
                                                        "test", "lab", NULL};
         *e; e++) {
        char v[64];
        snprintf(v, sizeof(v), "\"%s\"", *e);
        ok(SG_K_ASSET, "environment", v);
    }
    snprintf(msg, sizeof(msg), "\"criticality\" must be one of %s, not \"HIGH\"", levels);
    bad(SG_K_ASSET, "criticality", "\"HIGH\"", msg);
    bad(SG_K_DECISION, "action", "\"Patch\"",
        "\"action\" must be one of patch, upgrade, rollback, restart, config_change, "
        "isolate, disable_account, firewall_change, iam_change, rotate_secret, "
        "suppress_alert, deploy_script, not \"Patch\"");
    static const char *const actions[] = {"patch",          "upgrade",         "rollback",
                                          "restart",        "config_change",   "isolate",
                                          "disable_account", "firewall_change", "iam_change",
                                          "rotate_secret",  "suppress_alert",  "deploy_script"};
    for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
        char v[64];
        snprintf(v, sizeof(v), "\"%s\"", actions[i]);
        ok(SG_K_DECISION, "action", v);
    }
    bad(SG_K_DECISION, "outcome", "\"ACT\"",
        "\"outcome\" must be one of act, defer, escalate, not \"ACT\"");
    ok(SG_K_DECISION, "outcome", "\"defer\"");
    ok(SG_K_DECISION, "outcome", "\"escalate\"");
    snprintf(msg, sizeof(msg), "\"vulns[0].severity\" must be one of %s, not \"HIGH\"", levels);
    bad(SG_K_DECISION, "vulns", "[{\"id\":\"CVE-1\",\"severity\":\"HIGH\"}]", msg);
    bad(SG_K_APPROVAL, "outcome", "\"APPROVED\"",
        "\"outcome\" must be one of approved, rejected, vetoed, not \"APPROVED\"");
    bad(SG_K_APPROVAL, "outcome", "\"approve\"",
        "\"outcome\" must be one of approved, rejected, vetoed, not \"approve\"");
    bad(SG_K_EXPOSURE, "status", "\"Fixed\"", "\"status\" must be one of open, fixed, not \"Fixed\"");
    bad(SG_K_EXPOSURE, "status", "\"closed\"",
        "\"status\" must be one of open, fixed, not \"closed\"");
    snprintf(msg, sizeof(msg), "\"severity\" must be one of %s, not \"HIGH\"", levels);
    bad(SG_K_EXPOSURE, "severity", "\"HIGH\"", msg);
    snprintf(msg, sizeof(msg), "\"severity\" must be one of %s, not \"info\"", levels);
    bad(SG_K_EXPOSURE, "severity", "\"info\"", msg);
}

/* ---- numbers ---------------------------------------------------------------------- */

static void test_record__ranges(void **state)
{
    (void)state;
    ok(SG_K_DECISION, "vulns", "[{\"id\":\"CVE-1\",\"cvss\":10}]");
    ok(SG_K_DECISION, "vulns", "[{\"id\":\"CVE-1\",\"cvss\":0.0}]");
    bad(SG_K_DECISION, "vulns", "[{\"id\":\"CVE-1\",\"cvss\":10.5}]",
        "\"vulns[0].cvss\" must be between 0 and 10");
    bad(SG_K_DECISION, "vulns", "[{\"id\":\"CVE-1\",\"cvss\":-0.1}]",
        "\"vulns[0].cvss\" must be between 0 and 10");
    bad(SG_K_DECISION, "vulns", "[{\"id\":\"CVE-1\",\"cvss\":\"9.8\"}]",
        "\"vulns[0].cvss\" must be a number");
    ok(SG_K_DECISION, "vulns", "[{\"id\":\"CVE-1\",\"epss\":1}]");
    ok(SG_K_DECISION, "vulns", "[{\"id\":\"CVE-1\",\"epss\":0}]");
    bad(SG_K_DECISION, "vulns", "[{\"id\":\"CVE-1\",\"epss\":-0.1}]",
        "\"vulns[0].epss\" must be between 0 and 1");
    bad(SG_K_DECISION, "vulns", "[{\"id\":\"CVE-1\",\"epss\":1.01}]",
        "\"vulns[0].epss\" must be between 0 and 1");
    ok(SG_K_DECISION, "confidence", "1");
    ok(SG_K_DECISION, "confidence", "0");
    ok(SG_K_DECISION, "confidence", "0.85");
    bad(SG_K_DECISION, "confidence", "1.1", "\"confidence\" must be between 0 and 1");
    bad(SG_K_DECISION, "confidence", "-0.0001", "\"confidence\" must be between 0 and 1");
    bad(SG_K_DECISION, "confidence", "\"high\"", "\"confidence\" must be a number");
    ok(SG_K_DECISION, "tier", "1");
    ok(SG_K_DECISION, "tier", "3");
    bad(SG_K_DECISION, "tier", "0", "\"tier\" must be between 1 and 3");
    bad(SG_K_DECISION, "tier", "4", "\"tier\" must be between 1 and 3");
    bad(SG_K_DECISION, "tier", "2.0", "\"tier\" must be an integer");
    bad(SG_K_DECISION, "tier", "2.5", "\"tier\" must be an integer");
    bad(SG_K_DECISION, "tier", "2e0", "\"tier\" must be an integer");
    ok(SG_K_DECISION, "automation_level", "1");
    ok(SG_K_DECISION, "automation_level", "5");
    bad(SG_K_DECISION, "automation_level", "0", "\"automation_level\" must be between 1 and 5");
    bad(SG_K_DECISION, "automation_level", "6", "\"automation_level\" must be between 1 and 5");
    bad(SG_K_DECISION, "automation_level", "3.0", "\"automation_level\" must be an integer");
    bad(SG_K_EXPOSURE, "cvss", "10.5", "\"cvss\" must be between 0 and 10");
    bad(SG_K_EXPOSURE, "cvss", "true", "\"cvss\" must be a number");
}

/* ---- times ------------------------------------------------------------------------ */

static void test_record__times(void **state)
{
    (void)state;
    ok(SG_K_DECISION, "at", "\"2026-07-01t00:00:00.123456789z\"");
    ok(SG_K_DECISION, "at", "\"2026-07-01T02:00:00+02:00\"");
    bad(SG_K_DECISION, "at", "\"2026-13-01T00:00:00Z\"",
        "\"at\" is not an RFC 3339 time (month out of range): \"2026-13-01T00:00:00Z\"");
    bad(SG_K_DECISION, "at", "\"2023-02-29T00:00:00Z\"",
        "\"at\" is not an RFC 3339 time (day out of range): \"2023-02-29T00:00:00Z\"");
    bad(SG_K_DECISION, "at", "\"2026-07-01T24:00:00Z\"",
        "\"at\" is not an RFC 3339 time (hour, minute or second out of range): "
        "\"2026-07-01T24:00:00Z\"");
    bad(SG_K_DECISION, "at", "\"2026-07-01\"",
        "\"at\" is not an RFC 3339 time (a date without a time): \"2026-07-01\"");
    bad(SG_K_DECISION, "at", "\"2026-07-01 00:00:00Z\"",
        "\"at\" is not an RFC 3339 time (no 'T' between date and time): "
        "\"2026-07-01 00:00:00Z\"");
    bad(SG_K_DECISION, "at", "\"1677-12-31T23:59:59Z\"",
        "\"at\" is not an RFC 3339 time (year out of range 1678-2261): "
        "\"1677-12-31T23:59:59Z\"");
    bad(SG_K_DECISION, "at", "1782864000", "\"at\" must be an RFC 3339 time string");
    bad(SG_K_APPROVAL, "at", "\"2026-07-01T00:00:00.1234567890Z\"",
        "\"at\" is not an RFC 3339 time (fraction must have 1 to 9 digits): "
        "\"2026-07-01T00:00:00.1234567890Z\"");
    bad(SG_K_NOTIFICATION, "at", "\"2026-07-01T00:00:00+24:00\"",
        "\"at\" is not an RFC 3339 time (offset out of range): \"2026-07-01T00:00:00+24:00\"");
    bad(SG_K_RISK_ACCEPTANCE, "acknowledged_at", "\"2026-07-01T00:00:00Zx\"",
        "\"acknowledged_at\" is not an RFC 3339 time (trailing characters): "
        "\"2026-07-01T00:00:00Zx\"");
    bad(SG_K_RISK_ACCEPTANCE, "expires", "\"never\"",
        "\"expires\" is not an RFC 3339 time (not YYYY-MM-DD): \"never\"");
    bad(SG_K_EXPOSURE, "last_seen", "\"2026-07-01T00:00\"",
        "\"last_seen\" is not an RFC 3339 time (time is not hh:mm:ss): \"2026-07-01T00:00\"");
    /* a long bad value is cut in the message */
    bad(SG_K_DECISION, "at",
        "\"2026-07-01T00:00:00Z0123456789012345678901234567890123456789012345678901234567890\"",
        "\"at\" is not an RFC 3339 time (trailing characters): "
        "\"2026-07-01T00:00:00Z0123456789012345678901234567890123456789\"");
}

/* ---- cross-field rules of SPEC §2 ------------------------------------------------ */

static void test_record__deployed_at_before_at(void **state)
{
    (void)state;
    ok(SG_K_DECISION, "change.deployed_at", "\"" T0 "\""); /* equal: deployed_at >= at */
    ok(SG_K_DECISION, "change.deployed_at", "\"2026-07-01T00:00:00.000000001Z\"");
    bad(SG_K_DECISION, "change.deployed_at", "\"2026-06-30T23:59:59.999999999Z\"",
        "\"change.deployed_at\" is before \"at\"");
    /* compared as instants, not text */
    ok(SG_K_DECISION, "change.deployed_at", "\"2026-07-01T01:00:00+01:00\"");
    bad(SG_K_DECISION, "change.deployed_at", "\"2026-07-01T01:00:00+02:00\"",
        "\"change.deployed_at\" is before \"at\"");
}

static void test_record__expires_before_acknowledged_at(void **state)
{
    (void)state;
    ok(SG_K_RISK_ACCEPTANCE, "expires", "\"" T0 "\"");
    ok(SG_K_RISK_ACCEPTANCE, "expires", "\"2027-01-01T00:00:00Z\"");
    bad(SG_K_RISK_ACCEPTANCE, "expires", "\"2026-06-30T23:59:59Z\"",
        "\"expires\" is before \"acknowledged_at\"");
}

static void test_record__exposure_rules(void **state)
{
    (void)state;
    bad(SG_K_EXPOSURE, "status", "\"fixed\"", "a fixed exposure needs \"last_seen\"");
    ok_text("{\"kind\":\"exposure\",\"id\":\"e\",\"vuln\":\"CVE-1\",\"asset\":\"web\","
            "\"first_seen\":\"" T0 "\",\"last_seen\":\"" T0 "\",\"status\":\"fixed\"}",
            SG_K_EXPOSURE);
    ok(SG_K_EXPOSURE, "last_seen", "\"2026-07-02T00:00:00Z\"");
    bad(SG_K_EXPOSURE, "last_seen", "\"2026-06-30T00:00:00Z\"",
        "\"last_seen\" is before \"first_seen\"");
    bad(SG_K_EXPOSURE, "last_seen", "\"2026-07-01T00:59:59+01:00\"",
        "\"last_seen\" is before \"first_seen\"");
    bad_text("{\"kind\":\"exposure\",\"id\":\"e\",\"vuln\":\"CVE-1\",\"asset\":\"web\","
             "\"first_seen\":\"" T0 "\",\"last_seen\":null,\"status\":\"fixed\"}",
             "a fixed exposure needs \"last_seen\"");
}

/* ---- unknown fields, nulls, first error wins ---------------------------------------- */

static void test_record__unknown_fields_accepted(void **state)
{
    (void)state;
    ok(SG_K_DECISION, "x_vendor", "{\"model\":\"gpt\",\"deep\":[1,{\"a\":null}]}");
    ok(SG_K_IDENTITY, "department", "\"ops\"");
    ok(SG_K_EXPOSURE, "scanner", "\"trivy\"");
    ok(SG_K_DECISION, "vulns", "[{\"id\":\"CVE-1\",\"purl\":\"pkg:npm/x@1\"}]");
    ok(SG_K_DECISION, "change", "{\"ticket_url\":\"https://x\"}");
}

static void test_record__nulls_are_absent(void **state)
{
    (void)state;
    /* a required field given as null is missing */
    bad(SG_K_DECISION, "agent", "null", "missing required field \"agent\"");
    /* an optional one as null is fine, even where its type would be wrong */
    ok(SG_K_DECISION, "tier", "null");
    ok(SG_K_DECISION, "change", "{\"deployed_at\":null,\"tests\":null}");
    ok(SG_K_DECISION, "vulns", "[{\"id\":\"CVE-1\",\"cvss\":null}]");
}

static void test_record__first_problem_wins(void **state)
{
    (void)state;
    /* id is checked before at, at before action */
    bad_text("{\"kind\":\"decision\",\"id\":\"\",\"agent\":\"bot\",\"at\":\"bad\","
             "\"action\":\"PATCH\",\"outcome\":\"act\",\"targets\":[]}",
             "\"id\" must not be empty");
    bad_text("{\"kind\":\"decision\",\"id\":\"d\",\"agent\":\"bot\",\"at\":\"bad\","
             "\"action\":\"PATCH\",\"outcome\":\"act\",\"targets\":[]}",
             "\"at\" is not an RFC 3339 time (not YYYY-MM-DD): \"bad\"");
    /* a field problem before a cross-field rule */
    bad_text("{\"kind\":\"exposure\",\"id\":\"e\",\"vuln\":\"CVE-1\",\"asset\":\"web\","
             "\"first_seen\":\"" T0 "\",\"status\":\"fixed\",\"cvss\":11}",
             "\"cvss\" must be between 0 and 10");
    /* and the error already set is kept */
    struct sg_error err;
    struct sg_pos pos = {"in.jsonl", 3, NULL};
    enum sg_kind k;
    json_t *o = load("{\"kind\":\"agent\"}");
    sg_error_init(&err);
    sg_error_set(&err, EX_IOERR, NULL, "earlier");
    assert_int_equal(sg_record_validate(o, &k, &pos, &err), -1);
    assert_int_equal(err.code, EX_IOERR);
    assert_string_equal(err.msg, "earlier");
    json_decref(o);
}

static void test_record__limits(void **state)
{
    (void)state;
    /* nesting: 32 levels of containers, the record included, pass; 33 fail */
    struct sg_buf b = {0};
    sg_buf_adds(&b, "{\"kind\":\"agent\",\"id\":\"bot\",\"x\":");
    for (int i = 0; i < 30; i++)
        sg_buf_addc(&b, '[');
    sg_buf_adds(&b, "{}");
    for (int i = 0; i < 30; i++)
        sg_buf_addc(&b, ']');
    sg_buf_addc(&b, '}');
    ok_text(sg_buf_str(&b), SG_K_AGENT);
    sg_buf_reset(&b);
    sg_buf_adds(&b, "{\"kind\":\"agent\",\"id\":\"bot\",\"x\":");
    for (int i = 0; i < 31; i++)
        sg_buf_addc(&b, '[');
    sg_buf_adds(&b, "{}");
    for (int i = 0; i < 31; i++)
        sg_buf_addc(&b, ']');
    sg_buf_addc(&b, '}');
    bad_text(sg_buf_str(&b), "nested too deeply (limit 32)");
    /* a string of 64 KiB passes, one byte more fails */
    sg_buf_reset(&b);
    sg_buf_adds(&b, "{\"kind\":\"agent\",\"id\":\"bot\",\"x\":\"");
    for (int i = 0; i < 65536; i++)
        sg_buf_addc(&b, 'a');
    sg_buf_adds(&b, "\"}");
    ok_text(sg_buf_str(&b), SG_K_AGENT);
    sg_buf_reset(&b);
    sg_buf_adds(&b, "{\"kind\":\"agent\",\"id\":\"bot\",\"x\":\"");
    for (int i = 0; i < 65537; i++)
        sg_buf_addc(&b, 'a');
    sg_buf_adds(&b, "\"}");
    bad_text(sg_buf_str(&b), "string longer than 64 KiB");
    /* arrays: 10000 targets pass, 10001 fail */
    for (int n = 10000; n <= 10001; n++) {
        sg_buf_reset(&b);
        sg_buf_adds(&b, "{\"kind\":\"decision\",\"id\":\"d\",\"agent\":\"bot\",\"at\":\"" T0
                        "\",\"action\":\"patch\",\"outcome\":\"act\",\"targets\":[");
        for (int i = 0; i < n; i++)
            sg_buf_printf(&b, "%s\"t%d\"", i ? "," : "", i);
        sg_buf_adds(&b, "]}");
        if (n == 10000)
            ok_text(sg_buf_str(&b), SG_K_DECISION);
        else
            bad_text(sg_buf_str(&b), "\"targets\" has more than 10000 items");
    }
    sg_buf_release(&b);
}

/* ---- getters and levels ------------------------------------------------------------ */

static void test_record__getters(void **state)
{
    (void)state;
    json_t *o = load("{\"kind\":\"decision\",\"id\":\"d\",\"agent\":\"bot\",\"at\":"
                     "\"2026-07-01T02:00:00+02:00\",\"action\":\"patch\",\"outcome\":\"act\","
                     "\"targets\":[],\"rationale\":\"\",\"change\":{\"ref\":\"CHG-1\","
                     "\"deployed_at\":\"2026-07-01T01:00:00Z\"}}");
    int64_t t = 0;
    assert_string_equal(sg_rec_str(o, "id"), "d");
    assert_null(sg_rec_str(o, "rationale")); /* "" is Missing */
    assert_null(sg_rec_str(o, "nope"));
    assert_null(sg_rec_str(o, "targets"));
    assert_string_equal(sg_rec_str2(o, "change", "ref"), "CHG-1");
    assert_null(sg_rec_str2(o, "change", "requested_by"));
    assert_null(sg_rec_str2(o, "nope", "ref"));
    assert_int_equal(sg_rec_time(o, "at", &t), 0);
    assert_int_equal(t, INT64_C(1782864000) * SG_NS_PER_SEC);
    assert_int_equal(sg_rec_time2(o, "change", "deployed_at", &t), 0);
    assert_int_equal(t, INT64_C(1782867600) * SG_NS_PER_SEC);
    assert_int_not_equal(sg_rec_time(o, "rationale", &t), 0);
    assert_int_not_equal(sg_rec_time2(o, "nope", "deployed_at", &t), 0);
    json_decref(o);

    assert_int_equal(sg_level_lookup("low"), 1);
    assert_int_equal(sg_level_lookup("medium"), 2);
    assert_int_equal(sg_level_lookup("high"), 3);
    assert_int_equal(sg_level_lookup("critical"), 4);
    assert_int_equal(sg_level_lookup("HIGH"), 0);
    assert_int_equal(sg_level_lookup(""), 0);
    assert_string_equal(sg_level_name(4), "critical");
    assert_string_equal(sg_level_name(1), "low");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record__minimal_records_are_valid),
        cmocka_unit_test(test_record__kind),
        cmocka_unit_test(test_record__identity_required),
        cmocka_unit_test(test_record__agent_required),
        cmocka_unit_test(test_record__asset_required),
        cmocka_unit_test(test_record__policy_required),
        cmocka_unit_test(test_record__policy_version_large_integer),
        cmocka_unit_test(test_record__decision_required),
        cmocka_unit_test(test_record__decision_optional_members),
        cmocka_unit_test(test_record__approval_required),
        cmocka_unit_test(test_record__notification_required),
        cmocka_unit_test(test_record__acceptance_required),
        cmocka_unit_test(test_record__exposure_required),
        cmocka_unit_test(test_record__id_fields_empty_refused),
        cmocka_unit_test(test_record__enums_are_lower_case_words),
        cmocka_unit_test(test_record__ranges),
        cmocka_unit_test(test_record__times),
        cmocka_unit_test(test_record__deployed_at_before_at),
        cmocka_unit_test(test_record__expires_before_acknowledged_at),
        cmocka_unit_test(test_record__exposure_rules),
        cmocka_unit_test(test_record__unknown_fields_accepted),
        cmocka_unit_test(test_record__nulls_are_absent),
        cmocka_unit_test(test_record__first_problem_wins),
        cmocka_unit_test(test_record__limits),
        cmocka_unit_test(test_record__getters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

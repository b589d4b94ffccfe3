/* test_json.c: the store's canonical JSON (src/util/json.c) is byte for byte what
 * jansson's json_dumps wrote before it was hand-written (stores compare records by these
 * bytes, SPEC §8): fixed cases, random values, and every record under tests/data and
 * samples/; and a canonical text's members cut from the text are what parsing, deleting
 * and writing it again gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "signoff/json.h"

#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the reference: jansson, as sg_json_canonical was written before ------------- */

static json_t *ref_copy(const json_t *v)
{
    if (json_is_real(v)) {
        double d = json_real_value(v);
        if (d == floor(d) && fabs(d) < 9007199254740992.0)
            return json_integer((json_int_t)d);
        return json_real(d);
    }
    if (json_is_object(v)) {
        json_t *o = json_object();
        const char *key;
        json_t *val;
        json_object_foreach((json_t *)v, key, val)
            json_object_set_new(o, key, ref_copy(val));
        return o;
    }
    if (json_is_array(v)) {
        json_t *a = json_array();
        size_t i;
        json_t *val;
        json_array_foreach(v, i, val) json_array_append_new(a, ref_copy(val));
        return a;
    }
    return json_deep_copy(v);
}

static char *reference(const json_t *v)
{
    json_t *c = ref_copy(v);
    char *s = json_dumps(c, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY |
                                JSON_REAL_PRECISION(17));
    json_decref(c);
    return s != NULL ? s : strdup("null");
}

static long compared;

static void same(const json_t *v)
{
    char *want = reference(v), *got = sg_json_canonical(v);
    if (strcmp(want, got) != 0)
        print_error("canonical:\n  got  %s\n  want %s\n", got, want);
    assert_string_equal(got, want);
    free(want);
    free(got);
    compared++;
}

static void same_text(const char *text)
{
    json_error_t e;
    json_t *v = json_loads(text, JSON_DECODE_ANY, &e);
    if (v == NULL)
        print_error("%s: %s\n", text, e.text);
    assert_non_null(v);
    same(v);
    json_decref(v);
}

static void test_fixed(void **state)
{
    static const char *const cases[] = {
        "null",
        "true",
        "false",
        "0",
        "-0",
        "1",
        "-1",
        "9223372036854775807",
        "-9223372036854775808",
        "0.0",
        "-0.0",
        "1.0",
        "1.5",
        "0.1",
        "-2.25",
        "1e300",
        "-1e-300",
        "5e-324",
        "1.7976931348623157e308",
        "9007199254740992.0",
        "9007199254740991.0",
        "9007199254740994.0",
        "1e15",
        "1e16",
        "1e25",
        "123456.789",
        "3.141592653589793",
        "\"\"",
        "\"plain\"",
        "\"quote \\\" backslash \\\\ slash /\"",
        "\"\\b\\f\\n\\r\\t\"",
        "\"\\u0001\\u001f\\u001B\\u007f\"",
        "\"Zo\\u00eb \\u7530\\u4e2d \\u0644\\u064a\\u0644\\u0649 \\ud83d\\ude00\"",
        "\"\\u2028\\u2029\\u202e\"",
        "[]",
        "{}",
        "[[]]",
        "[{}]",
        "{\"a\":{}}",
        "[1,\"a\",null,true,false,1.0,2.5,[3],{\"k\":\"v\"}]",
        "{\"b\":1,\"a\":2,\"ab\":3,\"B\":4,\"\\u00e9\":5,\"e\":6,\"\":7,\"a b\":8}",
        "{\"z\":{\"y\":[{\"x\":1.0,\"w\":[2.0,{\"v\":null}]}]},\"status\":\"open\"}",
        "{\"k\\\"ey\":1,\"k\\\\ey\":2,\"k\\ney\":3}",
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        same_text(cases[i]);
    /* more members than the writer keeps on its stack */
    json_t *o = json_object();
    for (int i = 0; i < 200; i++) {
        char k[16];
        snprintf(k, sizeof(k), "k%03d", (i * 37) % 200);
        json_object_set_new(o, k, json_integer(i));
    }
    same(o);
    json_decref(o);
    char *n = sg_json_canonical(NULL);
    assert_string_equal(n, "null");
    free(n);
}

/* ---- random values ---------------------------------------------------------------- */

static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

static unsigned next(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static json_t *random_string(void)
{
    static const char *const pieces[] = {"a",
                                         "Z",
                                         " ",
                                         "\"",
                                         "\\",
                                         "/",
                                         "\n",
                                         "\t",
                                         "\x01",
                                         "\x1f",
                                         "\x7f",
                                         "\xc3\xa9",
                                         "\xe7\x94\xb0",
                                         "\xd9\x84",
                                         "\xf0\x9f\x98\x80",
                                         "\xe2\x80\xae",
                                         "id-",
                                         "0",
                                         "status",
                                         "last_seen"};
    char buf[256];
    size_t n = 0, k = next(12);
    for (size_t i = 0; i < k; i++) {
        const char *p = pieces[next(sizeof(pieces) / sizeof(pieces[0]))];
        size_t l = strlen(p);
        if (n + l >= sizeof(buf))
            break;
        memcpy(buf + n, p, l);
        n += l;
    }
    buf[n] = '\0';
    return json_string(buf);
}

static json_t *random_value(int depth)
{
    unsigned pick = next(depth > 4 ? 7 : 9);
    switch (pick) {
    case 0:
        return json_null();
    case 1:
        return json_boolean(next(2));
    case 2: {
        static const json_int_t edges[] = {
            0, 1, -1, 9, 10, 99, 100, -100, INT64_MAX, INT64_MIN, 9007199254740993LL};
        if (next(3) == 0)
            return json_integer(edges[next(sizeof(edges) / sizeof(edges[0]))]);
        return json_integer((json_int_t)next(2000000) - 1000000);
    }
    case 3: {
        static const double edges[] = {0.0,          -0.0,   0.5,
                                       -0.5,         1.0,    7.5,
                                       9.8,          1e-7,   1e21,
                                       1e22,         1e23,   9007199254740992.0,
                                       1e300,        5e-324, 0.30000000000000004,
                                       123456789.125};
        if (next(3) == 0)
            return json_real(edges[next(sizeof(edges) / sizeof(edges[0]))]);
        if (next(2) == 0) { /* any finite double: every exponent, every digit count */
            double d;
            unsigned long long bits = ((unsigned long long)next(1u << 31) << 33) ^
                                      ((unsigned long long)next(1u << 31) << 2) ^ next(4);
            memcpy(&d, &bits, sizeof(d));
            if (isfinite(d))
                return json_real(d);
        }
        return json_real(((double)next(2000000) - 1000000.0) / (double)(1 + next(1000)));
    }
    case 4:
    case 5:
    case 6:
        return random_string();
    case 7: {
        json_t *a = json_array();
        for (unsigned i = next(6); i > 0; i--)
            json_array_append_new(a, random_value(depth + 1));
        return a;
    }
    default: {
        json_t *o = json_object();
        for (unsigned i = next(24); i > 0; i--) {
            json_t *k = random_string();
            json_object_set_new(o, json_string_value(k), random_value(depth + 1));
            json_decref(k);
        }
        return o;
    }
    }
}

static void test_random(void **state)
{
    (void)state;
    for (int i = 0; i < 20000; i++) {
        json_t *v = random_value(0);
        same(v);
        json_decref(v);
    }
}

/* ---- every record the tests and samples hold -------------------------------------- */

static void test_records(void **state)
{
    const char *data = getenv("SIGNOFF_TEST_DATA");
    static const char *const patterns[] = {"%s/../../samples/*.jsonl", "%s/*.jsonl",
                                           "%s/*/*.jsonl", "%s/*/*/*.jsonl",
                                           "%s/*/*/*/*.jsonl"};
    long before = compared;
    (void)state;
    if (data == NULL)
        skip();
    for (size_t p = 0; p < sizeof(patterns) / sizeof(patterns[0]); p++) {
        char pat[4096];
        glob_t g;
        snprintf(pat, sizeof(pat), patterns[p], data);
        if (glob(pat, 0, NULL, &g) != 0)
            continue;
        for (size_t i = 0; i < g.gl_pathc; i++) {
            FILE *f = fopen(g.gl_pathv[i], "r");
            char *line = NULL;
            size_t cap = 0;
            if (f == NULL)
                continue;
            while (getline(&line, &cap, f) > 0) {
                json_t *v = json_loads(line, JSON_REJECT_DUPLICATES, NULL);
                if (v != NULL) {
                    same(v);
                    json_decref(v);
                }
            }
            free(line);
            fclose(f);
        }
        globfree(&g);
    }
    assert_true(compared - before > 100); /* the samples alone hold more */
}

/* ---- sg_json_canonical_without -------------------------------------------------- */

static void without_is_parse(const json_t *v)
{
    static const char *const keys[] = {"last_seen", "status"};
    char *canon = sg_json_canonical(v), *got = sg_json_canonical_without(canon, keys, 2),
         *want;
    json_t *c = json_deep_copy(v);
    json_object_del(c, "last_seen");
    json_object_del(c, "status");
    want = sg_json_canonical(c);
    if (strcmp(got, want) != 0)
        print_error("without:\n  of   %s\n  got  %s\n  want %s\n", canon, got, want);
    assert_string_equal(got, want);
    json_decref(c);
    free(canon);
    free(got);
    free(want);
}

static void test_without(void **state)
{
    static const char *const cases[] = {
        "{}",
        "{\"status\":\"open\"}",
        "{\"last_seen\":\"2026-07-01T00:00:00Z\"}",
        "{\"a\":1,\"last_seen\":\"x\",\"status\":\"fixed\",\"z\":[1,{\"status\":2}]}",
        "{\"last_seen\":null,\"status\":{\"last_seen\":1},\"statuses\":[\"status\"]}",
        "{\"a\":\"},\\\"status\\\":\",\"b\":[\"]\",{\"c\":\"{\"}],\"status\":[[],{}]}",
        "{\"last_seen0\":1,\"last_see\":2,\"Status\":3,\"status\":-1.5e-7,\"t\":true}",
        "{\"\\\"status\":1,\"status\\\\\":2,\"x\\\"\":\"status\"}",
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *v = json_loads(cases[i], 0, NULL);
        assert_non_null(v);
        without_is_parse(v);
        json_decref(v);
    }
    for (int i = 0; i < 20000; i++) {
        json_t *v = random_value(0);
        if (json_is_object(v)) {
            if (next(2))
                json_object_set_new(v, "status", random_value(3));
            if (next(2))
                json_object_set_new(v, "last_seen", random_value(3));
            without_is_parse(v);
        }
        json_decref(v);
    }
}

/* Pools (json.h): a tree made in a pool is dropped by the reset alone; one with a piece
   too large for a chunk is not "whole" and json_decref frees that piece (LeakSanitizer
   reports it otherwise); and what jansson makes outside a pool, json_dumps' text among
   it, is plain malloc memory that free() takes. */
static void test_pool(void **state)
{
    struct sg_jpool *p = sg_jpool_new();
    char *big = malloc(300000 + 3), *text;
    json_t *v, *w;
    (void)state;

    for (int round = 0; round < 3; round++) {
        sg_jpool_use(p);
        for (int i = 0; i < 2000; i++) {
            v = json_loads("{\"a\":[1,2.5,\"x\",{\"b\":null}],\"c\":\"d\"}", 0, NULL);
            assert_non_null(v);
            assert_int_equal(json_integer_value(json_array_get(json_object_get(v, "a"), 0)),
                             1);
            if (i % 2 == 0)
                json_decref(v); /* freeing pool memory piece by piece does nothing */
        }
        sg_jpool_use(NULL);
        assert_true(sg_jpool_whole(p));
        sg_jpool_reset(p);
    }

    memset(big, 'y', 300002);
    big[0] = '"';
    big[300001] = '"';
    big[300002] = '\0';
    sg_jpool_use(p);
    v = json_loads(big, JSON_DECODE_ANY, NULL);
    w = json_string("small");
    sg_jpool_use(NULL);
    assert_non_null(v);
    assert_int_equal(json_string_length(v), 300000);
    assert_false(sg_jpool_whole(p));
    json_decref(v);
    json_decref(w);
    sg_jpool_reset(p);
    assert_true(sg_jpool_whole(p));

    text = sg_jpool_alloc(p, 400000); /* larger than a chunk's share: malloc */
    assert_false(sg_jpool_whole(p));
    sg_jfree(text);
    text = sg_jpool_alloc(p, 100);
    memcpy(text, "line", 5);
    sg_jfree(text);
    sg_jpool_reset(p);

    v = json_pack("{s:[i,s]}", "k", 1, "v");
    text = json_dumps(v, JSON_COMPACT);
    assert_string_equal(text, "{\"k\":[1,\"v\"]}");
    free(text);
    json_decref(v);
    free(big);
    sg_jpool_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_records),
        cmocka_unit_test(test_without),
        cmocka_unit_test(test_pool),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

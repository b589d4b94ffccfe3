/* test_import_robust.c: no document crashes an importer. Every example document of
 * tests/data/import, and mutilated variants of each — truncated at many points, each of
 * its values (a sample of them in large documents) replaced by null, numbers, strings,
 * booleans, empty and odd containers, and whole-document rewrites (every scalar null,
 * every member null, strings and numbers swapped, arrays and objects swapped) — goes
 * through every importer, with and without --seen-at and --asset. Each run must end in
 * 0 with no message, or in -1 with EX_DATAERR and only "doc.json…" messages; under the
 * ASan+UBSan build any memory error or undefined behaviour fails the run. */
#include "harness.h"

#include "signoff/import.h"
#include "signoff/sha256.h"
#include "signoff/xalloc.h"

#include <dirent.h>

struct msgs {
    int n, foreign;
};

static void collect(void *ctx, const struct sg_error *e)
{
    struct msgs *m = ctx;
    char line[1024];
    sg_error_format(e, line, sizeof(line));
    if (strncmp(line, "doc.json", 8) != 0 || e->code != EX_DATAERR)
        m->foreign++;
    m->n++;
}

static long runs;

static void run_one(struct sg_store *st, enum sg_import_format f, const char *text,
                    size_t len, int variant)
{
    struct sg_error err;
    struct sg_ingest_stats stats = {0};
    struct msgs m = {0, 0};
    struct sg_import_opts o = {f, variant & 1 ? "asset-1" : NULL, NULL,
                               variant & 2 ? "2026-01-01T00:00:00Z" : NULL, 0};
    char hex[SG_SHA256_HEX];
    int64_t src;

    sg_error_init(&err);
    sg_sha256_hex(text, len, hex);
    assert_int_equal(sg_store_begin(st, &err), 0);
    assert_int_equal(sg_store_add_source(st, "doc.json", hex, 0, 0, &src, &err), 0);
    int rc = sg_import_document(st, "doc.json", text, len, hex, src, &o, collect, &m,
                                &stats, &err);
    sg_store_rollback(st);
    runs++;
    if (rc == 0) {
        assert_int_equal(m.n, 0);
    } else {
        assert_int_equal(rc, -1);
        assert_int_equal(err.code, EX_DATAERR);
        assert_true(m.n > 0);
        assert_int_equal(m.foreign, 0);
        assert_int_equal(m.n, stats.bad);
    }
}

static void all_formats(struct sg_store *st, const char *text, size_t len, int variant)
{
    for (int f = SG_IMPORT_DEPENDABOT; f <= SG_IMPORT_GRYPE; f++)
        run_one(st, (enum sg_import_format)f, text, len, variant);
}

static void run_json(struct sg_store *st, const json_t *v, int own, int variant)
{
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_INDENT(1));
    assert_non_null(s);
    if (own >= 0)
        run_one(st, (enum sg_import_format)own, s, strlen(s), variant);
    else
        all_formats(st, s, strlen(s), variant);
    free(s);
}

/* Pre-order walk; replaces node k (0 = the root) with a copy of repl. Returns the new
 * root (the old one when k is deeper). *count counts nodes. */
static json_t *replace_nth(json_t *v, long k, const json_t *repl, long *count)
{
    if ((*count)++ == k) {
        json_decref(v);
        return json_deep_copy(repl);
    }
    if (json_is_object(v)) {
        const char *key;
        json_t *val;
        void *tmp;
        json_object_foreach_safe(v, tmp, key, val)
        {
            json_t *nv = replace_nth(json_incref(val), k, repl, count);
            json_object_set_new(v, key, nv);
        }
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++) {
            json_t *nv = replace_nth(json_incref(json_array_get(v, i)), k, repl, count);
            json_array_set_new(v, i, nv);
        }
    }
    return v;
}

static long nodes(const json_t *v)
{
    long n = 1;
    const char *key;
    json_t *val;
    size_t i;
    if (json_is_object(v))
        json_object_foreach((json_t *)v, key, val) n += nodes(val);
    else if (json_is_array(v))
        json_array_foreach(v, i, val) n += nodes(val);
    return n;
}

enum rewrite { NULL_SCALARS, NULL_MEMBERS, SWAP_SCALARS, SWAP_CONTAINERS, REWRITES };

/* New: a rewritten copy of v. */
static json_t *rewrite(const json_t *v, enum rewrite how)
{
    const char *key;
    json_t *val;
    size_t i;

    if (json_is_object(v)) {
        if (how == SWAP_CONTAINERS) {
            json_t *a = json_array();
            json_object_foreach((json_t *)v, key, val)
                json_array_append_new(a, rewrite(val, how));
            return a;
        }
        json_t *o = json_object();
        json_object_foreach((json_t *)v, key, val) json_object_set_new(
            o, key, how == NULL_MEMBERS ? json_null() : rewrite(val, how));
        return o;
    }
    if (json_is_array(v)) {
        json_t *a = how == SWAP_CONTAINERS ? json_object() : json_array();
        json_array_foreach(v, i, val)
        {
            json_t *nv = rewrite(val, how);
            if (how == SWAP_CONTAINERS) {
                char k[24];
                snprintf(k, sizeof(k), "%zu", i);
                json_object_set_new(a, k, nv);
            } else {
                json_array_append_new(a, nv);
            }
        }
        return a;
    }
    if (how == NULL_SCALARS)
        return json_null();
    if (how == SWAP_SCALARS) {
        if (json_is_string(v))
            return json_integer((json_int_t)json_string_length(v));
        if (json_is_number(v))
            return json_string("12");
        if (json_is_boolean(v))
            return json_string("true");
    }
    return json_deep_copy(v);
}

static enum sg_import_format own_format(const char *name)
{
    static const struct {
        const char *prefix;
        enum sg_import_format f;
    } p[] = {{"dependabot", SG_IMPORT_DEPENDABOT},
             {"openvex", SG_IMPORT_OPENVEX},
             {"cyclonedx", SG_IMPORT_CYCLONEDX},
             {"trivy", SG_IMPORT_TRIVY},
             {"grype", SG_IMPORT_GRYPE}};
    for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++)
        if (strncmp(name, p[i].prefix, strlen(p[i].prefix)) == 0)
            return p[i].f;
    return SG_IMPORT_DEPENDABOT;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    struct sg_buf b = {0};
    char chunk[4096];
    size_t n;
    assert_non_null(fp);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        sg_buf_add(&b, chunk, n);
    fclose(fp);
    *len = b.len;
    return b.data;
}

/* Most values each document has its replacements tried on (sampled evenly beyond). */
#define MAX_NODES 100

static void mutilate(const char *dir, const char *name)
{
    static const char *const repl_text[] = {"null",   "0",           "-1.5", "\"\"",
                                            "\"x\"",  "true",        "[]",   "{}",
                                            "[null]", "{\"\":null}", "1e400"};
    char *path = sg_xasprintf("%s/%s", dir, name);
    size_t len;
    char *text = slurp(path, &len);
    struct sg_store *st = NULL;
    struct sg_error err;
    enum sg_import_format own = own_format(name);
    json_error_t je;

    sg_error_init(&err);
    assert_int_equal(sg_store_open(&st, NULL, 0, &err), 0);
    for (int v = 0; v < 4; v++)
        all_formats(st, text, len, v);
    /* truncated: at 32 points, and the last bytes one by one */
    for (size_t i = 0; i < 32; i++)
        all_formats(st, text, len * i / 32, (int)i);
    for (size_t i = 1; i < 8 && i < len; i++)
        all_formats(st, text, len - i, (int)i);

    json_t *root = json_loadb(text, len, JSON_DECODE_ANY, &je);
    assert_non_null(root);
    long total = nodes(root), step = total > MAX_NODES ? total / MAX_NODES : 1;
    for (size_t r = 0; r < sizeof(repl_text) / sizeof(repl_text[0]); r++) {
        json_t *repl = json_loads(repl_text[r], JSON_DECODE_ANY, NULL);
        if (repl == NULL) /* 1e400: jansson refuses it; use the largest double */
            repl = json_real(1.7976931348623157e308);
        for (long k = 0; k < total; k += step) {
            long count = 0;
            json_t *mut = replace_nth(json_deep_copy(root), k, repl, &count);
            /* near the root every importer sees it, deeper the document's own */
            run_json(st, mut, k < 8 ? -1 : (int)own, (int)(k + (long)r));
            json_decref(mut);
        }
        json_decref(repl);
    }
    for (int how = 0; how < REWRITES; how++) {
        json_t *mut = rewrite(root, (enum rewrite)how);
        for (int v = 0; v < 4; v++)
            run_json(st, mut, -1, v);
        json_decref(mut);
    }
    json_decref(root);
    sg_store_close(st);
    free(text);
    free(path);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_robust__every_example_and_its_mutilations(void **state)
{
    (void)state;
    const char *env = getenv("SIGNOFF_TEST_DATA");
    char *dir = sg_xasprintf("%s/import", env ? env : "tests/data");
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0) {
            names = sg_xreallocarray(names, n + 1, sizeof(*names));
            names[n++] = sg_xstrdup(e->d_name);
        }
    }
    closedir(d);
    qsort(names, n, sizeof(*names), by_name);
    assert_true(n >= 20); /* every format's examples are there */
    for (size_t i = 0; i < n; i++) {
        mutilate(dir, names[i]);
        free(names[i]);
    }
    free(names);
    free(dir);
    print_message("%ld imports of %zu documents and their variants\n", runs, n);
}

/* Edge texts no example has: empty, whitespace, a lone scalar, deep nesting, a string
 * with every escape, a huge number. */
static void test_robust__odd_texts(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "",
        " \n",
        "0",
        "\"x\"",
        "true",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
        "]",
        "{\"a\\u0000\":1}",
        "{\"\\u00e9\\/\\\\\":[1e308,-0,1E-400]}",
        "[{}]",
        "{\"alert\":{}}",
        "\xEF\xBB\xBF",
        "\xEF\xBB\xBF{}",
        "\xff\xfe{}",
        "{\"a\":1,\"a\":2}",
    };
    struct sg_store *st = NULL;
    struct sg_error err;
    sg_error_init(&err);
    assert_int_equal(sg_store_open(&st, NULL, 0, &err), 0);
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        for (int v = 0; v < 4; v++)
            all_formats(st, texts[i], strlen(texts[i]), v);
    /* nesting far past every limit */
    struct sg_buf b = {0};
    for (int i = 0; i < 5000; i++)
        sg_buf_addc(&b, '[');
    for (int i = 0; i < 5000; i++)
        sg_buf_addc(&b, ']');
    all_formats(st, b.data, b.len, 0);
    sg_buf_release(&b);
    sg_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_robust__every_example_and_its_mutilations),
        cmocka_unit_test(test_robust__odd_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* tests/unit/test_hardening.c: the pieces of issue 11 that a script cannot pin byte for
 * byte: terminal escaping (util/text.c), opening inputs that could hang (util/infile.c),
 * the store's findings table across a rollback, and the importer format table. */
/* cmocka.h needs these first */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "signoff/import.h"
#include "signoff/infile.h"
#include "signoff/period.h"
#include "signoff/settings.h"
#include "signoff/store.h"
#include "signoff/text.h"
#include "signoff/time.h"
#include "signoff/trace.h"

static void escaped(const char *in, const char *want)
{
    struct sg_buf b = {0};
    sg_text_escape(&b, in);
    assert_string_equal(sg_buf_str(&b), want);
    sg_buf_release(&b);
}

static void test_hardening__escape_c0_and_del(void **state)
{
    (void)state;
    escaped("plain text, ünïcödé 名前", "plain text, ünïcödé 名前");
    escaped("", "");
    escaped("a\nb\rc\td", "a\\nb\\rc\\td");
    escaped("\x1b[2J\x07\x7f\x01", "\\x1b[2J\\x07\\x7f\\x01");
}

static void test_hardening__escape_c1_and_bidi(void **state)
{
    (void)state;
    escaped("\xc2\x9b"
            "31m",
            "\\u009b31m");                                         /* C1 CSI */
    escaped("\xc2\x80\xc2\x9f\xc2\xa0", "\\u0080\\u009f\xc2\xa0"); /* NBSP is kept */
    escaped("Eve\xe2\x80\xaegnp.exe", "Eve\\u202egnp.exe");
    escaped("\xe2\x80\x8e\xe2\x81\xa6\xe2\x81\xa9", "\\u200e\\u2066\\u2069");
    escaped("\xe2\x80\xad", "\\u202d");
    escaped("\xe2\x80\xa9", "\xe2\x80\xa9"); /* U+2029 is not a bidi control */
}

static void test_hardening__escape_bad_utf8(void **state)
{
    (void)state;
    escaped("a\xc0\x80z", "a\\xc0\\x80z");      /* overlong NUL */
    escaped("\xed\xa0\x80", "\\xed\\xa0\\x80"); /* surrogate */
    escaped("\xe2\x80", "\\xe2\\x80");          /* cut short (a truncated message) */
    escaped("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"); /* past U+10FFFF */
    escaped("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");     /* an emoji is kept */
}

static void test_hardening__infile_fifo_without_writer_is_refused(void **state)
{
    char dir[] = "/tmp/signoff-test-fifo-XXXXXX";
    char *path;
    FILE *fp;
    (void)state;
    assert_non_null(mkdtemp(dir));
    path = sg_xasprintf("%s/f", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    errno = 0;
    fp = sg_infile_open(path); /* must not block */
    assert_null(fp);
    assert_int_equal(errno, ENXIO);
    assert_string_equal(sg_infile_strerror(ENXIO),
                        "not readable (a socket, or a FIFO with no writer)");
    /* with a writer (opened non-blocking: it needs a reader, so open one first) */
    {
        int r = open(path, O_RDONLY | O_NONBLOCK);
        int w = open(path, O_WRONLY | O_NONBLOCK);
        char buf[8] = {0};
        assert_true(r >= 0 && w >= 0);
        assert_int_equal(write(w, "xy", 2), 2);
        close(r);
        fp = sg_infile_open(path);
        assert_non_null(fp);
        close(w);
        /* the byte read to probe for a writer is not lost */
        assert_int_equal(fread(buf, 1, sizeof(buf), fp), 2);
        assert_string_equal(buf, "xy");
        fclose(fp);
    }
    unlink(path);
    rmdir(dir);
    free(path);
}

static void test_hardening__infile_directory_is_refused(void **state)
{
    (void)state;
    errno = 0;
    assert_null(sg_infile_open("/tmp"));
    assert_int_equal(errno, EISDIR);
    assert_null(sg_infile_open("/nonexistent/signoff"));
    assert_int_equal(errno, ENOENT);
}

/* The fuzz_json_file crasher: judging inside a transaction that is then rolled back
 * dropped the findings table the store believed it had. */
static void test_hardening__findings_survive_a_rollback(void **state)
{
    struct sg_store *st = NULL;
    struct sg_error err;
    struct sg_settings s;
    struct sg_trace_opts o;
    struct sg_trace_stats ts;
    (void)state;
    sg_error_init(&err);
    assert_int_equal(sg_store_open(&st, NULL, 0, &err), 0);
    sg_settings_defaults(&s);
    memset(&o, 0, sizeof(o));
    o.settings = &s;
    sg_period_all_time(&o.period, SG_TIME_MIN);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(sg_store_begin(st, &err), 0);
        assert_int_equal(sg_trace_run(st, &o, &ts, &err), 0);
        sg_store_rollback(st);
    }
    assert_int_equal(sg_trace_run(st, &o, &ts, &err), 0);
    assert_int_equal(err.code, 0);
    sg_store_close(st);
}

static void test_hardening__import_table_names_every_format(void **state)
{
    const char *name;
    size_t n = 0;
    (void)state;
    for (size_t i = 0; (name = sg_import_format_name(i)) != NULL; i++) {
        enum sg_import_format f;
        assert_int_equal(sg_import_format_lookup(name, &f), 0);
        n++;
    }
    assert_true(n >= 1);
    assert_null(sg_import_format_name(n));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hardening__escape_c0_and_del),
        cmocka_unit_test(test_hardening__escape_c1_and_bidi),
        cmocka_unit_test(test_hardening__escape_bad_utf8),
        cmocka_unit_test(test_hardening__infile_fifo_without_writer_is_refused),
        cmocka_unit_test(test_hardening__infile_directory_is_refused),
        cmocka_unit_test(test_hardening__findings_survive_a_rollback),
        cmocka_unit_test(test_hardening__import_table_names_every_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

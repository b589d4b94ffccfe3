/* test_pdf.c: the PDF typesetter's invariants (src/render/pdf_layout.c): record text is
 * shown, never obeyed (controls and bidirectional overrides become <U+XXXX>); times are
 * printed exactly; the measuring pass and the drawing pass break lines and pages alike;
 * a table repeats its header on a new page and never splits a row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/render/pdf_int.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void clean_is(const char *in, const char *want)
{
    char *got = pd_clean(in);
    if (strcmp(got, want) != 0)
        print_error("pd_clean(\"%s\") = \"%s\", want \"%s\"\n", in ? in : "(null)", got,
                    want);
    assert_string_equal(got, want);
    free(got);
}

static void test_clean(void **state)
{
    (void)state;
    clean_is("plain text", "plain text");
    clean_is("Zoë Müller · 田中 · ليلى", "Zoë Müller · 田中 · ليلى");
    clean_is("line\nbreak", "line\nbreak"); /* newline is layout, kept */
    clean_is("a\tb", "a b");                /* tab: a space */
    clean_is("bell\a", "bell<U+0007>");
    clean_is("esc\x1b[2J", "esc<U+001B>[2J"); /* a terminal escape is text */
    clean_is("del\x7f", "del<U+007F>");
    clean_is("c1\xc2\x85", "c1<U+0085>");
    clean_is("id\xe2\x80\xae"
             "cod.exe",
             "id<U+202E>cod.exe");                              /* RLO */
    clean_is("\xe2\x81\xa6x\xe2\x81\xa9", "<U+2066>x<U+2069>"); /* isolates */
    clean_is("\xe2\x80\x8f", "<U+200F>");                       /* RLM */
    clean_is("\xd8\x9c", "<U+061C>");                           /* ALM */
    clean_is("\xe2\x80\xab", "<U+202B>");                       /* RLE */
    clean_is("ok\xe2\x80\xa9", "ok\xe2\x80\xa9"); /* U+2029 is not a control */
    clean_is("bad\xff", "bad\xef\xbf\xbd");       /* invalid UTF-8: U+FFFD */
    clean_is("", "");
    clean_is(NULL, "");
}

static void test_time(void **state)
{
    char buf[64];
    int64_t t;
    const char *why;
    (void)state;
    assert_int_equal(sg_time_parse(&t, "2026-07-17T10:02:00Z", &why), 0);
    assert_string_equal(pd_time(buf, t), "2026-07-17 10:02:00Z");
    assert_string_equal(pd_time_cell(buf, t), "2026-07-17\n10:02:00Z");
    assert_int_equal(sg_time_parse(&t, "2026-07-17T10:02:00.000000001Z", &why), 0);
    assert_string_equal(pd_time(buf, t), "2026-07-17 10:02:00.000000001Z");
    assert_string_equal(pd_time(buf, SG_TIME_MAX), "\u2014");
    assert_string_equal(pd_time(buf, SG_TIME_MIN), "\u2014");
}

/* One small document: a heading, a paragraph long enough to break across pages, and a
   table of tall rows. Returns the page count; records each row's page in rows[]. */
static int row_page[200];

static void doc(struct pd *d)
{
    static const struct pd_col cols[] = {{"First", 0.3, PD_BODY, 1},
                                         {"Second", 0.7, PD_BODY, 0}};
    struct pd_table t;
    char text[200];
    struct sg_buf long_para = {0};
    pd_heading(d, 1, "1  Section", "s-1");
    for (int i = 0; i < 400; i++)
        sg_buf_adds(&long_para, "word after word after word ");
    pd_para(d, PD_BODY, PD_INK, sg_buf_str(&long_para));
    sg_buf_release(&long_para);
    pd_heading(d, 2, "1.1  Table", "s-1-1");
    pd_table_begin(d, &t, cols, 2);
    for (int i = 0; i < 200; i++) {
        snprintf(text, sizeof(text), "row %d\nsecond line\nthird line", i);
        struct pd_cell cells[2] = {{text, 0, PD_INK, NULL, NULL, 0},
                                   {"x", 0, PD_INK, NULL, NULL, 0}};
        double before = d->y;
        pd_table_row(d, &t, cells, NULL);
        /* a row never straddles the bottom of the text block */
        assert_true(d->y <= d->bottom + 0.01);
        assert_true(d->y > before || d->y > d->top);
        row_page[i] = d->page;
    }
    pd_table_end(d, &t);
    pd_finish_page(d);
}

static cairo_status_t sink(void *closure, const unsigned char *data, unsigned int length)
{
    size_t *n = closure;
    (void)data;
    *n += length;
    return CAIRO_STATUS_SUCCESS;
}

static void test_two_passes_agree(void **state)
{
    struct pd d;
    struct sg_error err;
    int dry_rows[200];
    size_t bytes = 0;
    (void)state;
    sg_error_init(&err);
    assert_int_equal(pd_init(&d, 595.2756, 841.8898, &err), 0);
    pd_begin_pass(&d, 1);
    doc(&d);
    int pages = d.page;
    memcpy(dry_rows, row_page, sizeof(dry_rows));
    assert_true(pages >= 4);
    assert_int_equal(d.ntoc, 2);
    assert_int_equal(d.toc[0].page, 1);
    assert_true(d.toc[1].page > 1); /* the paragraph broke across pages */

    cairo_surface_t *s =
        cairo_pdf_surface_create_for_stream(sink, &bytes, 595.2756, 841.8898);
    pd_begin_drawing(&d, s);
    assert_int_equal(d.pages, pages);
    doc(&d);
    pd_end_drawing(&d);
    cairo_surface_finish(s);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    assert_false(d.failed); /* every heading where the measuring pass put it */
    assert_int_equal(d.page, pages);
    assert_memory_equal(dry_rows, row_page, sizeof(dry_rows));
    assert_true(bytes > 1000);
    pd_release(&d);
}

/* The measuring pass's shortcut claims one line only where pango lays out one line of
   the same height: ids, times, kerning pairs, runs of spaces and random printable ASCII
   in every font, bold or not, at widths from narrow to wide. */
static void fast_agrees(struct pd *d, enum pd_font f, int bold, double width,
                        const char *text, long *fast, long *slow)
{
    struct pd_extent e, p;
    if (!pd_fast_extent(d, f, bold, width, text, &e)) {
        ++*slow;
        return;
    }
    ++*fast;
    p = pd_pango_extent(d, f, bold, width, text);
    if (p.lines != 1 || p.height != e.height)
        print_error("font %d bold %d width %g \"%s\": fast %d/%d, pango %d/%d\n", (int)f,
                    bold, width, text, e.height, e.lines, p.height, p.lines);
    assert_int_equal(p.lines, 1);
    assert_int_equal(p.height, e.height);
}

static void test_fast_extent(void **state)
{
    static const char *const fixed[] = {"dec-00015763",
                                        "2026-07-17",
                                        "10:02:00Z",
                                        "10:02:00.123Z",
                                        "api-prd-01251",
                                        "AVAVAVAVAVAVAVAVAVAVAVAV",
                                        "ToTyTaTeLTLYLVFAPAr.y.w.f)f]",
                                        "WAWAWA  WAWAWA",
                                        "   leading",
                                        "trailing   ",
                                        "          ",
                                        "x",
                                        "fi fl ff ffi",
                                        "-----------",
                                        "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
                                        "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
                                        "restart by PatchPilot (agent-patchpilot)",
                                        "UNTRACED",
                                        "see section 2",
                                        "none"};
    struct pd d;
    struct sg_error err;
    long fast = 0, slow = 0;
    unsigned seed = 12345;
    char text[96];
    (void)state;
    sg_error_init(&err);
    assert_int_equal(pd_init(&d, 595.2756, 841.8898, &err), 0);
    for (int f = 0; f < PD_FONT__COUNT; f++)
        for (int bold = 0; bold < 2; bold++)
            for (double w = 8; w <= 520; w *= 1.17) {
                for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
                    fast_agrees(&d, (enum pd_font)f, bold, w, fixed[i], &fast, &slow);
                for (int k = 0; k < 12; k++) {
                    size_t n;
                    seed = seed * 1103515245u + 12345u;
                    n = 1 + (seed >> 16) % 80;
                    for (size_t j = 0; j < n; j++) {
                        seed = seed * 1103515245u + 12345u;
                        text[j] = (char)(0x20 + (seed >> 16) % PD_ASCII);
                    }
                    text[n] = '\0';
                    fast_agrees(&d, (enum pd_font)f, bold, w, text, &fast, &slow);
                }
            }
    /* unwrapped text is one line whatever its width */
    fast_agrees(&d, PD_BODY, 0, 0,
                "a long line that nothing wraps because no width is set", &fast, &slow);
    /* the shortcut is taken often, and never for what it cannot know */
    assert_true(fast > 2000);
    assert_true(slow > 2000);
    struct pd_extent e;
    assert_false(pd_fast_extent(&d, PD_BODY, 0, 500, "", &e));
    assert_false(pd_fast_extent(&d, PD_BODY, 0, 500, "Zoë", &e));
    assert_false(pd_fast_extent(&d, PD_BODY, 0, 500, "two\nlines", &e));
    assert_false(pd_fast_extent(&d, PD_BODY, 0, 500, "tab\there", &e));
    assert_false(pd_fast_extent(&d, PD_BODY, 0, 500, "\xe7\x94\xb0\xe4\xb8\xad", &e));
    pd_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_time),
        cmocka_unit_test(test_two_passes_agree),
        cmocka_unit_test(test_fast_extent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

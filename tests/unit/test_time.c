/* test_time.c: SPEC §2's time and duration grammars, the exact arithmetic of time.h,
 * and SPEC §7's periods (2026-Q3, 2026-07, 2026, A..B, last-quarter with SIGNOFF_NOW).
 * Every boundary has the case that holds next to the one that just fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "signoff/period.h"
#include "signoff/time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS SG_NS_PER_SEC

/* Parses s, which must be good; returns the instant. */
static int64_t good(const char *s)
{
    int64_t t = 12345;
    const char *why = NULL;
    int rc = sg_time_parse(&t, s, &why);
    if (rc != 0)
        print_error("\"%s\" refused: %s\n", s, why ? why : "(no reason)");
    assert_int_equal(rc, 0);
    return t;
}

/* s must be refused, with a reason. */
static void bad(const char *s)
{
    int64_t t = 12345;
    const char *why = NULL;
    int rc = sg_time_parse(&t, s, &why);
    if (rc == 0)
        print_error("\"%s\" accepted as %lld\n", s, (long long)t);
    assert_int_equal(rc, -1);
    assert_non_null(why);
    assert_true(strlen(why) > 0);
}

static int64_t dur_good(const char *s)
{
    int64_t d = 12345;
    const char *why = NULL;
    int rc = sg_duration_parse(&d, s, &why);
    if (rc != 0)
        print_error("duration \"%s\" refused: %s\n", s, why ? why : "(no reason)");
    assert_int_equal(rc, 0);
    return d;
}

static void dur_bad(const char *s)
{
    int64_t d = 12345;
    const char *why = NULL;
    int rc = sg_duration_parse(&d, s, &why);
    if (rc == 0)
        print_error("duration \"%s\" accepted as %lld\n", s, (long long)d);
    assert_int_equal(rc, -1);
    assert_non_null(why);
}

/* ---- sg_time_parse ----------------------------------------------------------------- */

static void test_time__basic_instant(void **state)
{
    (void)state;
    assert_int_equal(good("1970-01-01T00:00:00Z"), 0);
    assert_int_equal(good("2026-01-01T00:00:00Z"), INT64_C(1767225600) * NS);
    assert_int_equal(good("2024-02-29T12:00:00Z"), INT64_C(1709208000) * NS);
    assert_int_equal(good("1969-12-31T23:59:59Z"), -NS);
}

static void test_time__leap_years(void **state)
{
    (void)state;
    assert_int_equal(good("2024-02-29T00:00:00Z"), INT64_C(1709164800) * NS);
    bad("2023-02-29T00:00:00Z");
    assert_int_equal(good("2000-02-29T00:00:00Z"), INT64_C(951782400) * NS);
    bad("1900-02-29T00:00:00Z"); /* divisible by 100, not by 400 */
    bad("2100-02-29T00:00:00Z");
    good("1900-02-28T00:00:00Z");
    good("2023-02-28T23:59:59Z");
    assert_int_equal(good("2024-03-01T00:00:00Z") - good("2024-02-28T00:00:00Z"),
                     2 * 86400 * NS);
    assert_int_equal(good("2023-03-01T00:00:00Z") - good("2023-02-28T00:00:00Z"),
                     86400 * NS);
}

static void test_time__month_and_day_limits(void **state)
{
    (void)state;
    good("2026-01-31T00:00:00Z");
    bad("2026-01-32T00:00:00Z");
    good("2026-04-30T00:00:00Z");
    bad("2026-04-31T00:00:00Z");
    good("2026-06-30T00:00:00Z");
    bad("2026-06-31T00:00:00Z");
    good("2026-09-30T00:00:00Z");
    bad("2026-09-31T00:00:00Z");
    good("2026-11-30T00:00:00Z");
    bad("2026-11-31T00:00:00Z");
    good("2026-12-31T00:00:00Z");
    bad("2026-12-32T00:00:00Z");
    bad("2026-00-10T00:00:00Z");
    bad("2026-13-01T00:00:00Z");
    bad("2026-01-00T00:00:00Z");
    good("2026-12-01T00:00:00Z");
}

static void test_time__clock_limits(void **state)
{
    (void)state;
    assert_int_equal(good("2026-01-01T23:59:59Z") - good("2026-01-01T00:00:00Z"),
                     (86400 - 1) * NS);
    bad("2026-01-01T24:00:00Z");
    bad("2026-01-01T23:60:00Z");
    bad("2026-01-01T23:59:60Z"); /* no leap second */
    bad("2016-12-31T23:59:60Z");
    good("2026-01-01T00:00:00Z");
    bad("2026-01-01T99:00:00Z");
}

static void test_time__fractions(void **state)
{
    (void)state;
    int64_t base = good("2026-01-01T00:00:00Z");
    assert_int_equal(good("2026-01-01T00:00:00.1Z") - base, 100000000);
    assert_int_equal(good("2026-01-01T00:00:00.12Z") - base, 120000000);
    assert_int_equal(good("2026-01-01T00:00:00.123Z") - base, 123000000);
    assert_int_equal(good("2026-01-01T00:00:00.1234Z") - base, 123400000);
    assert_int_equal(good("2026-01-01T00:00:00.12345Z") - base, 123450000);
    assert_int_equal(good("2026-01-01T00:00:00.123456Z") - base, 123456000);
    assert_int_equal(good("2026-01-01T00:00:00.1234567Z") - base, 123456700);
    assert_int_equal(good("2026-01-01T00:00:00.12345678Z") - base, 123456780);
    assert_int_equal(good("2026-01-01T00:00:00.123456789Z") - base, 123456789);
    assert_int_equal(good("2026-01-01T00:00:00.000000001Z") - base, 1);
    assert_int_equal(good("2026-01-01T00:00:00.0Z"), base);
    bad("2026-01-01T00:00:00.1234567890Z"); /* 10 digits */
    bad("2026-01-01T00:00:00.Z");           /* "." with no digits */
    bad("2026-01-01T00:00:00,5Z");          /* comma is not a decimal mark here */
    bad("2026-01-01T00:00:00.5");           /* fraction, then no zone */
    /* a fraction with an offset */
    assert_int_equal(good("2026-01-01T01:00:00.5+01:00") - base, 500000000);
}

static void test_time__lower_case_t_and_z(void **state)
{
    (void)state;
    int64_t t = good("2026-01-01T00:00:00Z");
    assert_int_equal(good("2026-01-01t00:00:00Z"), t);
    assert_int_equal(good("2026-01-01T00:00:00z"), t);
    assert_int_equal(good("2026-01-01t00:00:00z"), t);
}

static void test_time__offsets(void **state)
{
    (void)state;
    assert_int_equal(good("2026-10-01T01:30:00+02:00"), good("2026-09-30T23:30:00Z"));
    assert_int_equal(good("2026-09-30T18:00:00-05:30"), good("2026-09-30T23:30:00Z"));
    assert_int_equal(good("2026-01-01T00:00:00-00:00"), good("2026-01-01T00:00:00Z"));
    assert_int_equal(good("2026-01-01T00:00:00+00:00"), good("2026-01-01T00:00:00Z"));
    assert_int_equal(good("2026-01-01T23:59:00+23:59"), good("2026-01-01T00:00:00Z"));
    assert_int_equal(good("2026-01-01T00:00:00-23:59"), good("2026-01-01T23:59:00Z"));
    bad("2026-01-01T00:00:00+24:00");
    bad("2026-01-01T00:00:00+23:60");
    bad("2026-01-01T00:00:00+0200"); /* no colon */
    bad("2026-01-01T00:00:00+02");
    bad("2026-01-01T00:00:00+2:00");
    bad("2026-01-01T00:00:00 +02:00");
}

static void test_time__year_range(void **state)
{
    (void)state;
    assert_int_equal(good("1678-01-01T00:00:00Z"), INT64_C(-9214560000) * NS);
    assert_int_equal(good("2261-12-31T23:59:59.999999999Z"),
                     INT64_C(9214646399) * NS + 999999999);
    bad("1677-12-31T23:59:59Z");
    bad("2262-01-01T00:00:00Z");
    bad("0000-01-01T00:00:00Z");
    bad("9999-12-31T23:59:59Z");
    /* the extremes with the widest offsets still fit int64 nanoseconds */
    assert_int_equal(good("1678-01-01T00:00:00+23:59"),
                     INT64_C(-9214560000) * NS - (23 * 3600 + 59 * 60) * NS);
    assert_int_equal(good("2261-12-31T23:59:59.999999999-23:59"),
                     INT64_C(9214646399) * NS + 999999999 + (23 * 3600 + 59 * 60) * NS);
}

static void test_time__shapes_refused(void **state)
{
    (void)state;
    bad("2026-01-01T00:00:00");      /* missing zone */
    bad("2026-01-01");               /* bare date */
    bad("2026-01-01T");
    bad("2026-01-01T00:00Z");        /* no seconds */
    bad("2026-01-01 00:00:00Z");     /* space for T */
    bad(" 2026-01-01T00:00:00Z");    /* leading space */
    bad("2026-01-01T00:00:00Z ");    /* trailing space */
    bad("2026-01-01T00:00:00Z\n");
    bad("2026-01-01T00:00:00Zjunk"); /* trailing garbage */
    bad("2026-01-01T00:00:00+02:00x");
    bad("2026-1-01T00:00:00Z");
    bad("2026-01-1T00:00:00Z");
    bad("2026-01-01T0:00:00Z");
    bad("26-01-01T00:00:00Z");
    bad("+2026-01-01T00:00:00Z");
    bad("2026/01/01T00:00:00Z");
    bad("2026-01-01X00:00:00Z");
    bad("2026-01-01T00-00-00Z");
    bad("");
    bad("Z");
    /* non-ASCII digits: FULLWIDTH DIGIT TWO (U+FF12), ARABIC-INDIC DIGIT (U+0662) */
    bad("\xef\xbc\x92" "026-01-01T00:00:00Z");
    bad("2026-01-01T00:00:0\xd9\xa2Z");
    bad("2026-01-01T00:00:00\xef\xbc\xba"); /* FULLWIDTH Z */
}

static void test_time__format_round_trips(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "1970-01-01T00:00:00Z",         "2026-09-30T23:30:00Z",
        "2026-01-01T00:00:00.5Z",       "2026-01-01T00:00:00.000000001Z",
        "2024-02-29T12:34:56.123456789Z", "1678-01-01T00:00:00Z",
        "2261-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.999999999Z",
        "1900-03-01T00:00:00Z",         "2000-02-29T00:00:00Z",
    };
    char buf[SG_TIME_BUF];
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        int64_t t = good(texts[i]);
        assert_string_equal(sg_time_format(buf, t), texts[i]);
        assert_int_equal(good(buf), t);
    }
    /* other spellings come back as canonical UTC */
    assert_string_equal(sg_time_format(buf, good("2026-10-01t01:30:00.120+02:00")),
                        "2026-09-30T23:30:00.12Z");
    assert_string_equal(sg_time_format(buf, good("2026-01-01T00:00:00.000z")),
                        "2026-01-01T00:00:00Z");
    assert_string_equal(sg_time_format(buf, SG_TIME_MIN), "-inf");
    assert_string_equal(sg_time_format(buf, SG_TIME_MAX), "+inf");
}

static void test_time__date_parse(void **state)
{
    (void)state;
    int64_t t;
    const char *why = NULL;
    assert_int_equal(sg_date_parse(&t, "2026-07-01", &why), 0);
    assert_int_equal(t, good("2026-07-01T00:00:00Z"));
    assert_int_equal(sg_date_parse(&t, "2023-02-29", &why), -1);
    assert_int_equal(sg_date_parse(&t, "2026-07-01T00:00:00Z", &why), -1);
    assert_int_equal(sg_date_parse(&t, "1677-12-31", &why), -1);
    assert_int_equal(sg_date_parse(&t, "2262-01-01", &why), -1);
    assert_int_equal(sg_date_parse(&t, "2026-7-01", &why), -1);
}

/* ---- sg_duration_parse -------------------------------------------------------------- */

static void test_time__durations_good(void **state)
{
    (void)state;
    assert_int_equal(dur_good("PT4H"), 4 * 3600 * NS);
    assert_int_equal(dur_good("P5D"), 5 * 86400 * NS);
    assert_int_equal(dur_good("P1DT12H"), (86400 + 12 * 3600) * NS);
    assert_int_equal(dur_good("P2W"), 14 * 86400 * NS);
    assert_int_equal(dur_good("PT0S"), 0);
    assert_int_equal(dur_good("P0D"), 0);
    assert_int_equal(dur_good("P1W2D"), 9 * 86400 * NS);
    assert_int_equal(dur_good("PT1H30M10S"), (3600 + 1800 + 10) * NS);
    assert_int_equal(dur_good("PT90M"), 90 * 60 * NS);
    assert_int_equal(dur_good("PT36H"), 36 * 3600 * NS);
    assert_int_equal(dur_good("P1W1DT1H1M1S"), (8 * 86400 + 3661) * NS);
    assert_int_equal(dur_good("PT1M"), 60 * NS);
    /* the largest duration that fits int64 nanoseconds */
    assert_int_equal(dur_good("PT9223372036S"), INT64_C(9223372036) * NS);
}

static void test_time__durations_bad(void **state)
{
    (void)state;
    dur_bad("");
    dur_bad("P");
    dur_bad("PT");
    dur_bad("P1Y");
    dur_bad("P1M"); /* months */
    dur_bad("P1Y2M");
    dur_bad("PT1.5H");
    dur_bad("PT1,5H");
    dur_bad("P1.5D");
    dur_bad("P1H");   /* H before T */
    dur_bad("P1S");
    dur_bad("PT1D");  /* D after T */
    dur_bad("PT1W");
    dur_bad("PT4h");
    dur_bad("P5d");
    dur_bad("pt4h");
    dur_bad("pT4H");
    dur_bad("P1DT");
    dur_bad("PT4H2H");
    dur_bad("P1D1D");
    dur_bad("PT1M1H"); /* out of order */
    dur_bad("P1D2W");
    dur_bad("PT1HT1M");
    dur_bad("P1DTT1H");
    dur_bad("PT9999999999999999999S");
    dur_bad("PT9223372037S"); /* just past int64 nanoseconds */
    dur_bad("P99999999999999W");
    dur_bad("PT-1H");
    dur_bad("-PT1H");
    dur_bad("PT+1H");
    dur_bad(" PT4H");
    dur_bad("PT4H ");
    dur_bad("4H");
    dur_bad("T4H");
    dur_bad("PTH");
    dur_bad("PD");
    dur_bad("P\xef\xbc\x91" "D"); /* FULLWIDTH DIGIT ONE */
}

static void test_time__duration_format(void **state)
{
    (void)state;
    char buf[SG_TIME_BUF];
    assert_string_equal(sg_duration_format(buf, dur_good("PT4H")), "PT4H");
    assert_string_equal(sg_duration_format(buf, dur_good("P1DT12H")), "P1DT12H");
    assert_string_equal(sg_duration_format(buf, dur_good("PT0S")), "PT0S");
    assert_string_equal(sg_duration_format(buf, dur_good("P5D")), "P5D");
    assert_string_equal(sg_duration_format(buf, dur_good("P2W")), "P14D");
    assert_string_equal(sg_duration_format(buf, dur_good("PT1H30M10S")), "PT1H30M10S");
    assert_int_equal(dur_good(sg_duration_format(buf, dur_good("P1W2DT3H4M5S"))),
                     dur_good("P1W2DT3H4M5S"));
}

/* ---- arithmetic ------------------------------------------------------------------ */

static void test_time__add_sub_exact(void **state)
{
    (void)state;
    int64_t t = good("2026-07-01T00:00:00Z");
    assert_int_equal(sg_time_add(t, dur_good("P5D")), good("2026-07-06T00:00:00Z"));
    assert_int_equal(sg_time_sub(t, dur_good("PT24H")), good("2026-06-30T00:00:00Z"));
    assert_int_equal(sg_time_add(t, 0), t);
    assert_int_equal(sg_time_sub(t, 0), t);
    assert_int_equal(sg_time_add(-5, 3), -2);
}

static void test_time__add_sub_saturate(void **state)
{
    (void)state;
    int64_t late = good("2261-12-31T23:59:59.999999999Z");
    int64_t early = good("1678-01-01T00:00:00Z");
    int64_t big = dur_good("PT9223372036S");
    assert_int_equal(sg_time_add(late, big), SG_TIME_MAX);
    assert_int_equal(sg_time_add(INT64_MAX - 1, 2), SG_TIME_MAX);
    assert_int_equal(sg_time_add(INT64_MAX - 1, 1), INT64_MAX);
    assert_int_equal(sg_time_add(INT64_MIN + 1, -2), SG_TIME_MIN);
    assert_int_equal(sg_time_sub(early, big), SG_TIME_MIN);
    assert_int_equal(sg_time_sub(INT64_MIN + 1, 2), SG_TIME_MIN);
    assert_int_equal(sg_time_sub(INT64_MAX - 1, -2), SG_TIME_MAX);
    assert_int_equal(sg_time_sub(0, INT64_MIN), SG_TIME_MAX);
    assert_int_equal(sg_time_add(0, INT64_MIN), INT64_MIN);
    /* a saturated sum still compares right with every real time */
    assert_true(sg_time_add(late, big) > late);
    assert_true(sg_time_sub(early, big) < early);
}

static void test_time__diff_cmp(void **state)
{
    (void)state;
    assert_int_equal(sg_time_diff_cmp(10, 4, 6), 0);
    assert_true(sg_time_diff_cmp(10, 4, 5) > 0);
    assert_true(sg_time_diff_cmp(10, 4, 7) < 0);
    /* extremes: a - b overflows int64, compared exactly */
    assert_true(sg_time_diff_cmp(INT64_MAX, INT64_MIN, INT64_MAX) > 0);
    assert_true(sg_time_diff_cmp(INT64_MIN, INT64_MAX, INT64_MIN) < 0);
    assert_true(sg_time_diff_cmp(INT64_MIN, INT64_MAX, INT64_MAX) < 0);
    assert_int_equal(sg_time_diff_cmp(INT64_MAX, 0, INT64_MAX), 0);
    assert_int_equal(sg_time_diff_cmp(INT64_MIN, 0, INT64_MIN), 0);
    assert_int_equal(sg_time_diff_cmp(-1, INT64_MAX, INT64_MIN), 0);
    assert_true(sg_time_diff_cmp(0, INT64_MIN, INT64_MAX) > 0);
    /* a - b == d at the nanosecond, with real times */
    int64_t a = good("2026-07-02T00:00:00Z"), b = good("2026-07-01T00:00:00Z");
    int64_t day = dur_good("PT24H");
    assert_int_equal(sg_time_diff_cmp(a, b, day), 0);
    assert_true(sg_time_diff_cmp(a + 1, b, day) > 0);
    assert_true(sg_time_diff_cmp(a - 1, b, day) < 0);
}

static void test_time__civil(void **state)
{
    (void)state;
    struct sg_civil c;
    sg_time_civil(&c, good("1969-12-31T23:59:59.5Z"));
    assert_int_equal(c.year, 1969);
    assert_int_equal(c.month, 12);
    assert_int_equal(c.day, 31);
    assert_int_equal(c.hour, 23);
    assert_int_equal(c.min, 59);
    assert_int_equal(c.sec, 59);
    assert_int_equal(c.nsec, 500000000);
    sg_time_civil(&c, good("2024-02-29T01:02:03Z"));
    assert_int_equal(c.year, 2024);
    assert_int_equal(c.month, 2);
    assert_int_equal(c.day, 29);
    assert_int_equal(c.nsec, 0);
}

/* ---- sg_clock_now --------------------------------------------------------------- */

static void test_time__clock_now_env(void **state)
{
    (void)state;
    int64_t t;
    setenv("SIGNOFF_NOW", "2026-05-05T05:05:05Z", 1);
    assert_int_equal(sg_clock_now(&t), 0);
    assert_int_equal(t, good("2026-05-05T05:05:05Z"));
    setenv("SIGNOFF_NOW", "2026-05-05", 1);
    assert_int_equal(sg_clock_now(&t), -1);
    setenv("SIGNOFF_NOW", "", 1);
    assert_int_equal(sg_clock_now(&t), -1);
    unsetenv("SIGNOFF_NOW");
    assert_int_equal(sg_clock_now(&t), 0);
    assert_true(t > good("2020-01-01T00:00:00Z"));
}

/* ---- sg_period_parse (SPEC §7 "Periods") ------------------------------------------- */

static struct sg_period period_good(const char *text)
{
    struct sg_period p;
    const char *why = NULL;
    int rc = sg_period_parse(&p, text, &why);
    if (rc != 0)
        print_error("period \"%s\" refused: %s\n", text, why ? why : "(no reason)");
    assert_int_equal(rc, 0);
    assert_false(p.all_time);
    assert_true(p.from < p.to);
    return p;
}

static void period_bad(const char *text)
{
    struct sg_period p;
    const char *why = NULL;
    int rc = sg_period_parse(&p, text, &why);
    if (rc == 0)
        print_error("period \"%s\" accepted\n", text);
    assert_int_equal(rc, -1);
    assert_non_null(why);
}

static void expect_period(const char *text, const char *from, const char *to,
                          const char *label)
{
    struct sg_period p = period_good(text);
    assert_int_equal(p.from, good(from));
    assert_int_equal(p.to, good(to));
    assert_string_equal(p.label, label);
}

static void test_period__quarters(void **state)
{
    (void)state;
    expect_period("2026-Q1", "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", "2026-Q1");
    expect_period("2026-Q2", "2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z", "2026-Q2");
    expect_period("2026-Q3", "2026-07-01T00:00:00Z", "2026-10-01T00:00:00Z", "2026-Q3");
    expect_period("2026-Q4", "2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z", "2026-Q4");
    period_bad("2026-Q0");
    period_bad("2026-Q5");
    period_bad("2026-q3");
    period_bad("2026Q3");
    period_bad("2026-Q");
    period_bad("2026-Q33");
}

static void test_period__months(void **state)
{
    (void)state;
    expect_period("2026-07", "2026-07-01T00:00:00Z", "2026-08-01T00:00:00Z", "2026-07");
    expect_period("2026-12", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", "2026-12");
    expect_period("2024-02", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "2024-02");
    expect_period("2026-01", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-01");
    period_bad("2026-13");
    period_bad("2026-00");
    period_bad("2026-7");
    period_bad("2026-007");
}

static void test_period__years(void **state)
{
    (void)state;
    expect_period("2026", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "2026");
    expect_period("1678", "1678-01-01T00:00:00Z", "1679-01-01T00:00:00Z", "1678");
    struct sg_period p = period_good("2261");
    assert_int_equal(p.from, good("2261-01-01T00:00:00Z"));
    assert_int_equal(p.to, good("2261-12-31T00:00:00Z") + 86400 * NS);
    period_bad("1677");
    period_bad("2262");
    period_bad("1677-Q4");
    period_bad("2262-Q1");
    period_bad("1677-12");
    period_bad("2262-01");
    period_bad("202");
    period_bad("20266");
    period_bad("");
    period_bad("abcd");
    period_bad(" 2026");
    period_bad("2026 ");
}

static void test_period__ranges(void **state)
{
    (void)state;
    /* SPEC §7: 2026-07-01..2026-10-01 is 2026-Q3 */
    struct sg_period a = period_good("2026-07-01..2026-10-01");
    struct sg_period q = period_good("2026-Q3");
    assert_int_equal(a.from, q.from);
    assert_int_equal(a.to, q.to);
    assert_string_equal(a.label, "2026-07-01..2026-10-01");
    expect_period("2026-07-01T12:00:00+02:00..2026-07-02T00:00:00.5Z", "2026-07-01T10:00:00Z",
                  "2026-07-02T00:00:00.5Z", "2026-07-01T12:00:00+02:00..2026-07-02T00:00:00.5Z");
    expect_period("2026-07-01..2026-07-01T00:00:00.000000001Z", "2026-07-01T00:00:00Z",
                  "2026-07-01T00:00:00.000000001Z",
                  "2026-07-01..2026-07-01T00:00:00.000000001Z");
    expect_period("1678-01-01..2261-12-31", "1678-01-01T00:00:00Z", "2261-12-31T00:00:00Z",
                  "1678-01-01..2261-12-31");
    /* A >= B is bad */
    period_bad("2026-07-01..2026-07-01");
    period_bad("2026-07-02..2026-07-01");
    period_bad("2026-07-01T00:00:00Z..2026-07-01");
    period_bad("2026-07-01T02:00:00+02:00..2026-07-01T00:00:00Z");
    /* shapes */
    period_bad("..2026-07-01");
    period_bad("2026-07-01..");
    period_bad("..");
    period_bad("2026-07-01...2026-08-01");
    period_bad("2026-07-01..2026-08-01..2026-09-01");
    period_bad("2026-07..2026-08");
    period_bad("2026-Q3..2026-Q4");
    period_bad("2026-02-30..2026-03-01");
    period_bad("1677-12-31..2026-01-01");
    period_bad("2026-01-01..2262-01-01");
    period_bad("2026-07-01T00:00:00..2026-08-01"); /* no zone */
    period_bad("2026-07-01 ..2026-08-01");
}

static void with_now(const char *now, const char *text, const char *from, const char *to,
                     const char *label)
{
    setenv("SIGNOFF_NOW", now, 1);
    expect_period(text, from, to, label);
    unsetenv("SIGNOFF_NOW");
}

static void test_period__last_quarter(void **state)
{
    (void)state;
    with_now("2026-08-15T10:00:00Z", "last-quarter", "2026-04-01T00:00:00Z",
             "2026-07-01T00:00:00Z", "2026-Q2");
    with_now("2026-10-01T00:00:00Z", "last-quarter", "2026-07-01T00:00:00Z",
             "2026-10-01T00:00:00Z", "2026-Q3");
    with_now("2026-09-30T23:59:59.999999999Z", "last-quarter", "2026-04-01T00:00:00Z",
             "2026-07-01T00:00:00Z", "2026-Q2");
    /* January: the previous year's Q4 */
    with_now("2026-01-15T00:00:00Z", "last-quarter", "2025-10-01T00:00:00Z",
             "2026-01-01T00:00:00Z", "2025-Q4");
    with_now("2026-01-01T00:00:00Z", "last-quarter", "2025-10-01T00:00:00Z",
             "2026-01-01T00:00:00Z", "2025-Q4");
    /* the quarter is UTC: local 2026-01-01 01:00+02:00 is still 2025-12-31 in UTC */
    with_now("2026-01-01T01:00:00+02:00", "last-quarter", "2025-07-01T00:00:00Z",
             "2025-10-01T00:00:00Z", "2025-Q3");
    /* and local 2025-12-31 23:00-05:00 is already 2026 in UTC */
    with_now("2025-12-31T23:00:00-05:00", "last-quarter", "2025-10-01T00:00:00Z",
             "2026-01-01T00:00:00Z", "2025-Q4");
    with_now("2261-12-31T23:59:59Z", "last-quarter", "2261-07-01T00:00:00Z",
             "2261-10-01T00:00:00Z", "2261-Q3");
    with_now("1678-04-01T00:00:00Z", "last-quarter", "1678-01-01T00:00:00Z",
             "1678-04-01T00:00:00Z", "1678-Q1");
}

static void test_period__last_quarter_bad_now(void **state)
{
    (void)state;
    static const char *const nows[] = {"2026-08-15", "yesterday", "", "2026-08-15T10:00:00",
                                       "1677-01-01T00:00:00Z"};
    for (size_t i = 0; i < sizeof(nows) / sizeof(nows[0]); i++) {
        setenv("SIGNOFF_NOW", nows[i], 1);
        period_bad("last-quarter");
    }
    /* the previous quarter of 1678-Q1 is 1677-Q4: outside the years of SPEC §7 */
    setenv("SIGNOFF_NOW", "1678-02-01T00:00:00Z", 1);
    period_bad("last-quarter");
    /* a bad SIGNOFF_NOW matters only when last-quarter reads it */
    setenv("SIGNOFF_NOW", "garbage", 1);
    expect_period("2026-Q3", "2026-07-01T00:00:00Z", "2026-10-01T00:00:00Z", "2026-Q3");
    unsetenv("SIGNOFF_NOW");
    period_bad("last-Quarter");
    period_bad("last_quarter");
}

static void test_period__all_time(void **state)
{
    (void)state;
    struct sg_period p;
    sg_period_all_time(&p, SG_TIME_MIN);
    assert_true(p.all_time);
    assert_int_equal(p.from, SG_TIME_MIN);
    assert_int_equal(p.to, NS); /* empty store: the Unix epoch + 1 s */
    sg_period_all_time(&p, good("2026-09-30T23:59:59.5Z"));
    assert_int_equal(p.to, good("2026-10-01T00:00:00.5Z"));
    assert_string_equal(p.label, "all time");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time__basic_instant),
        cmocka_unit_test(test_time__leap_years),
        cmocka_unit_test(test_time__month_and_day_limits),
        cmocka_unit_test(test_time__clock_limits),
        cmocka_unit_test(test_time__fractions),
        cmocka_unit_test(test_time__lower_case_t_and_z),
        cmocka_unit_test(test_time__offsets),
        cmocka_unit_test(test_time__year_range),
        cmocka_unit_test(test_time__shapes_refused),
        cmocka_unit_test(test_time__format_round_trips),
        cmocka_unit_test(test_time__date_parse),
        cmocka_unit_test(test_time__durations_good),
        cmocka_unit_test(test_time__durations_bad),
        cmocka_unit_test(test_time__duration_format),
        cmocka_unit_test(test_time__add_sub_exact),
        cmocka_unit_test(test_time__add_sub_saturate),
        cmocka_unit_test(test_time__diff_cmp),
        cmocka_unit_test(test_time__civil),
        cmocka_unit_test(test_time__clock_now_env),
        cmocka_unit_test(test_period__quarters),
        cmocka_unit_test(test_period__months),
        cmocka_unit_test(test_period__years),
        cmocka_unit_test(test_period__ranges),
        cmocka_unit_test(test_period__last_quarter),
        cmocka_unit_test(test_period__last_quarter_bad_now),
        cmocka_unit_test(test_period__all_time),
    };
    unsetenv("SIGNOFF_NOW");
    return cmocka_run_group_tests(tests, NULL, NULL);
}

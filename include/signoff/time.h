/* time.h: SPEC §2's strict time and duration grammars, and exact time arithmetic.
 * A time is int64 nanoseconds since 1970-01-01T00:00:00Z (years 1678–2261 all fit).
 * strptime accepts what SPEC refuses, so the grammar is ours; calendar arithmetic is
 * libc's timegm/gmtime_r. The clock itself is read only by sg_clock_now(). */
#ifndef SIGNOFF_TIME_H
#define SIGNOFF_TIME_H

#include <stdint.h>

#define SG_NS_PER_SEC INT64_C(1000000000)
#define SG_TIME_MIN INT64_MIN /* "minus infinity": the start of all time */
#define SG_TIME_MAX INT64_MAX /* "plus infinity": beyond every representable time */

/* Parses an RFC 3339 date-time exactly as SPEC §2: YYYY-MM-DD T hh:mm:ss [.1-9 digits]
 * (Z | ±hh:mm); t and z accepted; year 1678-2261. Returns 0, or -1 with *why set to a
 * static phrase ("month out of range", ...). */
int sg_time_parse(int64_t *out, const char *s, const char **why);

/* Parses a date YYYY-MM-DD (00:00Z). Same range. */
int sg_date_parse(int64_t *out, const char *s, const char **why);

/* Parses P[nW][nD][T[nH][nM][nS]] (SPEC §2). Returns 0 or -1 with *why. */
int sg_duration_parse(int64_t *out, const char *s, const char **why);

/* Formats t as UTC "YYYY-MM-DDThh:mm:ss[.fffffffff]Z" (fraction trimmed of trailing
 * zeros, absent when zero) into buf (at least SG_TIME_BUF bytes). Returns buf. */
#define SG_TIME_BUF 40
char *sg_time_format(char *buf, int64_t t);

/* Formats a duration canonically (P1DT12H, PT0S). buf at least SG_TIME_BUF bytes. */
char *sg_duration_format(char *buf, int64_t d);

/* Exact sums (SPEC §2 "no overflow"): saturate at SG_TIME_MIN/SG_TIME_MAX, which no
 * parsed time can equal, so comparisons with real times stay right. */
int64_t sg_time_add(int64_t t, int64_t d);
int64_t sg_time_sub(int64_t t, int64_t d);
/* Compares a - b with d exactly: returns <0, 0, >0 as (a - b) <, =, > d. */
int sg_time_diff_cmp(int64_t a, int64_t b, int64_t d);

/* The current time: $SIGNOFF_NOW when set (must be an RFC 3339 time), else the clock.
 * Returns 0, or -1 when SIGNOFF_NOW is malformed. */
int sg_clock_now(int64_t *out);

/* UTC civil fields of t. */
struct sg_civil {
    int year, month, day, hour, min, sec;
    int64_t nsec;
};
void sg_time_civil(struct sg_civil *out, int64_t t);
/* t of year-month-day 00:00Z (month 1-12, day 1-31; normalised like timegm). */
int64_t sg_time_from_date(int year, int month, int day);

#endif

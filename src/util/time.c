/* util/time.c: SPEC §2 time and duration grammars; exact arithmetic; the one clock. */
#include "signoff/time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int64_t sg_time_from_date(int year, int month, int day)
{
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    return (int64_t)timegm(&tm) * SG_NS_PER_SEC;
}

/* YYYY-MM-DD at s; 10 bytes. */
static int parse_ymd(const char *s, int *y, int *m, int *d, const char **why)
{
    if (strlen(s) < 10 || digits(s, 4, y) || s[4] != '-' || digits(s + 5, 2, m) ||
        s[7] != '-' || digits(s + 8, 2, d)) {
        *why = "not YYYY-MM-DD";
        return -1;
    }
    if (*y < 1678 || *y > 2261) {
        *why = "year out of range 1678-2261";
        return -1;
    }
    if (*m < 1 || *m > 12) {
        *why = "month out of range";
        return -1;
    }
    if (*d < 1 || *d > month_days(*y, *m)) {
        *why = "day out of range";
        return -1;
    }
    return 0;
}

int sg_date_parse(int64_t *out, const char *s, const char **why)
{
    int y, m, d;
    const char *dummy;
    if (why == NULL)
        why = &dummy;
    if (parse_ymd(s, &y, &m, &d, why) != 0)
        return -1;
    if (s[10] != '\0') {
        *why = "not YYYY-MM-DD";
        return -1;
    }
    *out = sg_time_from_date(y, m, d);
    return 0;
}

int sg_time_parse(int64_t *out, const char *s, const char **why)
{
    int y, mo, d, h, mi, se, oh = 0, om = 0, sign = 0;
    int64_t frac = 0;
    const char *p;
    const char *dummy;

    if (why == NULL)
        why = &dummy;
    if (parse_ymd(s, &y, &mo, &d, why) != 0)
        return -1;
    p = s + 10;
    if (*p != 'T' && *p != 't') {
        *why = strlen(s) == 10 ? "a date without a time" : "no 'T' between date and time";
        return -1;
    }
    p++;
    if (strlen(p) < 8 || digits(p, 2, &h) || p[2] != ':' || digits(p + 3, 2, &mi) ||
        p[5] != ':' || digits(p + 6, 2, &se)) {
        *why = "time is not hh:mm:ss";
        return -1;
    }
    if (h > 23 || mi > 59 || se > 59) {
        *why = "hour, minute or second out of range";
        return -1;
    }
    p += 8;
    if (*p == '.') {
        int n = 0;
        p++;
        while (p[n] >= '0' && p[n] <= '9')
            n++;
        if (n < 1 || n > 9) {
            *why = "fraction must have 1 to 9 digits";
            return -1;
        }
        for (int i = 0; i < 9; i++)
            frac = frac * 10 + (i < n ? p[i] - '0' : 0);
        p += n;
    }
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        sign = *p == '+' ? 1 : -1;
        if (strlen(p + 1) < 5 || digits(p + 1, 2, &oh) || p[3] != ':' ||
            digits(p + 4, 2, &om)) {
            *why = "offset is not +hh:mm or -hh:mm";
            return -1;
        }
        if (oh > 23 || om > 59) {
            *why = "offset out of range";
            return -1;
        }
        p += 6;
    } else {
        *why = "no time zone (Z or +hh:mm)";
        return -1;
    }
    if (*p != '\0') {
        *why = "trailing characters";
        return -1;
    }
    int64_t secs = sg_time_from_date(y, mo, d) / SG_NS_PER_SEC + h * 3600 + mi * 60 + se -
                   (int64_t)sign * (oh * 3600 + om * 60);
    /* Years 1678-2261 with any offset stay inside int64 nanoseconds. */
    *out = secs * SG_NS_PER_SEC + frac;
    return 0;
}

int sg_duration_parse(int64_t *out, const char *s, const char **why)
{
    static const char units_date[] = "WD", units_time[] = "HMS";
    static const int64_t sec_date[] = {7 * 86400, 86400}, sec_time[] = {3600, 60, 1};
    const char *p = s;
    int in_time = 0, any = 0, last = -1, after_t = 0;
    __int128 total = 0;
    const char *dummy;

    if (why == NULL)
        why = &dummy;
    if (*p != 'P') {
        *why = "does not start with 'P'";
        return -1;
    }
    p++;
    while (*p != '\0') {
        if (*p == 'T') {
            if (in_time) {
                *why = "'T' twice";
                return -1;
            }
            in_time = 1;
            after_t = 0;
            last = -1;
            p++;
            continue;
        }
        if (*p < '0' || *p > '9') {
            *why = "expected a number";
            return -1;
        }
        __int128 n = 0;
        while (*p >= '0' && *p <= '9') {
            n = n * 10 + (*p - '0');
            if (n > INT64_MAX) {
                *why = "too large";
                return -1;
            }
            p++;
        }
        const char *units = in_time ? units_time : units_date;
        const char *u = *p != '\0' ? strchr(units, *p) : NULL;
        if (u == NULL) {
            *why = *p == '.' || *p == ',' ? "fractions are not allowed"
                   : (*p == 'Y' || (*p == 'M' && !in_time))
                       ? "years and months are not allowed"
                       : "unknown or misplaced unit";
            return -1;
        }
        int idx = (int)(u - units);
        if (idx <= last) {
            *why = "units out of order or repeated";
            return -1;
        }
        last = idx;
        total += n * (in_time ? sec_time[idx] : sec_date[idx]) * SG_NS_PER_SEC;
        if (total > INT64_MAX) {
            *why = "too large";
            return -1;
        }
        any = 1;
        after_t = 1;
        p++;
    }
    if (!any) {
        *why = "no component";
        return -1;
    }
    if (in_time && !after_t) {
        *why = "'T' without a time component";
        return -1;
    }
    *out = (int64_t)total;
    return 0;
}

void sg_time_civil(struct sg_civil *out, int64_t t)
{
    int64_t secs = t / SG_NS_PER_SEC, ns = t % SG_NS_PER_SEC;
    struct tm tm;
    time_t tt;

    if (ns < 0) {
        ns += SG_NS_PER_SEC;
        secs -= 1;
    }
    tt = (time_t)secs;
    gmtime_r(&tt, &tm);
    out->year = tm.tm_year + 1900;
    out->month = tm.tm_mon + 1;
    out->day = tm.tm_mday;
    out->hour = tm.tm_hour;
    out->min = tm.tm_min;
    out->sec = tm.tm_sec;
    out->nsec = ns;
}

char *sg_time_format(char *buf, int64_t t)
{
    struct sg_civil c;
    int n;

    if (t == SG_TIME_MIN) {
        strcpy(buf, "-inf");
        return buf;
    }
    if (t == SG_TIME_MAX) {
        strcpy(buf, "+inf");
        return buf;
    }
    sg_time_civil(&c, t);
    n = snprintf(buf, SG_TIME_BUF, "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day,
                 c.hour, c.min, c.sec);
    if (c.nsec != 0) {
        char frac[16];
        int len = snprintf(frac, sizeof(frac), "%09lld", (long long)c.nsec);
        while (len > 0 && frac[len - 1] == '0')
            frac[--len] = '\0';
        n += snprintf(buf + n, SG_TIME_BUF - (size_t)n, ".%s", frac);
    }
    snprintf(buf + n, SG_TIME_BUF - (size_t)n, "Z");
    return buf;
}

char *sg_duration_format(char *buf, int64_t d)
{
    int64_t s = d / SG_NS_PER_SEC, ns = d % SG_NS_PER_SEC;
    int64_t days = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60, sec = s % 60;
    int n = snprintf(buf, SG_TIME_BUF, "P");
    if (days)
        n += snprintf(buf + n, SG_TIME_BUF - (size_t)n, "%lldD", (long long)days);
    if (h || m || sec || ns || !days) {
        n += snprintf(buf + n, SG_TIME_BUF - (size_t)n, "T");
        if (h)
            n += snprintf(buf + n, SG_TIME_BUF - (size_t)n, "%lldH", (long long)h);
        if (m)
            n += snprintf(buf + n, SG_TIME_BUF - (size_t)n, "%lldM", (long long)m);
        if (sec || ns || (!h && !m)) {
            if (ns)
                n += snprintf(buf + n, SG_TIME_BUF - (size_t)n, "%lld.%09lldS",
                              (long long)sec, (long long)ns);
            else
                n += snprintf(buf + n, SG_TIME_BUF - (size_t)n, "%lldS", (long long)sec);
        }
    }
    return buf;
}

int64_t sg_time_add(int64_t t, int64_t d)
{
    int64_t r;
    if (__builtin_add_overflow(t, d, &r))
        return d > 0 ? SG_TIME_MAX : SG_TIME_MIN;
    return r;
}

int64_t sg_time_sub(int64_t t, int64_t d)
{
    int64_t r;
    if (__builtin_sub_overflow(t, d, &r))
        return d > 0 ? SG_TIME_MIN : SG_TIME_MAX;
    return r;
}

int sg_time_diff_cmp(int64_t a, int64_t b, int64_t d)
{
    __int128 diff = (__int128)a - (__int128)b;
    return diff < d ? -1 : diff > d ? 1 : 0;
}

int sg_clock_now(int64_t *out)
{
    const char *env = getenv("SIGNOFF_NOW");
    struct timespec ts;

    if (env != NULL)
        return sg_time_parse(out, env, NULL);
    clock_gettime(CLOCK_REALTIME, &ts);
    *out = (int64_t)ts.tv_sec * SG_NS_PER_SEC + ts.tv_nsec;
    return 0;
}

/* trace/period.c: SPEC §7 "Periods" and SPEC §4 "The period and the as-of time". */
#include "signoff/period.h"
#include "signoff/time.h"

#include <stdio.h>
#include <string.h>

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int year_of(const char *s, int *y)
{
    if (!all_digits(s, 4))
        return -1;
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    return *y >= 1678 && *y <= 2261 ? 0 : -1;
}

/* One side of A..B: a date (00:00Z) or an RFC 3339 time. */
static int side(const char *s, int64_t *out)
{
    if (strlen(s) == 10)
        return sg_date_parse(out, s, NULL);
    return sg_time_parse(out, s, NULL);
}

int sg_period_parse(struct sg_period *out, const char *text, const char **why)
{
    size_t n = strlen(text);
    const char *dots = strstr(text, "..");
    int y, m;

    memset(out, 0, sizeof(*out));
    snprintf(out->label, sizeof(out->label), "%s", text);
    if (strcmp(text, "last-quarter") == 0) {
        int64_t now;
        struct sg_civil c;
        if (sg_clock_now(&now) != 0) {
            *why = "SIGNOFF_NOW is not an RFC 3339 time";
            return -1;
        }
        sg_time_civil(&c, now);
        int q = (c.month - 1) / 3; /* current quarter 0..3, UTC */
        int py = q == 0 ? c.year - 1 : c.year, pq = q == 0 ? 3 : q - 1;
        if (py < 1678) {
            *why = "year out of range 1678-2261";
            return -1;
        }
        out->from = sg_time_from_date(py, pq * 3 + 1, 1);
        out->to = sg_time_from_date(c.year, q * 3 + 1, 1);
        snprintf(out->label, sizeof(out->label), "%04d-Q%d", py, pq + 1);
        return 0;
    }
    if (dots != NULL) {
        char a[64], b[64];
        size_t la = (size_t)(dots - text);
        if (la == 0 || la >= sizeof(a) || strlen(dots + 2) >= sizeof(b) || dots[2] == '\0') {
            *why = "expected A..B";
            return -1;
        }
        memcpy(a, text, la);
        a[la] = '\0';
        snprintf(b, sizeof(b), "%s", dots + 2);
        if (side(a, &out->from) != 0 || side(b, &out->to) != 0) {
            *why = "each side of A..B must be a date YYYY-MM-DD or an RFC 3339 time";
            return -1;
        }
        if (out->from >= out->to) {
            *why = "A must be before B in A..B";
            return -1;
        }
        return 0;
    }
    if (n == 4 && year_of(text, &y) == 0) {
        out->from = sg_time_from_date(y, 1, 1);
        out->to = sg_time_from_date(y + 1, 1, 1);
        return 0;
    }
    if (n == 7 && text[4] == '-' && text[5] == 'Q' && text[6] >= '1' && text[6] <= '4' &&
        year_of(text, &y) == 0) {
        int q = text[6] - '1';
        out->from = sg_time_from_date(y, q * 3 + 1, 1);
        out->to = q == 3 ? sg_time_from_date(y + 1, 1, 1) : sg_time_from_date(y, q * 3 + 4, 1);
        return 0;
    }
    if (n == 7 && text[4] == '-' && all_digits(text + 5, 2) && year_of(text, &y) == 0) {
        m = (text[5] - '0') * 10 + (text[6] - '0');
        if (m >= 1 && m <= 12) {
            out->from = sg_time_from_date(y, m, 1);
            out->to = m == 12 ? sg_time_from_date(y + 1, 1, 1) : sg_time_from_date(y, m + 1, 1);
            return 0;
        }
    }
    *why = "expected 2026-Q3, 2026-07, 2026, A..B or last-quarter";
    return -1;
}

void sg_period_all_time(struct sg_period *out, int64_t latest_event)
{
    memset(out, 0, sizeof(*out));
    out->all_time = 1;
    out->from = SG_TIME_MIN;
    /* SPEC §4: one second after the latest event; an empty store gives epoch + 1 s */
    out->to = (latest_event == SG_TIME_MIN ? 0 : latest_event) + SG_NS_PER_SEC;
    snprintf(out->label, sizeof(out->label), "all time");
}

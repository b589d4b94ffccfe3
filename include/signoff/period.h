/* period.h: SPEC §7 periods — 2026-Q3, 2026-07, 2026, A..B, last-quarter — as the
 * half-open [from, to) of SPEC §4. Without a period: all time, from = SG_TIME_MIN and to
 * one second after the latest event. */
#ifndef SIGNOFF_PERIOD_H
#define SIGNOFF_PERIOD_H

#include <stdint.h>

struct sg_period {
    int64_t from, to;
    int all_time;
    char label[128]; /* as given ("2026-Q3"), or "all time" */
};

/* Parses text; `now` is read (sg_clock_now) only for last-quarter. Returns 0, or -1 with
 * *why a static phrase (which names SIGNOFF_NOW when it was the problem). */
int sg_period_parse(struct sg_period *out, const char *text, const char **why);
/* The all-time period given the latest event (SG_TIME_MIN for none: to = epoch + 1 s). */
void sg_period_all_time(struct sg_period *out, int64_t latest_event);

#endif

/* fuzz_time: the period, time, date and duration grammars (SPEC §2, §7). The first byte
 * picks the parser, the rest is the text. Invariants: a parsed time formats (as UTC) to a
 * text that parses to the same instant, unless the offset moved it out of the years
 * SPEC §2 lets one write (2261-12-31T23:59:59-00:01 is 2262 in UTC, still an int64);
 * a duration likewise; a period is from < to. */
#include "fuzz.h"

#include "signoff/period.h"
#include "signoff/time.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[SG_TIME_BUF], *s;
    const char *why = NULL;
    int64_t t, t2;
    struct sg_period p;

    if (size == 0)
        return 0;
    s = fuzz_cstr(data + 1, size - 1);
    switch (data[0] % 4) {
    case 0:
        if (sg_time_parse(&t, s, &why) == 0) {
            sg_time_format(buf, t);
            if (strncmp(buf, "1677-", 5) != 0 && strncmp(buf, "2262-", 5) != 0)
                FUZZ_ASSERT(sg_time_parse(&t2, buf, &why) == 0 && t2 == t);
        } else {
            FUZZ_ASSERT(why != NULL);
        }
        break;
    case 1:
        if (sg_date_parse(&t, s, &why) == 0) {
            FUZZ_ASSERT(sg_time_parse(&t2, sg_time_format(buf, t), &why) == 0 && t2 == t);
        } else {
            FUZZ_ASSERT(why != NULL);
        }
        break;
    case 2:
        if (sg_duration_parse(&t, s, &why) == 0) {
            FUZZ_ASSERT(t >= 0);
            FUZZ_ASSERT(sg_duration_parse(&t2, sg_duration_format(buf, t), &why) == 0 &&
                        t2 == t);
        } else {
            FUZZ_ASSERT(why != NULL);
        }
        break;
    default:
        /* last-quarter reads the clock: pin it, as the tests do */
        setenv("SIGNOFF_NOW", "2026-08-15T00:00:00Z", 1);
        if (sg_period_parse(&p, s, &why) == 0) {
            FUZZ_ASSERT(p.from < p.to);
            FUZZ_ASSERT(memchr(p.label, '\0', sizeof(p.label)) != NULL);
        } else {
            FUZZ_ASSERT(why != NULL);
        }
    }
    free(s);
    return 0;
}

/* cli/judge.c: see judge.h. */
#include "judge.h"
#include "cli.h"

#include <string.h>

int cli_judge_prepare(struct cli_judge *j, const char *cmd, const char *settings_path,
                      const char *period)
{
    struct sg_error err;
    const char *why = NULL;

    memset(j, 0, sizeof(*j));
    sg_settings_defaults(&j->settings);
    if (period != NULL) {
        if (sg_period_parse(&j->period, period, &why) != 0)
            return cli_usage(cmd, "bad --period \"%s\": %s", period, why);
        j->have_period = 1;
    }
    sg_error_init(&err);
    if (settings_path != NULL && sg_settings_load(&j->settings, settings_path, &err) != 0)
        return cli_error(&err);
    return 0;
}

int cli_judge_period(struct cli_judge *j, struct sg_store *st)
{
    struct sg_error err;
    int64_t latest;
    if (j->have_period)
        return 0;
    sg_error_init(&err);
    if (sg_store_latest_event(st, &latest, &err) != 0)
        return cli_error(&err);
    sg_period_all_time(&j->period, latest);
    return 0;
}

struct fail_on_ctx {
    struct cli_fail_on *f;
    const char *list, *cmd;
};

static int fail_on_item(void *ctx, const char *word)
{
    struct fail_on_ctx *c = ctx;
    int code, sev;
    if ((sev = sg_severity_lookup(word)) > 0) {
        if (c->f->min_severity == 0 || sev < c->f->min_severity)
            c->f->min_severity = sev;
    } else if ((code = sg_finding_lookup(word)) >= 0) {
        c->f->codes[code] = 1;
    } else {
        return cli_usage(c->cmd,
                         "bad --fail-on \"%s\": \"%s\" is neither a severity (high, medium, "
                         "low) nor a finding code",
                         c->list, word);
    }
    c->f->any = 1;
    return 0;
}

int cli_fail_on_parse(struct cli_fail_on *f, const char *list, const char *cmd)
{
    struct fail_on_ctx c = {f, list, cmd};
    memset(f, 0, sizeof(*f));
    return cli_each_item(cmd, "--fail-on", list, fail_on_item, &c);
}

int cli_fail_on_matches(const struct cli_fail_on *f, const long counts[SG_F__COUNT])
{
    for (int c = 0; c < SG_F__COUNT; c++) {
        if (counts[c] == 0)
            continue;
        if (f->codes[c])
            return 1;
        if (f->min_severity > 0 && (int)sg_finding_severity(c) >= f->min_severity)
            return 1;
    }
    return 0;
}

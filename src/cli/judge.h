/* cli/judge.h: what check, report and trace share: settings and period options, the
 * --fail-on list, and running the trace engine over loaded evidence. */
#ifndef SIGNOFF_CLI_JUDGE_H
#define SIGNOFF_CLI_JUDGE_H

#include "signoff/findings.h"
#include "signoff/period.h"
#include "signoff/settings.h"
#include "signoff/store.h"

struct cli_judge {
    struct sg_settings settings;
    struct sg_period period;
    int have_period;
    char *settings_path; /* borrowed from argv */
};

/* Parses --period (64 when bad) and loads --settings (65/66). Returns 0 or the exit code,
 * message printed. */
int cli_judge_prepare(struct cli_judge *j, const char *cmd, const char *settings_path,
                      const char *period);
/* Sets the all-time period from the store's latest event when no --period was given. */
int cli_judge_period(struct cli_judge *j, struct sg_store *st);

/* --fail-on LIST: severities (that or higher) and finding codes. */
struct cli_fail_on {
    int min_severity; /* 0 = none */
    unsigned char codes[SG_F__COUNT];
    int any;
};
int cli_fail_on_parse(struct cli_fail_on *f, const char *list, const char *cmd);
int cli_fail_on_matches(const struct cli_fail_on *f, const long counts[SG_F__COUNT]);

#endif

/* cli/load.h: opening the evidence a command judges: a store, FILE arguments, or both
 * (SPEC §7 "There is no default store"), printing every bad record (SPEC §8). */
#ifndef SIGNOFF_CLI_LOAD_H
#define SIGNOFF_CLI_LOAD_H

#include "signoff/ingest.h"
#include "signoff/store.h"

/* Prints bad-record messages: the first 100, then counts the rest. */
struct cli_msgs {
    long printed, more;
    int code; /* the first message's exit code */
};
void cli_msgs_print(void *ctx, const struct sg_error *e);
/* Prints "signoff: …and N more" when needed. */
void cli_msgs_finish(struct cli_msgs *m);

/* Ends the one transaction of an ingest or import into st (SPEC §8): when the run
 * failed (ran != 0), rolls back, prints what is left to print (err unless every bad
 * record was already reported) and returns the exit code; else commits when keep, rolls
 * back when not (validation only) and returns 0, or the exit code of a failed commit. */
int cli_end_transaction(struct sg_store *st, int ran, int keep, long long bad,
                        struct cli_msgs *msgs, struct sg_error *err);

/* Input bytes past which a private store is a temporary file (SG_STORE_SPILL), not
 * memory: SG_STORE_MEMORY_MAX_INPUT, or SIGNOFF_SPILL_AFTER when set. */
int64_t cli_spill_after(void);

/* For check, report and trace: opens store_path (may be NULL) and reads files into a
 * private copy. Neither: 64. On success *out is the store to judge (New:
 * sg_store_close()). Returns 0 or the exit status, messages printed. */
int cli_load_evidence(struct sg_store **out, const char *store_path, char *const *files,
                      int nfiles, const char *cmd);

#endif

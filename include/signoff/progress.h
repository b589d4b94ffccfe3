/* progress.h: how far a long run has got, for the progress line of SPEC §7 ("long runs
 * show progress on a terminal, never in a pipe"). The core only reports; src/cli
 * decides whether and how to print (cli/progress.c). One process-wide observer, NULL
 * by default, so the library and its tests stay silent. */
#ifndef SIGNOFF_PROGRESS_H
#define SIGNOFF_PROGRESS_H

#include <stdint.h>

/* phase: what is counted ("ingest", "judge"); items: records or decisions done so far
 * in the phase; done/total: work units for an estimate of what is left (bytes read of
 * the input, rows of the store), total 0 when unknown. */
typedef void (*sg_progress_fn)(void *ctx, const char *phase, int64_t items, int64_t done,
                               int64_t total);

void sg_progress_set(sg_progress_fn fn, void *ctx);
/* 1 when an observer is set: work done only for the estimate can be skipped. */
int sg_progress_wanted(void);
/* Tells the observer, if any. Cheap enough to call every few hundred items. */
void sg_progress(const char *phase, int64_t items, int64_t done, int64_t total);

#endif

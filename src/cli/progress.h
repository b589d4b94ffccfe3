/* cli/progress.h: the progress line of long ingest, check and report runs (SPEC §7): on
 * stderr, only when it is a terminal (and TERM is not "dumb"), never with --quiet;
 * records/s, elapsed time and an estimate of what is left, refreshed at most four times
 * a second, shown only once a run has taken a second; erased before any message and at
 * the end, so nothing of it stays on the screen. */
#ifndef SIGNOFF_CLI_PROGRESS_H
#define SIGNOFF_CLI_PROGRESS_H

/* Starts reporting for command cmd unless quiet or stderr is no terminal. */
void cli_progress_start(const char *cmd, int quiet);
/* Erases the line if shown (before a message, and at the end). */
void cli_progress_clear(void);
/* Stops reporting and erases the line. */
void cli_progress_end(void);

#endif

/* cli.h: what the command files share: the command signature, error printing and the
 * option helpers. Only src/cli prints (STYLE "Errors"). */
#ifndef SIGNOFF_CLI_H
#define SIGNOFF_CLI_H

#include "signoff/error.h"

#include <getopt.h>

/* Each command gets argv with argv[0] = the command name; returns the exit status. */
typedef int (*cli_cmd_fn)(int argc, char **argv);

int cmd_ingest(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_trace(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_mappings(int argc, char **argv);

/* Prints err as one line on stderr (FILE:LINE: msg or signoff: msg); returns err->code. */
int cli_error(const struct sg_error *err);
/* Prints "signoff: <fmt>" on stderr; returns code. */
int cli_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints "signoff: <msg>" and "Try 'signoff CMD --help'."; returns 64. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Calls fn for each item of a comma-separated list (--fail-on, --format, --framework).
 * An empty or overlong item is a usage error (64, message printed). fn returns 0, or an
 * exit code that stops the walk. Returns 0 or that code. */
int cli_each_item(const char *cmd, const char *option, const char *list,
                  int (*fn)(void *ctx, const char *item), void *ctx);
/* The options check, trace and report share (SPEC §7): put CLI_COMMON_OPTIONS in the
 * command's getopt_long table and hand each option to cli_common_option. */
struct cli_common {
    const char *store, *settings, *period; /* borrowed from argv; NULL when absent */
};
#define CLI_COMMON_OPTIONS                                                                   \
    {"store", required_argument, NULL, 's'}, {"settings", required_argument, NULL, 'S'},    \
        {"period", required_argument, NULL, 'p'}
/* Returns 1 and keeps arg when c is one of CLI_COMMON_OPTIONS' letters, else 0. */
int cli_common_option(struct cli_common *co, int c, const char *arg);
/* For getopt_long's ':' (a value missing) and '?' (an unknown option, with the nearest
 * long option of opts suggested): prints the usage error and returns 64. Call it after
 * getopt_long returned c, with optind as it left it. */
int cli_option_error(const char *cmd, int c, char *const *argv, const struct option *opts);

/* Prints one line of plain text on stdout (a table row, a timeline entry): the formatted
 * text with every control character escaped (text.h), then a newline. */
void cli_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Flushes and closes stdout; returns 0, or 74 with a message when writing failed. */
int cli_finish_stdout(int rc);

#endif

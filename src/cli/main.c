/* cli/main.c: the command table, global options and the exit status (SPEC §7). */
#include "cli.h"
#include "help.h"
#include "signoff/datadir.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct command {
    const char *name;
    cli_cmd_fn fn;
} commands[] = {
    {"ingest", cmd_ingest},
    {"import", cmd_import},
    {"check", cmd_check},
    {"trace", cmd_trace},
    {"report", cmd_report},
    {"verify", cmd_verify},
    {"mappings", cmd_mappings},
};

static const struct command *find(const char *name)
{
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    const struct command *c;

    /* A file-size limit (ulimit -f) must be a write error, exit 74 with the store rolled
       back, not a death by SIGXFSZ. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2)
        return cli_usage(NULL, "no command given");
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        cli_print_version();
        return cli_finish_stdout(0);
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cli_print_help(NULL);
        return cli_finish_stdout(0);
    }
    if (strcmp(argv[1], "help") == 0) {
        if (argc > 2 && !cli_has_help(argv[2]))
            return cli_usage(NULL, "no such command \"%s\"%s", argv[2], cli_suggest(argv[2]));
        cli_print_help(argc > 2 ? argv[2] : NULL);
        return cli_finish_stdout(0);
    }
    if (argv[1][0] == '-') {
        static const char *const global[] = {"help", "version", NULL};
        return cli_usage(NULL, "unknown option \"%s\"%s", argv[1],
                         cli_suggest_option(argv[1], global));
    }
    c = find(argv[1]);
    if (c == NULL)
        return cli_usage(NULL, "no such command \"%s\"%s", argv[1], cli_suggest(argv[1]));
    return c->fn(argc - 1, argv + 1);
}

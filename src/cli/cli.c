/* cli/cli.c: printing errors and finishing stdout, for every command. */
#include "cli.h"
#include "help.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int cli_error(const struct sg_error *err)
{
    char buf[1024];
    sg_error_format(err, buf, sizeof(buf));
    fprintf(stderr, "%s\n", buf);
    return err->code ? err->code : EX_SOFTWARE;
}

int cli_fail(int code, const char *fmt, ...)
{
    va_list ap;
    fputs("signoff: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return code;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs("signoff: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (cmd != NULL)
        fprintf(stderr, "Try 'signoff %s --help'.\n", cmd);
    else
        fputs("Try 'signoff --help'.\n", stderr);
    return EX_USAGE;
}

int cli_finish_stdout(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "signoff: cannot write to standard output: %s\n", strerror(errno));
        return EX_IOERR;
    }
    return rc;
}

int cli_each_item(const char *cmd, const char *option, const char *list,
                  int (*fn)(void *ctx, const char *item), void *ctx)
{
    char word[64];
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        int rc;
        if (n == 0 || n >= sizeof(word))
            return cli_usage(cmd, "bad %s \"%s\": empty or overlong item", option, list);
        memcpy(word, p, n);
        word[n] = '\0';
        if ((rc = fn(ctx, word)) != 0)
            return rc;
        if (comma == NULL)
            return 0;
        p = comma + 1;
    }
}

int cli_common_option(struct cli_common *co, int c, const char *arg)
{
    switch (c) {
    case 's':
        co->store = arg;
        return 1;
    case 'S':
        co->settings = arg;
        return 1;
    case 'p':
        co->period = arg;
        return 1;
    }
    return 0;
}

int cli_option_error(const char *cmd, int c, char *const *argv, const struct option *opts)
{
    const char *names[64];
    size_t n = 0;
    if (c == ':')
        return cli_usage(cmd, "option \"%s\" needs a value", argv[optind - 1]);
    for (; opts[n].name != NULL && n + 1 < sizeof(names) / sizeof(names[0]); n++)
        names[n] = opts[n].name;
    names[n] = NULL;
    return cli_usage(cmd, "unknown option \"%s\"%s", argv[optind - 1],
                     cli_suggest_option(argv[optind - 1], names));
}

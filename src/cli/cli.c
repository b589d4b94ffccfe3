/* cli/cli.c: printing errors and finishing stdout, for every command. */
#include "cli.h"
#include "help.h"
#include "progress.h"
#include "signoff/text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints text on fp as one line, control characters escaped (text.h): a file name or a
   record value quoted in a message can neither forge a second line nor drive the
   terminal. */
static void put_line(FILE *fp, const char *text)
{
    struct sg_buf b = {0};
    sg_text_escape(&b, text);
    sg_buf_addc(&b, '\n');
    fputs(sg_buf_str(&b), fp);
    sg_buf_release(&b);
}

static void vput_line(FILE *fp, const char *prefix, const char *fmt, va_list ap)
{
    struct sg_buf b = {0};
    sg_buf_adds(&b, prefix);
    {
        va_list aq;
        va_copy(aq, ap);
        int n = vsnprintf(NULL, 0, fmt, aq);
        va_end(aq);
        if (n > 0) {
            char *s = sg_xmalloc((size_t)n + 1);
            vsnprintf(s, (size_t)n + 1, fmt, ap);
            sg_buf_adds(&b, s);
            free(s);
        }
    }
    put_line(fp, sg_buf_str(&b));
    sg_buf_release(&b);
}

void cli_line(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vput_line(stdout, "", fmt, ap);
    va_end(ap);
}

int cli_error(const struct sg_error *err)
{
    char buf[1024];
    cli_progress_clear();
    sg_error_format(err, buf, sizeof(buf));
    put_line(stderr, buf);
    return err->code ? err->code : EX_SOFTWARE;
}

int cli_fail(int code, const char *fmt, ...)
{
    va_list ap;
    cli_progress_clear();
    va_start(ap, fmt);
    vput_line(stderr, "signoff: ", fmt, ap);
    va_end(ap);
    return code;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vput_line(stderr, "signoff: ", fmt, ap);
    va_end(ap);
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

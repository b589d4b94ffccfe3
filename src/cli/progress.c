/* cli/progress.c: see progress.h. The line is redrawn in place with "\r" and erased with
 * "\r\033[K". It reads CLOCK_MONOTONIC, which says nothing in any output (STYLE
 * "Determinism": verdicts read only sg_clock_now). SIGNOFF_PROGRESS_AFTER_MS changes the
 * one-second delay before the first line (tests/scripts/progress.sh sets 0). */
#include "progress.h"
#include "signoff/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct {
    int on, shown;
    const char *cmd;
    double start, last, after;
} pr;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void clock_text(char *buf, size_t n, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

static void observe(void *ctx, const char *phase, int64_t items, int64_t done,
                    int64_t total)
{
    double t = now_s(), el = t - pr.start;
    char e[32], eta[48] = "";
    (void)ctx;
    if (el < pr.after || (pr.shown && t - pr.last < 0.25))
        return;
    pr.last = t;
    clock_text(e, sizeof(e), el);
    if (total > 0 && done > 0 && done <= total) {
        char left[32];
        clock_text(left, sizeof(left), el * (double)(total - done) / (double)done);
        snprintf(eta, sizeof(eta), ", %d%%, about %s left", (int)(100.0 * done / total),
                 left);
    }
    fprintf(stderr, "\r\033[Ksignoff %s: %s %lld %s, %.0f/s, %s elapsed%s", pr.cmd,
            strcmp(phase, "ingest") == 0 ? "read" : "judged", (long long)items,
            strcmp(phase, "ingest") == 0 ? "records" : "decisions and exposures",
            el > 0 ? (double)items / el : 0.0, e, eta);
    fflush(stderr);
    pr.shown = 1;
}

void cli_progress_start(const char *cmd, int quiet)
{
    const char *term = getenv("TERM"), *after = getenv("SIGNOFF_PROGRESS_AFTER_MS");
    memset(&pr, 0, sizeof(pr));
    if (quiet || !isatty(STDERR_FILENO) || (term != NULL && strcmp(term, "dumb") == 0))
        return;
    pr.on = 1;
    pr.cmd = cmd;
    pr.start = now_s();
    pr.after = after != NULL && *after ? atof(after) / 1000.0 : 1.0;
    sg_progress_set(observe, NULL);
}

void cli_progress_clear(void)
{
    if (pr.shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        pr.shown = 0;
        pr.last = 0;
    }
}

void cli_progress_end(void)
{
    cli_progress_clear();
    if (pr.on)
        sg_progress_set(NULL, NULL);
    pr.on = 0;
}

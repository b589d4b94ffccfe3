/* util/progress.c: see progress.h. */
#include "signoff/progress.h"

#include <stddef.h>

static sg_progress_fn observer;
static void *observer_ctx;

void sg_progress_set(sg_progress_fn fn, void *ctx)
{
    observer = fn;
    observer_ctx = ctx;
}

void sg_progress(const char *phase, int64_t items, int64_t done, int64_t total)
{
    if (observer != NULL)
        observer(observer_ctx, phase, items, done, total);
}

int sg_progress_wanted(void)
{
    return observer != NULL;
}

/* outdir.h: atomic output folders (SPEC §6 "A package is written to a temporary name
 * and renamed into place"). The package is built in a fresh folder beside the target
 * (mkdtemp: a planted name or symlink is never followed), every file is flushed and
 * fsynced, and the folder is renamed into place; --force swaps it with the old one in
 * one renameat2(RENAME_EXCHANGE). On failure, or on exit or a signal before commit, the
 * temporary folder is removed: a failed run leaves no partial package. */
#ifndef SIGNOFF_OUTDIR_H
#define SIGNOFF_OUTDIR_H

#include <stdio.h>

#include "signoff/error.h"

struct sg_outdir {
    char *dest; /* the final name */
    char *tmp;  /* the folder being built; NULL after commit or abort */
};

/* An existing dest is EX_CANTCREAT unless force. */
int sg_outdir_begin(struct sg_outdir *o, const char *dest, int force, struct sg_error *err);
/* New: free(). The path of name inside the folder being built. */
char *sg_outdir_path(const struct sg_outdir *o, const char *name);
/* Opens name for writing in the folder ("wb"). */
FILE *sg_outdir_open(const struct sg_outdir *o, const char *name, struct sg_error *err);
/* Flushes, fsyncs and closes fp; EX_IOERR on any failure. Closes fp in every case. */
int sg_outdir_close(FILE *fp, const char *name, struct sg_error *err);
int sg_outdir_commit(struct sg_outdir *o, struct sg_error *err);
void sg_outdir_abort(struct sg_outdir *o);

/* Removes a folder tree (no symlink is followed). */
int sg_rmtree(const char *path);

#endif

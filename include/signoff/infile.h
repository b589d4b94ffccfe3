/* infile.h: opening an input file (records, settings, mappings) so that no kind of file
 * can hang the run: a FIFO is opened without blocking and refused when nobody writes to
 * it, a directory is refused at open. Reading stays the caller's business, under the
 * caps of limits.h (so /dev/zero ends at a cap, never runs forever). */
#ifndef SIGNOFF_INFILE_H
#define SIGNOFF_INFILE_H

#include <stdio.h>

/* New: fclose(). Opens path for reading ("rb"). NULL with errno set on failure: EISDIR
 * for a directory, ENXIO for a FIFO with no writer (or a socket). A FIFO with a writer
 * (a pipe from the shell, `<(cmd)`) is read as a stream. */
FILE *sg_infile_open(const char *path);

/* Borrowed (static): strerror(e), with ENXIO said in the words of sg_infile_open. */
const char *sg_infile_strerror(int e);

#endif

/* threads.h: how many threads signoff may use (SIGNOFF_THREADS). */
#ifndef SIGNOFF_THREADS_H
#define SIGNOFF_THREADS_H

/* SIGNOFF_THREADS when set and not empty, else the number of online processors; at
 * least 1, at most max. Ingest's parsing workers and the trace engine's second
 * connection read it; the output never depends on it. */
int sg_threads(int max);

#endif

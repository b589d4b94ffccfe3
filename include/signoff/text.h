/* text.h: record text made safe for a terminal. Records and file names may hold control
 * characters (an ESC sequence that rewrites the screen, a newline that forges a second
 * message line, a bidi override that reorders what an auditor reads). Everything the
 * CLI prints as plain text (tables, trace timelines, error messages) goes through
 * sg_text_escape first, whether or not the output is a terminal, so that the same input
 * prints the same bytes. The JSON outputs escape by SPEC §7 instead. */
#ifndef SIGNOFF_TEXT_H
#define SIGNOFF_TEXT_H

#include "signoff/xalloc.h"

/* Appends s to out with C0 controls and DEL shown as \n \r \t or \xNN, the C1 controls
 * U+0080-U+009F and the bidi controls U+200E U+200F U+202A-U+202E U+2066-U+2069 as
 * \uNNNN, and bytes that are not UTF-8 as \xNN. Everything else is copied. */
void sg_text_escape(struct sg_buf *out, const char *s);

#endif

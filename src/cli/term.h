/* cli/term.h: readable terminal output for check and trace: colour only on a terminal
 * and never with NO_COLOR (https://no-color.org) or TERM=dumb; text padded and wrapped
 * by columns (UTF-8 code points, not bytes) to fit 80 columns; control characters of
 * input strings shown as \xNN, and C1 and bidi controls as \uNNNN, so that no record
 * can send escapes to the terminal or reorder what it shows. */
#ifndef SIGNOFF_CLI_TERM_H
#define SIGNOFF_CLI_TERM_H

#include <stdio.h>

enum { TERM_WIDTH = 80 };

/* SGR colours, or "" when colour is off. */
enum term_style { TERM_RESET, TERM_BOLD, TERM_RED, TERM_YELLOW, TERM_GREEN, TERM_DIM };

/* 1 when stdout is a terminal, NO_COLOR is unset or empty and TERM is not "dumb". */
int term_colour(void);
/* The escape sequence of style s, or "" when colour is off. Static. */
const char *term_sgr(enum term_style s);
/* The columns s takes: its UTF-8 code points, a control character counting 4 (\xNN). */
size_t term_cols(const char *s);
/* Prints s with control characters as \xNN, then spaces up to width columns (none
 * when s is wider). */
void term_put_padded(const char *s, size_t width);
/* Prints s with control characters as \xNN. */
void term_put(const char *s);
/* Prints text, whose items are separated by sep (", " or " "), from column col on,
 * wrapping before TERM_WIDTH: a line ends after an item's separator with the trailing
 * spaces dropped, and the next starts at column indent. An item wider than a line is
 * cut into pieces. Ends with a newline. */
void term_put_wrapped(const char *text, const char *sep, size_t col, size_t indent);

#endif

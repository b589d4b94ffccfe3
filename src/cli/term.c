/* cli/term.c: see term.h. */
#include "term.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int term_colour(void)
{
    static int on = -1;
    if (on < 0) {
        const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
        on = isatty(STDOUT_FILENO) && (nc == NULL || nc[0] == '\0') &&
             !(term != NULL && strcmp(term, "dumb") == 0);
    }
    return on;
}

const char *term_sgr(enum term_style s)
{
    static const char *const seq[] = {"\033[0m",    "\033[1m",  "\033[1;31m",
                                      "\033[1;33m", "\033[32m", "\033[2m"};
    return term_colour() ? seq[s] : "";
}

static int is_control(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

/* A code point of s (at i, of n bytes) that must not reach the terminal as it is but
   has no \xNN form: a C1 control (U+0080-U+009F, which terminals may obey: U+009B is
   CSI) or a bidi control (U+200E U+200F U+202A-U+202E U+2066-U+2069, which reorder
   what the reader sees). Returns its length in bytes (2 or 3) and the code point, or 0.
 */
static size_t hidden_cp(const char *s, size_t i, size_t n, unsigned *cp)
{
    const unsigned char *p = (const unsigned char *)s + i;
    if (i + 1 < n && p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
        *cp = p[1];
        return 2;
    }
    if (i + 2 < n && p[0] == 0xe2 && (p[1] == 0x80 || p[1] == 0x81) &&
        (p[2] & 0xc0) == 0x80) {
        unsigned c = 0x2000 | ((unsigned)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
        if (c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
            (c >= 0x2066 && c <= 0x2069)) {
            *cp = c;
            return 3;
        }
    }
    return 0;
}

/* Columns of the first n bytes of s. */
static size_t cols_n(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n && s[i]; i++) {
        unsigned char b = (unsigned char)s[i];
        unsigned cp;
        size_t h = hidden_cp(s, i, n, &cp);
        if (h > 0) {
            c += 6; /* \uNNNN */
            i += h - 1;
        } else if (is_control(b)) {
            c += 4;
        } else if ((b & 0xc0) != 0x80) {
            c++;
        }
    }
    return c;
}

size_t term_cols(const char *s)
{
    return cols_n(s, strlen(s));
}

static void put_n(const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        unsigned char b = (unsigned char)s[i];
        unsigned cp;
        size_t h = hidden_cp(s, i, n, &cp);
        if (h > 0) {
            printf("\\u%04x", cp);
            i += h - 1;
        } else if (is_control(b)) {
            printf("\\x%02x", b);
        } else {
            putchar(b);
        }
    }
}

void term_put(const char *s)
{
    put_n(s, strlen(s));
}

void term_put_padded(const char *s, size_t width)
{
    size_t c = term_cols(s);
    term_put(s);
    for (; c < width; c++)
        putchar(' ');
}

static void spaces(size_t n)
{
    while (n-- > 0)
        putchar(' ');
}

/* Bytes of s that fit in at most w columns, ending on a character boundary. */
static size_t fit_bytes(const char *s, size_t len, size_t w)
{
    size_t i = 0, c = 0;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        unsigned cp;
        size_t step = 1, add = is_control(b) ? 4 : 1, h = hidden_cp(s, i, len, &cp);
        if (h > 0)
            add = 6;
        while (i + step < len && ((unsigned char)s[i + step] & 0xc0) == 0x80)
            step++;
        if (c + add > w)
            break;
        c += add;
        i += step;
    }
    return i > 0 ? i : 1; /* always progress */
}

void term_put_wrapped(const char *text, const char *sep, size_t col, size_t indent)
{
    size_t seplen = strlen(sep), trimmed = seplen;
    const char *p = text;
    int first = 1;

    while (trimmed > 0 && sep[trimmed - 1] == ' ')
        trimmed--;
    while (*p) {
        const char *end = strstr(p, sep);
        size_t len = end ? (size_t)(end - p) : strlen(p);
        size_t w = cols_n(p, len);
        /* the item and, unless it is the last, its separator's visible part */
        size_t need = w + (end ? cols_n(sep, trimmed) : 0);
        if (!first && col + seplen - trimmed + need > TERM_WIDTH) {
            putchar('\n');
            spaces(indent);
            col = indent;
        } else if (!first) {
            put_n(sep + trimmed, seplen - trimmed);
            col += seplen - trimmed;
        }
        while (col + w > TERM_WIDTH && TERM_WIDTH > indent) {
            /* an item wider than what is left of the line: cut it */
            size_t room = col < TERM_WIDTH ? TERM_WIDTH - col : 1;
            size_t n = fit_bytes(p, len, room);
            put_n(p, n);
            p += n;
            len -= n;
            w = cols_n(p, len);
            putchar('\n');
            spaces(indent);
            col = indent;
        }
        put_n(p, len);
        col += w;
        if (end == NULL)
            break;
        put_n(sep, trimmed);
        col += cols_n(sep, trimmed);
        p = end + seplen;
        first = 0;
    }
    putchar('\n');
}

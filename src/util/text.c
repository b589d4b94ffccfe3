/* util/text.c: see text.h. */
#include "signoff/text.h"

#include <stdint.h>

/* Length of the well-formed UTF-8 sequence at p (1-4), or 0. Overlong forms and
   surrogates are not well-formed. */
static size_t utf8_len(const unsigned char *p, uint32_t *cp)
{
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    if (p[0] >= 0xC2 && p[0] <= 0xDF && (p[1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
        return 2;
    }
    if (p[0] >= 0xE0 && p[0] <= 0xEF && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
              (p[2] & 0x3F);
        return *cp >= 0x800 && (*cp < 0xD800 || *cp > 0xDFFF) ? 3 : 0;
    }
    if (p[0] >= 0xF0 && p[0] <= 0xF4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
        (p[3] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
              ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
        return *cp >= 0x10000 && *cp <= 0x10FFFF ? 4 : 0;
    }
    return 0;
}

static int is_bidi(uint32_t cp)
{
    return cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

void sg_text_escape(struct sg_buf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    if (out->data == NULL)
        sg_buf_add(out, "", 0);
    while (*p) {
        uint32_t cp;
        size_t n = utf8_len(p, &cp);
        if (n == 0) {
            sg_buf_printf(out, "\\x%02x", *p);
            p++;
        } else if (n == 1 && (cp < 0x20 || cp == 0x7F)) {
            if (cp == '\n')
                sg_buf_adds(out, "\\n");
            else if (cp == '\r')
                sg_buf_adds(out, "\\r");
            else if (cp == '\t')
                sg_buf_adds(out, "\\t");
            else
                sg_buf_printf(out, "\\x%02x", (unsigned)cp);
            p++;
        } else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi(cp)) {
            sg_buf_printf(out, "\\u%04x", (unsigned)cp);
            p += n;
        } else {
            sg_buf_add(out, p, n);
            p += n;
        }
    }
}

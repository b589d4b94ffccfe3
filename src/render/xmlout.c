/* render/xmlout.c: package.xml's streaming writer (xmlout.h). */
#include "signoff/xmlout.h"

#include <string.h>

#define FLUSH_AT (1 << 16)

void sg_xo_init(struct sg_xo *o, FILE *fp, int refs)
{
    memset(o, 0, sizeof(*o));
    o->fp = fp;
    o->refs = refs;
}

int sg_xo_flush(struct sg_xo *o)
{
    if (o->b.len > 0 && !o->failed && fwrite(o->b.data, 1, o->b.len, o->fp) != o->b.len)
        o->failed = 1;
    sg_buf_reset(&o->b);
    return o->failed ? -1 : 0;
}

void sg_xo_release(struct sg_xo *o)
{
    sg_buf_release(&o->b);
    sg_buf_release(&o->t);
}

/* The length of the well-formed UTF-8 sequence at p (RFC 3629: no overlong forms, no
 * surrogates, nothing past U+10FFFF), or 0; *cp its code point. */
static int utf8_seq(const unsigned char *p, unsigned long *cp)
{
    unsigned long c;
    int n;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        n = 2, c = p[0] & 0x1F;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        n = 3, c = p[0] & 0x0F;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        n = 4, c = p[0] & 0x07;
    else
        return 0;
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) /* also stops at the terminating NUL */
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

const char *sg_xml_text(struct sg_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)s;
    unsigned long cp;
    int n;

    /* the common case: printable ASCII throughout */
    while (*p >= 0x20 && *p < 0x80)
        p++;
    if (*p == '\0')
        return s;
    for (; *p; p += n) {
        n = utf8_seq(p, &cp);
        if (n == 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
            cp == 0xFFFE || cp == 0xFFFF)
            break;
    }
    if (*p == '\0')
        return s;
    sg_buf_reset(b);
    for (p = (const unsigned char *)s; *p; p += n) {
        n = utf8_seq(p, &cp);
        if (n == 0) {
            char e[4] = {'\\', 'x', hex[*p >> 4], hex[*p & 15]};
            sg_buf_add(b, e, 4);
            n = 1;
        } else if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') {
            char e[6] = {'\\',
                         'u',
                         '0',
                         '0',
                         "0123456789abcdef"[cp >> 4],
                         "0123456789abcdef"[cp & 15]};
            sg_buf_add(b, e, 6);
        } else if (cp == 0xFFFE || cp == 0xFFFF) {
            sg_buf_adds(b, cp == 0xFFFE ? "\\uFFFE" : "\\uFFFF");
        } else {
            sg_buf_add(b, p, (size_t)n);
        }
    }
    return sg_buf_str(b);
}

static void close_tag(struct sg_xo *o)
{
    if (o->in_tag) {
        sg_buf_addc(&o->b, '>');
        o->in_tag = 0;
    }
}

void sg_xo_start(struct sg_xo *o, const char *name)
{
    close_tag(o);
    if (o->depth >= SG_XO_DEPTH) {
        o->failed = 1; /* a caller's bug: never deeper than package.xml's items */
        return;
    }
    o->open[o->depth++] = name;
    sg_buf_addc(&o->b, '<');
    sg_buf_adds(&o->b, name);
    o->in_tag = 1;
}

/* s (well-formed UTF-8, from sg_xml_text) as an attribute value or element text */
static void escaped(struct sg_buf *b, const char *s, int attribute, int refs)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)s, *run = p;
    for (; *p; p++) {
        const char *e;
        switch (*p) {
        case '<':
            e = "&lt;";
            break;
        case '>':
            e = "&gt;";
            break;
        case '&':
            e = "&amp;";
            break;
        case '"':
            e = "&quot;";
            break;
        case '\r':
            e = "&#13;";
            break;
        case '\n':
            e = attribute ? "&#10;" : NULL;
            break;
        case '\t':
            e = attribute ? "&#9;" : NULL;
            break;
        default:
            e = NULL;
        }
        if (e == NULL && !(refs && *p >= 0x80))
            continue;
        sg_buf_add(b, run, (size_t)(p - run));
        if (e != NULL) {
            sg_buf_adds(b, e);
            run = p + 1;
            continue;
        }
        /* a character reference, as libxml2 writes one without a document encoding */
        unsigned long cp;
        int n = utf8_seq(p, &cp);
        if (n == 0) /* not after sg_xml_text; a stray byte stays a byte's reference */
            n = 1, cp = *p;
        char ref[16], *q = ref + sizeof(ref);
        *--q = ';';
        do
            *--q = hex[cp & 15];
        while ((cp >>= 4) != 0);
        *--q = 'x';
        *--q = '#';
        *--q = '&';
        sg_buf_add(b, q, (size_t)(ref + sizeof(ref) - q));
        p += n - 1;
        run = p + 1;
    }
    sg_buf_add(b, run, (size_t)(p - run));
}

void sg_xo_attr(struct sg_xo *o, const char *name, const char *value)
{
    if (value == NULL || !o->in_tag)
        return;
    sg_buf_addc(&o->b, ' ');
    sg_buf_adds(&o->b, name);
    sg_buf_add(&o->b, "=\"", 2);
    escaped(&o->b, sg_xml_text(&o->t, value), 1, o->refs);
    sg_buf_addc(&o->b, '"');
}

void sg_xo_attr_int(struct sg_xo *o, const char *name, long long v)
{
    char digits[24], *q = digits + sizeof(digits);
    unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    *--q = '\0';
    do
        *--q = (char)('0' + m % 10);
    while ((m /= 10) != 0);
    if (v < 0)
        *--q = '-';
    sg_xo_attr(o, name, q);
}

void sg_xo_end(struct sg_xo *o)
{
    if (o->depth == 0) {
        o->failed = 1;
        return;
    }
    o->depth--;
    if (o->in_tag) {
        sg_buf_add(&o->b, "/>", 2);
        o->in_tag = 0;
    } else {
        sg_buf_add(&o->b, "</", 2);
        sg_buf_adds(&o->b, o->open[o->depth]);
        sg_buf_addc(&o->b, '>');
    }
    if (o->b.len >= FLUSH_AT)
        sg_xo_flush(o);
}

void sg_xo_element(struct sg_xo *o, const char *name, const char *text)
{
    sg_xo_start(o, name);
    close_tag(o);
    escaped(&o->b, sg_xml_text(&o->t, text), 0, 0);
    sg_xo_end(o);
}

void sg_xo_text(struct sg_xo *o, const char *text)
{
    close_tag(o);
    escaped(&o->b, sg_xml_text(&o->t, text), 0, 0);
}

void sg_xo_raw(struct sg_xo *o, const char *s)
{
    close_tag(o);
    sg_buf_adds(&o->b, s);
}

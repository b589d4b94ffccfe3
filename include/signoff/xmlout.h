/* xmlout.h: the streaming XML writer of package.xml (src/render/xmlout.c). It writes
 * the bytes libxml2 2.9's xmlTextWriter wrote for the same calls before it (no
 * indentation): an attribute escapes < > & " tab, newline and CR as references, element
 * text escapes < > & " and CR, an element without content ends with "/>". libxml2
 * wrote non-ASCII characters in attributes as &#xHEX; references where its writer had
 * no document encoding (the judged items' sections) and as UTF-8 where it had one (the
 * rest of the document): `refs` keeps that difference, so packages keep their bytes.
 * It exists because xmlTextWriter cost a third of report's time at 1 M decisions
 * (docs/performance.md); tests/unit/test_xmlout.c holds it to libxml2 byte for byte. */
#ifndef SIGNOFF_XMLOUT_H
#define SIGNOFF_XMLOUT_H

#include <stdint.h>
#include <stdio.h>

#include "signoff/xalloc.h"

#define SG_XO_DEPTH 8

struct sg_xo {
    FILE *fp;                      /* where the bytes go, a buffer's worth at a time */
    struct sg_buf b;               /* bytes not yet written */
    struct sg_buf t;               /* scratch: sg_xml_text */
    const char *open[SG_XO_DEPTH]; /* element names, outermost first (static strings) */
    int depth;
    int in_tag; /* the innermost start tag is not closed yet */
    int failed; /* a write failed */
    int refs;   /* non-ASCII in attributes as character references */
};

void sg_xo_init(struct sg_xo *o, FILE *fp, int refs);
/* Writes what is buffered to fp; 0, or -1 when a write failed (now or before). */
int sg_xo_flush(struct sg_xo *o);
void sg_xo_release(struct sg_xo *o);

void sg_xo_start(struct sg_xo *o, const char *name); /* name: a static string */
void sg_xo_attr(struct sg_xo *o, const char *name, const char *value); /* NULL: none */
void sg_xo_attr_int(struct sg_xo *o, const char *name, long long v);
void sg_xo_end(struct sg_xo *o);
/* Text content (closes the open start tag, even for ""). */
void sg_xo_text(struct sg_xo *o, const char *text);
/* Bytes as they are (closes the open start tag first). */
void sg_xo_raw(struct sg_xo *o, const char *s);
/* <name>text</name> */
void sg_xo_element(struct sg_xo *o, const char *name, const char *text);

/* Record text made fit for XML 1.0: the C0 controls other than tab, newline and CR are
 * written as the six characters \u00XX, U+FFFE and U+FFFF as \uFFFE and \uFFFF, and a
 * byte that does not belong to a well-formed UTF-8 sequence (a file name in another
 * encoding) as the four characters \xHH. Returns s itself when nothing needs it, else
 * the text in b. */
const char *sg_xml_text(struct sg_buf *b, const char *s);

#endif

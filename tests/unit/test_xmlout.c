/* tests/unit/test_xmlout.c: sg_xo (xmlout.h) writes the bytes libxml2's xmlTextWriter
 * writes for the same calls, on fixed and random text: every escape, non-ASCII of every
 * length, both ways of writing non-ASCII in attributes (references without a document
 * encoding, UTF-8 with one), empty elements, nesting. And sg_xml_text makes any bytes
 * fit for XML: what it gives is well-formed UTF-8 with no character XML 1.0 refuses. */
#include "harness.h"

#include "signoff/xmlout.h"

#include <libxml/parser.h>
#include <libxml/xmlwriter.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* one random character, as UTF-8, from a mix that hits every escape and length */
static void rnd_char(struct sg_buf *b)
{
    static const char special[] = "<>&\"'\t\n\r ;#x";
    unsigned long cp;
    switch (rnd(6)) {
    case 0:
        sg_buf_addc(b, special[rnd(sizeof(special) - 1)]);
        return;
    case 1:
        cp = 0x20 + rnd(0x5F);
        break;
    case 2:
        cp = 0x80 + rnd(0x780);
        break;
    case 3:
        cp = 0x800 + rnd(0xF800);
        if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = 0x4E2D;
        break;
    case 4:
        cp = 0x10000 + rnd(0x100000);
        break;
    default:
        cp = 1 + rnd(0x1F); /* a control: sg_xml_text's escapes */
    }
    char u[4];
    int n;
    if (cp < 0x80)
        u[0] = (char)cp, n = 1;
    else if (cp < 0x800)
        u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    else if (cp < 0x10000)
        u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
        u[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    else
        u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F)),
        n = 4;
    sg_buf_add(b, u, (size_t)n);
}

/* The same document both ways: <doc a="S"><item b="S" n="-12"><reason>S</reason>
 * <empty/></item><tail/>S</doc>, with libxml2 given sg_xml_text's output as it was
 * before sg_xo existed. encoded: libxml2's writer has a document encoding (the main
 * document) or not (the section files); sg_xo's refs the opposite. */
static void both(const char *s, int encoded)
{
    struct sg_buf fixed = {0};
    const char *t = sg_xml_text(&fixed, s);
    xmlBufferPtr xb = xmlBufferCreate();
    xmlTextWriterPtr w = xmlNewTextWriterMemory(xb, 0);
    char *mem = NULL;
    size_t memlen = 0;
    FILE *fp = open_memstream(&mem, &memlen);
    struct sg_xo o;

    if (encoded)
        xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
    xmlTextWriterStartElement(w, BAD_CAST "doc");
    xmlTextWriterWriteAttribute(w, BAD_CAST "a", BAD_CAST t);
    xmlTextWriterStartElement(w, BAD_CAST "item");
    xmlTextWriterWriteAttribute(w, BAD_CAST "b", BAD_CAST t);
    xmlTextWriterWriteAttribute(w, BAD_CAST "n", BAD_CAST "-12");
    xmlTextWriterWriteElement(w, BAD_CAST "reason", BAD_CAST t);
    xmlTextWriterStartElement(w, BAD_CAST "empty");
    xmlTextWriterEndElement(w);
    xmlTextWriterEndElement(w);
    xmlTextWriterStartElement(w, BAD_CAST "tail");
    xmlTextWriterEndElement(w);
    xmlTextWriterWriteString(w, BAD_CAST t);
    xmlTextWriterEndElement(w);
    xmlTextWriterFlush(w);

    assert_non_null(fp);
    sg_xo_init(&o, fp, !encoded);
    if (encoded)
        sg_xo_raw(&o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sg_xo_start(&o, "doc");
    sg_xo_attr(&o, "a", s);
    sg_xo_start(&o, "item");
    sg_xo_attr(&o, "b", s);
    sg_xo_attr_int(&o, "n", -12);
    sg_xo_element(&o, "reason", s);
    sg_xo_start(&o, "empty");
    sg_xo_end(&o);
    sg_xo_end(&o);
    sg_xo_start(&o, "tail");
    sg_xo_end(&o);
    sg_xo_text(&o, s);
    sg_xo_end(&o);
    assert_int_equal(sg_xo_flush(&o), 0);
    assert_int_equal(o.depth, 0);
    fclose(fp);

    /* libxml2's StartDocument ends its declaration with a newline, as sg_xo_raw did */
    if (memlen != (size_t)xb->use || memcmp(mem, xb->content, memlen) != 0)
        fail_msg("differ for %s:\n libxml2: %.*s\n sg_xo:   %.*s",
                 encoded ? "encoded" : "refs", (int)xb->use, (const char *)xb->content,
                 (int)memlen, mem);
    /* and it parses, with the text back */
    xmlDocPtr d = xmlReadMemory(mem, (int)memlen, "t.xml", NULL, XML_PARSE_NONET);
    assert_non_null(d);
    xmlChar *back = xmlGetProp(xmlDocGetRootElement(d), BAD_CAST "a");
    assert_string_equal((const char *)back, t);
    xmlFree(back);
    xmlFreeDoc(d);
    sg_xo_release(&o);
    xmlFreeTextWriter(w);
    xmlBufferFree(xb);
    free(mem);
    sg_buf_release(&fixed);
}

static void test_xmlout__fixed_cases(void **state)
{
    static const char *const cases[] = {
        "",
        "plain",
        "a<b>c&d\"e'f",
        "tab\there",
        "line\nbreak",
        "cr\rlf\r\n",
        "caf\xc3\xa9",
        "\xe4\xb8\xad\xe6\x96\x87",
        "\xf0\x9f\x98\x80 emoji",
        "\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbd\xf4\x8f\xbf\xbf",
        "]]>",
        "&amp;",
        "\x01\x1f\x7f",
        "\xef\xbf\xbe\xef\xbf\xbf",
        "x\xef\xbf\xbey",
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        both(cases[i], 0);
        both(cases[i], 1);
    }
}

static void test_xmlout__random_text(void **state)
{
    (void)state;
    for (int i = 0; i < 5000; i++) {
        struct sg_buf b = {0};
        unsigned n = rnd(24);
        for (unsigned k = 0; k < n; k++)
            rnd_char(&b);
        sg_buf_addc(&b, '\0');
        both(b.data, i & 1);
        sg_buf_release(&b);
    }
}

/* bytes that are not UTF-8 (a file name in Latin-1, a cut sequence, overlong forms,
   surrogates, past U+10FFFF) become \xHH, and the result is a document libxml2 parses */
static void test_xmlout__not_utf8(void **state)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"d\xe9.jsonl", "d\\xE9.jsonl"},     {"a\xc3", "a\\xC3"},
        {"a\xe4\xb8x", "a\\xE4\\xB8x"},      {"\xc0\x80z", "\\xC0\\x80z"},
        {"\xed\xa0\x80", "\\xED\\xA0\\x80"}, {"\xf4\x90\x80\x80", "\\xF4\\x90\\x80\\x80"},
        {"\x80z\xff", "\\x80z\\xFF"},        {"ok \xc3\xa9 \xe9", "ok \xc3\xa9 \\xE9"},
        {"\x01\xe9", "\\u0001\\xE9"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct sg_buf b = {0};
        assert_string_equal(sg_xml_text(&b, cases[i].in), cases[i].want);
        both(cases[i].in, 0);
        both(cases[i].in, 1);
        sg_buf_release(&b);
    }
    /* any bytes at all */
    for (int i = 0; i < 5000; i++) {
        char s[17];
        struct sg_buf b = {0};
        for (int k = 0; k < 16; k++)
            s[k] = (char)(1 + rnd(255));
        s[16] = '\0';
        both(sg_xml_text(&b, s), i & 1);
        sg_buf_release(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xmlout__fixed_cases),
        cmocka_unit_test(test_xmlout__random_text),
        cmocka_unit_test(test_xmlout__not_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

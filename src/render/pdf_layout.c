/* render/pdf_layout.c: a small typesetter over cairo and pango for the evidence PDF:
 * pages with a running header and "page N of M", headings that become bookmarks and
 * named destinations, paragraphs that break across pages between lines, and tables
 * whose cells wrap and whose header row repeats on every page. See pdf_int.h for the
 * two passes. */
#include "pdf_int.h"

#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <glob.h>
#include <math.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- fonts ----------------------------------------------------------------------- */

#define DEJAVU "/usr/share/fonts/truetype/dejavu/"
#define NOTO "/usr/share/fonts/truetype/noto/"
#define NOTO_CJK "/usr/share/fonts/opentype/noto/"

/* The fonts every document may use, from three Debian packages (README "Fonts"). The
 * first are required; the globbed Noto files cover the other scripts. */
static const struct {
    const char *path, *package;
} required_fonts[] = {
    {DEJAVU "DejaVuSans.ttf", "fonts-dejavu-core"},
    {DEJAVU "DejaVuSans-Bold.ttf", "fonts-dejavu-core"},
    {DEJAVU "DejaVuSansMono.ttf", "fonts-dejavu-core"},
    {DEJAVU "DejaVuSansMono-Bold.ttf", "fonts-dejavu-core"},
    {NOTO "NotoSansArabic-Regular.ttf", "fonts-noto-core"},
    {NOTO "NotoSansArabic-Bold.ttf", "fonts-noto-core"},
    {NOTO_CJK "NotoSansCJK-Regular.ttc", "fonts-noto-cjk"},
    {NOTO_CJK "NotoSansCJK-Bold.ttc", "fonts-noto-cjk"},
};

#define FAMILIES "DejaVu Sans,Noto Sans,Noto Sans CJK SC,Noto Sans Arabic"
#define MONO "DejaVu Sans Mono,Noto Sans CJK SC,Noto Sans Arabic"
/* table cells (see pd_table_row) */
#define PD_HEIGHT_CACHE 16384 /* per generation: a key of < 512 bytes and two ints */
#define PD_LAYOUT_CACHE 1024  /* per generation: a laid-out paragraph */
#define PD_CACHED_LEN 480     /* longer paragraphs are laid out every time */

static const struct {
    const char *family;
    double size;
    int bold;
} fonts[PD_FONT__COUNT] = {
    [PD_BODY] = {FAMILIES, 8.5, 0},       [PD_BOLD] = {FAMILIES, 8.5, 1},
    [PD_MONO] = {MONO, 7.5, 0},           [PD_SMALL] = {FAMILIES, 7.5, 0},
    [PD_SMALL_BOLD] = {FAMILIES, 7.5, 1}, [PD_H1] = {FAMILIES, 16, 1},
    [PD_H2] = {FAMILIES, 11.5, 1},        [PD_TITLE] = {FAMILIES, 24, 1},
    [PD_BIG] = {FAMILIES, 20, 1},
};

static const double colors[PD_COLOR__COUNT][3] = {
    [PD_INK] = {0.10, 0.11, 0.13},     [PD_GREY] = {0.40, 0.42, 0.45},
    [PD_RED] = {0.74, 0.13, 0.13},     [PD_GREEN] = {0.16, 0.52, 0.30},
    [PD_AMBER] = {0.85, 0.55, 0.05},   [PD_BLUE] = {0.15, 0.35, 0.62},
    [PD_LIGHT] = {0.90, 0.92, 0.95},   [PD_RULE] = {0.70, 0.72, 0.76},
    [PD_STRIPE] = {0.965, 0.97, 0.98},
};

static int add_fonts(FcConfig *cfg, struct sg_error *err)
{
    static const char *const globs[] = {NOTO "NotoSans[A-Z]*-Regular.ttf",
                                        NOTO "NotoSans[A-Z]*-Bold.ttf"};
    for (size_t i = 0; i < sizeof(required_fonts) / sizeof(required_fonts[0]); i++) {
        if (access(required_fonts[i].path, R_OK) != 0 ||
            !FcConfigAppFontAddFile(cfg, (const FcChar8 *)required_fonts[i].path)) {
            sg_error_set(err, EX_SOFTWARE, NULL,
                         "font %s is missing: install the Debian package %s",
                         required_fonts[i].path, required_fonts[i].package);
            return -1;
        }
    }
    for (size_t i = 0; i < sizeof(globs) / sizeof(globs[0]); i++) {
        glob_t g;
        if (glob(globs[i], 0, NULL, &g) == 0) /* sorted: the same order on every run */
            for (size_t k = 0; k < g.gl_pathc; k++)
                if (strstr(g.gl_pathv[k], "NotoSansArabic-") == NULL)
                    FcConfigAppFontAddFile(cfg, (const FcChar8 *)g.gl_pathv[k]);
        globfree(&g);
    }
    return 0;
}

int pd_init(struct pd *d, double pw, double ph, struct sg_error *err)
{
    FcConfig *cfg;
    cairo_font_options_t *fo;

    memset(d, 0, sizeof(*d));
    d->err = err;
    d->pw = pw;
    d->ph = ph;
    d->left = 50;
    d->right = pw - 50;
    d->top = 64;
    d->bottom = ph - 58;
    if (!FcInit() || (cfg = FcConfigCreate()) == NULL) {
        sg_error_set(err, EX_SOFTWARE, NULL, "fontconfig cannot start");
        return -1;
    }
    if (add_fonts(cfg, err) != 0) {
        FcConfigDestroy(cfg);
        return -1;
    }
    d->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (d->fontmap == NULL) {
        FcConfigDestroy(cfg);
        sg_error_set(err, EX_SOFTWARE, NULL, "pango has no FreeType font map");
        return -1;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(d->fontmap), cfg);
    FcConfigDestroy(cfg); /* the font map holds its own reference */
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(d->fontmap), 72.0);
    d->pango = pango_font_map_create_context(d->fontmap);
    /* identical metrics in both passes and on the PDF surface: no hinting, no rounding */
    fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(d->pango, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(d->pango, 72.0);
    pango_context_set_round_glyph_positions(d->pango, FALSE);
    pango_context_set_language(d->pango, pango_language_from_string("en"));
    for (int i = 0; i < PD_FONT__COUNT; i++) {
        d->font[i] = pango_font_description_from_string(fonts[i].family);
        pango_font_description_set_size(d->font[i], (int)(fonts[i].size * PANGO_SCALE));
        pango_font_description_set_weight(
            d->font[i], fonts[i].bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    }
    d->scratch = pango_layout_new(d->pango);
    pd_cache_init(&d->heights, PD_HEIGHT_CACHE, free);
    pd_cache_init(&d->layouts, PD_LAYOUT_CACHE, g_object_unref);
    return 0;
}

void pd_release(struct pd *d)
{
    if (d->scratch)
        g_object_unref(d->scratch);
    pd_cache_release(&d->heights);
    pd_cache_release(&d->layouts);
    for (int i = 0; i < PD_FONT__COUNT; i++)
        if (d->font[i])
            pango_font_description_free(d->font[i]);
    if (d->pango)
        g_object_unref(d->pango);
    if (d->fontmap)
        g_object_unref(d->fontmap);
    if (d->cr)
        cairo_destroy(d->cr);
    for (size_t i = 0; i < d->ntoc; i++)
        free(d->toc[i].title);
    free(d->toc);
    free(d->section);
    free(d->header_left);
    free(d->footer_left);
    memset(d, 0, sizeof(*d));
}

void pd_begin_pass(struct pd *d, int dry)
{
    d->dry = dry;
    d->page = 0;
    d->y = d->top;
    d->table = NULL;
    d->toc_next = 0;
    d->outline_parent = 0;
}

void pd_begin_drawing(struct pd *d, cairo_surface_t *surface)
{
    d->pages = d->page;
    d->surface = surface;
    d->cr = cairo_create(surface);
    pd_begin_pass(d, 0);
    /* cairo 1.16 gives every link annotation a structure parent but writes the
       structure tree only when a structure tag exists: without one the file refers to
       objects it never writes. One Document element holds the whole document. */
    cairo_tag_begin(d->cr, "Document", NULL);
}

void pd_end_drawing(struct pd *d)
{
    cairo_tag_end(d->cr, "Document");
    cairo_destroy(d->cr);
    d->cr = NULL;
}

/* ---- text ------------------------------------------------------------------------ */

static int hidden(gunichar c)
{
    return (c < 0x20 && c != '\n') || (c >= 0x7f && c < 0xa0) || c == 0x061c ||
           c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069);
}

char *pd_clean(const char *s)
{
    struct sg_buf b = {0};
    char *valid;
    const char *p;

    if (s == NULL)
        return sg_xstrdup("");
    valid = g_utf8_make_valid(s, -1);
    for (p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == '\t')
            sg_buf_addc(&b, ' ');
        else if (hidden(c))
            sg_buf_printf(&b, "<U+%04X>", (unsigned)c);
        else
            sg_buf_add(&b, p, (size_t)(g_utf8_next_char(p) - p));
    }
    g_free(valid);
    if (b.data == NULL)
        return sg_xstrdup("");
    return b.data;
}

const char *pd_time(char *buf, int64_t t)
{
    char *p;
    if (t == SG_TIME_MIN || t == SG_TIME_MAX)
        return strcpy(buf, "\u2014");
    sg_time_format(buf, t);
    if ((p = strchr(buf, 'T')) != NULL)
        *p = ' ';
    return buf;
}

const char *pd_time_cell(char *buf, int64_t t)
{
    char *p;
    pd_time(buf, t);
    if ((p = strchr(buf, ' ')) != NULL)
        *p = '\n';
    return buf;
}

static void setup(struct pd *d, PangoLayout *l, enum pd_font f, double width,
                  PangoAlignment align, const char *clean)
{
    pango_layout_set_font_description(l, d->font[f]);
    pango_layout_set_width(l, width > 0 ? (int)(width * PANGO_SCALE) : -1);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align);
    pango_layout_set_height(l, -1);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
    pango_layout_set_attributes(l, NULL);
    pango_layout_set_text(l, clean, -1);
}

static void bold_first_line(PangoLayout *l, const char *clean)
{
    PangoAttrList *list = pango_attr_list_new();
    PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
    const char *nl = strchr(clean, '\n');
    a->start_index = 0;
    a->end_index = nl ? (guint)(nl - clean) : (guint)strlen(clean);
    pango_attr_list_insert(list, a);
    pango_layout_set_attributes(l, list);
    pango_attr_list_unref(list);
}

/* A cell is laid out paragraph by paragraph (its '\n'-separated lines, each wrapped on
   its own as pango would inside one layout), so that a paragraph seen lately in the
   same font and width (a name, a date, a reason, "none") is not shaped again: the
   measuring pass keeps its height and line count, the drawing pass its layout. Both
   caches have two generations: a hit moves an entry to the young one, and when the
   young one is full the old one is dropped, so hot entries stay and memory is bounded.
   A cell of more than PD_CELL_MAX_LINES lines is laid out whole and ellipsized. */

void pd_cache_init(struct pd_cache *c, unsigned max, GDestroyNotify value_free)
{
    c->max = max;
    for (int i = 0; i < 2; i++)
        c->gen[i] = g_hash_table_new_full(g_str_hash, g_str_equal, free, value_free);
}

void pd_cache_release(struct pd_cache *c)
{
    for (int i = 0; i < 2; i++)
        if (c->gen[i] != NULL)
            g_hash_table_destroy(c->gen[i]);
    memset(c, 0, sizeof(*c));
}

/* The value under key, or NULL; valid until the next pd_cache_put. */
static void *cache_get(struct pd_cache *c, const char *key)
{
    gpointer k, v;
    if ((v = g_hash_table_lookup(c->gen[0], key)) != NULL)
        return v;
    if (!g_hash_table_steal_extended(c->gen[1], key, &k, &v))
        return NULL;
    g_hash_table_insert(c->gen[0], k, v);
    return v;
}

/* Takes key and value. */
static void cache_put(struct pd_cache *c, char *key, void *value)
{
    if (g_hash_table_size(c->gen[0]) >= c->max) {
        GHashTable *old = c->gen[1];
        c->gen[1] = c->gen[0];
        c->gen[0] = old;
        g_hash_table_remove_all(old);
    }
    g_hash_table_insert(c->gen[0], key, value);
}

/* font, bold, alignment, the width in 1/10000 pt (in hex), then the text: built by hand,
   since printf's cost showed in the profile */
static char *cache_key(enum pd_font f, int bold, PangoAlignment align, double width,
                       const char *text)
{
    size_t n = strlen(text);
    char *k = sg_xmalloc(n + 24), *p = k;
    unsigned long long w = (unsigned long long)llround(width * 10000.0);
    *p++ = (char)('A' + (int)f);
    *p++ = (char)('0' + bold);
    *p++ = (char)('0' + (int)align);
    do {
        *p++ = "0123456789abcdef"[w & 15];
        w >>= 4;
    } while (w != 0);
    *p++ = '|';
    memcpy(p, text, n + 1);
    return k;
}

static void set_cell(struct pd *d, PangoLayout *l, enum pd_font f, int bold, double width,
                     PangoAlignment align, const char *text)
{
    setup(d, l, f, width, align, text);
    if (bold)
        bold_first_line(l, text);
}

/* The advance of each printable ASCII character and the height of one line, in font f
   (bold or not), in pango units: learnt from pango once. */
static void learn_ascii(struct pd *d, enum pd_font f, int bold)
{
    PangoLayout *l = pango_layout_new(d->pango);
    char c[2] = {0, 0};
    int w, h;
    for (int i = 0; i < PD_ASCII; i++) {
        c[0] = (char)(0x20 + i);
        set_cell(d, l, f, bold, 0, PANGO_ALIGN_LEFT, c);
        pango_layout_get_size(l, &w, &h);
        d->ascii[f][bold].advance[i] = w;
    }
    set_cell(d, l, f, bold, 0, PANGO_ALIGN_LEFT, "x");
    pango_layout_get_size(l, &w, &h);
    d->ascii[f][bold].line = h;
    d->ascii[f][bold].known = 1;
    g_object_unref(l);
}

int pd_fast_extent(struct pd *d, enum pd_font f, int bold, double width, const char *text,
                   struct pd_extent *e)
{
    const unsigned char *p = (const unsigned char *)text;
    long long sum = 0;
    bold = bold != 0;
    if (*p == '\0')
        return 0;
    for (; *p != '\0'; p++)
        if (*p < 0x20 || *p >= 0x20 + PD_ASCII)
            return 0;
    if (!d->ascii[f][bold].known)
        learn_ascii(d, f, bold);
    if (width > 0) {
        for (p = (const unsigned char *)text; *p != '\0'; p++)
            sum += d->ascii[f][bold].advance[*p - 0x20];
        /* kerning may widen a pair a little: a margin of 5 % and 2 pt */
        if ((double)sum * 1.05 + 2.0 * PANGO_SCALE > width * PANGO_SCALE)
            return 0;
    }
    e->height = d->ascii[f][bold].line;
    e->lines = 1;
    return 1;
}

/* One paragraph's extent; in the drawing pass also its layout (a new reference). */
static struct pd_extent paragraph(struct pd *d, PangoLayout *scratch, enum pd_font f,
                                  int bold, double width, PangoAlignment align,
                                  const char *text, PangoLayout **out)
{
    struct pd_extent e;
    PangoLayout *l;
    char *key = NULL;
    int pw;

    if (d->dry && pd_fast_extent(d, f, bold, width, text, &e))
        return e;
    if (strlen(text) < PD_CACHED_LEN) {
        key = cache_key(f, bold, align, width, text);
        if (d->dry) {
            struct pd_extent *hit = cache_get(&d->heights, key);
            if (hit != NULL) {
                free(key);
                return *hit;
            }
        } else if ((l = cache_get(&d->layouts, key)) != NULL) {
            free(key);
            *out = g_object_ref(l);
            pango_layout_get_size(l, &pw, &e.height);
            e.lines = pango_layout_get_line_count(l);
            return e;
        }
    }
    l = d->dry ? g_object_ref(scratch) : pango_layout_new(d->pango);
    set_cell(d, l, f, bold, width, align, text);
    pango_layout_get_size(l, &pw, &e.height);
    e.lines = pango_layout_get_line_count(l);
    if (key != NULL && d->dry) {
        struct pd_extent *v = sg_xmalloc(sizeof(*v));
        *v = e;
        cache_put(&d->heights, key, v);
    } else if (key != NULL) {
        cache_put(&d->layouts, key, g_object_ref(l));
    }
    if (d->dry)
        g_object_unref(l);
    else
        *out = l;
    return e;
}

struct pd_extent pd_pango_extent(struct pd *d, enum pd_font f, int bold, double width,
                                 const char *text)
{
    struct pd_extent e;
    int pw;
    set_cell(d, d->scratch, f, bold, width, PANGO_ALIGN_LEFT, text);
    pango_layout_get_size(d->scratch, &pw, &e.height);
    e.lines = pango_layout_get_line_count(d->scratch);
    return e;
}

void pd_measure(struct pd *d, enum pd_font f, const char *text, double width, double *w,
                double *h)
{
    char *c = pd_clean(text);
    int pw, ph;
    setup(d, d->scratch, f, width, PANGO_ALIGN_LEFT, c);
    pango_layout_get_size(d->scratch, &pw, &ph);
    if (w)
        *w = (double)pw / PANGO_SCALE;
    if (h)
        *h = (double)ph / PANGO_SCALE;
    free(c);
}

void pd_set_color(struct pd *d, enum pd_color c)
{
    if (!d->dry)
        cairo_set_source_rgb(d->cr, colors[c][0], colors[c][1], colors[c][2]);
}

void pd_text(struct pd *d, enum pd_font f, enum pd_color c, double x, double y,
             double width, PangoAlignment align, const char *text)
{
    PangoLayout *l;
    char *clean;
    if (d->dry)
        return;
    clean = pd_clean(text);
    paragraph(d, d->scratch, f, 0, width, align, clean, &l);
    pd_set_color(d, c);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, l);
    g_object_unref(l);
    free(clean);
}

void pd_rect(struct pd *d, enum pd_color c, double x, double y, double w, double h)
{
    if (d->dry)
        return;
    pd_set_color(d, c);
    cairo_rectangle(d->cr, x, y, w, h);
    cairo_fill(d->cr);
}

void pd_line(struct pd *d, enum pd_color c, double width, double x0, double y0, double x1,
             double y1)
{
    if (d->dry)
        return;
    pd_set_color(d, c);
    cairo_set_line_width(d->cr, width);
    cairo_move_to(d->cr, x0, y0);
    cairo_line_to(d->cr, x1, y1);
    cairo_stroke(d->cr);
}

void pd_link_begin(struct pd *d, const char *dest)
{
    char attr[96];
    if (d->dry)
        return;
    snprintf(attr, sizeof(attr), "dest='%s'", dest);
    cairo_tag_begin(d->cr, CAIRO_TAG_LINK, attr);
}

void pd_link_end(struct pd *d)
{
    if (!d->dry)
        cairo_tag_end(d->cr, CAIRO_TAG_LINK);
}

void pd_dest_begin(struct pd *d, const char *name)
{
    char attr[96];
    if (d->dry)
        return;
    snprintf(attr, sizeof(attr), "name='%s'", name);
    cairo_tag_begin(d->cr, CAIRO_TAG_DEST, attr);
}

void pd_dest_end(struct pd *d)
{
    if (!d->dry)
        cairo_tag_end(d->cr, CAIRO_TAG_DEST);
}

/* ---- pages ----------------------------------------------------------------------- */

static void table_header(struct pd *d, struct pd_table *t);

static void chrome(struct pd *d)
{
    char buf[64];
    pd_text(d, PD_SMALL, PD_GREY, d->left, 30, (d->right - d->left) * 0.55,
            PANGO_ALIGN_LEFT, d->header_left ? d->header_left : "");
    if (d->section != NULL)
        pd_text(d, PD_SMALL_BOLD, PD_INK, d->left + (d->right - d->left) * 0.45, 30,
                (d->right - d->left) * 0.55, PANGO_ALIGN_RIGHT, d->section);
    pd_line(d, PD_RULE, 0.6, d->left, 44, d->right, 44);
    pd_line(d, PD_RULE, 0.6, d->left, d->ph - 44, d->right, d->ph - 44);
    pd_text(d, PD_SMALL, PD_GREY, d->left, d->ph - 40, (d->right - d->left) * 0.7,
            PANGO_ALIGN_LEFT, d->footer_left ? d->footer_left : "");
    snprintf(buf, sizeof(buf), "page %d of %d", d->page, d->dry ? 0 : d->pages);
    pd_text(d, PD_SMALL, PD_GREY, d->left + (d->right - d->left) * 0.7, d->ph - 40,
            (d->right - d->left) * 0.3, PANGO_ALIGN_RIGHT, buf);
}

void pd_finish_page(struct pd *d)
{
    if (d->page > 0 && !d->dry)
        cairo_show_page(d->cr);
}

void pd_new_page(struct pd *d, int with_chrome)
{
    pd_finish_page(d);
    d->page++;
    d->no_chrome = !with_chrome;
    d->y = d->top;
    if (with_chrome)
        chrome(d);
    if (d->table != NULL)
        table_header(d, d->table);
}

void pd_need(struct pd *d, double h)
{
    if (d->page == 0 || d->y + h > d->bottom)
        pd_new_page(d, 1);
}

void pd_space(struct pd *d, double h)
{
    d->y += h;
    if (d->y > d->bottom)
        pd_new_page(d, 1);
}

static void para(struct pd *d, enum pd_font f, enum pd_color c, const char *text,
                 const char *link)
{
    char *clean = pd_clean(text);
    PangoLayout *l = pango_layout_new(d->pango);
    PangoLayoutIter *it;
    double off = 0, base;

    setup(d, l, f, d->right - d->left, PANGO_ALIGN_LEFT, clean);
    if (d->page == 0)
        pd_new_page(d, 1);
    base = d->y;
    if (link != NULL)
        pd_link_begin(d, link);
    pd_set_color(d, c);
    it = pango_layout_get_iter(l);
    do {
        PangoRectangle r;
        double ly, lh, bl;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        ly = (double)r.y / PANGO_SCALE;
        lh = (double)r.height / PANGO_SCALE;
        bl = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        if (base + (ly + lh - off) > d->bottom && link == NULL) {
            pd_new_page(d, 1);
            pd_set_color(d, c);
            base = d->y;
            off = ly;
        }
        if (!d->dry) {
            cairo_move_to(d->cr, d->left + (double)r.x / PANGO_SCALE, base + bl - off);
            pango_cairo_show_layout_line(d->cr, pango_layout_iter_get_line_readonly(it));
        }
        d->y = base + ly + lh - off;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    if (link != NULL)
        pd_link_end(d);
    g_object_unref(l);
    free(clean);
}

void pd_para(struct pd *d, enum pd_font f, enum pd_color c, const char *text)
{
    para(d, f, c, text, NULL);
}

void pd_para_link(struct pd *d, enum pd_font f, enum pd_color c, const char *text,
                  const char *dest)
{
    double h;
    pd_measure(d, f, text, d->right - d->left, NULL, &h);
    pd_need(d, h);
    para(d, f, c, text, dest);
}

void pd_heading(struct pd *d, int level, const char *title, const char *dest)
{
    double h;
    enum pd_font f = level == 1 ? PD_H1 : PD_H2;

    if (level == 1) {
        free(d->section);
        d->section = sg_xstrdup(title);
        pd_new_page(d, 1);
    } else {
        pd_measure(d, f, title, d->right - d->left, NULL, &h);
        pd_need(d, h + 100); /* keep a heading with what follows it */
        if (d->y > d->top)
            pd_space(d, 10);
    }
    if (d->dry) {
        if (d->ntoc == d->toc_cap) {
            d->toc_cap = d->toc_cap ? 2 * d->toc_cap : 32;
            d->toc = sg_xreallocarray(d->toc, d->toc_cap, sizeof(*d->toc));
        }
        struct pd_toc_entry *e = &d->toc[d->ntoc++];
        e->level = level;
        e->title = sg_xstrdup(title);
        snprintf(e->dest, sizeof(e->dest), "%s", dest);
        e->page = d->page;
    } else {
        char attr[80];
        struct pd_toc_entry *e = d->toc_next < d->ntoc ? &d->toc[d->toc_next] : NULL;
        d->toc_next++;
        if (e == NULL || e->page != d->page || strcmp(e->title, title) != 0) {
            sg_error_set(d->err, EX_SOFTWARE, NULL,
                         "the PDF's two layout passes disagree at \"%s\"", title);
            d->failed = 1;
        }
        snprintf(attr, sizeof(attr), "dest='%s'", dest);
        int id = cairo_pdf_surface_add_outline(
            d->surface, level == 1 ? CAIRO_PDF_OUTLINE_ROOT : d->outline_parent, title,
            attr, 0);
        if (level == 1)
            d->outline_parent = id;
    }
    pd_dest_begin(d, dest);
    para(d, f, PD_INK, title, NULL);
    pd_dest_end(d);
    if (level == 1) {
        pd_line(d, PD_INK, 1.2, d->left, d->y + 4, d->right, d->y + 4);
        d->y += 14;
    } else {
        d->y += 5;
    }
}

/* ---- tables ---------------------------------------------------------------------- */

#define PAD 3.0

static void table_header(struct pd *d, struct pd_table *t)
{
    PangoLayout *l[PD_MAX_COLS] = {NULL};
    double h = 0;
    for (int i = 0; i < t->ncols; i++) {
        struct pd_extent e = paragraph(d, d->scratch, PD_SMALL_BOLD, 0, t->w[i] - 2 * PAD,
                                       PANGO_ALIGN_LEFT, t->cols[i].title, &l[i]);
        if ((double)e.height / PANGO_SCALE > h)
            h = (double)e.height / PANGO_SCALE;
    }
    h += 2 * PAD;
    pd_rect(d, PD_LIGHT, d->left, d->y, d->right - d->left, h);
    pd_set_color(d, PD_INK);
    for (int i = 0; i < t->ncols; i++) {
        if (l[i] == NULL)
            continue;
        cairo_move_to(d->cr, t->x[i] + PAD, d->y + PAD);
        pango_cairo_show_layout(d->cr, l[i]);
        g_object_unref(l[i]);
    }
    d->y += h;
    pd_line(d, PD_RULE, 0.6, d->left, d->y, d->right, d->y);
}

void pd_table_begin(struct pd *d, struct pd_table *t, const struct pd_col *cols,
                    int ncols)
{
    double x = d->left, total = d->right - d->left;
    memset(t, 0, sizeof(*t));
    t->cols = cols;
    t->ncols = ncols > PD_MAX_COLS ? PD_MAX_COLS : ncols;
    for (int i = 0; i < t->ncols; i++) {
        t->x[i] = x;
        t->w[i] = i == t->ncols - 1 ? d->right - x : total * cols[i].share;
        x += t->w[i];
        t->cell[i] = pango_layout_new(d->pango);
    }
    pd_need(d, 48);
    table_header(d, t);
    d->table = t;
}

/* Draws a cell line by line, each source line ('\n'-separated) inside its own link. */
static void linked_lines(struct pd *d, PangoLayout *l, const struct pd_cell *cell,
                         double x, double y)
{
    const char *text = pango_layout_get_text(l);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        PangoRectangle r;
        size_t k = 0;
        for (int b = 0; b < line->start_index; b++)
            k += text[b] == '\n';
        const char *dest = k < cell->nlinks ? cell->links[k] : NULL;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        if (dest != NULL)
            pd_link_begin(d, dest);
        pd_set_color(d, dest != NULL ? PD_BLUE : cell->color);
        cairo_move_to(d->cr, x + (double)r.x / PANGO_SCALE,
                      y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE);
        pango_cairo_show_layout_line(d->cr, line);
        if (dest != NULL)
            pd_link_end(d);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

/* The layout of one cell: its paragraphs, or (par == NULL) one whole layout. */
struct cell_layout {
    int n;                               /* paragraphs */
    PangoLayout *par[PD_CELL_MAX_LINES]; /* drawing pass */
    int y[PD_CELL_MAX_LINES];            /* each paragraph's top, pango units */
    PangoLayout *whole;                  /* a cell of more than PD_CELL_MAX_LINES lines */
    int height;
};

static void cell_release(struct cell_layout *c)
{
    for (int j = 0; j < c->n; j++)
        if (c->par[j] != NULL)
            g_object_unref(c->par[j]);
    if (c->whole != NULL)
        g_object_unref(c->whole);
}

static void cell_layout(struct pd *d, struct pd_table *t, int i, enum pd_font f,
                        const char *clean, struct cell_layout *c)
{
    double width = t->w[i] - 2 * PAD;
    int lines = 0, pw;
    char *text = sg_xstrdup(clean), *p = text;

    memset(c, 0, sizeof(*c));
    for (;;) {
        char *nl = strchr(p, '\n');
        struct pd_extent e;
        if (c->n == PD_CELL_MAX_LINES) { /* and more text: more lines than a row holds */
            lines = PD_CELL_MAX_LINES + 1;
            break;
        }
        if (nl != NULL)
            *nl = '\0';
        e = paragraph(d, t->cell[i], f, c->n == 0 && t->cols[i].first_bold, width,
                      PANGO_ALIGN_LEFT, p, &c->par[c->n]);
        c->y[c->n++] = c->height;
        c->height += e.height;
        lines += e.lines;
        if (nl == NULL || lines > PD_CELL_MAX_LINES)
            break;
        p = nl + 1;
    }
    free(text);
    if (lines <= PD_CELL_MAX_LINES)
        return;
    /* too long for its row: the whole text in one layout, cut with an ellipsis */
    cell_release(c);
    memset(c, 0, sizeof(*c));
    c->whole = g_object_ref(t->cell[i]);
    set_cell(d, c->whole, f, t->cols[i].first_bold, width, PANGO_ALIGN_LEFT, clean);
    pango_layout_set_height(c->whole, -PD_CELL_MAX_LINES);
    pango_layout_set_ellipsize(c->whole, PANGO_ELLIPSIZE_END);
    pango_layout_get_size(c->whole, &pw, &c->height);
}

static void cell_draw(struct pd *d, const struct cell_layout *c,
                      const struct pd_cell *cell, double x, double y)
{
    enum pd_color color =
        cell->link != NULL && cell->color == PD_INK ? PD_BLUE : cell->color;
    if (c->whole != NULL && cell->links != NULL) {
        linked_lines(d, c->whole, cell, x, y);
        return;
    }
    if (cell->link != NULL)
        pd_link_begin(d, cell->link);
    if (c->whole != NULL) {
        pd_set_color(d, color);
        cairo_move_to(d->cr, x, y);
        pango_cairo_show_layout(d->cr, c->whole);
    }
    for (int j = 0; c->whole == NULL && j < c->n; j++) {
        const char *dest =
            cell->links != NULL && (size_t)j < cell->nlinks ? cell->links[j] : NULL;
        if (dest != NULL)
            pd_link_begin(d, dest);
        pd_set_color(d, dest != NULL          ? PD_BLUE
                        : cell->links != NULL ? cell->color
                                              : color);
        cairo_move_to(d->cr, x, y + (double)c->y[j] / PANGO_SCALE);
        pango_cairo_show_layout(d->cr, c->par[j]);
        if (dest != NULL)
            pd_link_end(d);
    }
    if (cell->link != NULL)
        pd_link_end(d);
}

void pd_table_row(struct pd *d, struct pd_table *t, const struct pd_cell *cells,
                  const char *dest)
{
    struct cell_layout cl[PD_MAX_COLS];
    double h = 0;
    for (int i = 0; i < t->ncols; i++) {
        enum pd_font f = cells[i].font ? cells[i].font : t->cols[i].font;
        char *clean = pd_clean(cells[i].text);
        cell_layout(d, t, i, f, clean, &cl[i]);
        free(clean);
        if ((double)cl[i].height / PANGO_SCALE > h)
            h = (double)cl[i].height / PANGO_SCALE;
    }
    h += 2 * PAD;
    if (d->y + h > d->bottom)
        pd_new_page(d, 1);
    if (t->rows % 2 == 1)
        pd_rect(d, PD_STRIPE, d->left, d->y, d->right - d->left, h);
    for (int i = 0; i < t->ncols; i++) {
        if (!d->dry) {
            int is_dest = i == 0 && dest != NULL;
            if (is_dest)
                pd_dest_begin(d, dest);
            cell_draw(d, &cl[i], &cells[i], t->x[i] + PAD, d->y + PAD);
            if (is_dest)
                pd_dest_end(d);
        }
        cell_release(&cl[i]);
    }
    d->y += h;
    t->rows++;
}

void pd_table_end(struct pd *d, struct pd_table *t)
{
    if (d->table == t)
        d->table = NULL;
    pd_line(d, PD_RULE, 0.6, d->left, d->y, d->right, d->y);
    for (int i = 0; i < t->ncols; i++)
        if (t->cell[i])
            g_object_unref(t->cell[i]);
    memset(t->cell, 0, sizeof(t->cell));
    d->y += 10;
}

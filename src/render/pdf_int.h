/* pdf_int.h: the PDF's typesetter (pdf_layout.c), charts (pdf_chart.c) and the
 * verdicts it reads back (pdf_data.c). The document itself is src/render/pdf.c.
 *
 * The document is laid out twice with the same code: a dry pass that measures every
 * line with pango and counts pages (so "page N of M" and the contents page know M and
 * every section's page), then a drawing pass onto cairo's PDF surface. Both passes use
 * one PangoContext with hinting off and unrounded glyph positions, so their line
 * breaks are identical; the drawing pass checks that every heading lands on the page
 * the dry pass saw, and fails (EX_SOFTWARE) rather than print a wrong contents page. */
#ifndef SIGNOFF_PDF_INT_H
#define SIGNOFF_PDF_INT_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <sqlite3.h>
#include <stdint.h>

#include "signoff/error.h"

/* ---- typesetter ------------------------------------------------------------------ */

enum pd_font {
    PD_BODY,
    PD_BOLD,
    PD_MONO,
    PD_SMALL,
    PD_SMALL_BOLD,
    PD_H1,
    PD_H2,
    PD_TITLE,
    PD_BIG,
    PD_FONT__COUNT
};
enum pd_color {
    PD_INK,
    PD_GREY,
    PD_RED,
    PD_GREEN,
    PD_AMBER,
    PD_BLUE,
    PD_LIGHT,
    PD_RULE,
    PD_STRIPE,
    PD_COLOR__COUNT
};

struct pd_toc_entry {
    int level;     /* 1 or 2 */
    char *title;   /* as printed */
    char dest[48]; /* named destination */
    int page;      /* from the dry pass */
};

struct pd_table;

/* A paragraph's height and line count, in pango units (pdf_layout.c). */
struct pd_extent {
    int height;
    int lines;
};

#define PD_ASCII 95 /* U+0020 to U+007E */
struct pd_ascii {
    int known;
    int advance[PD_ASCII]; /* pango units */
    int line;              /* the height of one line */
};

/* A bounded map of two generations (pdf_layout.c): recent entries stay. */
struct pd_cache {
    GHashTable *gen[2]; /* young, old */
    unsigned max;       /* entries per generation */
};
void pd_cache_init(struct pd_cache *c, unsigned max, GDestroyNotify value_free);
void pd_cache_release(struct pd_cache *c);

struct pd {
    int dry;                  /* measuring pass: nothing is drawn */
    cairo_surface_t *surface; /* drawing pass only */
    cairo_t *cr;              /* drawing pass only */
    PangoFontMap *fontmap;
    PangoContext *pango;
    PangoFontDescription *font[PD_FONT__COUNT];
    PangoLayout *scratch;
    struct pd_cache heights; /* measuring pass: a cell's paragraph -> its extent */
    struct pd_cache layouts; /* drawing pass: a cell's paragraph -> its layout */
    struct pd_ascii ascii[PD_FONT__COUNT][2]; /* measuring pass: see pd_fast_extent */

    double pw, ph;                   /* page size, points */
    double left, right, top, bottom; /* text block edges */
    double y;                        /* next free line in the text block */
    int page;                        /* current page, 0 before the first */
    int pages;                       /* total, known in the drawing pass */
    int no_chrome;     /* the current page has no running header or footer */
    char *header_left; /* running header: the document */
    char *section;     /* running header: the section in force */
    char *footer_left;

    struct pd_table *table; /* the table whose header repeats on a new page */

    struct pd_toc_entry *toc; /* filled by the dry pass, read by the drawing pass */
    size_t ntoc, toc_cap, toc_next;
    int outline_parent; /* drawing pass: outline id of the level-1 entry */

    struct sg_error *err;
    int failed;
};

/* fonts: a private fontconfig holding only the Debian font packages' files (see the
 * README): the result never depends on what else a machine has installed. */
int pd_init(struct pd *d, double pw, double ph, struct sg_error *err);
void pd_release(struct pd *d);
/* Starts the drawing pass on a PDF surface already created by the caller. */
void pd_begin_drawing(struct pd *d, cairo_surface_t *surface);
void pd_end_drawing(struct pd *d);
/* Resets page state for a pass (keeps the contents entries of the dry pass). */
void pd_begin_pass(struct pd *d, int dry);

void pd_new_page(struct pd *d, int chrome);
void pd_finish_page(struct pd *d);
/* Ensures h points of room, else breaks the page. */
void pd_need(struct pd *d, double h);
void pd_space(struct pd *d, double h);

/* A section heading (level 1 starts a page and becomes the running header). Adds a
   bookmark and a named destination `dest`; numbered titles are the caller's. */
void pd_heading(struct pd *d, int level, const char *title, const char *dest);
/* A paragraph, wrapped to the text block, breaking across pages between lines. */
void pd_para(struct pd *d, enum pd_font f, enum pd_color c, const char *text);
/* A paragraph whose whole area links to a destination. */
void pd_para_link(struct pd *d, enum pd_font f, enum pd_color c, const char *text,
                  const char *dest);

/* The measuring pass's shortcut: a paragraph of printable ASCII whose characters'
   advances, with a margin for kerning, fit the width is one line of the font's height,
   without asking pango to shape it (unique ids and times are most of a long table).
   Returns 0 when it cannot tell; then pango measures. It only ever claims one line
   where pango makes one: tests/unit/test_pdf.c compares it with pango, and the drawing
   pass, which always asks pango, checks every heading's page and the page count. */
int pd_fast_extent(struct pd *d, enum pd_font f, int bold, double width, const char *text,
                   struct pd_extent *e);
/* What pango makes of the same paragraph (the drawing pass's measure). */
struct pd_extent pd_pango_extent(struct pd *d, enum pd_font f, int bold, double width,
                                 const char *text);

/* Measures text in font f wrapped to width (0: unwrapped). */
void pd_measure(struct pd *d, enum pd_font f, const char *text, double width, double *w,
                double *h);
/* Draws text with its top-left at (x, y); width 0 is unwrapped. align: PANGO_ALIGN_*. */
void pd_text(struct pd *d, enum pd_font f, enum pd_color c, double x, double y,
             double width, PangoAlignment align, const char *text);
void pd_set_color(struct pd *d, enum pd_color c);
void pd_rect(struct pd *d, enum pd_color c, double x, double y, double w, double h);
void pd_line(struct pd *d, enum pd_color c, double width, double x0, double y0, double x1,
             double y1);
/* Wrap drawing in a link to / destination named name (drawing pass only). */
void pd_link_begin(struct pd *d, const char *dest);
void pd_link_end(struct pd *d);
void pd_dest_begin(struct pd *d, const char *name);
void pd_dest_end(struct pd *d);

/* Tables: wrapped cells, header row repeated on every page the table spans, rows never
   split (a cell longer than PD_CELL_MAX_LINES lines is ellipsized: the full text is in
   package.xml, and the table says so). */
#define PD_MAX_COLS 8
#define PD_CELL_MAX_LINES 24
struct pd_col {
    const char *title;
    double share; /* of the text block's width */
    enum pd_font font;
    int first_bold; /* the first line of each cell in bold */
};
struct pd_cell {
    const char *text;  /* NULL: empty */
    enum pd_font font; /* 0 (PD_BODY): the column's */
    enum pd_color color;
    const char *link;         /* destination, or NULL */
    const char *const *links; /* or: one destination per line of text ('\n'-separated) */
    size_t nlinks;
};
struct pd_table {
    const struct pd_col *cols;
    int ncols;
    double x[PD_MAX_COLS], w[PD_MAX_COLS];
    long rows;
    PangoLayout *cell[PD_MAX_COLS];
};
void pd_table_begin(struct pd *d, struct pd_table *t, const struct pd_col *cols,
                    int ncols);
/* dest: a named destination for the row, or NULL. */
void pd_table_row(struct pd *d, struct pd_table *t, const struct pd_cell *cells,
                  const char *dest);
void pd_table_end(struct pd *d, struct pd_table *t);

/* Text from records: C0 controls (but newline and tab) and bidirectional overrides are
   shown as <U+XXXX> so that nothing a record holds can hide or reorder what is printed.
 */
char *pd_clean(const char *s); /* new: free() */

/* "2026-07-17 10:02:00Z" (fractions kept when present); "—" for none. buf >= 40. */
const char *pd_time(char *buf, int64_t t);
/* The same on two lines, for a table cell. */
const char *pd_time_cell(char *buf, int64_t t);

/* ---- charts ---------------------------------------------------------------------- */

struct pd_series {
    const char *label;
    enum pd_color color;
};
/* Vertical stacked bars: values[bucket * nseries + s]. Height h at the cursor. */
void pd_chart_bars(struct pd *d, const char *title, const char *const *labels,
                   int nbuckets, const struct pd_series *series, int nseries,
                   const long *values, double h);
/* One horizontal stacked bar per row: values[row * nseries + s], with its total. */
void pd_chart_hbars(struct pd *d, const char *title, const char *const *labels, int nrows,
                    const struct pd_series *series, int nseries, const long *values,
                    const char *const *links);

/* ---- the verdicts, read back ----------------------------------------------------- */

/* A private temporary SQLite database (SQLite's own temporary file, removed on close)
   holding one row per verdict and finding, so that every section can read what it
   needs in the order it prints, in bounded memory, as often as the passes need. */
struct pdf_data {
    sqlite3 *db;
    sqlite3_stmt *ins;
    int failed;
    struct sg_error *err;
};
int pdf_data_open(struct pdf_data *pd, struct sg_error *err);
void pdf_data_close(struct pdf_data *pd);
/* An sg_verdict_fn: ctx is the struct pdf_data. */
struct sg_verdict;
int pdf_data_verdict(void *ctx, const struct sg_verdict *v);
struct sg_store;
/* Copies the findings, numbered f-1.. in the order of package.xml. */
int pdf_data_findings(struct pdf_data *pd, struct sg_store *st, struct sg_error *err);
/* Prepares sql; on error sets err and returns NULL. */
sqlite3_stmt *pdf_data_query(struct pdf_data *pd, const char *sql);

#endif

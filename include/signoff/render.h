/* render.h: the evidence package's documents (SPEC §6): package.xml (libxml2), the
 * OSCAL assessment-results (libxslt over package.xml), the manifest. cairo and pango
 * stay in src/render/pdf*.c, libxml2 in src/render/xml.c. */
#ifndef SIGNOFF_RENDER_H
#define SIGNOFF_RENDER_H

#include <stdio.h>

#include "signoff/error.h"
#include "signoff/map.h"
#include "signoff/outdir.h"
#include "signoff/period.h"
#include "signoff/settings.h"
#include "signoff/store.h"
#include "signoff/trace.h"

struct sg_report_opts {
    const struct sg_settings *settings;
    struct sg_period period;
    const char *organization; /* may be NULL */
    const char *input_digest;  /* 64 hex */
    const struct sg_mapset *mappings;       /* NULL: no framework section */
    unsigned char frameworks[SG_FW__COUNT]; /* which frameworks to write */
    unsigned baseline;                      /* FedRAMP baseline filter, 0 none */
    int letter;                             /* PDF paper: US Letter, else A4 */
    sg_verdict_fn tee;                      /* also receives every verdict, or NULL */
    void *tee_ctx;
};

/* Builds package.xml in the output folder: judges the period (sg_trace_run) and writes
 * every verdict, finding and party. stats receives the figures. */
int sg_render_xml(struct sg_store *st, const struct sg_report_opts *o, struct sg_outdir *out,
                  struct sg_trace_stats *stats, struct sg_error *err);

/* The input digest (SPEC §6): SHA-256 over the canonical JSON of the inputs, settings,
 * period and tool version, as listed in the manifest. *inputs receives that JSON object
 * (new reference). */
int sg_input_digest(struct sg_store *st, const struct sg_settings *set,
                    const struct sg_period *p, char hex[65], json_t **inputs,
                    struct sg_error *err);

/* report.pdf (src/render/pdf*.c). Its verdicts are collected while package.xml is
 * written: open a struct pdf_data (pdf_int.h), pass pdf_data_verdict as o->tee to
 * sg_render_xml, then call sg_render_pdf_collected. */
struct pdf_data;
/* New: sg_render_pdf_free(). Collects verdicts through o->tee. */
struct pdf_data *sg_render_pdf_begin(struct sg_report_opts *o, struct sg_error *err);
int sg_render_pdf(struct sg_store *st, const struct sg_report_opts *o, struct pdf_data *data,
                  const struct sg_trace_stats *stats, struct sg_outdir *out,
                  struct sg_error *err);
void sg_render_pdf_free(struct pdf_data *data);

/* Writes oscal-assessment-results.xml from package.xml in the folder. */
int sg_render_oscal(struct sg_outdir *out, struct sg_error *err);

/* Writes manifest.json listing every file already in the folder; hex receives the
 * package digest (SHA-256 of manifest.json). */
int sg_manifest_write(struct sg_outdir *out, json_t *inputs, char hex[65], struct sg_error *err);

/* signoff verify: 0 when every file matches; EX_DATAERR with one line per problem
 * through fn. */
int sg_manifest_verify(const char *dir, void (*fn)(void *ctx, const char *line), void *ctx,
                       struct sg_error *err);

/* A stable NCName for a record id: prefix + 16 hex of its SHA-256. buf >= 24 bytes. */
void sg_xml_id(char *buf, size_t n, const char *prefix, const char *id);

#endif

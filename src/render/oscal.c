/* render/oscal.c: OSCAL assessment-results from package.xml through the XSLT template
 * in templates/ (libxslt). Parsing allows no network and no external entities; the
 * transform may read nothing else and write nothing (xsltSecurityPrefs). libxslt holds
 * its input in memory: the one place where memory grows with the package (SPEC §6). */
#include "signoff/render.h"
#include "signoff/datadir.h"

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libxml2 and libxslt print their diagnostics; the core never prints, so keep the first
 * one for the error message instead. */
static char first_diag[200];

static void keep_diag(void *ctx, const char *fmt, ...)
{
    va_list ap;
    size_t len = strlen(first_diag);
    (void)ctx;
    /* libxml2 sends one message in pieces: keep the pieces of the first line */
    if (len > 0 && first_diag[len - 1] == '\n')
        return;
    va_start(ap, fmt);
    vsnprintf(first_diag + len, sizeof(first_diag) - len, fmt, ap);
    va_end(ap);
}

/* No network, no entity substitution, no DTD loading. */
static const int parse_opts = XML_PARSE_NONET | XML_PARSE_NOCDATA;

static const char *diag(void)
{
    first_diag[strcspn(first_diag, "\n")] = '\0';
    return first_diag;
}

int sg_render_oscal(struct sg_outdir *out, struct sg_error *err)
{
    char *tpl = sg_datadir_path("templates/oscal-assessment-results.xsl");
    char *in = sg_outdir_path(out, "package.xml");
    char *dst = sg_outdir_path(out, "oscal-assessment-results.xml");
    xmlDocPtr sdoc = NULL, doc = NULL, res = NULL;
    xsltStylesheetPtr ss = NULL;
    xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
    xsltTransformContextPtr ctx = NULL;
    FILE *ofp = NULL;
    int rc = -1;

    first_diag[0] = '\0';
    exsltRegisterAll(); /* the template may use EXSLT (exsl:node-set) */
    xmlSetGenericErrorFunc(NULL, keep_diag);
    xsltSetGenericErrorFunc(NULL, keep_diag);
    sdoc = xmlReadFile(tpl, NULL, parse_opts);
    if (sdoc == NULL || (ss = xsltParseStylesheetDoc(sdoc)) == NULL) {
        if (ss == NULL && sdoc != NULL)
            xmlFreeDoc(sdoc);
        sg_error_set(err, EX_SOFTWARE, NULL, "cannot load the OSCAL template \"%s\": %s", tpl, diag());
        goto out;
    }
    doc = xmlReadFile(in, NULL, parse_opts);
    if (doc == NULL) {
        sg_error_set(err, EX_SOFTWARE, NULL, "cannot read back \"%s\"", in);
        goto out;
    }
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
    ctx = xsltNewTransformContext(ss, doc);
    if (ctx == NULL || xsltSetCtxtSecurityPrefs(sec, ctx) != 0) {
        sg_error_set(err, EX_SOFTWARE, NULL, "cannot set up the OSCAL transform");
        goto out;
    }
    res = xsltApplyStylesheetUser(ss, doc, NULL, NULL, NULL, ctx);
    if (res == NULL || ctx->state != XSLT_STATE_OK) {
        sg_error_set(err, EX_SOFTWARE, NULL, "the OSCAL transform failed: %s", diag());
        goto out;
    }
    /* O_EXCL | O_NOFOLLOW (sg_outdir_open): never through a planted name or link */
    ofp = sg_outdir_open(out, "oscal-assessment-results.xml", err);
    if (ofp == NULL)
        goto out;
    if (xsltSaveResultToFile(ofp, res, ss) < 0) {
        sg_error_set(err, EX_IOERR, NULL, "cannot write \"%s\"", dst);
        goto out;
    }
    {
        FILE *fp = ofp;
        ofp = NULL;
        if (sg_outdir_close(fp, "oscal-assessment-results.xml", err) != 0)
            goto out;
    }
    rc = 0;
out:
    if (ofp != NULL)
        fclose(ofp);
    if (ctx != NULL)
        xsltFreeTransformContext(ctx);
    xmlFreeDoc(res);
    xmlFreeDoc(doc);
    if (ss != NULL)
        xsltFreeStylesheet(ss);
    xsltFreeSecurityPrefs(sec);
    free(tpl);
    free(in);
    free(dst);
    return rc;
}

/* render/oscal.c: OSCAL assessment-results from package.xml through the XSLT template
 * in templates/ (libxslt). Parsing allows no network and no external entities; the
 * transform may read nothing else and write nothing (xsltSecurityPrefs). libxslt holds
 * its input in memory: the one place where memory grows with the package (SPEC §6). */
#include "signoff/render.h"
#include "signoff/datadir.h"

#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <stdlib.h>

static const int parse_opts = XML_PARSE_NONET | XML_PARSE_NOENT * 0 | XML_PARSE_NOCDATA;


int sg_render_oscal(struct sg_outdir *out, struct sg_error *err)
{
    char *tpl = sg_datadir_path("templates/oscal-assessment-results.xsl");
    char *in = sg_outdir_path(out, "package.xml");
    char *dst = sg_outdir_path(out, "oscal-assessment-results.xml");
    xmlDocPtr sdoc = NULL, doc = NULL, res = NULL;
    xsltStylesheetPtr ss = NULL;
    xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
    xsltTransformContextPtr ctx = NULL;
    int rc = -1;

    sdoc = xmlReadFile(tpl, NULL, parse_opts);
    if (sdoc == NULL || (ss = xsltParseStylesheetDoc(sdoc)) == NULL) {
        if (ss == NULL && sdoc != NULL)
            xmlFreeDoc(sdoc);
        sg_error_set(err, EX_SOFTWARE, NULL, "cannot load the OSCAL template \"%s\"", tpl);
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
        sg_error_set(err, EX_SOFTWARE, NULL, "the OSCAL transform failed");
        goto out;
    }
    if (xsltSaveResultToFilename(dst, res, ss, 0) < 0) {
        sg_error_set(err, EX_IOERR, NULL, "cannot write \"%s\"", dst);
        goto out;
    }
    rc = 0;
out:
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

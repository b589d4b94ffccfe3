/* import/scanner.c: Trivy and Grype JSON reports, what a scanner saw on one artifact at
 * one time, into exposures: one per (vulnerability, artifact), id SCANNER:VULN@ARTIFACT,
 * first and last seen at the report's own time (or --seen-at). Then SPEC §2's close-out:
 * an open exposure this scanner stored for the artifact that a later report no longer
 * lists is re-observed as fixed at that report's time (docs/importers.md says how
 * reports imported out of time order are read). */
#include "import_int.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct report {
    const char *scanner;  /* "trivy", "grype" */
    const char *artifact; /* the document's own id of what was scanned */
    const char *time;     /* the report's time as written, or --seen-at */
    int64_t t;
    json_t *found; /* exposure id -> {"x": exposure, "elem": pointer}, in order */
};

/* Notes one finding; a vulnerability listed twice (two packages) is one exposure with
 * the highest severity and CVSS score given. */
static void found(struct imp *m, struct report *r, const char *vuln, const char *sev,
                  int has_cvss, double cvss, const char *elem)
{
    char *id = sg_xasprintf("%s:%s@%s", r->scanner, vuln, r->artifact);
    json_t *f = json_object_get(r->found, id), *x;

    if (f == NULL) {
        x = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "kind", "exposure", "id", id,
                      "vuln", vuln, "asset", imp_asset(m, r->artifact), "first_seen",
                      r->time, "last_seen", r->time, "status", "open");
        json_object_set_new(r->found, id, json_pack("{s:o, s:s}", "x", x, "elem", elem));
    } else {
        x = json_object_get(f, "x");
    }
    if (imp_severity_rank(sev) > imp_severity_rank(imp_str(x, "severity")))
        json_object_set_new(x, "severity", json_string(sev));
    const json_t *old = json_object_get(x, "cvss");
    if (has_cvss && (old == NULL || cvss > json_number_value(old)))
        json_object_set_new(x, "cvss", json_real(cvss));
    free(id);
}

/* ---- close-out ------------------------------------------------------------------- */

struct seen {
    char *id;
    int64_t first_seen,
        latest; /* latest: the last observation's last_seen, or first_seen */
    int latest_fixed;
};

struct close {
    const struct report *r;
    struct seen *v;
    size_t n, cap;
    int64_t *times; /* every last_seen: the times of reports of this artifact */
    size_t nt, capt;
};

static int on_observation(void *ctx, const struct sg_observation *o)
{
    struct close *c = ctx;
    /* the id must be SCANNER:VULN@ARTIFACT with the stored vuln, not just look so */
    size_t ls = strlen(c->r->scanner), lv = strlen(o->vuln);
    if (strlen(o->id) != ls + 1 + lv + 1 + strlen(c->r->artifact) ||
        strncmp(o->id + ls + 1, o->vuln, lv) != 0 || o->id[ls + 1 + lv] != '@')
        return 0;
    if (c->n == 0 || strcmp(c->v[c->n - 1].id, o->id) != 0) {
        if (c->n == c->cap) {
            c->cap = c->cap ? 2 * c->cap : 16;
            c->v = sg_xreallocarray(c->v, c->cap, sizeof(*c->v));
        }
        c->v[c->n].id = sg_xstrdup(o->id);
        c->v[c->n].first_seen = o->first_seen;
        c->n++;
    }
    struct seen *s = &c->v[c->n - 1];
    s->latest = o->has_last_seen ? o->last_seen : o->first_seen;
    s->latest_fixed = o->fixed;
    if (o->has_last_seen) {
        if (c->nt == c->capt) {
            c->capt = c->capt ? 2 * c->capt : 16;
            c->times = sg_xreallocarray(c->times, c->capt, sizeof(*c->times));
        }
        c->times[c->nt++] = o->last_seen;
    }
    return 0;
}

static void fixed_at(struct imp *m, const char *id, const char *when)
{
    json_t *x = json_pack("{s:s, s:s, s:s, s:s}", "kind", "exposure", "id", id,
                          "last_seen", when, "status", "fixed");
    imp_put_exposure(m, x, "");
}

/* After the report's own exposures are stored: (1) an exposure of the artifact it does
 * not list, open at its latest observation before the report's time, is fixed at that
 * time; (2) one it lists, with no observation after it while a later report of the
 * artifact is stored, was not listed by that later report: fixed at the earliest one. */
static void close_out(struct imp *m, const struct report *r)
{
    struct close c = {r, NULL, 0, 0, NULL, 0, 0};
    struct sg_error e;
    char *prefix = sg_xasprintf("%s:", r->scanner),
         *suffix = sg_xasprintf("@%s", r->artifact);

    sg_error_init(&e);
    if (sg_store_each_observation(m->st, prefix, suffix, on_observation, &c, &e) != 0) {
        if (m->err->code == 0 || m->err->code == EX_DATAERR)
            *m->err = e;
        m->fatal = 1;
        goto out;
    }
    int64_t later = SG_TIME_MAX;
    for (size_t i = 0; i < c.nt; i++)
        if (c.times[i] > r->t && c.times[i] < later)
            later = c.times[i];
    for (size_t i = 0; i < c.n && !m->fatal; i++) {
        const struct seen *s = &c.v[i];
        if (json_object_get(r->found, s->id) == NULL) {
            if (!s->latest_fixed && s->latest < r->t)
                fixed_at(m, s->id, r->time);
        } else if (s->latest <= r->t && later != SG_TIME_MAX) {
            char buf[SG_TIME_BUF];
            fixed_at(m, s->id, sg_time_format(buf, later));
        }
    }
out:
    for (size_t i = 0; i < c.n; i++)
        free(c.v[i].id);
    free(c.v);
    free(c.times);
    free(prefix);
    free(suffix);
}

/* Stores what the report found, in the order it lists it, then closes out. */
static void finish(struct imp *m, struct report *r)
{
    const char *id;
    json_t *f;

    json_object_foreach(r->found, id, f)
    {
        if (m->fatal)
            return;
        imp_put_exposure(m, json_incref(json_object_get(f, "x")),
                         json_string_value(json_object_get(f, "elem")));
    }
    if (!m->fatal && m->stats->bad == 0)
        close_out(m, r);
}

/* The report's time: its own, else --seen-at; neither is an error at ptr. */
static int report_time(struct imp *m, struct report *r, const char *own, const char *ptr)
{
    const char *why = NULL;
    r->time = own ? own : m->opts->seen_at;
    if (r->time == NULL) {
        imp_bad(m, "", ptr, "missing (the report has no time; --seen-at TIME gives one)");
        return -1;
    }
    if (sg_time_parse(&r->t, r->time, &why) != 0) {
        imp_bad(m, "", ptr, "not an RFC 3339 time (%s)", why ? why : "bad time");
        return -1;
    }
    return 0;
}

/* ---- Trivy ----------------------------------------------------------------------- */

/* The highest score over the sources of a Trivy CVSS map: CVSS v4 or v3 when any
 * source gives one, else v2. */
static int trivy_cvss(struct imp *m, const json_t *v, const char *elem, int *has,
                      double *out)
{
    const json_t *map, *src;
    const char *key;
    double best3 = -1, best2 = -1;

    *has = 0;
    if (imp_opt_object(m, v, "CVSS", elem, &map) != 0)
        return -1;
    if (map == NULL)
        return 0;
    json_object_foreach((json_t *)map, key, src)
    {
        static const char *const v3[] = {"V40Score", "V3Score", NULL};
        char *se = sg_xasprintf("%s/CVSS", elem);
        char *sub = imp_ptr_key("", key);
        if (!json_is_object(src)) {
            imp_bad(m, se, sub, "not an object (CVSS scores expected)");
            free(se);
            free(sub);
            return -1;
        }
        for (size_t i = 0; v3[i]; i++) {
            const json_t *s = json_object_get(src, v3[i]);
            if (s != NULL && !json_is_number(s)) {
                char *sk = sg_xasprintf("%s/%s", sub, v3[i]);
                imp_bad(m, se, sk, "not a number");
                free(sk);
                free(se);
                free(sub);
                return -1;
            }
            if (s != NULL && json_number_value(s) > best3)
                best3 = json_number_value(s);
        }
        const json_t *s2 = json_object_get(src, "V2Score");
        if (json_is_number(s2) && json_number_value(s2) > best2)
            best2 = json_number_value(s2);
        free(se);
        free(sub);
    }
    double best = best3 >= 0 ? best3 : best2;
    if (best >= 0 && best <= 10) {
        *has = 1;
        *out = best;
    }
    return 0;
}

static void trivy_vuln(struct imp *m, struct report *r, const json_t *v, const char *elem)
{
    const char *id, *sev;
    int has = 0;
    double cvss = 0;

    if (!json_is_object(v)) {
        imp_bad(m, elem, NULL, "not a vulnerability (an object expected)");
        return;
    }
    if (imp_opt_string(m, v, "VulnerabilityID", elem, &id) != 0 ||
        imp_opt_string(m, v, "Severity", elem, &sev) != 0 ||
        trivy_cvss(m, v, elem, &has, &cvss) != 0)
        return;
    if (id == NULL) {
        imp_bad(m, elem, "/VulnerabilityID", "missing");
        return;
    }
    found(m, r, id, imp_severity(sev), has, cvss, elem);
}

void imp_trivy(struct imp *m, json_t *root)
{
    struct report r = {"trivy", NULL, NULL, 0, NULL};
    const json_t *sv = json_object_get(root, "SchemaVersion"), *results;
    const char *created;

    if (json_is_array(root) && json_array_size(root) > 0 &&
        json_object_get(json_array_get(root, 0), "Target") != NULL) {
        imp_bad_doc(m, "a Trivy report from before SchemaVersion 2 (an array of results, "
                       "Trivy < 0.20) is not supported");
        return;
    }
    if (!json_is_object(root) || sv == NULL) {
        imp_bad_doc(
            m, "not a Trivy JSON report (an object with \"SchemaVersion\" expected)");
        return;
    }
    if (!json_is_integer(sv) || json_integer_value(sv) != 2) {
        imp_bad(m, "", "/SchemaVersion", "unsupported Trivy SchemaVersion (2 expected)");
        return;
    }
    if (imp_opt_string(m, root, "ArtifactName", "", &r.artifact) != 0 ||
        imp_opt_time(m, root, "CreatedAt", "", &created, NULL) != 0 ||
        imp_opt_array(m, root, "Results", "", &results) != 0)
        return;
    if (r.artifact == NULL) {
        imp_bad(m, "", "/ArtifactName", "missing (the scanned artifact)");
        return;
    }
    if (report_time(m, &r, created, "/CreatedAt") != 0)
        return;
    r.found = json_object();
    for (size_t i = 0; results && i < json_array_size(results); i++) {
        const json_t *res = json_array_get(results, i), *vs, *mods;
        char *re = imp_ptr_index("", "Results", i);
        if (!json_is_object(res)) {
            imp_bad(m, re, NULL, "not a result (an object expected)");
        } else if (imp_opt_array(m, res, "Vulnerabilities", re, &vs) == 0 &&
                   imp_opt_array(m, res, "ExperimentalModifiedFindings", re, &mods) ==
                       0) {
            for (size_t j = 0; vs && j < json_array_size(vs); j++) {
                char *ve = imp_ptr_index(re, "Vulnerabilities", j);
                trivy_vuln(m, &r, json_array_get(vs, j), ve);
                free(ve);
            }
            /* a suppressed finding (--show-suppressed) was still seen */
            for (size_t j = 0; mods && j < json_array_size(mods); j++) {
                const json_t *mf = json_array_get(mods, j);
                const char *type = imp_str(mf, "Type");
                char *me = imp_ptr_index(re, "ExperimentalModifiedFindings", j);
                if (type != NULL && strcmp(type, "vulnerability") == 0) {
                    char *fe = sg_xasprintf("%s/Finding", me);
                    trivy_vuln(m, &r, json_object_get(mf, "Finding"), fe);
                    free(fe);
                }
                free(me);
            }
        }
        free(re);
    }
    finish(m, &r);
    json_decref(r.found);
}

/* ---- Grype ----------------------------------------------------------------------- */

/* The highest base score of a Grype cvss list: v3 or later when any, else v2. */
static int grype_cvss(struct imp *m, const json_t *v, const char *elem, int *has,
                      double *out)
{
    const json_t *list;
    double best3 = -1, best2 = -1;

    *has = 0;
    if (imp_opt_array(m, v, "cvss", elem, &list) != 0)
        return -1;
    for (size_t i = 0; list && i < json_array_size(list); i++) {
        const json_t *c = json_array_get(list, i), *metrics, *score;
        char *ce = imp_ptr_index(elem, "cvss", i);
        const char *version;
        int bad = !json_is_object(c);
        if (bad)
            imp_bad(m, ce, NULL, "not a CVSS entry (an object expected)");
        else
            bad = imp_opt_string(m, c, "version", ce, &version) != 0 ||
                  imp_opt_object(m, c, "metrics", ce, &metrics) != 0;
        if (!bad && metrics != NULL) {
            score = json_object_get(metrics, "baseScore");
            if (score != NULL && !json_is_number(score)) {
                imp_bad(m, ce, "/metrics/baseScore", "not a number");
                bad = 1;
            } else if (score != NULL) {
                double d = json_number_value(score);
                double *best = version && version[0] == '2' ? &best2 : &best3;
                if (d > *best)
                    *best = d;
            }
        }
        free(ce);
        if (bad)
            return -1;
    }
    double best = best3 >= 0 ? best3 : best2;
    if (best >= 0 && best <= 10) {
        *has = 1;
        *out = best;
    }
    return 0;
}

static void grype_match(struct imp *m, struct report *r, const json_t *mt,
                        const char *elem)
{
    const json_t *v, *related;
    const char *id, *sev;
    int has = 0;
    double cvss = 0;
    char *ve;

    if (!json_is_object(mt)) {
        imp_bad(m, elem, NULL, "not a match (an object expected)");
        return;
    }
    if (imp_opt_object(m, mt, "vulnerability", elem, &v) != 0 ||
        imp_opt_array(m, mt, "relatedVulnerabilities", elem, &related) != 0)
        return;
    if (v == NULL) {
        imp_bad(m, elem, "/vulnerability", "missing");
        return;
    }
    ve = sg_xasprintf("%s/vulnerability", elem);
    if (imp_opt_string(m, v, "id", ve, &id) != 0 ||
        imp_opt_string(m, v, "severity", ve, &sev) != 0 ||
        grype_cvss(m, v, ve, &has, &cvss) != 0)
        goto out;
    if (id == NULL) {
        imp_bad(m, ve, "/id", "missing");
        goto out;
    }
    /* a GHSA (or other) match names its CVE among the related ones: use the CVE */
    for (size_t i = 0;
         strncmp(id, "CVE-", 4) != 0 && related && i < json_array_size(related); i++) {
        const char *rid = imp_str(json_array_get(related, i), "id");
        if (rid != NULL && strncmp(rid, "CVE-", 4) == 0)
            id = rid;
    }
    found(m, r, id, imp_severity(sev), has, cvss, elem);
out:
    free(ve);
}

void imp_grype(struct imp *m, json_t *root)
{
    struct report r = {"grype", NULL, NULL, 0, NULL};
    const json_t *matches = NULL, *ignored, *source, *target, *desc;
    const char *when;

    desc = json_object_get(root, "descriptor");
    if (!json_is_object(root) || (json_object_get(root, "matches") == NULL &&
                                  !(json_is_object(desc) && imp_str(desc, "name") &&
                                    strcmp(imp_str(desc, "name"), "grype") == 0))) {
        imp_bad_doc(m, "not a Grype JSON report (an object with \"matches\" expected)");
        return;
    }
    if (imp_opt_array(m, root, "matches", "", &matches) != 0 ||
        imp_opt_array(m, root, "ignoredMatches", "", &ignored) != 0 ||
        imp_opt_object(m, root, "source", "", &source) != 0 ||
        imp_opt_object(m, root, "descriptor", "", &desc) != 0)
        return;
    if (desc != NULL &&
        imp_opt_time(m, desc, "timestamp", "/descriptor", &when, NULL) != 0)
        return;
    if (desc == NULL)
        when = NULL;
    if (source == NULL) {
        imp_bad(m, "", "/source", "missing (what was scanned)");
        return;
    }
    /* the artifact: a path (directory, file), or an image as the user named it */
    target = json_object_get(source, "target");
    if (json_is_string(target) && json_string_length(target) > 0) {
        r.artifact = json_string_value(target);
    } else if (json_is_object(target)) {
        static const char *const keys[] = {"userInput", "name", "imageID", "path", NULL};
        for (size_t i = 0; keys[i] && r.artifact == NULL; i++)
            r.artifact = imp_str(target, keys[i]);
    }
    if (r.artifact == NULL) {
        imp_bad(m, "", "/source/target", "missing (the scanned artifact)");
        return;
    }
    if (report_time(m, &r, when, "/descriptor/timestamp") != 0)
        return;
    r.found = json_object();
    /* an ignored match (an ignore rule, a VEX) was still seen */
    const json_t *lists[] = {matches, ignored};
    const char *names[] = {"matches", "ignoredMatches"};
    for (size_t k = 0; k < 2; k++)
        for (size_t i = 0; lists[k] && i < json_array_size(lists[k]); i++) {
            char *me = imp_ptr_index("", names[k], i);
            grype_match(m, &r, json_array_get(lists[k], i), me);
            free(me);
        }
    finish(m, &r);
    json_decref(r.found);
}

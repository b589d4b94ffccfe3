/* import/cyclonedx.c: CycloneDX VEX and VDR documents (JSON, specVersion 1.4 to 1.6):
 * each vulnerability's analysis about each component it affects, into exposures and
 * deferrals (SPEC §2; mapping in docs/importers.md), through imp_vex (import.c). */
#include "import_int.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct doc {
    char *id_prefix;      /* cyclonedx:SERIAL[@VERSION] */
    const char *time;     /* metadata.timestamp, or NULL */
    json_t *refs;         /* bom-ref -> the component's own id */
    const char *main_ref; /* the subject of metadata.component, or NULL */
    struct imp_decider by;
    char *agent;
};

/* A component's own id: its package URL, else its CPE, else name@version, else its
 * bom-ref. New: free(), or NULL when it has none. */
static char *subject_of(const json_t *c)
{
    const char *purl = imp_str(c, "purl"), *cpe = imp_str(c, "cpe");
    const char *name = imp_str(c, "name"), *version = imp_str(c, "version");
    const char *ref = imp_str(c, "bom-ref");

    if (purl || cpe)
        return sg_xstrdup(purl ? purl : cpe);
    if (name && version)
        return sg_xasprintf("%s@%s", name, version);
    if (name || ref)
        return sg_xstrdup(name ? name : ref);
    return NULL;
}

/* Records the bom-ref of c and of every component and service nested in it. */
static void walk(json_t *refs, const json_t *c)
{
    size_t i;
    const json_t *v;
    static const char *const lists[] = {"components", "services", NULL};

    if (!json_is_object(c))
        return;
    const char *ref = imp_str(c, "bom-ref");
    char *subj = subject_of(c);
    if (ref != NULL && subj != NULL && json_object_get(refs, ref) == NULL)
        json_object_set_new(refs, ref, json_string(subj));
    free(subj);
    for (size_t k = 0; lists[k]; k++) {
        const json_t *arr = json_object_get(c, lists[k]);
        if (json_is_array(arr))
            json_array_foreach(arr, i, v) walk(refs, v);
    }
}

/* The first tool's name, in the 1.4 shape (an array of tools) or the 1.5 one
 * ({components, services}). */
static const char *tool_name(const json_t *tools)
{
    size_t i;
    const json_t *v;
    const char *n;

    if (json_is_array(tools)) {
        json_array_foreach(tools, i, v) if ((n = imp_str(v, "name")) != NULL) return n;
    } else if (json_is_object(tools)) {
        static const char *const lists[] = {"components", "services", NULL};
        for (size_t k = 0; lists[k]; k++) {
            const json_t *arr = json_object_get(tools, lists[k]);
            if (json_is_array(arr))
                json_array_foreach(arr, i,
                                   v) if ((n = imp_str(v, "name")) != NULL) return n;
        }
    }
    return NULL;
}

static int in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

/* Highest severity and CVSS score of the ratings (CVSS methods only for the score). */
static int ratings(struct imp *m, const json_t *vul, const char *elem, struct imp_vex *x)
{
    static const char *const cvss[] = {"CVSSv2", "CVSSv3", "CVSSv31", "CVSSv4", NULL};
    const json_t *rs;

    if (imp_opt_array(m, vul, "ratings", elem, &rs) != 0)
        return -1;
    for (size_t i = 0; rs && i < json_array_size(rs); i++) {
        const json_t *r = json_array_get(rs, i), *score;
        char *re = imp_ptr_index(elem, "ratings", i);
        const char *sev, *method;
        if (!json_is_object(r)) {
            imp_bad(m, re, NULL, "not a rating (an object expected)");
            free(re);
            return -1;
        }
        if (imp_opt_string(m, r, "severity", re, &sev) != 0 ||
            imp_opt_string(m, r, "method", re, &method) != 0) {
            free(re);
            return -1;
        }
        score = json_object_get(r, "score");
        if (score != NULL && !json_is_number(score)) {
            imp_bad(m, re, "/score", "not a number");
            free(re);
            return -1;
        }
        free(re);
        sev = imp_severity(sev);
        if (imp_severity_rank(sev) > imp_severity_rank(x->severity))
            x->severity = sev;
        if (score != NULL && (method == NULL || in_list(method, cvss))) {
            double d = json_number_value(score);
            if (d >= 0 && d <= 10 && (!x->has_cvss || d > x->cvss)) {
                x->cvss = d;
                x->has_cvss = 1;
            }
        }
    }
    return 0;
}

static void vulnerability(struct imp *m, const struct doc *d, const json_t *vul,
                          size_t idx)
{
    static const char *const states[] = {
        "not_affected", "false_positive",         "exploitable", "in_triage",
        "resolved",     "resolved_with_pedigree", NULL};
    char elem[48], *why = NULL, *did = NULL, *reasons = NULL;
    const json_t *analysis = NULL, *response = NULL, *affects;
    const char *vuln, *state = NULL, *just = NULL, *detail = NULL, *first = NULL,
                      *last = NULL;
    const char **subjects = NULL, **subject_elems = NULL;
    char **owned = NULL;
    size_t n = 0;
    int64_t tf = 0, tl = 0;
    int wont_fix = 0;
    struct imp_vex x = {0};

    snprintf(elem, sizeof(elem), "/vulnerabilities/%zu", idx);
    if (!json_is_object(vul)) {
        imp_bad(m, elem, NULL, "not a vulnerability (an object expected)");
        return;
    }
    if (imp_opt_string(m, vul, "id", elem, &vuln) != 0)
        return;
    if (vuln == NULL) {
        imp_bad(m, elem, "/id", "missing (the vulnerability id)");
        return;
    }
    if (imp_opt_object(m, vul, "analysis", elem, &analysis) != 0)
        return;
    if (analysis != NULL) {
        char *ae = sg_xasprintf("%s/analysis", elem);
        int bad = imp_opt_string(m, analysis, "state", ae, &state) != 0 ||
                  imp_opt_string(m, analysis, "justification", ae, &just) != 0 ||
                  imp_opt_string(m, analysis, "detail", ae, &detail) != 0 ||
                  imp_opt_array(m, analysis, "response", ae, &response) != 0 ||
                  imp_opt_time(m, analysis, "firstIssued", ae, &first, &tf) != 0 ||
                  imp_opt_time(m, analysis, "lastUpdated", ae, &last, &tl) != 0;
        if (!bad && state != NULL && !in_list(state, states)) {
            imp_bad(m, ae, "/state",
                    "unknown analysis state \"%.60s\" (not_affected, false_positive, "
                    "exploitable, in_triage, resolved or resolved_with_pedigree)",
                    state);
            bad = 1;
        }
        if (!bad && first && last && tf > tl) {
            imp_bad(m, ae, "/firstIssued", "after lastUpdated");
            bad = 1;
        }
        for (size_t i = 0; !bad && response && i < json_array_size(response); i++) {
            const json_t *r = json_array_get(response, i);
            if (!json_is_string(r)) {
                char *sub = imp_ptr_index("/response", NULL, i);
                imp_bad(m, ae, sub, "not a string (a response expected)");
                free(sub);
                bad = 1;
            } else if (!strcmp(json_string_value(r), "will_not_fix") ||
                       !strcmp(json_string_value(r), "can_not_fix")) {
                wont_fix = 1;
            }
        }
        free(ae);
        if (bad)
            return;
    }
    if (ratings(m, vul, elem, &x) != 0)
        return;
    /* the analysis as it stands is as of lastUpdated; an exposure first seen when the
     * analysis was first issued */
    const char *at = last ? last : first ? first : d->time ? d->time : m->opts->seen_at;
    if (at == NULL) {
        imp_bad(
            m, elem, "/analysis/lastUpdated",
            "missing (no analysis time and no metadata.timestamp; --seen-at TIME gives "
            "one)");
        return;
    }
    if (imp_opt_array(m, vul, "affects", elem, &affects) != 0)
        return;
    n = affects ? json_array_size(affects) : 0;
    if (n == 0 && d->main_ref == NULL) {
        imp_bad(m, elem, "/affects",
                "missing (no affected component, and no "
                "metadata.component)");
        return;
    }
    subjects = sg_xcalloc(n ? n : 1, sizeof(*subjects));
    subject_elems = sg_xcalloc(n ? n : 1, sizeof(*subject_elems));
    owned = sg_xcalloc(n ? n : 1, sizeof(*owned));
    if (n == 0) {
        subjects[0] = d->main_ref;
        owned[0] = sg_xstrdup(elem);
        subject_elems[0] = owned[0];
        n = 1;
    }
    for (size_t j = 0; affects && j < json_array_size(affects); j++) {
        const json_t *a = json_array_get(affects, j);
        const char *ref;
        owned[j] = imp_ptr_index(elem, "affects", j);
        subject_elems[j] = owned[j];
        if (!json_is_object(a)) {
            imp_bad(m, owned[j], NULL, "not an affected component (an object expected)");
            goto out;
        }
        if (imp_opt_string(m, a, "ref", owned[j], &ref) != 0)
            goto out;
        if (ref == NULL) {
            imp_bad(m, owned[j], "/ref", "missing (the affected component's bom-ref)");
            goto out;
        }
        const char *subj = imp_str(d->refs, ref);
        subjects[j] = subj ? subj : ref;
    }

    int not_affected =
        state && (!strcmp(state, "not_affected") || !strcmp(state, "false_positive"));
    int resolved = state && !strncmp(state, "resolved", 8);
    x.format = "cyclonedx";
    x.elem = elem;
    x.vuln = vuln;
    x.nsubjects = n;
    x.subjects = subjects;
    x.subject_elems = subject_elems;
    x.first_seen = first ? first : at;
    x.at = at;
    /* no analysis (a VDR) leaves the exposure open, like exploitable and in_triage */
    x.seen = not_affected ? IMP_VEX_NO_EXPOSURE : resolved ? IMP_VEX_FIXED : IMP_VEX_OPEN;
    x.defer = not_affected || (wont_fix && !resolved);
    if (just == NULL && response != NULL && json_array_size(response) > 0) {
        struct sg_buf b = {0};
        for (size_t i = 0; i < json_array_size(response); i++) {
            if (i)
                sg_buf_adds(&b, ", ");
            sg_buf_adds(&b, json_string_value(json_array_get(response, i)));
        }
        reasons = b.data;
    }
    const char *reason = just ? just : reasons;
    why = imp_rationale(reason, detail);
    did = sg_xasprintf("%s#%zu", d->id_prefix, idx);
    x.did = did;
    x.by = &d->by;
    x.rationale = why;
    imp_vex(m, &x);
out:
    for (size_t j = 0; j < n; j++)
        free(owned[j]);
    free(owned);
    free(subject_elems);
    free(subjects);
    free(reasons);
    free(why);
    free(did);
}

void imp_cyclonedx(struct imp *m, json_t *root)
{
    static const char *const versions[] = {"1.4", "1.5", "1.6", NULL};
    struct doc d = {0};
    const char *format = imp_str(root, "bomFormat"), *spec, *serial, *author = NULL;
    const json_t *version, *meta, *vulns, *comps, *authors = NULL;
    char *main_subject = NULL;

    if (!json_is_object(root) || format == NULL || strcmp(format, "CycloneDX") != 0) {
        imp_bad_doc(m, "not a CycloneDX document (an object with \"bomFormat\": "
                       "\"CycloneDX\" expected)");
        return;
    }
    if (imp_opt_string(m, root, "specVersion", "", &spec) != 0)
        return;
    if (spec == NULL) {
        imp_bad(m, "", "/specVersion", "missing (1.4, 1.5 or 1.6 expected)");
        return;
    }
    if (!in_list(spec, versions)) {
        imp_bad(m, "", "/specVersion",
                "unsupported CycloneDX version \"%.40s\" (1.4, 1.5 or 1.6 expected)",
                spec);
        return;
    }
    if (imp_opt_string(m, root, "serialNumber", "", &serial) != 0 ||
        imp_opt_object(m, root, "metadata", "", &meta) != 0 ||
        imp_opt_array(m, root, "vulnerabilities", "", &vulns) != 0 ||
        imp_opt_array(m, root, "components", "", &comps) != 0)
        return;
    if (meta != NULL &&
        (imp_opt_time(m, meta, "timestamp", "/metadata", &d.time, NULL) != 0 ||
         imp_opt_array(m, meta, "authors", "/metadata", &authors) != 0))
        return;
    version = json_object_get(root, "version");
    if (version != NULL &&
        (!json_is_integer(version) || json_integer_value(version) < 1)) {
        imp_bad(m, "", "/version", "not a BOM version (an integer >= 1 expected)");
        return;
    }
    char *base = serial ? sg_xstrdup(serial) : sg_xasprintf("sha256:%s", m->sha256);
    d.id_prefix = version ? sg_xasprintf("cyclonedx:%s@%lld", base,
                                         (long long)json_integer_value(version))
                          : sg_xasprintf("cyclonedx:%s", base);
    free(base);
    d.refs = json_object();
    if (meta != NULL) {
        const json_t *mc = json_object_get(meta, "component");
        walk(d.refs, mc);
        if (json_is_object(mc))
            d.main_ref = main_subject = subject_of(mc);
    }
    for (size_t i = 0; comps && i < json_array_size(comps); i++)
        walk(d.refs, json_array_get(comps, i));
    for (size_t i = 0; meta && authors && i < json_array_size(authors) && !author; i++) {
        const json_t *a = json_array_get(authors, i);
        author = imp_str(a, "name") ? imp_str(a, "name") : imp_str(a, "email");
    }
    const char *tool = meta ? tool_name(json_object_get(meta, "tools")) : NULL;
    /* the decider: a named author is a person; with none, the tools that made the BOM
     * are automation */
    if (author != NULL) {
        d.by.id = author;
    } else if (tool != NULL) {
        d.by.id = d.agent = sg_xasprintf("cyclonedx-tool:%s", tool);
        d.by.agent_name = tool;
    } else {
        d.by.id = "cyclonedx:unattributed";
        d.by.unattributed = 1;
    }
    for (size_t i = 0; vulns && i < json_array_size(vulns) && !m->fatal; i++)
        vulnerability(m, &d, json_array_get(vulns, i), i);
    json_decref(d.refs);
    free(main_subject);
    free(d.id_prefix);
    free(d.agent);
}

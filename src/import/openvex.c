/* import/openvex.c: OpenVEX documents, v0.2.0 and the older v0.0.1 shape (vulnerability
 * and products as plain strings), into exposures and deferrals: each statement about
 * each product (SPEC §2; mapping in docs/importers.md). The statement reduces to an
 * imp_vex (import.c), which CycloneDX shares. */
#include "import_int.h"
#include "signoff/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONTEXT "https://openvex.dev/ns"

struct doc {
    const char *id;   /* @id, or sha256:HEX of the file */
    char *id_prefix;  /* openvex:ID[@VERSION] */
    const char *time; /* the document's timestamp, or NULL */
    struct imp_decider by;
    char *agent;
};

/* The product's own id: a string (v0.0.1), else @id, else an identifier. */
static const char *product_id(struct imp *m, const json_t *p, const char *elem)
{
    const json_t *ids;
    const char *s;

    if (json_is_string(p) && json_string_length(p) > 0)
        return json_string_value(p);
    if (!json_is_object(p)) {
        imp_bad(m, elem, NULL, "not a product (an object or a string expected)");
        return NULL;
    }
    if (imp_opt_string(m, p, "@id", elem, &s) != 0)
        return NULL;
    if (s != NULL)
        return s;
    if (imp_opt_object(m, p, "identifiers", elem, &ids) != 0)
        return NULL;
    if (ids != NULL) {
        char *sub = sg_xasprintf("%s/identifiers", elem);
        static const char *const keys[] = {"purl", "cpe23", "cpe22", NULL};
        for (size_t i = 0; keys[i]; i++) {
            if (imp_opt_string(m, ids, keys[i], sub, &s) != 0) {
                free(sub);
                return NULL;
            }
            if (s != NULL) {
                free(sub);
                return s;
            }
        }
        free(sub);
    }
    imp_bad(m, elem, NULL, "a product with neither \"@id\" nor identifiers");
    return NULL;
}

static void statement(struct imp *m, const struct doc *d, const json_t *s, size_t idx)
{
    char elem[48], *why = NULL, *did = NULL;
    const json_t *v, *products;
    const char *vuln = NULL, *status, *at, *just, *impact, *notes, *action;
    const char **subjects = NULL, **subject_elems = NULL;
    size_t n = 0;
    struct imp_vex x = {0};

    snprintf(elem, sizeof(elem), "/statements/%zu", idx);
    if (!json_is_object(s)) {
        imp_bad(m, elem, NULL, "not a statement (an object expected)");
        return;
    }
    v = json_object_get(s, "vulnerability");
    if (json_is_string(v) && json_string_length(v) > 0) {
        vuln = json_string_value(v); /* v0.0.1 */
    } else if (json_is_object(v)) {
        if (imp_opt_string(m, v, "name", elem, &vuln) != 0)
            return;
        if (vuln == NULL) {
            imp_bad(m, elem, "/vulnerability/name", "missing (the vulnerability id)");
            return;
        }
    } else {
        imp_bad(m, elem, "/vulnerability",
                v == NULL ? "missing (the vulnerability the statement is about)"
                          : "not a vulnerability (an object with \"name\" expected)");
        return;
    }
    if (imp_opt_string(m, s, "status", elem, &status) != 0)
        return;
    if (status == NULL) {
        imp_bad(m, elem, "/status", "missing");
        return;
    }
    int not_affected = strcmp(status, "not_affected") == 0;
    int affected = strcmp(status, "affected") == 0;
    int fixed = strcmp(status, "fixed") == 0;
    if (!not_affected && !affected && !fixed &&
        strcmp(status, "under_investigation") != 0) {
        imp_bad(m, elem, "/status",
                "unknown status \"%.60s\" (not_affected, affected, fixed or "
                "under_investigation)",
                status);
        return;
    }
    if (imp_opt_time(m, s, "timestamp", elem, &at, NULL) != 0 ||
        imp_opt_string(m, s, "justification", elem, &just) != 0 ||
        imp_opt_string(m, s, "impact_statement", elem, &impact) != 0 ||
        imp_opt_string(m, s, "status_notes", elem, &notes) != 0 ||
        imp_opt_string(m, s, "action_statement", elem, &action) != 0)
        return;
    if (impact == NULL && imp_opt_string(m, s, "statement", elem, &impact) != 0)
        return;
    if (at == NULL)
        at = d->time ? d->time : m->opts->seen_at;
    if (at == NULL) {
        imp_bad(m, elem, "/timestamp",
                "missing (neither the statement nor the document has a timestamp; "
                "--seen-at TIME gives one)");
        return;
    }
    if (imp_opt_array(m, s, "products", elem, &products) != 0)
        return;
    if (products == NULL || json_array_size(products) == 0) {
        imp_bad(m, elem, "/products", "missing (the statement names no product)");
        return;
    }
    n = json_array_size(products);
    subjects = sg_xcalloc(n, sizeof(*subjects));
    subject_elems = sg_xcalloc(n, sizeof(*subject_elems));
    for (size_t j = 0; j < n; j++) {
        char *pe = imp_ptr_index(elem, "products", j);
        subject_elems[j] = pe;
        subjects[j] = product_id(m, json_array_get(products, j), pe);
        if (subjects[j] == NULL)
            goto out;
    }

    /* SPEC §2 and the mapping: not_affected, and affected with no action, are
     * decisions not to fix; affected and under_investigation leave the exposure open;
     * fixed closes it. */
    x.format = "openvex";
    x.elem = elem;
    x.vuln = vuln;
    x.nsubjects = n;
    x.subjects = subjects;
    x.subject_elems = subject_elems;
    x.first_seen = x.at = at;
    x.seen = not_affected ? IMP_VEX_NO_EXPOSURE : fixed ? IMP_VEX_FIXED : IMP_VEX_OPEN;
    x.defer = not_affected || (affected && action == NULL);
    why = not_affected ? imp_rationale(just, impact ? impact : notes)
                       : imp_rationale(NULL, impact ? impact : notes);
    did = sg_xasprintf("%s#%zu", d->id_prefix, idx);
    x.did = did;
    x.by = &d->by;
    x.rationale = why;
    imp_vex(m, &x);
out:
    for (size_t j = 0; j < n; j++)
        free((char *)subject_elems[j]);
    free(subject_elems);
    free(subjects);
    free(why);
    free(did);
}

static int ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

void imp_openvex(struct imp *m, json_t *root)
{
    struct doc d = {0};
    const char *ctx = imp_str(root, "@context"), *author, *tooling;
    const json_t *version, *statements;
    char *hashid = NULL, *ver = NULL;

    if (!json_is_object(root) || ctx == NULL ||
        strncmp(ctx, CONTEXT, strlen(CONTEXT)) != 0) {
        imp_bad_doc(m, "not an OpenVEX document (an object with \"@context\" " CONTEXT
                       "/v0.2.0 expected)");
        return;
    }
    /* v0.2.0, and v0.0.1 whose context was written with and without its version */
    if (strcmp(ctx, CONTEXT) != 0 && strcmp(ctx, CONTEXT "/v0.0.1") != 0 &&
        strcmp(ctx, CONTEXT "/v0.2.0") != 0) {
        imp_bad(m, "", "/@context",
                "unsupported OpenVEX version \"%.100s\" (" CONTEXT "/v0.2.0 or /v0.0.1 "
                "expected)",
                ctx);
        return;
    }
    if (imp_opt_string(m, root, "@id", "", &d.id) != 0 ||
        imp_opt_string(m, root, "author", "", &author) != 0 ||
        imp_opt_string(m, root, "tooling", "", &tooling) != 0 ||
        imp_opt_time(m, root, "timestamp", "", &d.time, NULL) != 0 ||
        imp_opt_array(m, root, "statements", "", &statements) != 0)
        return;
    version = json_object_get(root, "version");
    if (json_is_integer(version) && json_integer_value(version) >= 1) {
        ver = sg_xasprintf("%lld", (long long)json_integer_value(version));
    } else if (json_is_string(version) && json_string_length(version) > 0 &&
               strspn(json_string_value(version), "0123456789") ==
                   json_string_length(version)) {
        ver = sg_xstrdup(json_string_value(version)); /* v0.0.1 wrote "1" */
    } else if (version != NULL) {
        imp_bad(m, "", "/version", "not a document version (an integer >= 1 expected)");
        return;
    }
    if (d.id == NULL)
        d.id = hashid = sg_xasprintf("sha256:%s", m->sha256);
    d.id_prefix =
        ver ? sg_xasprintf("openvex:%s@%s", d.id, ver) : sg_xasprintf("openvex:%s", d.id);
    /* the decider: tooling or a bot author is automation, an author a person */
    if (tooling != NULL) {
        d.by.id = d.agent = sg_xasprintf("openvex-tooling:%s", tooling);
        d.by.agent_name = tooling;
    } else if (author != NULL && ends_with(author, "[bot]")) {
        d.by.id = d.agent = sg_xasprintf("openvex-bot:%s", author);
        d.by.agent_name = author;
    } else if (author != NULL) {
        d.by.id = author;
    } else {
        d.by.id = "openvex:unattributed";
        d.by.unattributed = 1;
    }
    for (size_t i = 0; statements && i < json_array_size(statements) && !m->fatal; i++)
        statement(m, &d, json_array_get(statements, i), i);
    free(d.id_prefix);
    free(d.agent);
    free(hashid);
    free(ver);
}

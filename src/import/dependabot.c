/* import/dependabot.c: GitHub Dependabot alerts (the REST list response, a JSON array of
 * alerts, and webhook payloads {alert, repository}) into exposures, deferral decisions,
 * risk acceptances and agents (SPEC §2; mapping in docs/importers.md). */
#include "import_int.h"
#include "signoff/json.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* OWNER/REPO from https://github.com/OWNER/REPO/security/dependabot/N or
 * https://api.github.com/repos/OWNER/REPO/dependabot/alerts/N. New: free(). */
static char *repo_from_url(const char *u)
{
    static const char *const pre[] = {"https://github.com/",
                                      "https://api.github.com/repos/", NULL};
    for (size_t i = 0; u && pre[i]; i++) {
        size_t n = strlen(pre[i]);
        if (strncmp(u, pre[i], n) != 0)
            continue;
        const char *o = u + n, *s1 = strchr(o, '/');
        if (!s1 || s1 == o)
            return NULL;
        const char *s2 = strchr(s1 + 1, '/');
        if (!s2 || s2 == s1 + 1)
            return NULL;
        return sg_xasprintf("%.*s", (int)(s2 - o), o);
    }
    return NULL;
}

/* The alert's time fields are checked first, so a bad one is named by its own pointer. */
static int times_ok(struct imp *m, const json_t *a, const char *elem)
{
    static const char *const keys[] = {"created_at",   "updated_at",        "fixed_at",
                                       "dismissed_at", "auto_dismissed_at", NULL};
    const char *s;
    for (size_t i = 0; keys[i]; i++)
        if (imp_opt_time(m, a, keys[i], elem, &s, NULL) != 0)
            return 0;
    return 1;
}

static char *rationale(const json_t *a)
{
    return imp_rationale(imp_str(a, "dismissed_reason"), imp_str(a, "dismissed_comment"));
}

static void alert(struct imp *m, const json_t *a, const char *repo_hint, const char *elem)
{
    char *repo = NULL, *id = NULL, *did = NULL, *why = NULL, *agent = NULL;
    const json_t *adv = json_object_get(a, "security_advisory");
    const json_t *num = json_object_get(a, "number");
    const char *vuln, *created, *state, *asset;

    if (!json_is_object(a)) {
        imp_bad(m, elem, NULL, "not a Dependabot alert (an object expected)");
        return;
    }
    if (!json_is_integer(num) || json_integer_value(num) < 0) {
        imp_bad(m, elem, "/number", "missing or not an alert number");
        return;
    }
    repo = repo_hint ? sg_xstrdup(repo_hint) : repo_from_url(imp_str(a, "html_url"));
    if (!repo)
        repo = repo_from_url(imp_str(a, "url"));
    if (!repo) {
        imp_bad(m, elem, "/html_url", "cannot tell the repository (no GitHub alert URL)");
        return;
    }
    if (!json_is_object(adv)) {
        imp_bad(m, elem, "/security_advisory", "missing security advisory");
        goto out;
    }
    vuln = imp_str(adv, "cve_id");
    if (!vuln)
        vuln = imp_str(adv, "ghsa_id");
    if (!vuln) {
        imp_bad(m, elem, "/security_advisory",
                "the advisory has neither cve_id nor ghsa_id");
        goto out;
    }
    if (!times_ok(m, a, elem))
        goto out;
    created = imp_str(a, "created_at");
    if (!created) {
        imp_bad(m, elem, "/created_at", "missing created_at");
        goto out;
    }
    state = imp_str(a, "state");
    if (!state) {
        imp_bad(m, elem, "/state", "missing state");
        goto out;
    }
    asset = imp_asset(m, repo);
    id = sg_xasprintf("dependabot:%s#%lld", repo, (long long)json_integer_value(num));

    /* the exposure */
    json_t *x = json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", "exposure", "id", id,
                          "vuln", vuln, "asset", asset, "first_seen", created);
    const char *sev = imp_severity(imp_str(adv, "severity"));
    if (sev)
        json_object_set_new(x, "severity", json_string(sev));
    const json_t *score = json_object_get(json_object_get(adv, "cvss"), "score");
    if (json_is_number(score) && json_number_value(score) > 0)
        json_object_set_new(x, "cvss", json_real(json_number_value(score)));
    if (strcmp(state, "fixed") == 0) {
        const char *fixed = imp_str(a, "fixed_at");
        if (!fixed) {
            json_decref(x);
            imp_bad(m, elem, "/fixed_at", "a fixed alert without fixed_at");
            goto out;
        }
        json_object_set_new(x, "status", json_string("fixed"));
        json_object_set_new(x, "last_seen", json_string(fixed));
    } else {
        json_object_set_new(x, "status", json_string("open"));
        const char *upd = imp_str(a, "updated_at");
        int64_t tc = 0, tu = 0;
        const char *twhy = NULL;
        /* an updated_at before created_at is no sighting: dropped */
        if (upd && sg_time_parse(&tc, created, &twhy) == 0 &&
            sg_time_parse(&tu, upd, &twhy) == 0 && tu >= tc)
            json_object_set_new(x, "last_seen", json_string(upd));
    }
    if (imp_put_exposure(m, x, elem) != 0)
        goto out;

    why = rationale(a);
    const char *auto_at = imp_str(a, "auto_dismissed_at");
    const char *dis_at = imp_str(a, "dismissed_at");
    json_t *targets = json_pack("[s]", asset), *vulns = json_pack("[s]", vuln);
    if (auto_at && (strcmp(state, "dismissed") != 0 || !dis_at)) {
        /* automation: a deferral by the agent dependabot, no acceptance */
        struct imp_decider by = {"dependabot", "GitHub Dependabot", 0};
        did = sg_xasprintf("%s:auto-dismissal", id);
        imp_deferral(m, &by, did, NULL, auto_at, targets, vulns,
                     why ? why : "auto-dismissed by Dependabot", elem);
    } else if (dis_at || strcmp(state, "dismissed") == 0) {
        const json_t *dby = json_object_get(a, "dismissed_by");
        const char *login = imp_str(dby, "login"), *type = imp_str(dby, "type");
        if (!dis_at) {
            imp_bad(m, elem, "/dismissed_at", "a dismissed alert without dismissed_at");
        } else if (!login) {
            imp_bad(m, elem, "/dismissed_by", "a dismissal without dismissed_by.login");
        } else {
            struct imp_decider by = {login, NULL, 0};
            char *acc = sg_xasprintf("%s:acceptance", id);
            did = sg_xasprintf("%s:dismissal", id);
            if (type && strcmp(type, "Bot") == 0) {
                agent = sg_xasprintf("github-bot:%s", login);
                by.id = agent;
                by.agent_name = login;
            }
            imp_deferral(m, &by, did, acc, dis_at, targets, vulns, why, elem);
            free(acc);
        }
    }
    json_decref(targets);
    json_decref(vulns);
out:
    free(repo);
    free(id);
    free(did);
    free(why);
    free(agent);
}

void imp_dependabot(struct imp *m, json_t *root)
{
    if (json_is_array(root)) {
        for (size_t i = 0; i < json_array_size(root) && !m->fatal; i++) {
            char elem[32];
            snprintf(elem, sizeof(elem), "/%zu", i);
            alert(m, json_array_get(root, i), NULL, elem);
        }
    } else if (json_is_object(root) && json_is_object(json_object_get(root, "alert"))) {
        const char *full = imp_str(json_object_get(root, "repository"), "full_name");
        alert(m, json_object_get(root, "alert"), full, "/alert");
    } else {
        imp_bad_doc(m,
                    "not a Dependabot alerts document (an array of alerts or a webhook "
                    "payload with \"alert\" expected)");
    }
}

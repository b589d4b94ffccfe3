/* import/dependabot.c: GitHub Dependabot alerts (the REST list response, a JSON array of
 * alerts, and webhook payloads {alert, repository}) into exposures, deferral decisions,
 * risk acceptances and agents (SPEC §2; mapping in docs/importers.md). */
#include "signoff/import.h"
#include "signoff/json.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct imp {
    struct sg_store *st;
    const char *path, *text;
    size_t len;
    int64_t source;
    const struct sg_import_opts *opts;
    sg_record_error_fn fn;
    void *ctx;
    struct sg_ingest_stats *stats;
    struct sg_error *err;
    int fatal;
};

/* Reports one bad element at pointer ptr (line of ptr, else of the element). */
static void bad(struct imp *m, const char *elem, const char *sub, const char *fmt,
                const char *arg)
{
    struct sg_error e;
    char *ptr = sg_xasprintf("%s%s", elem, sub ? sub : "");
    unsigned long line = sg_json_pointer_line(m->text, m->len, ptr);
    if (line == 0)
        line = sg_json_pointer_line(m->text, m->len, elem);
    struct sg_pos pos = {m->path, line, ptr[0] ? ptr : NULL};

    sg_error_init(&e);
    sg_error_set(&e, EX_DATAERR, &pos, fmt, arg);
    m->fn(m->ctx, &e);
    if (m->err->code == 0)
        *m->err = e;
    m->stats->bad++;
    free(ptr);
}

static const char *str(const json_t *o, const char *k)
{
    const json_t *v = json_object_get(o, k);
    return json_is_string(v) && json_string_length(v) > 0 ? json_string_value(v) : NULL;
}

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

/* Validates and stores rec (steals it). Returns 0, or -1 on a bad record / fatal. */
static int put(struct imp *m, json_t *rec, const char *elem)
{
    struct sg_error e;
    unsigned long line = sg_json_pointer_line(m->text, m->len, elem);
    struct sg_pos pos = {m->path, line, elem[0] ? elem : NULL};

    sg_error_init(&e);
    int rc = sg_ingest_record(m->st, rec, m->source, &pos, &e);
    json_decref(rec);
    if (rc < 0) {
        if (m->err->code == 0)
            *m->err = e;
        if (e.code == EX_DATAERR) {
            m->fn(m->ctx, &e);
            m->stats->bad++;
        } else {
            m->fatal = 1;
        }
        return -1;
    }
    m->stats->records++;
    if (rc == SG_INSERTED)
        m->stats->inserted++;
    else
        m->stats->duplicates++;
    return 0;
}

/* The alert's time fields are checked here, so a bad one is named by its own pointer. */
static int times_ok(struct imp *m, const json_t *a, const char *elem)
{
    static const char *const keys[] = {"created_at",   "updated_at",        "fixed_at",
                                       "dismissed_at", "auto_dismissed_at", NULL};
    for (size_t i = 0; keys[i]; i++) {
        const json_t *v = json_object_get(a, keys[i]);
        const char *why = NULL;
        int64_t t;
        char sub[32];
        if (v == NULL)
            continue;
        snprintf(sub, sizeof(sub), "/%s", keys[i]);
        if (!json_is_string(v)) {
            bad(m, elem, sub, "%s", "not a string (an RFC 3339 time expected)");
            return 0;
        }
        if (sg_time_parse(&t, json_string_value(v), &why) != 0) {
            bad(m, elem, sub, "not an RFC 3339 time (%s)", why ? why : "bad time");
            return 0;
        }
    }
    return 1;
}

static char *rationale(const json_t *a)
{
    const char *r = str(a, "dismissed_reason"), *c = str(a, "dismissed_comment");
    if (r && c)
        return sg_xasprintf("%s: %s", r, c);
    if (r || c)
        return sg_xstrdup(r ? r : c);
    return NULL;
}

static json_t *deferral(const char *id, const char *agent, const char *at,
                        const char *asset, const char *vuln, const char *why)
{
    json_t *d =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:[s], s:[{s:s}]}", "kind", "decision",
                  "id", id, "agent", agent, "at", at, "action", "patch", "outcome",
                  "defer", "targets", asset, "vulns", "id", vuln);
    if (why)
        json_object_set_new(d, "rationale", json_string(why));
    return d;
}

static void alert(struct imp *m, const json_t *a, const char *repo_hint, const char *elem)
{
    char *repo = NULL, *id = NULL, *did = NULL, *why = NULL;
    const json_t *adv = json_object_get(a, "security_advisory");
    const json_t *num = json_object_get(a, "number");
    const char *vuln, *created, *state, *asset;

    if (!json_is_object(a)) {
        bad(m, elem, NULL, "not a Dependabot alert%s", " (an object expected)");
        return;
    }
    if (!json_is_integer(num) || json_integer_value(num) < 0) {
        bad(m, elem, "/number", "%s", "missing or not an alert number");
        return;
    }
    repo = repo_hint ? sg_xstrdup(repo_hint) : repo_from_url(str(a, "html_url"));
    if (!repo)
        repo = repo_from_url(str(a, "url"));
    if (!repo) {
        bad(m, elem, "/html_url", "%s",
            "cannot tell the repository (no GitHub alert URL)");
        return;
    }
    if (!json_is_object(adv)) {
        bad(m, elem, "/security_advisory", "%s", "missing security advisory");
        goto out;
    }
    vuln = str(adv, "cve_id");
    if (!vuln)
        vuln = str(adv, "ghsa_id");
    if (!vuln) {
        bad(m, elem, "/security_advisory", "%s",
            "the advisory has neither cve_id nor ghsa_id");
        goto out;
    }
    if (!times_ok(m, a, elem))
        goto out;
    created = str(a, "created_at");
    if (!created) {
        bad(m, elem, "/created_at", "%s", "missing created_at");
        goto out;
    }
    state = str(a, "state");
    if (!state) {
        bad(m, elem, "/state", "%s", "missing state");
        goto out;
    }
    asset = m->opts->asset ? m->opts->asset : repo;
    id = sg_xasprintf("dependabot:%s#%lld", repo, (long long)json_integer_value(num));

    /* the exposure */
    json_t *x = json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", "exposure", "id", id,
                          "vuln", vuln, "asset", asset, "first_seen", created);
    const char *sev = str(adv, "severity");
    if (sev) {
        char low[16];
        size_t i;
        for (i = 0; sev[i] && i < sizeof(low) - 1; i++)
            low[i] = (char)((sev[i] >= 'A' && sev[i] <= 'Z') ? sev[i] + 32 : sev[i]);
        low[i] = '\0';
        if (strcmp(low, "moderate") == 0)
            strcpy(low, "medium");
        if (!strcmp(low, "critical") || !strcmp(low, "high") || !strcmp(low, "medium") ||
            !strcmp(low, "low"))
            json_object_set_new(x, "severity", json_string(low));
    }
    const json_t *score = json_object_get(json_object_get(adv, "cvss"), "score");
    if (json_is_number(score) && json_number_value(score) > 0)
        json_object_set_new(x, "cvss", json_real(json_number_value(score)));
    if (strcmp(state, "fixed") == 0) {
        const char *fixed = str(a, "fixed_at");
        if (!fixed) {
            json_decref(x);
            bad(m, elem, "/fixed_at", "%s", "a fixed alert without fixed_at");
            goto out;
        }
        json_object_set_new(x, "status", json_string("fixed"));
        json_object_set_new(x, "last_seen", json_string(fixed));
    } else {
        json_object_set_new(x, "status", json_string("open"));
        const char *upd = str(a, "updated_at");
        int64_t tc = 0, tu = 0;
        const char *twhy = NULL;
        /* an updated_at before created_at is no sighting: dropped */
        if (upd && sg_time_parse(&tc, created, &twhy) == 0 &&
            sg_time_parse(&tu, upd, &twhy) == 0 && tu >= tc)
            json_object_set_new(x, "last_seen", json_string(upd));
    }
    if (put(m, x, elem) != 0)
        goto out;

    why = rationale(a);
    const char *auto_at = str(a, "auto_dismissed_at");
    const char *dis_at = str(a, "dismissed_at");
    if (auto_at && (strcmp(state, "dismissed") != 0 || !dis_at)) {
        /* automation: a deferral by the agent dependabot, no acceptance */
        json_t *ag = json_pack("{s:s, s:s, s:s}", "kind", "agent", "id", "dependabot",
                               "name", "GitHub Dependabot");
        if (put(m, ag, elem) != 0)
            goto out;
        did = sg_xasprintf("%s:auto-dismissal", id);
        put(m,
            deferral(did, "dependabot", auto_at, asset, vuln,
                     why ? why : "auto-dismissed by Dependabot"),
            elem);
    } else if (dis_at || strcmp(state, "dismissed") == 0) {
        const json_t *by = json_object_get(a, "dismissed_by");
        const char *login = str(by, "login"), *type = str(by, "type");
        if (!dis_at) {
            bad(m, elem, "/dismissed_at", "%s", "a dismissed alert without dismissed_at");
            goto out;
        }
        if (!login) {
            bad(m, elem, "/dismissed_by", "%s", "a dismissal without dismissed_by.login");
            goto out;
        }
        did = sg_xasprintf("%s:dismissal", id);
        if (type && strcmp(type, "Bot") == 0) {
            char *agent = sg_xasprintf("github-bot:%s", login);
            json_t *ag =
                json_pack("{s:s, s:s, s:s}", "kind", "agent", "id", agent, "name", login);
            if (put(m, ag, elem) == 0)
                put(m, deferral(did, agent, dis_at, asset, vuln, why), elem);
            free(agent);
        } else {
            if (put(m, deferral(did, login, dis_at, asset, vuln, why), elem) != 0)
                goto out;
            char *acc = sg_xasprintf("%s:acceptance", id);
            json_t *ra = json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", "risk_acceptance",
                                   "id", acc, "decision", did, "owner", login,
                                   "acknowledged_at", dis_at);
            if (why)
                json_object_set_new(ra, "rationale", json_string(why));
            put(m, ra, elem);
            free(acc);
        }
    }
out:
    free(repo);
    free(id);
    free(did);
    free(why);
}

int sg_import_dependabot(struct sg_store *st, const char *path, const char *text,
                         size_t len, int64_t source, const struct sg_import_opts *opts,
                         sg_record_error_fn fn, void *ctx, struct sg_ingest_stats *stats,
                         struct sg_error *err)
{
    struct imp m = {st, path, text, len, source, opts, fn, ctx, stats, err, 0};
    json_error_t je;
    const char *why = NULL;
    int64_t bad_before = stats->bad;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);

    if (!root) {
        struct sg_error e;
        struct sg_pos pos = {path, je.line > 0 ? (unsigned long)je.line : 0, NULL};
        sg_error_init(&e);
        sg_error_set(&e, EX_DATAERR, &pos, "not JSON: %s", je.text);
        fn(ctx, &e);
        if (err->code == 0)
            *err = e;
        stats->bad++;
        return -1;
    }
    sg_json_drop_nulls(root);
    if (sg_json_check_limits(root, &why) != 0) {
        bad(&m, "", NULL, "%s", why);
    } else if (json_is_array(root)) {
        for (size_t i = 0; i < json_array_size(root) && !m.fatal; i++) {
            char elem[32];
            snprintf(elem, sizeof(elem), "/%zu", i);
            alert(&m, json_array_get(root, i), NULL, elem);
        }
    } else if (json_is_object(root) && json_is_object(json_object_get(root, "alert"))) {
        const char *full = str(json_object_get(root, "repository"), "full_name");
        alert(&m, json_object_get(root, "alert"), full, "/alert");
    } else {
        struct sg_error e;
        struct sg_pos pos = {path, 0, NULL};
        sg_error_init(&e);
        sg_error_set(&e, EX_DATAERR, &pos, "%s",
                     "not a Dependabot alerts document (an array of alerts or a webhook "
                     "payload with \"alert\" expected)");
        fn(ctx, &e);
        if (err->code == 0)
            *err = e;
        stats->bad++;
    }
    json_decref(root);
    if (m.fatal)
        return -1;
    return stats->bad > bad_before ? -1 : 0;
}

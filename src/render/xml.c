/* render/xml.c: package.xml (docs/package-xml.md), written by sg_xo (xmlout.h). The
 * judged items are written while the trace engine streams them, into one temporary
 * file per section, then spliced into the document in the fixed order: memory does not
 * grow with the number of decisions. */
#define _GNU_SOURCE /* copy_file_range (Linux, glibc 2.27) */
#include "signoff/datadir.h"
#include "signoff/json.h"
#include "signoff/render.h"
#include "signoff/sha256.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"
#include "signoff/xmlout.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NS "urn:signoff:package:1"

void sg_xml_id(char *buf, size_t n, const char *prefix, const char *id)
{
    char hex[SG_SHA256_HEX];
    sg_sha256_hex(id, strlen(id), hex);
    snprintf(buf, n, "%s%.16s", prefix, hex);
}

enum {
    SEC_CHANGES,
    SEC_DEFERRALS,
    SEC_ESCALATIONS,
    SEC_EXPOSURES,
    SEC_PENDING,
    SEC__COUNT
};

struct xw {
    sg_verdict_fn tee;
    void *tee_ctx;
    struct sg_xo ws[SEC__COUNT];
    FILE *fp[SEC__COUNT];
    int failed;
};

/* Record text is made fit for XML 1.0 by sg_xml_text (xmlout.h): the C0 controls other
 * than tab, newline and CR, U+FFFE and U+FFFF, which XML cannot carry even as character
 * references, are written as the escapes of SPEC §7, and a byte outside well-formed
 * UTF-8 as \xHH (docs/package-xml.md). */

static void attr(struct sg_xo *w, const char *name, const char *value)
{
    sg_xo_attr(w, name, value);
}

static void element(struct sg_xo *w, const char *name, const char *text)
{
    sg_xo_element(w, name, text);
}

static void attr_time(struct sg_xo *w, const char *name, int64_t t)
{
    char buf[SG_TIME_BUF];
    if (t != SG_TIME_MIN && t != SG_TIME_MAX)
        attr(w, name, sg_time_format(buf, t));
}

static void attr_int(struct sg_xo *w, const char *name, long long v)
{
    sg_xo_attr_int(w, name, v);
}

static void attr_bool(struct sg_xo *w, const char *name, int v)
{
    attr(w, name, v ? "true" : "false");
}

static void start(struct sg_xo *w, const char *name)
{
    sg_xo_start(w, name);
}

static void end(struct sg_xo *w)
{
    sg_xo_end(w);
}

static void empty(struct sg_xo *w, const char *name, const char *a, const char *v)
{
    start(w, name);
    attr(w, a, v);
    end(w);
}

static void decision_common(struct sg_xo *w, const struct sg_verdict *v)
{
    const struct sg_decision *d = v->decision;
    char id[32];
    sg_xml_id(id, sizeof(id), "d-", d->id);
    attr(w, "id", id);
    attr(w, "decision", d->id);
    attr(w, "agent", d->agent);
}

static void decision_lists(struct sg_xo *w, const struct sg_verdict *v)
{
    const struct sg_decision *d = v->decision;
    for (size_t i = 0; i < d->ntargets; i++)
        empty(w, "target", "asset", d->targets[i]);
    for (size_t i = 0; i < d->nvulns; i++)
        empty(w, "vuln", "id", d->vulns[i]);
    for (int i = 0; i < (v->kind == SG_VK_CHANGE ? SG_R__COUNT : SG_D__COUNT); i++)
        if (v->reasons & (1u << i))
            empty(w, "reason", "code",
                  v->kind == SG_VK_CHANGE ? sg_untraced_reason_name(i)
                                          : sg_deferral_reason_name(i));
}

static int on_verdict(void *ctx, const struct sg_verdict *v)
{
    struct xw *x = ctx;
    struct sg_xo *w;
    char buf[32];

    if (x->tee != NULL && x->tee(x->tee_ctx, v) != 0)
        return -1;
    if (v->kind != SG_VK_EXPOSURE && v->state == SG_ST_PENDING) {
        w = &x->ws[SEC_PENDING];
        start(w, "item");
        attr(w, "decision", v->decision->id);
        attr(w, "kind", v->kind == SG_VK_DEFERRAL ? "deferral" : "escalation");
        attr_time(w, "at", v->decision->at);
        attr_time(w, "due", v->when);
        end(w);
        return 0;
    }
    switch (v->kind) {
    case SG_VK_CHANGE:
        w = &x->ws[SEC_CHANGES];
        start(w, "change");
        decision_common(w, v);
        attr(w, "action", v->decision->action);
        attr_time(w, "at", v->decision->at);
        attr_time(w, "t", v->decision->t);
        attr_int(w, "required-tier", v->required_tier);
        attr_bool(w, "production", v->production);
        attr(w, "verdict", sg_state_name(v->state));
        attr(w, "path", sg_path_name(v->path));
        break;
    case SG_VK_DEFERRAL:
    case SG_VK_ESCALATION:
        w = &x->ws[v->kind == SG_VK_DEFERRAL ? SEC_DEFERRALS : SEC_ESCALATIONS];
        start(w, v->kind == SG_VK_DEFERRAL ? "deferral" : "escalation");
        decision_common(w, v);
        attr_time(w, "at", v->decision->at);
        attr_time(w, "due", v->when);
        attr(w, "state", sg_state_name(v->state));
        break;
    default:
        if (v->state != SG_ST_SILENT && v->state != SG_ST_BREACH &&
            v->state != SG_ST_EXCUSED)
            return 0;
        w = &x->ws[SEC_EXPOSURES];
        start(w, "exposure");
        sg_xml_id(buf, sizeof(buf), "x-", v->exposure->id);
        attr(w, "id", buf);
        attr(w, "exposure", v->exposure->id);
        attr(w, "vuln", v->exposure->vuln);
        attr(w, "asset", v->exposure->asset);
        attr_time(w, "first-seen", v->exposure->first_seen);
        attr_time(w, "deadline", v->when);
        attr_time(w, "remediated-at", v->remediated_at);
        attr(w, "state", sg_state_name(v->state));
        attr(w, "by", v->by);
        attr(w, "via", v->via);
        end(w);
        return 0;
    }
    attr(w, "by", v->by);
    attr(w, "via", v->via);
    attr(w, "source", v->decision->source);
    attr_int(w, "line", v->decision->line);
    decision_lists(w, v);
    end(w);
    return 0;
}

struct fctx {
    struct sg_xo *w;
    long n;
};

static int on_finding(void *ctx, const char *code, const char *subject,
                      const char *reasons, const char *severity)
{
    struct fctx *f = ctx;
    struct sg_xo *w = f->w;
    char id[32];
    json_t *r = json_loads(reasons, JSON_REJECT_DUPLICATES, NULL), *e;
    size_t i;

    f->n++;
    start(w, "finding");
    snprintf(id, sizeof(id), "f-%ld", f->n);
    attr(w, "id", id);
    attr(w, "code", code);
    attr(w, "subject", subject);
    attr(w, "severity", severity);
    if (strcmp(code, "silent-deferral") == 0 || strcmp(code, "sla-breach") == 0) {
        sg_xml_id(id, sizeof(id), "x-", subject);
        attr(w, "exposure-ref", id);
    } else if (strcmp(code, "stale-policy") != 0) {
        sg_xml_id(id, sizeof(id), "d-", subject);
        attr(w, "decision-ref", id);
    }
    json_array_foreach(r, i, e) element(w, "reason", json_string_value(e));
    end(w);
    json_decref(r);
    return 0;
}

/* SPEC §5/§6: each mapped control's status, with IDREFs to its findings. Findings are
 * numbered f-1.. in (code, subject) order, so a code's findings are one range. */
static void write_frameworks(struct sg_xo *w, const struct sg_report_opts *o,
                             const struct sg_trace_stats *s)
{
    long first[SG_F__COUNT], n = 0;
    long evidence[SG_E__COUNT];
    char id[64];

    memcpy(evidence, s->evidence, sizeof(evidence));
    evidence[SG_E_MANIFEST] = 1; /* this package has one */
    for (int c = 0; c < SG_F__COUNT; c++) {
        first[c] = n + 1;
        n += s->findings[c];
    }
    for (int f = 0; f < SG_FW__COUNT && o->mappings != NULL; f++) {
        const struct sg_framework_map *fm = sg_mapset_framework(o->mappings, f);
        unsigned baseline = f == SG_FW_FEDRAMP ? o->baseline : 0;
        long k = 0;
        if (fm == NULL || !o->frameworks[f])
            continue;
        start(w, "framework");
        attr(w, "name", fm->key);
        attr(w, "title", fm->name);
        attr(w, "edition", fm->edition);
        if (baseline)
            attr(w, "baseline", sg_baseline_name(baseline));
        for (size_t i = 0; i < fm->ncontrols; i++) {
            const struct sg_control *c = &fm->controls[i];
            if (!sg_control_in_baseline(c, baseline))
                continue;
            start(w, "control");
            snprintf(id, sizeof(id), "c-%s-%ld", fm->key, ++k);
            attr(w, "id", id);
            attr(w, "control-id", c->id);
            attr(w, "title", c->title);
            attr(w, "relationship", sg_relationship_name(c->relationship));
            attr(w, "status",
                 sg_control_status_key(sg_control_status(c, s->findings, evidence)));
            if (c->rationale != NULL)
                element(w, "rationale", c->rationale);
            for (int code = 0; code < SG_F__COUNT; code++)
                if (c->exception[code] && s->findings[code]) {
                    start(w, "exception");
                    attr(w, "code", sg_finding_name(code));
                    attr_int(w, "count", s->findings[code]);
                    end(w);
                }
            for (int code = 0; code < SG_F__COUNT; code++)
                if (c->exception[code])
                    for (long r = 0; r < s->findings[code]; r++) {
                        snprintf(id, sizeof(id), "f-%ld", first[code] + r);
                        empty(w, "finding-ref", "ref", id);
                    }
            for (int e = 0; e < SG_E__COUNT; e++)
                if (c->evidence[e]) {
                    start(w, "evidence");
                    attr(w, "kind", sg_evidence_name(e));
                    attr_int(w, "count", evidence[e]);
                    end(w);
                }
            end(w);
        }
        end(w);
    }
}

static int on_policy(void *ctx, const struct sg_policy_row *p)
{
    struct sg_xo *w = ctx;
    char id[32], key[300];
    snprintf(key, sizeof(key), "%s@%lld", p->id, (long long)p->version);
    sg_xml_id(id, sizeof(id), "pol-", key);
    start(w, "policy");
    attr(w, "id", id);
    attr(w, "policy", p->id);
    attr_int(w, "version", p->version);
    attr(w, "title", p->title);
    attr(w, "signed-by", p->signed_by);
    if (p->has_signed_at)
        attr_time(w, "signed-at", p->signed_at);
    if (p->has_review_by)
        attr_time(w, "review-by", p->review_by);
    attr_int(w, "cited", p->cited);
    end(w);
    return 0;
}

static int on_party(void *ctx, const struct sg_party_row *p)
{
    struct sg_xo *w = ctx;
    char id[32];
    sg_xml_id(id, sizeof(id), "p-", p->id);
    start(w, "party");
    attr(w, "id", id);
    attr(w, "party", p->id);
    attr(w, "name", p->name);
    /* SPEC §4 Notation: a known human is a human identity that is not also an agent */
    attr(w, "type", p->is_agent ? "non-human" : p->human ? "human" : "non-human");
    /* an id that is both an identity and an agent is an agent (never human) */
    attr(w, "record", p->is_agent ? "agent" : "identity");
    end(w);
    return 0;
}

static void write_settings(struct sg_xo *w, const struct sg_settings *s)
{
    char buf[SG_TIME_BUF];
    static const char *const names[] = {"approval_max_age", "veto_window",
                                        "acceptance_sla", "policy_max_age"};
    const int64_t vals[] = {s->approval_max_age, s->veto_window, s->acceptance_sla,
                            s->policy_max_age};
    start(w, "settings");
    for (int i = 0; i < 4; i++) {
        start(w, "setting");
        attr(w, "name", names[i]);
        attr(w, "value", sg_duration_format(buf, vals[i]));
        end(w);
    }
    start(w, "setting");
    attr(w, "name", "default_severity");
    attr(w, "value", sg_level_name(s->default_severity));
    end(w);
    for (int e = 0; e < s->nenvs; e++)
        for (int l = 4; l >= 1; l--)
            if (s->envs[e].set[l]) {
                start(w, "tier");
                attr(w, "environment", s->envs[e].name);
                attr(w, "criticality", sg_level_name(l));
                attr_int(w, "tier", s->envs[e].tier[l]);
                end(w);
            }
    start(w, "tier-default");
    attr_int(w, "tier", s->tier_default);
    end(w);
    for (int l = 4; l >= 1; l--) {
        start(w, "remediation-sla");
        attr(w, "severity", sg_level_name(l));
        attr(w, "duration", sg_duration_format(buf, s->remediation_sla[l]));
        end(w);
    }
    end(w);
}

static int on_source(void *ctx, const struct sg_source_info *src)
{
    struct sg_xo *w = ctx;
    start(w, "input");
    attr(w, "path", src->path);
    attr(w, "sha256", src->sha256);
    attr_int(w, "size", src->size);
    attr_int(w, "records", src->records);
    end(w);
    return 0;
}

/* Appends the section written to fp to the document: what w holds is written to out
 * first, then the kernel copies the file (copy_file_range; read and write where it
 * cannot): 627 MB at 1 M decisions. */
static int splice(struct sg_xo *w, FILE *out, FILE *fp)
{
    int in = fileno(fp), to = fileno(out);
    off_t at = 0, size;
    int kernel = 1;

    if (sg_xo_flush(w) != 0 || fflush(out) != 0 || fflush(fp) != 0 ||
        (size = lseek(in, 0, SEEK_END)) < 0)
        return -1;
    while (at < size) {
        ssize_t n = -1;
        if (kernel) {
            n = copy_file_range(in, &at, to, NULL, (size_t)(size - at), 0);
            if (n < 0 && (errno == EXDEV || errno == EINVAL || errno == ENOSYS ||
                          errno == EOPNOTSUPP || errno == EBADF)) {
                kernel = 0;
                continue;
            }
            if (n <= 0)
                return -1;
        } else {
            char buf[1 << 16];
            ssize_t r = pread(in, buf, sizeof(buf), at), done = 0;
            if (r <= 0)
                return -1;
            while (done < r) {
                n = write(to, buf + done, (size_t)(r - done));
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0)
                    return -1;
                done += n;
            }
            at += r;
        }
    }
    /* stdio learns where the file now ends */
    return fseeko(out, 0, SEEK_END) == 0 ? 0 : -1;
}

static void summary(struct sg_xo *w, const struct sg_trace_stats *s)
{
    long total = 0, sev[4] = {0};
    for (int c = 0; c < SG_F__COUNT; c++) {
        total += s->findings[c];
        sev[sg_finding_severity(c)] += s->findings[c];
    }
    start(w, "summary");
    attr_int(w, "changes", s->changes);
    attr_int(w, "traced", s->traced);
    attr_int(w, "untraced", s->untraced);
    attr_int(w, "production-changes", s->production_changes);
    attr_int(w, "production-traced", s->production_traced);
    attr_int(w, "deferrals", s->deferrals);
    attr_int(w, "documented", s->documented);
    attr_int(w, "undocumented", s->undocumented);
    attr_int(w, "escalations", s->escalations);
    attr_int(w, "answered", s->answered);
    attr_int(w, "orphaned", s->orphaned);
    attr_int(w, "pending", s->pending);
    attr_int(w, "exposures-overdue", s->exposures_judged);
    attr_int(w, "silent-deferrals", s->silent);
    attr_int(w, "sla-breaches", s->breaches);
    attr_int(w, "excused", s->excused);
    attr_int(w, "findings", total);
    attr_int(w, "high", sev[SG_SEV_HIGH]);
    attr_int(w, "medium", sev[SG_SEV_MEDIUM]);
    attr_int(w, "low", sev[SG_SEV_LOW]);
    end(w);
}

int sg_render_xml(struct sg_store *st, const struct sg_report_opts *o,
                  struct sg_outdir *out, struct sg_trace_stats *stats,
                  struct sg_error *err)
{
    static const char *const sections[SEC__COUNT] = {
        "changes", "deferrals", "escalations", "exposures", "pending"};
    struct xw x;
    struct sg_xo doc, *w = &doc;
    char *path = sg_outdir_path(out, "package.xml");
    FILE *pfp = NULL;
    char from[SG_TIME_BUF], to[SG_TIME_BUF];
    int rc = -1;

    memset(&x, 0, sizeof(x));
    sg_xo_init(&doc, NULL, 0);
    x.tee = o->tee;
    x.tee_ctx = o->tee_ctx;
    for (int i = 0; i < SEC__COUNT; i++) {
        x.fp[i] = tmpfile();
        sg_xo_init(&x.ws[i], x.fp[i], 1);
        if (x.fp[i] == NULL) {
            sg_error_set(err, EX_IOERR, NULL, "cannot create a temporary file");
            goto out;
        }
    }
    struct sg_trace_opts topts = {o->settings, o->period, on_verdict, &x};
    if (sg_trace_run(st, &topts, stats, err) != 0)
        goto out;
    for (int i = 0; i < SEC__COUNT; i++)
        if (sg_xo_flush(&x.ws[i]) != 0) {
            sg_error_set(err, EX_IOERR, NULL, "cannot write a temporary file: %s",
                         strerror(errno));
            goto out;
        }

    /* O_EXCL | O_NOFOLLOW (sg_outdir_open): never through a planted name or link */
    pfp = sg_outdir_open(out, "package.xml", err);
    if (pfp == NULL)
        goto out;
    doc.fp = pfp;
    sg_xo_raw(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    start(w, "package");
    attr(w, "schema-version", "1");
    attr(w, "xmlns", NS); /* libxml2 wrote the namespace after the attributes */
    sg_xo_text(w, "\n");
    start(w, "run");
    attr(w, "tool", "signoff");
    attr(w, "tool-version", sg_version());
    attr(w, "organization", o->organization);
    attr(w, "period", o->period.label);
    if (!o->period.all_time)
        attr(w, "from", sg_time_format(from, o->period.from));
    attr(w, "to", sg_time_format(to, o->period.to));
    attr_bool(w, "all-time", o->period.all_time);
    attr(w, "input-digest", o->input_digest);
    write_settings(w, o->settings);
    start(w, "inputs");
    if (sg_store_each_source(st, on_source, w, err) != 0)
        goto out;
    end(w);
    end(w);
    sg_xo_text(w, "\n");
    summary(w, stats);
    for (int i = 0; i < SEC__COUNT; i++) {
        sg_xo_text(w, "\n");
        start(w, sections[i]);
        sg_xo_text(w, "");
        if (splice(w, pfp, x.fp[i]) != 0) {
            sg_error_set(err, EX_IOERR, NULL, "cannot write \"%s\": %s", path,
                         strerror(errno));
            goto out;
        }
        end(w);
    }
    sg_xo_text(w, "\n");
    start(w, "findings");
    struct fctx fc = {w, 0};
    if (sg_q_each_finding(st, on_finding, &fc, err) != 0)
        goto out;
    end(w);
    sg_xo_text(w, "\n");
    start(w, "frameworks");
    write_frameworks(w, o, stats);
    end(w);
    sg_xo_text(w, "\n");
    start(w, "policies");
    if (sg_q_each_policy(st, o->period.to, on_policy, w, err) != 0)
        goto out;
    end(w);
    sg_xo_text(w, "\n");
    start(w, "parties");
    if (sg_q_each_party(st, on_party, w, err) != 0)
        goto out;
    end(w);
    sg_xo_text(w, "\n");
    end(w);
    sg_xo_raw(w, "\n");
    if (w->depth != 0 || sg_xo_flush(w) != 0) {
        sg_error_set(err, EX_IOERR, NULL, "cannot write \"%s\": %s", path,
                     strerror(errno));
        goto out;
    }
    {
        FILE *fp = pfp;
        pfp = NULL;
        if (sg_outdir_close(fp, "package.xml", err) != 0)
            goto out;
    }
    rc = 0;
out:
    if (pfp != NULL)
        fclose(pfp);
    sg_xo_release(&doc);
    for (int i = 0; i < SEC__COUNT; i++) {
        sg_xo_release(&x.ws[i]);
        if (x.fp[i] != NULL)
            fclose(x.fp[i]);
    }
    free(path);
    return rc;
}

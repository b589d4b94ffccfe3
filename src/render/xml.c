/* render/xml.c: package.xml (docs/package-xml.md) with libxml2's xmlTextWriter. The
 * judged items are written while the trace engine streams them, into one temporary
 * file per section, then spliced into the document in the fixed order: memory does not
 * grow with the number of decisions. */
#define _GNU_SOURCE /* copy_file_range (Linux, glibc 2.27) */
#include "signoff/render.h"
#include "signoff/datadir.h"
#include "signoff/json.h"
#include "signoff/sha256.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <errno.h>
#include <libxml/xmlwriter.h>
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

enum { SEC_CHANGES, SEC_DEFERRALS, SEC_ESCALATIONS, SEC_EXPOSURES, SEC_PENDING, SEC__COUNT };

struct xw {
    sg_verdict_fn tee;
    void *tee_ctx;
    xmlTextWriterPtr w[SEC__COUNT];
    FILE *fp[SEC__COUNT];
    int failed;
};

/* Record text may hold characters that XML 1.0 cannot carry at all, not even as a
 * character reference: the C0 controls other than tab, newline and CR, and U+FFFE and
 * U+FFFF. libxml2 would write them raw and the package would not parse. They are
 * written as the six characters \u00XX (\uFFFE, \uFFFF), the escape of SPEC §7
 * (docs/package-xml.md). Returns s itself when it has none, else the text in b. */
static const char *xml_text(struct sg_buf *b, const char *s)
{
    const unsigned char *p;
    int clean = 1;

    for (p = (const unsigned char *)s; *p && clean; p++)
        if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
            (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)))
            clean = 0;
    if (clean)
        return s;
    sg_buf_reset(b);
    for (p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') {
            sg_buf_printf(b, "\\u%04x", *p);
        } else if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
            sg_buf_adds(b, p[2] == 0xBE ? "\\uFFFE" : "\\uFFFF");
            p += 2;
        } else {
            sg_buf_addc(b, (char)*p);
        }
    }
    return sg_buf_str(b);
}

static void attr(xmlTextWriterPtr w, const char *name, const char *value)
{
    if (value != NULL) {
        struct sg_buf b = {0};
        xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST xml_text(&b, value));
        sg_buf_release(&b);
    }
}

static void element(xmlTextWriterPtr w, const char *name, const char *text)
{
    struct sg_buf b = {0};
    xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST xml_text(&b, text));
    sg_buf_release(&b);
}

static void attr_time(xmlTextWriterPtr w, const char *name, int64_t t)
{
    char buf[SG_TIME_BUF];
    if (t != SG_TIME_MIN && t != SG_TIME_MAX)
        attr(w, name, sg_time_format(buf, t));
}

static void attr_int(xmlTextWriterPtr w, const char *name, long long v)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%lld", v);
    attr(w, name, buf);
}

static void attr_bool(xmlTextWriterPtr w, const char *name, int v)
{
    attr(w, name, v ? "true" : "false");
}

static void start(xmlTextWriterPtr w, const char *name)
{
    xmlTextWriterStartElement(w, BAD_CAST name);
}

static void end(xmlTextWriterPtr w)
{
    xmlTextWriterEndElement(w);
}

static void empty(xmlTextWriterPtr w, const char *name, const char *a, const char *v)
{
    start(w, name);
    attr(w, a, v);
    end(w);
}

static void decision_common(xmlTextWriterPtr w, const struct sg_verdict *v)
{
    const struct sg_decision *d = v->decision;
    char id[32];
    sg_xml_id(id, sizeof(id), "d-", d->id);
    attr(w, "id", id);
    attr(w, "decision", d->id);
    attr(w, "agent", d->agent);
}

static void decision_lists(xmlTextWriterPtr w, const struct sg_verdict *v)
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
    xmlTextWriterPtr w;
    char buf[32];

    if (x->tee != NULL && x->tee(x->tee_ctx, v) != 0)
        return -1;
    if (v->kind != SG_VK_EXPOSURE && v->state == SG_ST_PENDING) {
        w = x->w[SEC_PENDING];
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
        w = x->w[SEC_CHANGES];
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
        w = x->w[v->kind == SG_VK_DEFERRAL ? SEC_DEFERRALS : SEC_ESCALATIONS];
        start(w, v->kind == SG_VK_DEFERRAL ? "deferral" : "escalation");
        decision_common(w, v);
        attr_time(w, "at", v->decision->at);
        attr_time(w, "due", v->when);
        attr(w, "state", sg_state_name(v->state));
        break;
    default:
        if (v->state != SG_ST_SILENT && v->state != SG_ST_BREACH && v->state != SG_ST_EXCUSED)
            return 0;
        w = x->w[SEC_EXPOSURES];
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
    xmlTextWriterPtr w;
    long n;
};

static int on_finding(void *ctx, const char *code, const char *subject, const char *reasons,
                      const char *severity)
{
    struct fctx *f = ctx;
    xmlTextWriterPtr w = f->w;
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
static void write_frameworks(xmlTextWriterPtr w, const struct sg_report_opts *o,
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
            attr(w, "status", sg_control_status_key(sg_control_status(c, s->findings, evidence)));
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
    xmlTextWriterPtr w = ctx;
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
    xmlTextWriterPtr w = ctx;
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

static void write_settings(xmlTextWriterPtr w, const struct sg_settings *s)
{
    char buf[SG_TIME_BUF];
    static const char *const names[] = {"approval_max_age", "veto_window", "acceptance_sla",
                                        "policy_max_age"};
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
    xmlTextWriterPtr w = ctx;
    start(w, "input");
    attr(w, "path", src->path);
    attr(w, "sha256", src->sha256);
    attr_int(w, "size", src->size);
    attr_int(w, "records", src->records);
    end(w);
    return 0;
}

/* Appends the section written to fp to the document: libxml2's buffer is flushed to out
 * first, then the kernel copies the file (copy_file_range; read and write where it
 * cannot), not a 32 KiB chunk at a time through the writer's buffers: 627 MB at 1 M
 * decisions. */
static int splice(xmlTextWriterPtr w, FILE *out, FILE *fp)
{
    int in = fileno(fp), to = fileno(out);
    off_t at = 0, size;
    int kernel = 1;

    if (xmlTextWriterFlush(w) < 0 || fflush(out) != 0 || fflush(fp) != 0 ||
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

static void summary(xmlTextWriterPtr w, const struct sg_trace_stats *s)
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

int sg_render_xml(struct sg_store *st, const struct sg_report_opts *o, struct sg_outdir *out,
                  struct sg_trace_stats *stats, struct sg_error *err)
{
    static const char *const sections[SEC__COUNT] = {"changes", "deferrals", "escalations",
                                                     "exposures", "pending"};
    struct xw x;
    xmlTextWriterPtr w = NULL;
    char *path = sg_outdir_path(out, "package.xml");
    FILE *pfp = NULL;
    char from[SG_TIME_BUF], to[SG_TIME_BUF];
    int rc = -1;

    memset(&x, 0, sizeof(x));
    x.tee = o->tee;
    x.tee_ctx = o->tee_ctx;
    for (int i = 0; i < SEC__COUNT; i++) {
        x.fp[i] = tmpfile();
        xmlOutputBufferPtr ob = x.fp[i] ? xmlOutputBufferCreateFile(x.fp[i], NULL) : NULL;
        x.w[i] = ob ? xmlNewTextWriter(ob) : NULL;
        if (x.w[i] == NULL) {
            sg_error_set(err, EX_IOERR, NULL, "cannot create a temporary file");
            goto out;
        }
    }
    struct sg_trace_opts topts = {o->settings, o->period, on_verdict, &x};
    if (sg_trace_run(st, &topts, stats, err) != 0)
        goto out;
    for (int i = 0; i < SEC__COUNT; i++) {
        xmlTextWriterFlush(x.w[i]);
    }

    /* O_EXCL | O_NOFOLLOW (sg_outdir_open): never through a planted name or link */
    pfp = sg_outdir_open(out, "package.xml", err);
    if (pfp == NULL)
        goto out;
    {
        xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(pfp, NULL);
        w = ob ? xmlNewTextWriter(ob) : NULL;
    }
    if (w == NULL) {
        sg_error_set(err, EX_CANTCREAT, NULL, "cannot create \"%s\"", path);
        goto out;
    }
    xmlTextWriterSetIndent(w, 0);
    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
    xmlTextWriterStartElementNS(w, NULL, BAD_CAST "package", BAD_CAST NS);
    attr(w, "schema-version", "1");
    xmlTextWriterWriteString(w, BAD_CAST "\n");
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
    xmlTextWriterWriteString(w, BAD_CAST "\n");
    summary(w, stats);
    for (int i = 0; i < SEC__COUNT; i++) {
        xmlTextWriterWriteString(w, BAD_CAST "\n");
        start(w, sections[i]);
        xmlTextWriterWriteString(w, BAD_CAST "");
        xmlFreeTextWriter(x.w[i]); /* flushes; the FILE stays open */
        x.w[i] = NULL;
        if (splice(w, pfp, x.fp[i]) != 0) {
            sg_error_set(err, EX_IOERR, NULL, "cannot write \"%s\": %s", path,
                         strerror(errno));
            goto out;
        }
        end(w);
    }
    xmlTextWriterWriteString(w, BAD_CAST "\n");
    start(w, "findings");
    struct fctx fc = {w, 0};
    if (sg_q_each_finding(st, on_finding, &fc, err) != 0)
        goto out;
    end(w);
    xmlTextWriterWriteString(w, BAD_CAST "\n");
    start(w, "frameworks");
    write_frameworks(w, o, stats);
    end(w);
    xmlTextWriterWriteString(w, BAD_CAST "\n");
    start(w, "policies");
    if (sg_q_each_policy(st, o->period.to, on_policy, w, err) != 0)
        goto out;
    end(w);
    xmlTextWriterWriteString(w, BAD_CAST "\n");
    start(w, "parties");
    if (sg_q_each_party(st, on_party, w, err) != 0)
        goto out;
    end(w);
    xmlTextWriterWriteString(w, BAD_CAST "\n");
    end(w);
    if (xmlTextWriterEndDocument(w) < 0) {
        sg_error_set(err, EX_IOERR, NULL, "cannot write \"%s\"", path);
        goto out;
    }
    xmlFreeTextWriter(w); /* flushes; the FILE stays open */
    w = NULL;
    {
        FILE *fp = pfp;
        pfp = NULL;
        if (sg_outdir_close(fp, "package.xml", err) != 0)
            goto out;
    }
    rc = 0;
out:
    if (w != NULL)
        xmlFreeTextWriter(w);
    if (pfp != NULL)
        fclose(pfp);
    for (int i = 0; i < SEC__COUNT; i++) {
        if (x.w[i] != NULL)
            xmlFreeTextWriter(x.w[i]);
        if (x.fp[i] != NULL)
            fclose(x.fp[i]);
    }
    free(path);
    return rc;
}

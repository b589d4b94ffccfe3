/* findings.h: the finding codes of SPEC §4 with their severities, and the kinds of
 * evidence a mapping file may name (SPEC §5). One table, shared by the trace engine,
 * the mapping checker and the renderers. */
#ifndef SIGNOFF_FINDINGS_H
#define SIGNOFF_FINDINGS_H

enum sg_severity { SG_SEV_LOW = 1, SG_SEV_MEDIUM = 2, SG_SEV_HIGH = 3 };

/* In byte order of their codes, so that an index order is the output order. */
enum sg_finding_code {
    SG_F_CONTEXT_FREE_SEVERITY,
    SG_F_INCOMPLETE_RECORD,
    SG_F_NO_ROLLBACK_PLAN,
    SG_F_ORPHANED_ESCALATION,
    SG_F_SCOPE_EXCEEDED,
    SG_F_SILENT_DEFERRAL,
    SG_F_SLA_BREACH,
    SG_F_STALE_POLICY,
    SG_F_TIER_UNDERSTATED,
    SG_F_UNDOCUMENTED_DEFERRAL,
    SG_F_UNKNOWN_ASSET,
    SG_F_UNTESTED_CHANGE,
    SG_F_UNTRACED_CHANGE,
    SG_F__COUNT
};

/* Kinds of supporting evidence (SPEC §5 "which kinds of evidence bear on each control").
 * Also in byte order of their names. */
enum sg_evidence_kind {
    SG_E_ANSWERED_ESCALATION,  /* "answered-escalation": an escalation a human answered */
    SG_E_DECISION_RECORD,      /* "decision-record": a judged decision record */
    SG_E_DOCUMENTED_DEFERRAL,  /* "documented-deferral": deferral with a valid acceptance */
    SG_E_MANIFEST,             /* "manifest": the hashed input manifest of the package */
    SG_E_REMEDIATED_EXPOSURE,  /* "remediated-exposure": exposure remediated by deadline */
    SG_E_RESPECTED_NOTIFICATION, /* "respected-notification": change traced by veto window */
    SG_E_SIGNED_POLICY,        /* "signed-policy": change traced by a valid signed policy */
    SG_E_TRACED_CHANGE,        /* "traced-change": change traced to a named human */
    SG_E__COUNT
};

/* "untraced-change" etc.; NULL past the end. Static strings. */
const char *sg_finding_name(enum sg_finding_code c);
enum sg_severity sg_finding_severity(enum sg_finding_code c);
/* Returns the code or -1 when name is no finding code. */
int sg_finding_lookup(const char *name);

const char *sg_severity_name(enum sg_severity s); /* "high" "medium" "low" */
int sg_severity_lookup(const char *name);         /* -1 when unknown */

const char *sg_evidence_name(enum sg_evidence_kind k);
int sg_evidence_lookup(const char *name); /* -1 when unknown */

#endif

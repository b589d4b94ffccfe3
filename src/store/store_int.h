/* store/store_int.h: the store's insides, shared by the files of src/store/ only. */
#ifndef SIGNOFF_STORE_INT_H
#define SIGNOFF_STORE_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "signoff/error.h"

enum sg_stmt_slot {
    SG_STMT_SOURCE_GET,
    SG_STMT_SOURCE_ADD,
    SG_STMT_SOURCE_RECORDS,
    SG_STMT_SOURCE_MOVE,
    SG_STMT_SOURCE_MOVE_DECISIONS,
    SG_STMT_SOURCE_DROP,
    SG_STMT_SOURCE_PATH,
    SG_STMT_SOURCE_GET_RECORDS,
    SG_STMT_RECORD_GET,
    SG_STMT_EXPOSURE_ANY,
    SG_STMT_RECORD_ADD,
    SG_STMT_INS_IDENTITY,
    SG_STMT_INS_AGENT,
    SG_STMT_INS_ASSET,
    SG_STMT_INS_POLICY,
    SG_STMT_INS_DECISION,
    SG_STMT_INS_TARGET,
    SG_STMT_INS_VULN,
    SG_STMT_INS_APPROVAL,
    SG_STMT_INS_NOTIFICATION,
    SG_STMT_INS_ACCEPTANCE,
    SG_STMT_INS_EXPOSURE,
    SG_STMT_COUNT,
    SG_STMT_LATEST,
    SG_STMT_Q_DECISIONS,
    SG_STMT_Q_DECISION,
    SG_STMT_Q_DECISION_CORE,
    SG_STMT_Q_TARGETS,
    SG_STMT_Q_VULNS,
    SG_STMT_Q_APPROVALS,
    SG_STMT_Q_APPROVALS_NOREF,
    SG_STMT_Q_NOTIFICATIONS,
    SG_STMT_Q_ACCEPTANCES,
    SG_STMT_Q_ACCEPTANCES_PAIR,
    SG_STMT_Q_POLICY,
    SG_STMT_Q_PARTY,
    SG_STMT_Q_AGENT,
    SG_STMT_Q_ASSET,
    SG_STMT_Q_NAME,
    SG_STMT_Q_EXPOSURES,
    SG_STMT_Q_EXPOSURE,
    SG_STMT_Q_REMEDIATION,
    SG_STMT_Q_PAIR_DECIDED,
    SG_STMT_Q_PAIR_ACCEPTANCES,
    SG_STMT_Q_RUN_REMEDIATION,
    SG_STMT_Q_RUN_PAIR_DECIDED,
    SG_STMT_Q_RUN_PAIR_ACCEPTANCES,
    SG_STMT_Q_RUN_CHANGES_NEAR,
    SG_STMT_Q_RUN_APPROVALS,
    SG_STMT_Q_RUN_NOTIFICATIONS,
    SG_STMT_Q_CHANGES_NEAR,
    SG_STMT_Q_MATCH_ID,
    SG_STMT_Q_MATCH_REF,
    SG_STMT_Q_MATCH_VULN,
    SG_STMT_Q_EXPOSURES_OF_VULN,
    SG_STMT_Q_FINDING_ADD,
    SG_STMT_EXPOSURE_FIRST,
    SG_STMT_OBSERVATIONS,
    SG_STMT_PROVENANCE,
    SG_STMT__COUNT
};

struct sg_store {
    sqlite3 *db;
    char *path; /* NULL for memory */
    int readonly;
    int schema; /* 2, or 1: decision.facts and .tier absent (schema.h) */
    int findings_ready;
    int64_t committed_sources; /* max(source.id) when the write transaction began */
    /* the secondary indexes a bulk load dropped (sg_store_bulk_begin), to rebuild */
    char **bulk_name, **bulk_sql;
    size_t bulk_n;
    sqlite3_stmt *stmts[SG_STMT__COUNT];
    struct sg_memo *memo; /* remembered lookups (memo.c); NULL when none */
    /* sg_q_run_begin: temp.pair_dec and temp.change_tgt hold the decisions with at <
       run_to by (vuln, asset) and the changes by (asset, t), so the exposure and
       escalation rules read one index instead of joining */
    unsigned run_pairs; /* SG_RUN_* sets built */
    int64_t run_to;
};

/* A remembered lookup: what each query of query.c keeps is written there. */
struct sg_memo_entry {
    int found, a, has_b, has_c;
    int64_t b, c;
    char *s1, *s2;
    json_t *j;
};
/* The entry of (kind, key), or NULL. */
const struct sg_memo_entry *sg_memo_get(struct sg_store *st, char kind, const char *key);
/* A new zeroed entry for (kind, key) to fill, or NULL when the memo is full. */
struct sg_memo_entry *sg_memo_put(struct sg_store *st, char kind, const char *key);
char *sg_memo_strdup(const char *s); /* NULL stays NULL */
/* Forgets every entry: after any write and any rollback. */
void sg_memo_forget(struct sg_store *st);

/* Fills err from the last SQLite error; returns -1. */
int sg_store_sqlerr(struct sg_store *st, struct sg_error *err, const char *what);
/* The prepared statement of `slot`, prepared on first use, reset and unbound. */
sqlite3_stmt *sg_store_stmt(struct sg_store *st, int slot, const char *sql,
                            struct sg_error *err);

#endif

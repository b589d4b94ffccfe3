/* store/store_int.h: the store's insides, shared by the files of src/store/ only. */
#ifndef SIGNOFF_STORE_INT_H
#define SIGNOFF_STORE_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "signoff/error.h"

enum sg_stmt_slot {
    SG_STMT_SOURCE_GET,
    SG_STMT_SOURCE_ADD,
    SG_STMT_SOURCE_RECORDS,
    SG_STMT_SOURCE_MOVE,
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
    SG_STMT_Q_TARGETS,
    SG_STMT_Q_VULNS,
    SG_STMT_Q_APPROVALS,
    SG_STMT_Q_APPROVALS_NOREF,
    SG_STMT_Q_NOTIFICATIONS,
    SG_STMT_Q_ACCEPTANCES,
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
    int findings_ready;
    int64_t committed_sources; /* max(source.id) when the write transaction began */
    /* the secondary indexes a bulk load dropped (sg_store_bulk_begin), to rebuild */
    char **bulk_name, **bulk_sql;
    size_t bulk_n;
    sqlite3_stmt *stmts[SG_STMT__COUNT];
};

/* Fills err from the last SQLite error; returns -1. */
int sg_store_sqlerr(struct sg_store *st, struct sg_error *err, const char *what);
/* The prepared statement of `slot`, prepared on first use, reset and unbound. */
sqlite3_stmt *sg_store_stmt(struct sg_store *st, int slot, const char *sql,
                            struct sg_error *err);

#endif

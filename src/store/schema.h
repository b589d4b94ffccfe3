/* store/schema.h: the SQL schema of the evidence store, shared by store.c and the
 * query module (src/store/query.c). Times are INTEGER nanoseconds since the epoch, UTC. */
#ifndef SIGNOFF_STORE_SCHEMA_H
#define SIGNOFF_STORE_SCHEMA_H

/* 2: decision.facts and decision.tier (what SPEC §4 Other findings read of the record,
 * sg_decision_facts), computed once at ingest, and decision.source and .line (the
 * record's provenance, so that the decision scan reads no record row). A store of schema 1 is read by computing
 * them from each record, and brought to 2 by the first connection that may write
 * (store.c migrate_v1). */
#define SG_SCHEMA_VERSION "2"

#define SG_SCHEMA_SQL                                                                     \
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"                       \
    "CREATE TABLE source(id INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT "    \
    "NULL, size INTEGER NOT NULL, records INTEGER NOT NULL DEFAULT 0, ingested_at "       \
    "INTEGER NOT NULL, UNIQUE(path, sha256));"                                           \
    /* every record: canonical JSON and provenance; obs separates exposure observations \
       (their last_seen, or the minimum when absent); version is 0 but for policies */   \
    "CREATE TABLE record(rid INTEGER PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL, " \
    "version INTEGER NOT NULL, obs INTEGER NOT NULL, json TEXT NOT NULL, source INTEGER " \
    "NOT NULL, line INTEGER NOT NULL, pointer TEXT, UNIQUE(kind, id, version, obs));"     \
    "CREATE TABLE identity(id TEXT PRIMARY KEY, human INTEGER NOT NULL, name TEXT, rid "   \
    "INTEGER NOT NULL);"                                                                  \
    "CREATE TABLE agent(id TEXT PRIMARY KEY, scope TEXT, rid INTEGER NOT NULL);"          \
    "CREATE TABLE asset(id TEXT PRIMARY KEY, environment TEXT NOT NULL, criticality "     \
    "INTEGER NOT NULL, rid INTEGER NOT NULL);"                                            \
    "CREATE TABLE policy(id TEXT NOT NULL, version INTEGER NOT NULL, signed_by TEXT, "    \
    "signed_at INTEGER, review_by INTEGER, scope TEXT, rid INTEGER NOT NULL, PRIMARY "    \
    "KEY(id, version));"                                                                  \
    "CREATE TABLE decision(id TEXT PRIMARY KEY, agent TEXT NOT NULL, at INTEGER NOT "     \
    "NULL, t INTEGER NOT NULL, action TEXT NOT NULL, outcome TEXT NOT NULL, change_ref "  \
    "TEXT, requested_by TEXT, policy_id TEXT, policy_version INTEGER, rid INTEGER NOT "   \
    "NULL, facts INTEGER NOT NULL DEFAULT 0, tier INTEGER, source INTEGER NOT NULL "     \
    "DEFAULT 0, line INTEGER NOT NULL DEFAULT 0);"                                        \
    "CREATE TABLE decision_target(decision TEXT NOT NULL, asset TEXT NOT NULL, PRIMARY "  \
    "KEY(decision, asset)) WITHOUT ROWID;"                                                \
    "CREATE TABLE decision_vuln(decision TEXT NOT NULL, vuln TEXT NOT NULL, PRIMARY "     \
    "KEY(decision, vuln)) WITHOUT ROWID;"                                                 \
    "CREATE TABLE approval(id TEXT PRIMARY KEY, decision TEXT, change_ref TEXT, by TEXT " \
    "NOT NULL, at INTEGER NOT NULL, outcome TEXT NOT NULL, rid INTEGER NOT NULL);"        \
    "CREATE TABLE notification(id TEXT PRIMARY KEY, decision TEXT NOT NULL, recipient "   \
    "TEXT NOT NULL, at INTEGER NOT NULL, window INTEGER, rid INTEGER NOT NULL);"          \
    "CREATE TABLE acceptance(id TEXT PRIMARY KEY, decision TEXT, vuln TEXT, asset TEXT, " \
    "owner TEXT NOT NULL, ack INTEGER NOT NULL, expires INTEGER, rid INTEGER NOT NULL);"  \
    "CREATE TABLE exposure(id TEXT NOT NULL, obs INTEGER NOT NULL, vuln TEXT NOT NULL, "  \
    "asset TEXT NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER, fixed INTEGER " \
    "NOT NULL, severity INTEGER, cvss REAL, rid INTEGER NOT NULL, PRIMARY KEY(id, obs));" \
    "CREATE INDEX decision_at ON decision(at);"                                           \
    "CREATE INDEX decision_t ON decision(t);"                                             \
    "CREATE INDEX decision_ref ON decision(change_ref) WHERE change_ref IS NOT NULL;"     \
    "CREATE INDEX target_asset ON decision_target(asset, decision);"                      \
    "CREATE INDEX vuln_vuln ON decision_vuln(vuln, decision);"                            \
    "CREATE INDEX approval_decision ON approval(decision);"                               \
    "CREATE INDEX approval_ref ON approval(change_ref) WHERE change_ref IS NOT NULL;"     \
    "CREATE INDEX notification_decision ON notification(decision);"                       \
    "CREATE INDEX acceptance_decision ON acceptance(decision);"                           \
    "CREATE INDEX acceptance_pair ON acceptance(vuln, asset);"                            \
    "CREATE INDEX exposure_pair ON exposure(vuln, asset);"

#endif

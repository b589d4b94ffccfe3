/* tools/genestate.c: writes a plausible, deterministic estate of N agent decisions in
 * the native JSON Lines format of SPEC §2, for the scale tests and the benchmark
 * (issue 10) and as a property-test input for the trace engine (issue 5).
 *
 * Streaming, flat memory: the base records (identities, agents, assets, policies) come
 * from fixed-size pools and are written first; then one *group* at a time -- one
 * decision, or a few that share a change ref or answer each other -- is planned with
 * times relative to its first decision, placed in the window [start, end) so that all
 * its records fall inside it, and printed, each decision followed by its linked
 * records (a group longer than the window keeps its decision inside and spills over).
 * Memory is the pools (capped) plus one group, whatever N is.
 *
 * Deterministic: one xoshiro256** stream seeded by splitmix64 from --seed; no clock, no
 * rand(), no locale, integer-only number formatting. Keep to one PRNG draw among the
 * operands and arguments of any one expression: C leaves their order unspecified, and
 * gcc and clang really do differ. Options that only route records (-o, --split,
 * --after-to) never change what is drawn, so every routing of one seed holds the same
 * records, and the estate without --after-to is the estate with it minus after.jsonl.
 *
 * The scenarios (which finding each group is built to produce) and their weights are in
 * scen_weight[] and the overlay constants below; tools/README.md lists them. They are
 * designed against SPEC §3's default settings; other settings change the verdicts, not
 * the validity. Every record is valid per SPEC §2; a record naming an asset or identity
 * that is not in the base is deliberate (unknown-asset, unknown approver or owner).
 * libc only. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

/* ---- times: int64 milliseconds since the Unix epoch ------------------------------ */

#define SEC 1000LL
#define MINUTE (60 * SEC)
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)
#define NO_TIME INT64_MIN

/* SPEC §3 defaults the scenarios are built against. */
#define AMA (24 * HOUR)         /* approval_max_age */
#define VETO_DEFAULT (4 * HOUR) /* veto_window */
#define ASLA (5 * DAY)          /* acceptance_sla */

static const int64_t remediation_sla[4] = {180 * DAY, 90 * DAY, 30 * DAY, 15 * DAY};

/* ---- limits of the pools and of one group ---------------------------------------- */

#define MAX_DECISIONS 100000000ULL
#define MAX_SPLIT 1000
#define MAX_DAYS 3650
#define N_SVC 8
#define N_UNKNOWN 60
#define G_DEC 10
#define G_APR 16
#define G_NTF 8
#define G_ACC 10
#define G_EXP 16
#define G_OBS 3
#define G_ITEMS 128
#define MAXT 3
#define MAXV 3
#define JB_CAP 16384

/* ---- PRNG: splitmix64 seeding xoshiro256** ---------------------------------------- */

struct rng {
    uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static void rng_seed(struct rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, n); the modulo bias is below 2^-40 for every n used here. */
static uint64_t rng_below(struct rng *r, uint64_t n)
{
    return n == 0 ? 0 : rng_next(r) % n;
}

/* Uniform in [lo, hi], both inclusive. */
static int64_t rng_span(struct rng *r, int64_t lo, int64_t hi)
{
    if (hi <= lo)
        return lo;
    return lo + (int64_t)rng_below(r, (uint64_t)(hi - lo) + 1);
}

/* True with probability ppm / 1 000 000. */
static int rng_ppm(struct rng *r, unsigned ppm)
{
    return rng_below(r, 1000000) < ppm;
}

static int rng_weighted(struct rng *r, const unsigned *w, int n)
{
    uint64_t total = 0;
    for (int i = 0; i < n; i++)
        total += w[i];
    uint64_t x = rng_below(r, total);
    for (int i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}

/* A time in whole seconds, or (rarely) with milliseconds: fractional RFC 3339 input. */
static int64_t rng_jitter(struct rng *r, int64_t lo, int64_t hi)
{
    int64_t t = rng_span(r, lo / SEC, hi / SEC) * SEC;
    if (rng_ppm(r, 40000) && t + 999 <= hi)
        t += (int64_t)rng_below(r, 999) + 1;
    return t;
}

/* ---- vocabulary of SPEC §2 --------------------------------------------------------- */

enum { ENV_PROD, ENV_STAGING, ENV_DEV, ENV_TEST, ENV_LAB, ENV_N };
static const char *const env_name[ENV_N] = {"production", "staging", "development",
                                            "test", "lab"};
static const char *const env_short[ENV_N] = {"prd", "stg", "dev", "tst", "lab"};

enum { CRIT_LOW, CRIT_MEDIUM, CRIT_HIGH, CRIT_CRITICAL, CRIT_N };
static const char *const level_name[CRIT_N] = {"low", "medium", "high", "critical"};

enum {
    ACT_PATCH,
    ACT_UPGRADE,
    ACT_ROLLBACK,
    ACT_RESTART,
    ACT_CONFIG,
    ACT_ISOLATE,
    ACT_DISABLE,
    ACT_FIREWALL,
    ACT_IAM,
    ACT_ROTATE,
    ACT_SUPPRESS,
    ACT_DEPLOY,
    ACT_N
};
static const char *const action_name[ACT_N] = {
    "patch",         "upgrade",       "rollback",        "restart",
    "config_change", "isolate",       "disable_account", "firewall_change",
    "iam_change",    "rotate_secret", "suppress_alert",  "deploy_script"};
/* Actions a person picks when deciding without an agent. */
static const unsigned human_action_weight[ACT_N] = {25, 10, 8, 15, 15, 5,
                                                    4,  6,  5, 4,  2,  1};

enum { OUT_ACT, OUT_DEFER, OUT_ESCALATE };
static const char *const outcome_name[] = {"act", "defer", "escalate"};

enum { AO_APPROVED, AO_REJECTED, AO_VETOED };
static const char *const approval_outcome_name[] = {"approved", "rejected", "vetoed"};

/* ---- identities -------------------------------------------------------------------- */

/* Who a field names: a declared human, a human:false service account, an agent, the one
 * agent also declared human:true (never a known human, SPEC §4), an undeclared id, or an
 * undeclared decider. */
enum { W_NONE, W_HUMAN, W_SVC, W_AGENT, W_COLLIDE, W_UNKNOWN, W_GHOST_AGENT };

struct who {
    uint8_t kind;
    uint32_t idx;
};

static const char *const first_name[] = {
    "Alice",   "Bob",  "Chen",   "Dmitri", "Emma",   "Farah",   "Gustavo", "Hiroshi",
    "Ingrid",  "José", "Kwame",  "Lena",   "Mateus", "Nadia",   "Oğuz",    "Priya",
    "Quentin", "Rosa", "Søren",  "Tomasz", "Uma",    "Víctor",  "Wei",     "Xénia",
    "Yusuf",   "Zoë",  "Łukasz", "Amélie", "Björn",  "Siobhán", "Grace",   "Omar"};
static const char *const first_ascii[] = {
    "alice",   "bob",  "chen",   "dmitri", "emma",   "farah",   "gustavo", "hiroshi",
    "ingrid",  "jose", "kwame",  "lena",   "mateus", "nadia",   "oguz",    "priya",
    "quentin", "rosa", "soren",  "tomasz", "uma",    "victor",  "wei",     "xenia",
    "yusuf",   "zoe",  "lukasz", "amelie", "bjorn",  "siobhan", "grace",   "omar"};
static const char *const last_name[] = {
    "Nguyen", "Schmidt",   "Okafor",   "García", "Müller",    "Kowalski",
    "Tanaka", "Johansson", "Ó Briain", "Dubois", "Petrović",  "Singh",
    "Rossi",  "Novák",     "Haddad",   "Kim",    "Andersson", "Silva",
    "Øster",  "Çelik",     "Smith",    "Jones",  "Fernández", "Brown"};
static const char *const last_ascii[] = {
    "nguyen", "schmidt",   "okafor",  "garcia", "muller",    "kowalski",
    "tanaka", "johansson", "obriain", "dubois", "petrovic",  "singh",
    "rossi",  "novak",     "haddad",  "kim",    "andersson", "silva",
    "oster",  "celik",     "smith",   "jones",  "fernandez", "brown"};
/* Whole names in other scripts, used for about one person in 23. */
static const char *const script_name[] = {"李娜",   "Дмитрий Иванов", "Αλέξανδρος Παππάς",
                                          "김민준", "محمد الحسن",     "佐藤 花子"};
static const char *const role_set[] = {
    "sre", "security-engineer", "change-manager", "platform-lead", "developer", "ciso",
    "dba", "network-engineer"};

static const char *const svc_id[N_SVC] = {
    "svc-ci-runner", "svc-deploy-bot", "svc-scanner",   "svc-change-sync",
    "svc-backup",    "svc-okta-sync",  "svc-terraform", "svc-jenkins"};
static const char *const svc_name[N_SVC] = {"CI runner",
                                            "Deploy bot",
                                            "Vulnerability scanner",
                                            "ServiceNow change sync",
                                            "Backup service",
                                            "Okta directory sync",
                                            "Terraform Cloud",
                                            "Jenkins controller"};

/* ---- agents ------------------------------------------------------------------------ */

struct agent_def {
    const char *id, *name, *vendor; /* vendor NULL: none */
    int scope;                      /* 0: no credential_scope at all */
    const char *envs;               /* letters P S D T L; NULL: key absent; "": [] */
    const char *globs;              /* space-separated; NULL: key absent */
    const char *actions;            /* space-separated action names */
    unsigned weight;                /* per 1000 agent decisions */
    int level_lo, level_hi;         /* automation_level */
};

#define COLLIDE_AGENT 1 /* agent-remediator is also declared as a human identity */
static const struct agent_def agent_defs[] = {
    {"agent-patchpilot", "PatchPilot", "Acme AI", 1, "PSDT",
     "web-* api-* batch-* cache-*", "patch upgrade restart rollback", 300, 3, 5},
    {"agent-remediator", "Remediator", "Northwind Automations", 0, NULL, NULL,
     "patch upgrade config_change", 110, 4, 5},
    {"agent-secops-copilot", "SecOps Copilot", "Contoso Security", 1, "PS", NULL,
     "isolate firewall_change disable_account suppress_alert patch", 100, 2, 4},
    {"agent-iam-warden", "IAM Warden", "Acme AI", 1, NULL, "idp-* vault-*",
     "iam_change rotate_secret disable_account", 70, 3, 4},
    {"agent-netguard", "NetGuard", "Fabrikam Networks", 1, "PST", "fw-* lb-* web-*",
     "firewall_change isolate config_change", 80, 3, 5},
    {"agent-depbot", "Dependency Bot", "GitHub", 1, "SDT", "*",
     "upgrade patch deploy_script", 120, 4, 5},
    {"agent-k8s-healer", "K8s Healer", "Contoso Cloud", 1, NULL, "k8s-* api-* queue-*",
     "restart rollback config_change", 110, 4, 5},
    {"agent-dbtuner", "DB Tuner", "Northwind Automations", 1, "PSD", "db-* cache-*",
     "config_change restart patch", 50, 2, 4},
    {"agent-alert-tuner", "Alert Tuner", "Contoso Security", 1, "PS", "*",
     "suppress_alert config_change", 25, 3, 4},
    {"agent-sandbox-runner", "Sandbox Runner", "Acme AI", 1, "L", "ml-* batch-*",
     "deploy_script restart", 20, 5, 5},
    {"agent-mlops", "MLOps Orchestrator", "Fabrikam AI", 1, "", NULL,
     "deploy_script restart", 5, 4, 5},
    {"agent-legacy-cron", "legacy cron wrapper", NULL, 0, NULL, NULL,
     "restart rotate_secret", 20, 1, 2},
};
#define N_AGENTS ((int)(sizeof agent_defs / sizeof agent_defs[0]))

/* ---- assets ------------------------------------------------------------------------ */

static const char *const family_name[] = {"web", "api",   "db", "cache", "queue", "k8s",
                                          "idp", "vault", "fw", "lb",    "batch", "ml"};
#define N_FAMILY ((int)(sizeof family_name / sizeof family_name[0]))
static const unsigned family_weight[N_FAMILY] = {15, 15, 10, 6, 6,  12,
                                                 3,  3,  4,  5, 11, 10};
static const unsigned family_internet_ppm[N_FAMILY] = {600000, 500000, 20000,  20000,
                                                       20000,  50000,  100000, 10000,
                                                       300000, 700000, 10000,  20000};
static const unsigned env_weight[ENV_N] = {50, 20, 12, 10, 8};
static const unsigned crit_weight_prod[CRIT_N] = {20, 35, 30, 15};
static const unsigned crit_weight_other[CRIT_N] = {40, 45, 12, 3};

struct asset {
    uint8_t env, crit, fam, tier;
    uint16_t inscope; /* bit a: inside agent a's credential_scope */
    struct who owner;
};

struct cand {
    uint32_t *v;
    uint32_t n;
};

struct agent_rt {
    uint8_t actions[ACT_N];
    int nactions;
    unsigned envmask; /* all ones when the key is absent */
    const char *glob[4];
    int nglob; /* -1: key absent */
    char globbuf[64];
    struct cand cand[4]; /* [0] any tier, [1..3] by required tier */
};

/* ---- policies ---------------------------------------------------------------------- */

enum { SIGN_NONE, SIGN_HUMAN, SIGN_SVC };
#define MID_WINDOW (-100000) /* signed_days: the middle of the window */

struct policy_def {
    const char *id;
    int version;
    const char *title;
    int tier;                    /* 0: absent */
    int scope;                   /* 0: no scope object */
    const char *envs;            /* letters; NULL absent */
    int maxcrit;                 /* -1 absent */
    const char *actions;         /* NULL absent */
    int sign_kind, signer;       /* SIGN_*, index of the human or service account */
    int signed_days;             /* relative to start; MID_WINDOW */
    int has_review, review_days; /* review_by relative to signed_at */
};

enum {
    POL_NONPROD_V1,
    POL_NONPROD_V2,
    POL_NONPROD_V3,
    POL_PROD_CHANGE,
    POL_BREAKGLASS,
    POL_CONFIG_DRIFT,
    POL_IAM_V1,
    POL_IAM_V2,
    POL_ALERT,
    POL_NET_V1,
    POL_NET_V2,
    POL_TRIAGE,
    POL_RESTART,
    POL_DEPS,
    POL_N
};
static const struct policy_def policy_defs[POL_N] = {
    {"POL-NONPROD-PATCH", 1, "Non-production patching", 1, 1, "SDTL", CRIT_HIGH,
     "patch upgrade restart", SIGN_HUMAN, 0, -400, 1, 365},
    {"POL-NONPROD-PATCH", 2, "Non-production patching & restarts", 1, 1, "SDTL",
     CRIT_CRITICAL, "patch upgrade restart rollback config_change", SIGN_HUMAN, 0, -60, 1,
     365},
    {"POL-NONPROD-PATCH", 3, "Non-production patching, restarts & firewall rules", 1, 1,
     "SDTL", CRIT_CRITICAL,
     "patch upgrade restart rollback config_change firewall_change", SIGN_HUMAN, 1,
     MID_WINDOW, 1, 365},
    {"POL-PROD-CHANGE", 1, "Production changes need a named approver", 3, 1, "P",
     CRIT_CRITICAL, NULL, SIGN_HUMAN, 2, -30, 1, 365},
    {"POL-BREAKGLASS", 1, "Break-glass <emergency> runbook", 1, 0, NULL, -1, NULL,
     SIGN_HUMAN, 3, -30, 1, 180},
    {"POL-CONFIG-DRIFT", 1, "Config drift auto-revert (draft, never signed)", 1, 1,
     "SDTL", CRIT_MEDIUM, "config_change", SIGN_NONE, 0, 0, 0, 0},
    {"POL-IAM-HYGIENE", 1, "IAM hygiene", 2, 1, "SDTL", CRIT_CRITICAL,
     "iam_change rotate_secret disable_account", SIGN_SVC, 5, -20, 1, 365},
    {"POL-IAM-HYGIENE", 2, "IAM hygiene (re-signed by a person)", 2, 1, "SDTL",
     CRIT_CRITICAL, "iam_change rotate_secret disable_account", SIGN_HUMAN, 4, 10, 1,
     365},
    {"POL-ALERT-TUNING", 1, "Alert tuning", 1, 1, "SDTL", CRIT_HIGH, "suppress_alert",
     SIGN_HUMAN, 5, -300, 0, 0},
    {"POL-NET-ISOLATE", 1, "Network isolation of suspect hosts", 2, 1, "SDTL",
     CRIT_MEDIUM, "isolate firewall_change", SIGN_HUMAN, 1, -100, 1, 365},
    {"POL-NET-ISOLATE", 2, "Network isolation of suspect hosts", 2, 1, "SDTL", CRIT_HIGH,
     "isolate firewall_change", SIGN_HUMAN, 1, 20, 1, 365},
    {"POL-VULN-TRIAGE", 1, "Vulnerability triage & deferral", 2, 1, NULL, -1,
     "patch upgrade", SIGN_HUMAN, 3, -45, 1, 365},
    {"POL-SCALE-RESTART", 1, "Restarts and rollbacks outside production", 1, 1, "SDTL",
     CRIT_CRITICAL, "restart rollback", SIGN_HUMAN, 2, -10, 1, 365},
    {"POL-DEPS", 1, "Dependency upgrades in development and test", 1, 1, "DT",
     CRIT_CRITICAL, "upgrade patch deploy_script", SIGN_HUMAN, 4, -5, 1, 365},
};

struct policy_rt {
    int64_t signed_at, review_by; /* NO_TIME when absent */
    unsigned envmask;             /* all ones when absent */
    int maxcrit;                  /* CRIT_CRITICAL when absent */
    uint16_t actmask;             /* all ones when absent */
};

/* How a decision cites a policy; resolved at emission, when `at` is known. */
enum {
    PC_NONE,      /* no "policy" member */
    PC_OPERATING, /* the policy the agent runs under for this action and these targets */
    PC_FIXED,     /* policy_defs[pol_idx] */
    PC_FAMILY,    /* the latest version of pol_idx's id signed at or before `at` */
    PC_MISSING,   /* a version that is not stored */
    PC_FUTURE     /* NONPROD v3 while it is not yet signed, else PC_MISSING */
};

/* ---- one group: the plan ----------------------------------------------------------- */

struct aref {
    int32_t idx; /* >= 0: asset pool; < 0: unknown asset number -idx */
};

struct pdec {
    uint64_t id;
    struct who by;
    int agent; /* index when by is an agent; -1 otherwise */
    int after;
    int64_t at;
    int action, outcome;
    int nt, nv;
    struct aref t[MAXT];
    uint32_t v[MAXV];
    uint8_t vmask[MAXV]; /* 1 cvss, 2 severity, 4 kev, 8 epss */
    int factors;         /* 0 missing, 1 all five, 2 context-free, 3 partial */
    uint8_t fx[5];
    int confidence; /* hundredths; -1 absent */
    int rationale;  /* template; -1 absent */
    int pc, pol_idx, tier, level;
    int has_change, has_deploy, tests, rollback; /* tests: 0 absent, 1+ result */
    uint64_t ref;
    struct who req;
    int64_t deploy;
};

struct papr {
    uint64_t id, dec, ref; /* dec, ref: 0 when absent */
    struct who by;
    int64_t at;
    int outcome, evidence, after;
};

struct pntf {
    uint64_t id, dec;
    struct who to;
    int64_t at;
    int window_min; /* 0: no veto_window member */
    int after;
};

struct pacc {
    uint64_t id, dec; /* dec 0: none */
    int pair;         /* names vuln and asset */
    uint32_t vuln;
    struct aref asset;
    struct who owner;
    int64_t ack, expires; /* expires NO_TIME: absent */
    int rationale, comp, after;
};

struct pobs {
    int64_t last; /* NO_TIME: absent */
    int status;   /* 0 open (no member), 1 "open", 2 "fixed" */
    int after;
};

struct pexp {
    uint64_t id;
    uint32_t vuln;
    struct aref asset;
    int64_t first;
    int sevmode; /* 0 severity+cvss, 1 cvss, 2 severity, 3 neither */
    int nobs;
    struct pobs obs[G_OBS];
};

enum { IT_DEC, IT_APR, IT_NTF, IT_ACC, IT_EXP };

struct item {
    uint8_t type, sub;
    uint16_t idx;
};

struct group {
    int nd, na, nn, nc, nx, ni;
    struct pdec d[G_DEC];
    struct papr a[G_APR];
    struct pntf n[G_NTF];
    struct pacc c[G_ACC];
    struct pexp x[G_EXP];
    struct item it[G_ITEMS];
    int64_t horizon; /* a time the group wants before the window end (offset) */
};

/* ---- output ------------------------------------------------------------------------ */

struct sink {
    FILE *fp;
    char *path; /* NULL for stdout */
    char *buf;
    uint64_t records;
};

struct jb {
    char *p;
    int depth;
    unsigned char first[8];
    char buf[JB_CAP];
};

struct opts {
    uint64_t seed, decisions;
    int64_t start;
    int days, split, after_to;
    const char *dir;
};

struct gen {
    struct opts o;
    struct rng r;
    int64_t start, end;
    uint32_t n_human, n_asset, n_vuln;
    struct asset *asset;
    struct cand all[4];
    struct agent_rt agent[N_AGENTS];
    unsigned agent_weight[N_AGENTS];
    struct policy_rt pol[POL_N];
    uint64_t next_dec, next_apr, next_ntf, next_acc, next_exp, next_ref;
    uint64_t emitted, groups;
    struct group g;
    struct jb jb;
    struct sink base, after, *part;
    int nparts;
};

static void die(int code, const char *fmt, const char *arg, const char *why)
{
    fputs("genestate: ", stderr);
    fprintf(stderr, fmt, arg);
    if (why != NULL)
        fprintf(stderr, ": %s", why);
    fputc('\n', stderr);
    exit(code);
}

/* ---- JSON building ----------------------------------------------------------------- */

static void jb_need(struct jb *b, size_t n)
{
    if ((size_t)(b->buf + JB_CAP - b->p) < n)
        die(EX_SOFTWARE, "internal error: %s", "record longer than the buffer", NULL);
}

static void jb_mem(struct jb *b, const char *s, size_t n)
{
    jb_need(b, n);
    memcpy(b->p, s, n);
    b->p += n;
}

static void jb_ch(struct jb *b, char c)
{
    jb_need(b, 1);
    *b->p++ = c;
}

static void jb_lit(struct jb *b, const char *s)
{
    jb_mem(b, s, strlen(s));
}

/* The bytes of s, escaped for inside a JSON string (SPEC §7's escapes). */
static void jb_esc(struct jb *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            jb_ch(b, '\\');
            jb_ch(b, (char)c);
        } else if (c < 0x20) {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            jb_mem(b, e, sizeof e);
        } else {
            jb_ch(b, (char)c);
        }
    }
}

static void jb_str(struct jb *b, const char *s)
{
    jb_ch(b, '"');
    jb_esc(b, s);
    jb_ch(b, '"');
}

static void jb_sep(struct jb *b)
{
    if (b->first[b->depth])
        b->first[b->depth] = 0;
    else
        jb_ch(b, ',');
}

static void jb_open(struct jb *b, char c)
{
    jb_ch(b, c);
    b->depth++;
    b->first[b->depth] = 1;
}

static void jb_close(struct jb *b, char c)
{
    jb_ch(b, c);
    b->depth--;
}

static void jb_key(struct jb *b, const char *k)
{
    jb_sep(b);
    jb_ch(b, '"');
    jb_lit(b, k);
    jb_ch(b, '"');
    jb_ch(b, ':');
}

static void jb_u64(struct jb *b, uint64_t v, int width)
{
    char d[24];
    int n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n < width)
        d[n++] = '0';
    jb_need(b, (size_t)n);
    while (n > 0)
        *b->p++ = d[--n];
}

/* A fixed-point number: v / 10^decimals, e.g. (98, 1) is 9.8, (7, 2) is 0.07. */
static void jb_fixed(struct jb *b, unsigned v, int decimals)
{
    unsigned scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    jb_u64(b, v / scale, 1);
    if (decimals > 0) {
        jb_ch(b, '.');
        jb_u64(b, v % scale, decimals);
    }
}

static void jb_begin(struct jb *b, const char *kind)
{
    b->p = b->buf;
    b->depth = 0;
    jb_open(b, '{');
    jb_key(b, "kind");
    jb_str(b, kind);
}

static void jb_finish(struct jb *b)
{
    jb_close(b, '}');
    jb_ch(b, '\n');
}

static void jb_kstr(struct jb *b, const char *k, const char *v)
{
    jb_key(b, k);
    jb_str(b, v);
}

static void jb_kint(struct jb *b, const char *k, uint64_t v)
{
    jb_key(b, k);
    jb_u64(b, v, 1);
}

static void jb_kbool(struct jb *b, const char *k, int v)
{
    jb_key(b, k);
    jb_lit(b, v ? "true" : "false");
}

/* "PREFIX000042" */
static void jb_kid(struct jb *b, const char *k, const char *prefix, uint64_t n)
{
    jb_key(b, k);
    jb_ch(b, '"');
    jb_lit(b, prefix);
    jb_u64(b, n, 8);
    jb_ch(b, '"');
}

/* A list of space-separated words as a JSON array of strings. */
static void jb_words(struct jb *b, const char *words)
{
    jb_open(b, '[');
    while (*words != '\0') {
        size_t n = strcspn(words, " ");
        jb_sep(b);
        jb_ch(b, '"');
        jb_mem(b, words, n);
        jb_ch(b, '"');
        words += n;
        words += strspn(words, " ");
    }
    jb_close(b, ']');
}

static void jb_envs(struct jb *b, const char *letters)
{
    static const char code[ENV_N] = {'P', 'S', 'D', 'T', 'L'};
    jb_open(b, '[');
    for (const char *l = letters; *l != '\0'; l++)
        for (int e = 0; e < ENV_N; e++)
            if (code[e] == *l) {
                jb_sep(b);
                jb_str(b, env_name[e]);
            }
    jb_close(b, ']');
}

/* ---- RFC 3339 times from milliseconds (H. Hinnant's civil-from-days) --------------- */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = floor_div(y, 400);
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = floor_div(z, 146097);
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static void jb_time(struct jb *b, int64_t ms)
{
    int64_t days = floor_div(ms, DAY), y;
    int64_t rest = ms - days * DAY;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    jb_ch(b, '"');
    jb_u64(b, (uint64_t)y, 4);
    jb_ch(b, '-');
    jb_u64(b, m, 2);
    jb_ch(b, '-');
    jb_u64(b, d, 2);
    jb_ch(b, 'T');
    jb_u64(b, (uint64_t)(rest / HOUR), 2);
    jb_ch(b, ':');
    jb_u64(b, (uint64_t)(rest / MINUTE % 60), 2);
    jb_ch(b, ':');
    jb_u64(b, (uint64_t)(rest / SEC % 60), 2);
    if (rest % SEC != 0) {
        jb_ch(b, '.');
        jb_u64(b, (uint64_t)(rest % SEC), 3);
    }
    jb_lit(b, "Z\"");
}

static void jb_ktime(struct jb *b, const char *k, int64_t ms)
{
    jb_key(b, k);
    jb_time(b, ms);
}

/* "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ssZ", years 1700-2200; -1 when malformed. */
static int parse_start(const char *s, int64_t *out)
{
    unsigned y, mo, d, h = 0, mi = 0, se = 0;
    int n = 0;
    size_t len = strlen(s);
    if (len == 10) {
        if (sscanf(s, "%4u-%2u-%2u%n", &y, &mo, &d, &n) != 3 || n != 10)
            return -1;
    } else if (len == 20) {
        if (sscanf(s, "%4u-%2u-%2uT%2u:%2u:%2uZ%n", &y, &mo, &d, &h, &mi, &se, &n) != 6 ||
            n != 20)
            return -1;
    } else {
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        int digit_pos = !(i == 4 || i == 7 || i == 10 || i == 13 || i == 16 || i == 19);
        if (digit_pos && (c < '0' || c > '9'))
            return -1;
    }
    static const unsigned mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1700 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
        h > 23 || mi > 59 || se > 59)
        return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap)
        return -1;
    *out = days_from_civil(y, mo, d) * DAY + (int64_t)h * HOUR + (int64_t)mi * MINUTE +
           (int64_t)se * SEC;
    return 0;
}

/* ---- ids --------------------------------------------------------------------------- */

static void jb_who(struct jb *b, const struct gen *g, struct who w)
{
    jb_ch(b, '"');
    switch (w.kind) {
    case W_HUMAN:
        jb_lit(b, "usr-");
        jb_u64(b, w.idx + 1, 5);
        break;
    case W_SVC:
        jb_lit(b, svc_id[w.idx]);
        break;
    case W_AGENT:
        jb_lit(b, agent_defs[w.idx].id);
        break;
    case W_COLLIDE:
        jb_lit(b, agent_defs[COLLIDE_AGENT].id);
        break;
    case W_UNKNOWN:
        jb_lit(b, "contractor-");
        jb_u64(b, w.idx + 1, 3);
        break;
    default:
        jb_lit(b, "agent-legacy-");
        jb_u64(b, w.idx + 1, 2);
        break;
    }
    jb_ch(b, '"');
    (void)g;
}

static void asset_id_raw(struct jb *b, const struct gen *g, struct aref a)
{
    if (a.idx < 0) {
        jb_lit(b, "ghost-host-");
        jb_u64(b, (uint64_t) - (int64_t)a.idx, 5);
        return;
    }
    const struct asset *as = &g->asset[a.idx];
    jb_lit(b, family_name[as->fam]);
    jb_ch(b, '-');
    jb_lit(b, env_short[as->env]);
    jb_ch(b, '-');
    jb_u64(b, (uint64_t)a.idx + 1, 5);
}

static void jb_asset(struct jb *b, const struct gen *g, struct aref a)
{
    jb_ch(b, '"');
    asset_id_raw(b, g, a);
    jb_ch(b, '"');
}

/* Vulnerability pool: CVE-YYYY-NNNNN, attributes a pure function of (seed, index) so
 * that every record naming one CVE agrees on its score. */
struct vattr {
    unsigned cvss10; /* tenths, 0-100 */
    unsigned epss10k;
    int kev;
};

static struct vattr vuln_attr(const struct gen *g, uint32_t v)
{
    uint64_t x = g->o.seed ^ ((uint64_t)v * 0x2545f4914f6cdd1dULL);
    uint64_t h = splitmix64(&x);
    struct vattr a;
    unsigned band = (unsigned)(h % 100);
    h /= 100;
    if (band < 20)
        a.cvss10 = 90 + (unsigned)(h % 11); /* critical */
    else if (band < 55)
        a.cvss10 = 70 + (unsigned)(h % 20); /* high */
    else if (band < 90)
        a.cvss10 = 40 + (unsigned)(h % 30); /* medium */
    else
        a.cvss10 = 1 + (unsigned)(h % 39); /* low */
    h /= 100;
    a.epss10k = (unsigned)(h % 10001);
    h /= 10007;
    a.kev = a.cvss10 >= 70 && h % 100 < 8;
    return a;
}

static int severity_of(unsigned cvss10)
{
    return cvss10 >= 90   ? CRIT_CRITICAL
           : cvss10 >= 70 ? CRIT_HIGH
           : cvss10 >= 40 ? CRIT_MEDIUM
                          : CRIT_LOW;
}

static void jb_vuln_raw(struct jb *b, uint32_t v)
{
    jb_lit(b, "CVE-");
    jb_u64(b, 2022 + v % 5, 4);
    jb_ch(b, '-');
    jb_u64(b, 10000 + v / 5, 5);
}

static void jb_vuln(struct jb *b, uint32_t v)
{
    jb_ch(b, '"');
    jb_vuln_raw(b, v);
    jb_ch(b, '"');
}

/* ---- sinks ------------------------------------------------------------------------- */

static void sink_open(struct sink *s, const char *dir, const char *name, size_t bufsize)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    s->path = malloc(n);
    s->buf = malloc(bufsize);
    if (s->path == NULL || s->buf == NULL)
        die(EX_OSERR, "%s", "out of memory", NULL);
    snprintf(s->path, n, "%s/%s", dir, name);
    s->fp = fopen(s->path, "w");
    if (s->fp == NULL)
        die(EX_CANTCREAT, "cannot create \"%s\"", s->path, strerror(errno));
    setvbuf(s->fp, s->buf, _IOFBF, bufsize);
    s->records = 0;
}

static void sink_stdout(struct sink *s, size_t bufsize)
{
    s->path = NULL;
    s->buf = malloc(bufsize);
    if (s->buf == NULL)
        die(EX_OSERR, "%s", "out of memory", NULL);
    s->fp = stdout;
    setvbuf(stdout, s->buf, _IOFBF, bufsize);
    s->records = 0;
}

static void sink_write(struct sink *s, const struct jb *b)
{
    size_t n = (size_t)(b->p - b->buf);
    if (fwrite(b->buf, 1, n, s->fp) != n)
        die(EX_IOERR, "cannot write \"%s\"", s->path ? s->path : "stdout",
            strerror(errno));
    s->records++;
}

static void sink_close(struct sink *s)
{
    if (s->fp == NULL)
        return;
    if (fflush(s->fp) != 0 || ferror(s->fp) || fclose(s->fp) != 0)
        die(EX_IOERR, "cannot write \"%s\"", s->path ? s->path : "stdout",
            strerror(errno));
    s->fp = NULL;
    free(s->path);
    free(s->buf);
    s->path = NULL;
    s->buf = NULL;
}

/* ---- pools and the base records ---------------------------------------------------- */

static uint32_t clamp_u32(uint64_t v, uint32_t lo, uint32_t hi)
{
    return v < lo ? lo : v > hi ? hi : (uint32_t)v;
}

static unsigned env_letters(const char *letters)
{
    static const char code[ENV_N] = {'P', 'S', 'D', 'T', 'L'};
    unsigned mask = 0;
    if (letters == NULL)
        return ~0u;
    for (const char *l = letters; *l != '\0'; l++)
        for (int e = 0; e < ENV_N; e++)
            if (code[e] == *l)
                mask |= 1u << e;
    return mask;
}

static int action_lookup(const char *s, size_t n)
{
    for (int a = 0; a < ACT_N; a++)
        if (strlen(action_name[a]) == n && memcmp(action_name[a], s, n) == 0)
            return a;
    die(EX_SOFTWARE, "internal error: unknown action in a table near \"%s\"", s, NULL);
    return -1;
}

static uint16_t action_mask(const char *words)
{
    uint16_t mask = 0;
    if (words == NULL)
        return 0xffff;
    while (*words != '\0') {
        size_t n = strcspn(words, " ");
        mask |= (uint16_t)(1u << action_lookup(words, n));
        words += n;
        words += strspn(words, " ");
    }
    return mask;
}

static int tier_of_asset(int env, int crit)
{
    /* SPEC §3 default tiers: production high/critical 3, production medium/low 2,
     * every other environment tiers.default = 1. */
    if (env != ENV_PROD)
        return 1;
    return crit >= CRIT_HIGH ? 3 : 2;
}

static void cand_push(struct cand *c, uint32_t v, uint32_t cap)
{
    if (c->v == NULL) {
        c->v = malloc(sizeof *c->v * cap);
        if (c->v == NULL)
            die(EX_OSERR, "%s", "out of memory", NULL);
    }
    c->v[c->n++] = v;
}

static void write_identities(struct gen *g)
{
    struct jb *b = &g->jb;
    for (uint32_t i = 0; i < g->n_human; i++) {
        uint32_t f = (uint32_t)rng_below(&g->r, sizeof first_name / sizeof first_name[0]);
        uint32_t l = (uint32_t)rng_below(&g->r, sizeof last_name / sizeof last_name[0]);
        int script = rng_ppm(&g->r, 43000);
        uint32_t sn =
            (uint32_t)rng_below(&g->r, sizeof script_name / sizeof script_name[0]);
        int nroles = (int)rng_below(&g->r, 3); /* 0: no roles member */
        uint32_t r1 = (uint32_t)rng_below(&g->r, sizeof role_set / sizeof role_set[0]);
        uint32_t r2 = (uint32_t)rng_below(&g->r, sizeof role_set / sizeof role_set[0]);
        int email = !rng_ppm(&g->r, 80000);
        jb_begin(b, "identity");
        jb_key(b, "id");
        jb_who(b, g, (struct who){W_HUMAN, i});
        jb_key(b, "name");
        jb_ch(b, '"');
        if (script) {
            jb_esc(b, script_name[sn]);
        } else {
            jb_esc(b, first_name[f]);
            jb_ch(b, ' ');
            jb_esc(b, last_name[l]);
        }
        jb_ch(b, '"');
        jb_kbool(b, "human", 1);
        if (nroles > 0) {
            jb_key(b, "roles");
            jb_open(b, '[');
            jb_sep(b);
            jb_str(b, role_set[r1]);
            if (nroles > 1 && r2 != r1) {
                jb_sep(b);
                jb_str(b, role_set[r2]);
            }
            jb_close(b, ']');
        }
        if (email) {
            jb_key(b, "email");
            jb_ch(b, '"');
            jb_lit(b, script ? "user" : first_ascii[f]);
            jb_ch(b, '.');
            jb_lit(b, script ? "intl" : last_ascii[l]);
            jb_u64(b, i + 1, 1);
            jb_lit(b, "@example.com\"");
        }
        jb_finish(b);
        sink_write(&g->base, b);
    }
    for (uint32_t i = 0; i < N_SVC; i++) {
        jb_begin(b, "identity");
        jb_key(b, "id");
        jb_who(b, g, (struct who){W_SVC, i});
        jb_kstr(b, "name", svc_name[i]);
        jb_kbool(b, "human", 0);
        jb_key(b, "roles");
        jb_words(b, "automation");
        jb_finish(b);
        sink_write(&g->base, b);
    }
    /* An agent someone declared as a person: SPEC §4 says it is still not a known
     * human, because its id is also an agent's. */
    jb_begin(b, "identity");
    jb_key(b, "id");
    jb_who(b, g, (struct who){W_COLLIDE, 0});
    jb_kstr(b, "name", "Remediator (registered as a person by mistake)");
    jb_kbool(b, "human", 1);
    jb_finish(b);
    sink_write(&g->base, b);
}

static void write_agents(struct gen *g)
{
    struct jb *b = &g->jb;
    for (int a = 0; a < N_AGENTS; a++) {
        const struct agent_def *d = &agent_defs[a];
        struct agent_rt *rt = &g->agent[a];
        const char *w = d->actions;
        while (*w != '\0') {
            size_t n = strcspn(w, " ");
            rt->actions[rt->nactions++] = (uint8_t)action_lookup(w, n);
            w += n;
            w += strspn(w, " ");
        }
        rt->envmask = d->scope ? env_letters(d->envs) : ~0u;
        rt->nglob = -1;
        if (d->scope && d->globs != NULL) {
            snprintf(rt->globbuf, sizeof rt->globbuf, "%s", d->globs);
            rt->nglob = 0;
            for (char *tok = rt->globbuf; *tok != '\0' && rt->nglob < 4;) {
                size_t n = strcspn(tok, " ");
                rt->glob[rt->nglob++] = tok;
                if (tok[n] == '\0')
                    break;
                tok[n] = '\0';
                tok += n + 1;
            }
        }
        g->agent_weight[a] = d->weight;

        jb_begin(b, "agent");
        jb_kstr(b, "id", d->id);
        jb_kstr(b, "name", d->name);
        if (d->vendor != NULL)
            jb_kstr(b, "vendor", d->vendor);
        if (d->scope) {
            jb_key(b, "credential_scope");
            jb_open(b, '{');
            if (d->envs != NULL) {
                jb_key(b, "environments");
                jb_envs(b, d->envs);
            }
            if (d->globs != NULL) {
                jb_key(b, "assets");
                jb_words(b, d->globs);
            }
            jb_close(b, '}');
        }
        jb_finish(b);
        sink_write(&g->base, b);
    }
}

static void write_assets(struct gen *g)
{
    struct jb *b = &g->jb;
    char id[64];
    for (uint32_t i = 0; i < g->n_asset; i++) {
        struct asset *as = &g->asset[i];
        as->env = (uint8_t)rng_weighted(&g->r, env_weight, ENV_N);
        as->crit = (uint8_t)rng_weighted(
            &g->r, as->env == ENV_PROD ? crit_weight_prod : crit_weight_other, CRIT_N);
        as->fam = (uint8_t)rng_weighted(&g->r, family_weight, N_FAMILY);
        as->tier = (uint8_t)tier_of_asset(as->env, as->crit);
        int internet = rng_ppm(&g->r, family_internet_ppm[as->fam]);
        int has_internet = !rng_ppm(&g->r, 100000);
        uint64_t o = rng_below(&g->r, 100);
        as->owner = o < 90 ? (struct who){W_HUMAN, (uint32_t)rng_below(&g->r, g->n_human)}
                    : o < 93 ? (struct who){W_SVC, (uint32_t)rng_below(&g->r, N_SVC)}
                             : (struct who){W_NONE, 0};
        int named = !rng_ppm(&g->r, 50000);

        /* The id, once, for the scope globs. */
        b->p = b->buf;
        asset_id_raw(b, g, (struct aref){(int32_t)i});
        size_t n = (size_t)(b->p - b->buf);
        memcpy(id, b->buf, n);
        id[n] = '\0';
        as->inscope = 0;
        for (int a = 0; a < N_AGENTS; a++) {
            const struct agent_rt *rt = &g->agent[a];
            int ok = (rt->envmask >> as->env) & 1u;
            if (ok && rt->nglob >= 0) {
                ok = 0;
                for (int k = 0; k < rt->nglob && !ok; k++)
                    ok = fnmatch(rt->glob[k], id, FNM_NOESCAPE) == 0;
            }
            if (ok) {
                as->inscope |= (uint16_t)(1u << a);
                cand_push(&g->agent[a].cand[0], i, g->n_asset);
                cand_push(&g->agent[a].cand[as->tier], i, g->n_asset);
            }
        }
        cand_push(&g->all[0], i, g->n_asset);
        cand_push(&g->all[as->tier], i, g->n_asset);

        jb_begin(b, "asset");
        jb_kstr(b, "id", id);
        if (named) {
            jb_key(b, "name");
            jb_ch(b, '"');
            jb_lit(b, family_name[as->fam]);
            jb_lit(b, " service ");
            jb_u64(b, i + 1, 1);
            jb_lit(b, " (");
            jb_lit(b, env_name[as->env]);
            jb_lit(b, ")\"");
        }
        jb_kstr(b, "environment", env_name[as->env]);
        jb_kstr(b, "criticality", level_name[as->crit]);
        if (has_internet)
            jb_kbool(b, "internet_facing", internet);
        if (as->owner.kind != W_NONE) {
            jb_key(b, "owner");
            jb_who(b, g, as->owner);
        }
        jb_finish(b);
        sink_write(&g->base, b);
    }
}

static void write_policies(struct gen *g)
{
    struct jb *b = &g->jb;
    for (int p = 0; p < POL_N; p++) {
        const struct policy_def *d = &policy_defs[p];
        struct policy_rt *rt = &g->pol[p];
        int64_t signed_at = d->signed_days == MID_WINDOW
                                ? g->start + (int64_t)(g->o.days / 2) * DAY + 9 * HOUR
                                : g->start + (int64_t)d->signed_days * DAY + 14 * HOUR;
        rt->signed_at = d->sign_kind == SIGN_NONE ? NO_TIME : signed_at;
        rt->review_by = d->sign_kind != SIGN_NONE && d->has_review
                            ? signed_at + (int64_t)d->review_days * DAY
                            : NO_TIME;
        rt->envmask = d->scope ? env_letters(d->envs) : ~0u;
        rt->maxcrit = d->scope && d->maxcrit >= 0 ? d->maxcrit : CRIT_CRITICAL;
        rt->actmask = d->scope ? action_mask(d->actions) : 0xffff;

        jb_begin(b, "policy");
        jb_kstr(b, "id", d->id);
        jb_kint(b, "version", (uint64_t)d->version);
        jb_kstr(b, "title", d->title);
        if (d->tier > 0)
            jb_kint(b, "tier", (uint64_t)d->tier);
        if (d->scope) {
            jb_key(b, "scope");
            jb_open(b, '{');
            if (d->envs != NULL) {
                jb_key(b, "environments");
                jb_envs(b, d->envs);
            }
            if (d->maxcrit >= 0)
                jb_kstr(b, "max_criticality", level_name[d->maxcrit]);
            if (d->actions != NULL) {
                jb_key(b, "actions");
                jb_words(b, d->actions);
            }
            jb_close(b, '}');
        }
        if (d->sign_kind != SIGN_NONE) {
            jb_key(b, "signed_by");
            jb_who(b, g,
                   (struct who){d->sign_kind == SIGN_HUMAN ? W_HUMAN : W_SVC,
                                (uint32_t)d->signer});
            jb_ktime(b, "signed_at", rt->signed_at);
            if (rt->review_by != NO_TIME)
                jb_ktime(b, "review_by", rt->review_by);
        }
        jb_finish(b);
        sink_write(&g->base, b);
    }
}

/* ---- planning helpers -------------------------------------------------------------- */

static int same_who(struct who a, struct who b)
{
    return a.kind == b.kind && a.idx == b.idx;
}

static struct who pick_human(struct gen *g)
{
    return (struct who){W_HUMAN, (uint32_t)rng_below(&g->r, g->n_human)};
}

static struct who pick_human_not(struct gen *g, struct who x, struct who y)
{
    for (;;) {
        struct who w = pick_human(g);
        if (!same_who(w, x) && !same_who(w, y))
            return w;
    }
}

/* A service account, an agent, or the agent declared human. */
static struct who pick_nonhuman(struct gen *g)
{
    uint64_t k = rng_below(&g->r, 100);
    if (k < 60)
        return (struct who){W_SVC, (uint32_t)rng_below(&g->r, N_SVC)};
    if (k < 85)
        return (struct who){W_AGENT, (uint32_t)rng_below(&g->r, N_AGENTS)};
    return (struct who){W_COLLIDE, 0};
}

static struct who pick_unknown(struct gen *g)
{
    return (struct who){W_UNKNOWN, (uint32_t)rng_below(&g->r, N_UNKNOWN)};
}

static int tier_of_target(const struct gen *g, struct aref a)
{
    return a.idx < 0 ? 3 : g->asset[a.idx].tier; /* SPEC §4: unknown counts as tier 3 */
}

static int required_tier(const struct gen *g, const struct pdec *d)
{
    int t = 1; /* tiers.default with no targets */
    for (int i = 0; i < d->nt; i++) {
        int ti = tier_of_target(g, d->t[i]);
        if (ti > t)
            t = ti;
    }
    return t;
}

static struct aref pick_asset(struct gen *g, int agent, int tier)
{
    const struct cand *c = agent >= 0 ? &g->agent[agent].cand[tier] : &g->all[tier];
    if (c->n == 0)
        c = &g->all[tier];
    if (c->n == 0)
        c = &g->all[0];
    return (struct aref){(int32_t)c->v[rng_below(&g->r, c->n)]};
}

static int has_target(const struct pdec *d, struct aref a)
{
    for (int i = 0; i < d->nt; i++)
        if (d->t[i].idx == a.idx)
            return 1;
    return 0;
}

static int has_vuln(const struct pdec *d, uint32_t v)
{
    for (int i = 0; i < d->nv; i++)
        if (d->v[i] == v)
            return 1;
    return 0;
}

static void item_push(struct group *gp, int type, int idx, int sub)
{
    if (gp->ni >= G_ITEMS)
        die(EX_SOFTWARE, "internal error: %s", "group too large", NULL);
    gp->it[gp->ni++] = (struct item){(uint8_t)type, (uint8_t)sub, (uint16_t)idx};
}

/* What a new decision must be; -1 / NULL: drawn. */
struct dec_req {
    int outcome;
    int tier;    /* preferred tier of its targets; 0: natural */
    int decider; /* -1 drawn; -2 a human; -3 an agent, drawn; >= 0 that agent */
    int action;  /* -1 drawn */
    int nt;      /* -1 drawn */
    const struct pdec *copy; /* copy its targets and vulns */
    int64_t at;
};

static struct dec_req req_default(int outcome)
{
    return (struct dec_req){outcome, 0, -1, -1, -1, NULL, 0};
}

static int pick_action(struct gen *g, const struct pdec *d, int outcome)
{
    if (d->agent < 0)
        return rng_weighted(&g->r, human_action_weight, ACT_N);
    const struct agent_rt *rt = &g->agent[d->agent];
    if (outcome == OUT_DEFER) {
        int patchy[ACT_N], n = 0;
        for (int i = 0; i < rt->nactions; i++)
            if (rt->actions[i] == ACT_PATCH || rt->actions[i] == ACT_UPGRADE)
                patchy[n++] = rt->actions[i];
        return n > 0 ? patchy[rng_below(&g->r, (uint64_t)n)] : ACT_PATCH;
    }
    return rt->actions[rng_below(&g->r, (uint64_t)rt->nactions)];
}

static int plan_dec(struct gen *g, const struct dec_req *rq)
{
    struct group *gp = &g->g;
    if (gp->nd >= G_DEC)
        die(EX_SOFTWARE, "internal error: %s", "too many decisions in a group", NULL);
    int di = gp->nd++;
    struct pdec *d = &gp->d[di];
    memset(d, 0, sizeof *d);
    d->id = ++g->next_dec;
    d->at = rq->at;
    d->outcome = rq->outcome;
    d->agent = -1;

    /* The decider: mostly an agent; people decide some changes and deferrals
     * (SPEC §2 "identity id for a human decider"); a few deciders are undeclared. */
    int who = rq->decider >= 0 || rq->decider == -3 ? W_AGENT
              : rq->decider == -2                   ? W_HUMAN
                                                    : -1;
    if (who < 0) {
        uint64_t k = rng_below(&g->r, 1000);
        who = k < 3                                   ? W_GHOST_AGENT
              : k < 63 && rq->outcome != OUT_ESCALATE ? W_HUMAN
                                                      : W_AGENT;
    }
    if (who == W_AGENT) {
        d->agent = rq->decider >= 0 ? rq->decider
                                    : rng_weighted(&g->r, g->agent_weight, N_AGENTS);
        /* A scenario that wants a tier takes an agent that may act at that tier. */
        for (int tries = 0; rq->decider < 0 && rq->tier > 0 && tries < 16 &&
                            g->agent[d->agent].cand[rq->tier].n == 0;
             tries++)
            d->agent = rng_weighted(&g->r, g->agent_weight, N_AGENTS);
        d->by = (struct who){W_AGENT, (uint32_t)d->agent};
    } else if (who == W_HUMAN) {
        d->by = pick_human(g);
    } else {
        d->by = (struct who){W_GHOST_AGENT, (uint32_t)rng_below(&g->r, 20)};
    }
    int human = d->by.kind == W_HUMAN;
    d->action = rq->action >= 0 ? rq->action : pick_action(g, d, rq->outcome);

    /* Targets: in the agent's credential scope, preferred tier if asked. */
    if (rq->copy != NULL) {
        d->nt = rq->copy->nt;
        memcpy(d->t, rq->copy->t, sizeof d->t);
    } else {
        uint64_t r = rng_below(&g->r, 1000);
        int want = r < 800 ? 1 : r < 950 ? 2 : 3;
        if (rq->nt >= 0)
            want = rq->nt;
        else if (rq->outcome == OUT_ACT && rq->tier == 0 && r < 3)
            want = 0; /* SPEC §2: targets may be [] */
        if (rq->outcome == OUT_DEFER && want > 2)
            want = 2;
        d->nt = 0;
        for (int i = 0; i < want; i++) {
            struct aref a = pick_asset(g, d->agent, rq->tier);
            for (int tries = 0; tries < 16 && has_target(d, a); tries++)
                a = pick_asset(g, d->agent, rq->tier);
            if (!has_target(d, a))
                d->t[d->nt++] = a;
        }
        /* scope-exceeded: one target outside the agent's credential_scope. */
        if (d->agent >= 0 && agent_defs[d->agent].scope && d->nt > 0 &&
            rng_ppm(&g->r, 12000)) {
            int tier = tier_of_target(g, d->t[0]);
            for (int tries = 0; tries < 64; tries++) {
                struct aref a = pick_asset(g, -1, tier);
                if (!((g->asset[a.idx].inscope >> d->agent) & 1u) && !has_target(d, a)) {
                    d->t[0] = a;
                    break;
                }
            }
        }
        /* unknown-asset: a target that no asset record declares (and, to show it in
         * small estates, in the first group). */
        int ghost_target = rng_ppm(&g->r, 5000) || (g->groups == 0 && di == 0);
        if (d->nt > 0 && ghost_target) {
            struct aref ghost = {-(int32_t)(1 + rng_below(&g->r, 99999))};
            if (d->nt < MAXT)
                d->t[d->nt++] = ghost;
            else
                d->t[d->nt - 1] = ghost;
        }
    }

    /* Vulnerabilities. */
    if (rq->copy != NULL) {
        d->nv = rq->copy->nv;
        memcpy(d->v, rq->copy->v, sizeof d->v);
        memcpy(d->vmask, rq->copy->vmask, sizeof d->vmask);
    } else {
        uint64_t r = rng_below(&g->r, 100);
        int patchy = d->action == ACT_PATCH || d->action == ACT_UPGRADE;
        int want;
        if (rq->outcome == OUT_DEFER)
            want = r < 70 ? 1 : 2;
        else if (rq->outcome == OUT_ESCALATE)
            want = r < 15 ? 0 : r < 75 ? 1 : 2;
        else if (patchy)
            want = r < 60 ? 1 : r < 90 || d->nt >= 3 ? 2 : 3;
        else
            want = r < 15 ? 1 : 0;
        /* incomplete-record: `vulns` missing where SPEC §4 requires it. */
        if ((patchy || rq->outcome == OUT_DEFER) && rng_ppm(&g->r, 15000))
            want = 0;
        d->nv = 0;
        for (int i = 0; i < want; i++) {
            uint32_t v = (uint32_t)rng_below(&g->r, g->n_vuln);
            for (int tries = 0; tries < 16 && has_vuln(d, v); tries++)
                v = (uint32_t)rng_below(&g->r, g->n_vuln);
            if (has_vuln(d, v))
                continue;
            d->v[d->nv] = v;
            /* One draw per statement: C leaves the order of operands and arguments
             * unspecified, and the bytes must not depend on the compiler. */
            uint8_t mask = rng_ppm(&g->r, 900000) ? 1 : 0;
            mask |= rng_ppm(&g->r, 500000) ? 2 : 0;
            mask |= rng_ppm(&g->r, 400000) ? 4 : 0;
            mask |= rng_ppm(&g->r, 400000) ? 8 : 0;
            d->vmask[d->nv++] = mask;
        }
    }

    /* factors: missing 2%, context-free (no exposure/exploitability/business
     * criticality) 2.5%, partial 5%, else all five. */
    uint64_t f = rng_below(&g->r, 1000);
    d->factors = f < 20 ? 0 : f < 45 ? 2 : f < 95 ? 3 : 1;
    if (d->factors == 2 && d->nv > 0)
        d->vmask[0] |= 1; /* make the context-free-severity visible */
    for (int i = 0; i < 5; i++)
        d->fx[i] = (uint8_t)rng_below(&g->r, 4);

    if (human)
        d->confidence = rng_ppm(&g->r, 500000) ? -1 : (int)rng_span(&g->r, 80, 100);
    else if (rng_ppm(&g->r, 15000))
        d->confidence = -1;
    else if (rq->outcome == OUT_ESCALATE)
        d->confidence = (int)rng_span(&g->r, 25, 65);
    else if (rq->outcome == OUT_DEFER)
        d->confidence = (int)rng_span(&g->r, 40, 95);
    else
        d->confidence = (int)rng_span(&g->r, 55, 99);
    d->rationale = rng_ppm(&g->r, 15000) ? -1 : (int)rng_below(&g->r, 10);

    /* policy: agents cite the policy they run under; people sometimes. */
    d->pc = human ? (rng_ppm(&g->r, 300000) ? PC_OPERATING : PC_NONE)
                  : (rng_ppm(&g->r, 15000) ? PC_NONE : PC_OPERATING);

    /* tier: as claimed; tier-understated 3% where the required tier is >= 2. */
    int req = required_tier(g, d);
    uint64_t tk = rng_below(&g->r, 1000);
    if (human)
        d->tier = tk < 200 ? req : 0;
    else
        d->tier = (tk < 30 || g->groups == 1) && req >= 2 ? req - 1 : tk < 700 ? req : 0;
    if (d->agent >= 0 && rng_ppm(&g->r, 750000)) {
        const struct agent_def *ad = &agent_defs[d->agent];
        d->level = rq->outcome == OUT_ESCALATE
                       ? (int)rng_span(&g->r, 1, 3)
                       : (int)rng_span(&g->r, ad->level_lo, ad->level_hi);
    } else if (human && rng_ppm(&g->r, 400000)) {
        d->level = 1;
    }
    item_push(gp, IT_DEC, di, 0);
    return di;
}

/* The change member of an `act` decision; deploy_delay from `at`. */
static void plan_change(struct gen *g, int di, int64_t deploy_delay, int force_deploy)
{
    struct pdec *d = &g->g.d[di];
    d->has_change = force_deploy || !rng_ppm(&g->r, 20000);
    d->has_deploy = force_deploy || (d->has_change && !rng_ppm(&g->r, 40000));
    d->deploy = d->has_deploy ? d->at + deploy_delay : d->at;
    if (!d->has_change)
        return;
    d->ref = ++g->next_ref;
    if (d->by.kind == W_HUMAN)
        d->req = rng_ppm(&g->r, 600000) ? d->by : (struct who){W_NONE, 0};
    else
        d->req = rng_ppm(&g->r, 850000) ? pick_human(g) : (struct who){W_NONE, 0};
    uint64_t t = rng_below(&g->r, 1000);
    d->tests = t < 930 ? 1 : t < 965 ? 3 : t < 973 ? 2 : 0; /* passed, skipped, failed */
    d->rollback = !rng_ppm(&g->r, 60000);
    if (g->groups == 1) { /* the showcase production wave: untested, no rollback plan */
        d->tests = 3;
        d->rollback = 0;
    }
}

static int64_t dec_t(const struct pdec *d)
{
    return d->has_deploy ? d->deploy : d->at; /* SPEC §4: t */
}

static int add_apr(struct gen *g, const struct pdec *d, int by_ref, struct who by,
                   int64_t at, int outcome)
{
    struct group *gp = &g->g;
    if (gp->na >= G_APR)
        die(EX_SOFTWARE, "internal error: %s", "too many approvals in a group", NULL);
    int i = gp->na++;
    struct papr *a = &gp->a[i];
    memset(a, 0, sizeof *a);
    a->id = ++g->next_apr;
    /* by_ref: 0 by decision, 1 by change_ref, 2 both (then it is the decision's only). */
    if (by_ref != 1 || d->ref == 0)
        a->dec = d->id;
    if (by_ref != 0 && d->ref != 0)
        a->ref = d->ref;
    a->by = by;
    a->at = at;
    a->outcome = outcome;
    a->evidence = (int)rng_below(&g->r, 10);
    item_push(gp, IT_APR, i, 0);
    return i;
}

static int link_style(struct gen *g, const struct pdec *d)
{
    if (d->ref == 0)
        return 0;
    uint64_t k = rng_below(&g->r, 100);
    return k < 60 ? 0 : k < 85 ? 1 : 2;
}

static int add_ntf(struct gen *g, const struct pdec *d, struct who to, int64_t at,
                   int window_min)
{
    struct group *gp = &g->g;
    if (gp->nn >= G_NTF)
        die(EX_SOFTWARE, "internal error: %s", "too many notifications in a group", NULL);
    int i = gp->nn++;
    gp->n[i] = (struct pntf){++g->next_ntf, d->id, to, at, window_min, 0};
    item_push(gp, IT_NTF, i, 0);
    return i;
}

static int add_acc(struct gen *g, const struct pdec *d, int pair, uint32_t vuln,
                   struct aref asset, struct who owner, int64_t ack, int64_t expires)
{
    struct group *gp = &g->g;
    if (gp->nc >= G_ACC)
        die(EX_SOFTWARE, "internal error: %s", "too many acceptances in a group", NULL);
    int i = gp->nc++;
    struct pacc *c = &gp->c[i];
    memset(c, 0, sizeof *c);
    c->id = ++g->next_acc;
    c->dec = d != NULL ? d->id : 0;
    c->pair = pair;
    c->vuln = vuln;
    c->asset = asset;
    c->owner = owner;
    c->ack = ack;
    c->expires = expires;
    c->rationale = (int)rng_below(&g->r, 6);
    c->comp = (int)rng_below(&g->r, 4);
    item_push(gp, IT_ACC, i, 0);
    return i;
}

/* An exposure and its first observation; more with add_obs. */
static int add_exp(struct gen *g, uint32_t vuln, struct aref asset, int64_t first,
                   int64_t last, int status, int sevmode)
{
    struct group *gp = &g->g;
    if (gp->nx >= G_EXP)
        return -1; /* the group has enough exposures */
    int i = gp->nx++;
    struct pexp *x = &gp->x[i];
    x->id = ++g->next_exp;
    x->vuln = vuln;
    x->asset = asset;
    x->first = first;
    x->sevmode = sevmode >= 0 ? sevmode
                              : rng_weighted(&g->r, (const unsigned[]){45, 30, 20, 5}, 4);
    x->nobs = 1;
    x->obs[0] = (struct pobs){last, status, 0};
    item_push(gp, IT_EXP, i, 0);
    return i;
}

/* A re-observation under the same id (SPEC §8): only last_seen and status differ. */
static void add_obs(struct gen *g, int xi, int64_t last, int status, int after)
{
    struct group *gp = &g->g;
    if (xi < 0 || gp->x[xi].nobs >= G_OBS)
        return;
    struct pexp *x = &gp->x[xi];
    x->obs[x->nobs] = (struct pobs){last, status, after};
    item_push(gp, IT_EXP, xi, x->nobs);
    x->nobs++;
}

/* A person who may accept a risk on this asset: its owner when a person, else anyone. */
static struct who owner_for(struct gen *g, struct aref a)
{
    if (a.idx >= 0 && g->asset[a.idx].owner.kind == W_HUMAN && rng_ppm(&g->r, 700000))
        return g->asset[a.idx].owner;
    return pick_human(g);
}

/* ---- scenarios ----------------------------------------------------------------------
 */

enum scen {
    S_TRACED,
    S_WAVE,
    S_REFUSED_AFTER,
    S_NOAUTH,
    S_DESPITE_VETO,
    S_AGENT_APPROVER,
    S_SELF_APPROVAL,
    S_UNKNOWN_APPROVER,
    S_APPROVAL_AFTER,
    S_STALE_APPROVAL,
    S_NONHUMAN_NOTIFIED,
    S_NOTIFIED_AFTER,
    S_VETO_OPEN,
    S_TIER_TOO_LOW,
    S_INVALID_POLICY,
    S_WAVE_SELF,
    S_DEF_DECISION,
    S_DEF_PAIRS,
    S_DEF_NONE,
    S_DEF_LATE,
    S_DEF_NONHUMAN,
    S_DEF_UNKNOWN,
    S_DEF_EXPIRED,
    S_DEF_PARTIAL,
    S_ESC_APPROVAL,
    S_ESC_ACCEPT,
    S_ESC_CHANGE,
    S_ESC_ORPHAN,
    S_COUNT
};

/* Weights per 100 000 groups (a group is one decision, except waves and answered-by-
 * change escalations). Keep tools/README.md in step. */
static const unsigned scen_weight[S_COUNT] = {
    [S_TRACED] = 67050,          [S_WAVE] = 1500,
    [S_REFUSED_AFTER] = 400,     [S_NOAUTH] = 1800,
    [S_DESPITE_VETO] = 600,      [S_AGENT_APPROVER] = 900,
    [S_SELF_APPROVAL] = 1300,    [S_UNKNOWN_APPROVER] = 500,
    [S_APPROVAL_AFTER] = 500,    [S_STALE_APPROVAL] = 500,
    [S_NONHUMAN_NOTIFIED] = 350, [S_NOTIFIED_AFTER] = 300,
    [S_VETO_OPEN] = 500,         [S_TIER_TOO_LOW] = 500,
    [S_INVALID_POLICY] = 1000,   [S_WAVE_SELF] = 100,
    [S_DEF_DECISION] = 10500,    [S_DEF_PAIRS] = 3000,
    [S_DEF_NONE] = 1300,         [S_DEF_LATE] = 700,
    [S_DEF_NONHUMAN] = 500,      [S_DEF_UNKNOWN] = 400,
    [S_DEF_EXPIRED] = 600,       [S_DEF_PARTIAL] = 300,
    [S_ESC_APPROVAL] = 2000,     [S_ESC_ACCEPT] = 800,
    [S_ESC_CHANGE] = 900,        [S_ESC_ORPHAN] = 1200,
};

/* Exposures of a change's pairs: seen before the decision, often re-observed fixed after
 * the deploy. */
static void plan_change_exposures(struct gen *g, int di)
{
    const struct pdec *d = &g->g.d[di];
    if (d->nv == 0 || (d->action != ACT_PATCH && d->action != ACT_UPGRADE) ||
        !rng_ppm(&g->r, 550000))
        return;
    int pairs = 0;
    for (int v = 0; v < d->nv; v++)
        for (int t = 0; t < d->nt && pairs < 4; t++, pairs++) {
            int64_t first = d->at - rng_jitter(&g->r, HOUR, 10 * DAY);
            int64_t last =
                rng_ppm(&g->r, 800000) ? rng_jitter(&g->r, first, d->at) : NO_TIME;
            int status = rng_ppm(&g->r, 500000);
            int xi = add_exp(g, d->v[v], d->t[t], first, last, status, -1);
            if (xi >= 0 && rng_ppm(&g->r, 700000))
                add_obs(g, xi, dec_t(d) + rng_jitter(&g->r, HOUR, 3 * DAY), 2, 0);
        }
}

/* Exposures of a deferral's pairs: open, sometimes re-scanned still open. */
static void plan_deferral_exposures(struct gen *g, int di)
{
    const struct pdec *d = &g->g.d[di];
    for (int v = 0; v < d->nv; v++)
        for (int t = 0; t < d->nt; t++) {
            if (!rng_ppm(&g->r, 800000))
                continue;
            int64_t first = d->at - rng_jitter(&g->r, 0, 7 * DAY);
            int64_t last = d->at + rng_jitter(&g->r, 0, DAY);
            int status = rng_ppm(&g->r, 500000);
            int xi = add_exp(g, d->v[v], d->t[t], first, last, status, -1);
            uint64_t k = rng_below(&g->r, 100);
            if (xi >= 0 && k < 25) { /* re-scanned, still open */
                int64_t later = d->at + rng_jitter(&g->r, 3 * DAY, 15 * DAY);
                add_obs(g, xi, later, rng_ppm(&g->r, 500000), 0);
            } else if (xi >= 0 && k < 50) /* fixed later, once the vendor shipped a fix */
                add_obs(g, xi, d->at + rng_jitter(&g->r, 5 * DAY, 45 * DAY), 2, 0);
        }
}

/* Can the cited policy authorize this change by SPEC §4 rule 3? Picks the family. */
static int policy_path_family(const struct gen *g, const struct pdec *d)
{
    if (d->pc == PC_NONE)
        return -1;
    int maxcrit = CRIT_LOW, dev_test = 1;
    for (int i = 0; i < d->nt; i++) {
        if (d->t[i].idx < 0 || g->asset[d->t[i].idx].env == ENV_PROD)
            return -1;
        const struct asset *as = &g->asset[d->t[i].idx];
        if (as->crit > maxcrit)
            maxcrit = as->crit;
        if (as->env != ENV_DEV && as->env != ENV_TEST)
            dev_test = 0;
    }
    switch (d->action) {
    case ACT_PATCH:
    case ACT_UPGRADE:
    case ACT_CONFIG:
        return POL_NONPROD_V2;
    case ACT_RESTART:
    case ACT_ROLLBACK:
        return POL_RESTART;
    case ACT_DEPLOY:
        return dev_test ? POL_DEPS : -1;
    case ACT_ISOLATE:
    case ACT_FIREWALL:
        return maxcrit <= CRIT_MEDIUM ? POL_NET_V1 : -1;
    default:
        return -1;
    }
}

/* SPEC §4 rule 1 shape: an approved approval by a known human who is neither the
 * decider nor the requester, at in [t - AMA, t]. */
static void plan_valid_approval(struct gen *g, int di)
{
    struct pdec *d = &g->g.d[di];
    int64_t t = dec_t(d);
    uint64_t k = rng_below(&g->r, 1000);
    int64_t at = k < 10    ? t - AMA /* exactly AMA old: still traces */
                 : k < 20  ? t       /* at the deploy second: still traces */
                 : k < 120 ? rng_jitter(&g->r, t - 20 * HOUR, d->at)
                           : rng_jitter(&g->r, d->at, t);
    int style = link_style(g, d);
    add_apr(g, d, style, pick_human_not(g, d->by, d->req), at, AO_APPROVED);
    if (rng_ppm(&g->r, 30000)) { /* a second approver */
        struct who by = pick_human_not(g, d->by, d->req);
        add_apr(g, d, 0, by, rng_jitter(&g->r, at, t), AO_APPROVED);
    }
}

static int veto_window_min(struct gen *g)
{
    uint64_t k = rng_below(&g->r, 100);
    return k < 75 ? 0 : k < 83 ? 240 : k < 91 ? 120 : k < 97 ? 480 : 30;
}

/* SPEC §4 rule 2 shape: notified a known human at n, deployed at n + w or later. */
static void plan_valid_veto(struct gen *g, int di)
{
    struct pdec *d = &g->g.d[di];
    int64_t n = d->at + rng_jitter(&g->r, MINUTE, 20 * MINUTE);
    int wmin = veto_window_min(g);
    int64_t w = wmin ? wmin * MINUTE : VETO_DEFAULT;
    int64_t t = rng_ppm(&g->r, 30000) ? n + w /* the window closes exactly at deploy */
                                      : n + w + rng_jitter(&g->r, 0, 4 * HOUR);
    plan_change(g, di, t - d->at, 1);
    add_ntf(g, d, pick_human_not(g, d->by, d->req), n, wmin);
}

static void plan_traced(struct gen *g, struct dec_req rq)
{
    int di = plan_dec(g, &rq);
    struct pdec *d = &g->g.d[di];
    int tier = required_tier(g, d);
    int fam = policy_path_family(g, d);
    uint64_t k = rng_below(&g->r, 100);
    int path = tier == 3   ? 0
               : tier == 2 ? (k < 55 ? 0 : 1)
               : fam >= 0  ? (k < 60   ? 2
                              : k < 85 ? 0
                                       : 1)
                           : (k < 65 ? 0 : 1);
    if (path == 0) {
        plan_change(g, di, rng_jitter(&g->r, 10 * MINUTE, 6 * HOUR), 0);
        plan_valid_approval(g, di);
    } else if (path == 1) {
        plan_valid_veto(g, di);
    } else {
        d->pc = PC_FAMILY;
        d->pol_idx = fam;
        plan_change(g, di, rng_jitter(&g->r, 5 * MINUTE, 2 * HOUR), 0);
    }
    plan_change_exposures(g, di);
}

/* A production patch wave: k decisions sharing one change ref and one approval by
 * change_ref. style 0: approved by a person; 1: approved by the agent itself; 2: vetoed.
 * Production targets, so that no policy (rule 3) can trace it instead. */
static void plan_wave(struct gen *g, uint64_t remaining, int style)
{
    static const unsigned wave_agent_weight[N_AGENTS] = {6, 3};
    int agent = rng_weighted(&g->r, wave_agent_weight, N_AGENTS);
    int k = (int)rng_span(&g->r, 2, style == 2 ? 4 : 6);
    if ((uint64_t)k > remaining)
        k = (int)remaining;
    uint64_t ref = ++g->next_ref;
    struct who req = pick_human(g);
    int first = -1;
    int64_t approve_at = 0;
    for (int i = 0; i < k; i++) {
        struct dec_req rq = req_default(OUT_ACT);
        rq.decider = agent;
        rq.action = ACT_PATCH;
        rq.nt = 1;
        rq.tier = rng_ppm(&g->r, 500000) ? 3 : 2;
        rq.at = -rng_jitter(&g->r, 0, 2 * HOUR);
        int di = plan_dec(g, &rq);
        struct pdec *d = &g->g.d[di];
        if (first < 0) {
            first = di;
        } else {
            d->nv = g->g.d[first].nv; /* one advisory for the whole wave */
            memcpy(d->v, g->g.d[first].v, sizeof d->v);
            memcpy(d->vmask, g->g.d[first].vmask, sizeof d->vmask);
        }
        plan_change(g, di, approve_at - d->at + rng_jitter(&g->r, 10 * MINUTE, 8 * HOUR),
                    1);
        d->ref = ref;
        d->req = req;
        if (i == 0) {
            struct who by = style == 0   ? pick_human_not(g, d->by, req)
                            : style == 1 ? d->by
                                         : pick_human_not(g, d->by, req);
            add_apr(g, d, 1, by, approve_at, style == 2 ? AO_VETOED : AO_APPROVED);
        }
        plan_change_exposures(g, di);
    }
}

static void plan_untraced(struct gen *g, int s)
{
    struct dec_req rq = req_default(OUT_ACT);
    int tier23 = rng_ppm(&g->r, 500000) ? 3 : 2;
    int di;
    struct pdec *d;
    int64_t t;
    switch (s) {
    case S_NOAUTH: /* no approval, no notification, no cited policy */
        di = plan_dec(g, &rq);
        d = &g->g.d[di];
        d->pc = PC_NONE;
        plan_change(g, di, rng_jitter(&g->r, 5 * MINUTE, 3 * HOUR), 0);
        break;
    case S_DESPITE_VETO: {
        uint64_t v = rng_below(&g->r, 100);
        di = plan_dec(g, &rq);
        d = &g->g.d[di];
        if (v < 55) { /* notified, vetoed inside the window, deployed when it closed */
            plan_valid_veto(g, di);
            const struct pntf *n = &g->g.n[g->g.nn - 1];
            int64_t t_dep = dec_t(d), last = n->at + HOUR < t_dep ? n->at + HOUR : t_dep;
            int style = link_style(g, d);
            add_apr(g, d, style, n->to, rng_jitter(&g->r, n->at + MINUTE, last),
                    AO_VETOED);
        } else { /* rejected by one person, approved by another, deployed */
            plan_change(g, di, rng_jitter(&g->r, 2 * HOUR, 4 * HOUR), 1);
            struct who a = pick_human_not(g, d->by, d->req);
            int style = link_style(g, d);
            int64_t at = d->at + rng_jitter(&g->r, 10 * MINUTE, HOUR);
            add_apr(g, d, style, a, at, rng_ppm(&g->r, 500000) ? AO_REJECTED : AO_VETOED);
            struct who b = pick_human_not(g, a, d->req);
            add_apr(g, d, 0, b, d->at + rng_jitter(&g->r, HOUR, 2 * HOUR), AO_APPROVED);
        }
        break;
    }
    case S_AGENT_APPROVER:
    case S_SELF_APPROVAL:
    case S_UNKNOWN_APPROVER: {
        rq.tier = tier23;
        if (s == S_SELF_APPROVAL && rng_ppm(&g->r, 300000))
            rq.decider = -2;
        if (s == S_AGENT_APPROVER)
            rq.decider = -3;
        di = plan_dec(g, &rq);
        d = &g->g.d[di];
        plan_change(g, di, rng_jitter(&g->r, 10 * MINUTE, 6 * HOUR), 1);
        t = dec_t(d);
        struct who by;
        if (s == S_AGENT_APPROVER) {
            uint64_t k = rng_below(&g->r, 100);
            by = k < 30 ? d->by : pick_nonhuman(g); /* the agent as its own approver */
        } else if (s == S_SELF_APPROVAL) {
            if (d->by.kind != W_HUMAN && d->req.kind == W_NONE)
                d->req = pick_human(g);
            by = d->by.kind == W_HUMAN ? d->by : d->req;
        } else {
            by = pick_unknown(g);
        }
        int style = link_style(g, d);
        add_apr(g, d, style, by, rng_jitter(&g->r, d->at, t), AO_APPROVED);
        break;
    }
    case S_APPROVAL_AFTER:
    case S_STALE_APPROVAL:
        rq.tier = tier23;
        di = plan_dec(g, &rq);
        d = &g->g.d[di];
        plan_change(g, di, rng_jitter(&g->r, 10 * MINUTE, 2 * HOUR), 1);
        t = dec_t(d);
        {
            int style = link_style(g, d);
            struct who by = pick_human_not(g, d->by, d->req);
            int64_t at = s == S_APPROVAL_AFTER ? t + rng_jitter(&g->r, MINUTE, 8 * HOUR)
                         : rng_ppm(&g->r, 20000)
                             ? t - AMA - 1 /* one millisecond too old */
                             : t - AMA - rng_jitter(&g->r, MINUTE, 4 * DAY);
            add_apr(g, d, style, by, at, AO_APPROVED);
        }
        break;
    case S_NONHUMAN_NOTIFIED:
    case S_VETO_OPEN:
    case S_NOTIFIED_AFTER: {
        rq.tier = 2;
        di = plan_dec(g, &rq);
        d = &g->g.d[di];
        int wmin = veto_window_min(g);
        int64_t w = wmin ? wmin * MINUTE : VETO_DEFAULT;
        int64_t n = d->at + rng_jitter(&g->r, MINUTE, 10 * MINUTE);
        if (s == S_NONHUMAN_NOTIFIED) {
            plan_change(g, di, n + w + rng_jitter(&g->r, 0, 3 * HOUR) - d->at, 1);
        } else if (s == S_VETO_OPEN) {
            int64_t open = rng_ppm(&g->r, 20000)
                               ? n + w - 1 /* one millisecond before it closes */
                               : n + rng_jitter(&g->r, 5 * MINUTE, w - MINUTE);
            plan_change(g, di, open - d->at, 1);
        } else {
            plan_change(g, di, rng_jitter(&g->r, 10 * MINUTE, 2 * HOUR), 1);
            n = dec_t(d) + rng_jitter(&g->r, MINUTE, 3 * HOUR);
        }
        struct who to;
        if (s != S_NONHUMAN_NOTIFIED)
            to = pick_human_not(g, d->by, d->req);
        else if (rng_ppm(&g->r, 700000))
            to = (struct who){W_SVC, (uint32_t)rng_below(&g->r, N_SVC)};
        else
            to = pick_unknown(g);
        add_ntf(g, d, to, n, wmin);
        break;
    }
    case S_TIER_TOO_LOW:
        if (rng_ppm(&g->r, 600000)) { /* a veto window where approval was needed */
            rq.tier = 3;
            di = plan_dec(g, &rq);
            plan_valid_veto(g, di);
        } else { /* a break-glass policy for a production change */
            rq.tier = tier23;
            di = plan_dec(g, &rq);
            d = &g->g.d[di];
            d->pc = PC_FIXED;
            d->pol_idx = POL_BREAKGLASS;
            plan_change(g, di, rng_jitter(&g->r, 5 * MINUTE, HOUR), 0);
        }
        break;
    default: { /* S_INVALID_POLICY: the one path, rule 3, fails */
        static const int variant_action[7] = {
            -1, ACT_CONFIG, ACT_ROTATE, ACT_PATCH, ACT_SUPPRESS, ACT_IAM, ACT_PATCH};
        int v = (int)rng_below(&g->r, 7);
        if (g->groups == S_INVALID_POLICY)
            v = 3; /* the showcase cites a policy past review: stale-policy too */
        rq.tier = 1;
        rq.action = variant_action[v];
        di = plan_dec(g, &rq);
        d = &g->g.d[di];
        static const int variant_pol[7] = {
            -1,        POL_CONFIG_DRIFT, POL_IAM_V1, POL_NONPROD_V1,
            POL_ALERT, POL_NONPROD_V2,   -1};
        d->pc = v == 0 ? PC_MISSING : v == 6 ? PC_FUTURE : v == 5 ? PC_FAMILY : PC_FIXED;
        d->pol_idx = variant_pol[v];
        plan_change(g, di, rng_jitter(&g->r, 5 * MINUTE, 2 * HOUR), 0);
        break;
    }
    }
    plan_change_exposures(g, di);
}

static void plan_deferral(struct gen *g, int s)
{
    struct dec_req rq = req_default(OUT_DEFER);
    if (s == S_DEF_DECISION && rng_ppm(&g->r, 150000))
        rq.decider = -2; /* a person's dismissal: deferral and acceptance at once */
    if (s == S_DEF_PAIRS || s == S_DEF_PARTIAL)
        rq.nt = 1;
    int di = plan_dec(g, &rq);
    struct pdec *d = &g->g.d[di];
    if (s == S_DEF_PARTIAL && d->nv < 2) {
        d->nv = 2;
        d->v[1] = (d->v[0] + 1) % g->n_vuln;
        d->vmask[1] = 1;
    }
    d->pc = d->pc == PC_NONE ? PC_NONE : PC_FIXED;
    d->pol_idx = POL_TRIAGE;
    int64_t due = d->at + ASLA;
    struct aref t0 = d->nt > 0 ? d->t[0] : (struct aref){0};
    struct who owner = owner_for(g, t0);
    int64_t ack = rng_jitter(&g->r, d->at + HOUR, d->at + 4 * DAY);
    int64_t expires =
        rng_ppm(&g->r, 300000) ? NO_TIME : d->at + rng_jitter(&g->r, 60 * DAY, 365 * DAY);
    switch (s) {
    case S_DEF_DECISION:
        if (d->by.kind == W_HUMAN) {
            owner = d->by;
            ack = d->at;
        } else if (rng_ppm(&g->r, 10000)) {
            ack = due; /* acknowledged exactly at the due time: still valid */
        }
        {
            int ci = add_acc(g, d, 0, 0, t0, owner, ack, expires);
            if (d->nv > 0 && d->nt > 0 && rng_ppm(&g->r, 100000)) {
                g->g.c[ci].pair = 1; /* names the decision and one pair */
                g->g.c[ci].vuln = d->v[0];
            }
        }
        break;
    case S_DEF_PAIRS:
    case S_DEF_PARTIAL: {
        int skip = s == S_DEF_PARTIAL ? (int)rng_below(&g->r, (uint64_t)d->nv) : -1;
        for (int v = 0; v < d->nv; v++)
            for (int t = 0; t < d->nt; t++)
                if (v != skip) {
                    struct who o = owner_for(g, d->t[t]);
                    int64_t at = rng_jitter(&g->r, d->at + HOUR, d->at + 4 * DAY);
                    add_acc(g, NULL, 1, d->v[v], d->t[t], o, at, expires);
                }
        break;
    }
    case S_DEF_NONE:
        break;
    case S_DEF_LATE:
        add_acc(g, d, 0, 0, t0, owner, due + rng_jitter(&g->r, 1, 3 * DAY), expires);
        break;
    case S_DEF_NONHUMAN:
    case S_DEF_UNKNOWN:
        add_acc(g, d, 0, 0, t0, s == S_DEF_NONHUMAN ? pick_nonhuman(g) : pick_unknown(g),
                ack, expires);
        break;
    default: /* S_DEF_EXPIRED: expires at or before the due time */
        ack = rng_jitter(&g->r, d->at + HOUR, d->at + DAY);
        add_acc(g, d, 0, 0, t0, owner, ack,
                rng_ppm(&g->r, 200000) ? due : rng_jitter(&g->r, ack, due));
        break;
    }
    plan_deferral_exposures(g, di);
}

static void plan_escalation(struct gen *g, int s, uint64_t remaining)
{
    struct dec_req rq = req_default(OUT_ESCALATE);
    if (s == S_ESC_CHANGE && remaining < 2)
        s = S_ESC_APPROVAL;
    int di = plan_dec(g, &rq);
    struct pdec *d = &g->g.d[di];
    if (s == S_ESC_CHANGE && d->nt == 0)
        s = S_ESC_APPROVAL;
    int64_t due = d->at + ASLA;
    switch (s) {
    case S_ESC_APPROVAL: {
        uint64_t k = rng_below(&g->r, 100);
        struct who by = pick_human_not(g, d->by, d->by);
        int64_t at =
            rng_ppm(&g->r, 20000) ? due : d->at + rng_jitter(&g->r, 15 * MINUTE, 3 * DAY);
        add_apr(g, d, 0, by, at, k < 65 ? AO_APPROVED : k < 90 ? AO_REJECTED : AO_VETOED);
        break;
    }
    case S_ESC_ACCEPT: {
        struct aref t0 = d->nt ? d->t[0] : (struct aref){0};
        struct who o = owner_for(g, t0);
        add_acc(g, d, 0, 0, t0, o, d->at + rng_jitter(&g->r, HOUR, 4 * DAY), NO_TIME);
        break;
    }
    case S_ESC_CHANGE: { /* a person then made a traced change covering every pair */
        struct dec_req fr = req_default(OUT_ACT);
        fr.copy = d;
        fr.decider = rng_ppm(&g->r, 500000) ? -2 : d->agent;
        fr.action = d->nv > 0 ? ACT_PATCH : d->action;
        fr.at = d->at + rng_jitter(&g->r, HOUR, 2 * DAY);
        int fi = plan_dec(g, &fr);
        plan_change(g, fi, rng_jitter(&g->r, 10 * MINUTE, 3 * HOUR), 1);
        plan_valid_approval(g, fi);
        plan_change_exposures(g, fi);
        break;
    }
    default: { /* S_ESC_ORPHAN */
        uint64_t k = rng_below(&g->r, 100);
        struct who by = k < 20 ? pick_nonhuman(g) : pick_human(g);
        if (k < 20)
            add_apr(g, d, 0, by, d->at + rng_jitter(&g->r, HOUR, 2 * DAY), AO_APPROVED);
        else if (k < 40)
            add_apr(g, d, 0, by, due + rng_jitter(&g->r, 1, 2 * DAY), AO_APPROVED);
        else if (k < 50)
            add_acc(g, d, 0, 0, d->nt ? d->t[0] : (struct aref){0}, by,
                    due + rng_jitter(&g->r, 1, 2 * DAY), NO_TIME);
        break;
    }
    }
}

/* Exposures no decision covers (pairs drawn at random): silent deferrals, late fixes,
 * fixes within the SLA, and open findings not yet due. */
enum { X_NONE, X_SILENT, X_FIXED_LATE, X_FIXED_OK, X_OPEN_OK, X_COUNT };
static const unsigned extra_weight[X_COUNT] = {884000, 12000, 4000, 50000, 50000};

static void plan_extra(struct gen *g, int x)
{
    struct group *gp = &g->g;
    uint32_t v = (uint32_t)rng_below(&g->r, g->n_vuln);
    int high = x == X_SILENT || x == X_FIXED_LATE;
    for (int tries = 0; tries < 64 && high != (vuln_attr(g, v).cvss10 >= 70); tries++)
        v = (uint32_t)rng_below(&g->r, g->n_vuln); /* open-ok: low or medium */
    int sev = severity_of(vuln_attr(g, v).cvss10);
    int sevmode = high ? (int)rng_below(&g->r, 3) : -1;
    if (!high && sevmode < 0)
        sevmode = rng_weighted(&g->r, (const unsigned[]){45, 30, 20, 5}, 4);
    if (sevmode == 3)
        sev = CRIT_MEDIUM; /* SPEC §3 default_severity */
    struct aref a = pick_asset(g, -1, 0);
    int64_t base = gp->nd > 0 ? gp->d[0].at : 0;
    int64_t first = base - rng_jitter(&g->r, 0, 3 * DAY);
    int64_t sla = remediation_sla[sev];
    int xi;
    switch (x) {
    case X_SILENT: {
        int64_t last = first + rng_jitter(&g->r, HOUR, 10 * DAY);
        xi = add_exp(g, v, a, first, last, rng_ppm(&g->r, 500000), sevmode);
        if (xi >= 0 && rng_ppm(&g->r, 400000))
            add_obs(g, xi, first + rng_jitter(&g->r, 11 * DAY, sla), 1, 0);
        gp->horizon = first + sla + rng_jitter(&g->r, DAY, 5 * DAY);
        break;
    }
    case X_FIXED_LATE:
        xi =
            add_exp(g, v, a, first, first + rng_jitter(&g->r, HOUR, 5 * DAY), 0, sevmode);
        add_obs(g, xi, first + sla + rng_jitter(&g->r, DAY, 10 * DAY), 2, 0);
        break;
    case X_FIXED_OK:
        xi = add_exp(g, v, a, first, first + rng_jitter(&g->r, 0, DAY), 1, sevmode);
        add_obs(g, xi,
                first + rng_jitter(&g->r, DAY, sla / 2 < 30 * DAY ? sla / 2 : 30 * DAY),
                2, 0);
        break;
    default: {
        int64_t last =
            rng_ppm(&g->r, 800000) ? first + rng_jitter(&g->r, 0, 5 * DAY) : NO_TIME;
        add_exp(g, v, a, first, last, rng_ppm(&g->r, 500000), sevmode);
        break;
    }
    }
}

/* Records dated at or after the window end, for --after-to: they must change nothing
 * in a closed period. Times are offsets from the end. */
enum { A_NONE, A_APPROVAL, A_ACCEPT, A_EXPFIX, A_DECISION, A_REFUSAL, A_COUNT };

static void plan_after(struct gen *g, int kind)
{
    struct group *gp = &g->g;
    struct pdec *d0 = &gp->d[0];
    if (kind == A_EXPFIX && gp->nx == 0)
        kind = A_APPROVAL;
    if (kind == A_ACCEPT && d0->outcome == OUT_ACT)
        kind = A_APPROVAL;
    int64_t off = rng_jitter(&g->r, 0, 10 * DAY);
    switch (kind) {
    case A_APPROVAL:
    case A_REFUSAL: {
        int style = link_style(g, d0);
        struct who by = pick_human_not(g, d0->by, d0->req);
        int ai =
            add_apr(g, d0, style, by, off, kind == A_REFUSAL ? AO_VETOED : AO_APPROVED);
        gp->a[ai].after = 1;
        break;
    }
    case A_ACCEPT: {
        struct aref t0 = d0->nt ? d0->t[0] : (struct aref){0};
        int ci = add_acc(g, d0, 0, 0, t0, owner_for(g, t0), off, NO_TIME);
        gp->c[ci].after = 1;
        break;
    }
    case A_EXPFIX: {
        int xi = (int)rng_below(&g->r, (uint64_t)gp->nx);
        add_obs(g, xi, off + DAY, 2, 1);
        break;
    }
    default: { /* a later decision on the same targets, approved */
        struct dec_req rq = req_default(OUT_ACT);
        rq.copy = d0;
        rq.action = d0->nv > 0 ? ACT_PATCH : ACT_RESTART;
        rq.at = off;
        int di = plan_dec(g, &rq);
        struct pdec *d = &gp->d[di];
        d->after = 1;
        plan_change(g, di, rng_jitter(&g->r, 10 * MINUTE, 2 * HOUR), 1);
        struct who by = pick_human_not(g, d->by, d->req);
        int ai = add_apr(g, d, 0, by, rng_jitter(&g->r, d->at, d->deploy), AO_APPROVED);
        gp->a[ai].after = 1;
        break;
    }
    }
}

/* ---- emission ---------------------------------------------------------------------- */

static const char *const factor_values[5][4] = {
    {"internet-facing", "internal only", "VPN only", "partner network"},
    {"exploited in the wild (KEV)", "public PoC", "no known exploit", "theoretical"},
    {"revenue-critical", "customer-facing", "internal tool", "batch/offline"},
    {"rollback in 5 min", "blue/green switch", "snapshot restore", "irreversible"},
    {"WAF rule in place", "network segmentation", "none", "EDR in block mode"},
};
static const char *const factor_key[5] = {"exposure", "exploitability",
                                          "business_criticality", "reversibility",
                                          "compensating_controls"};
static const char *const rollback_plans[] = {
    "helm rollback to previous release", "redeploy last known-good image",
    "restore snapshot taken before change", "revert commit & re-run pipeline"};
static const char *const acc_rationale[] = {
    "Vendor fix not yet available; compensating controls in place",
    "Asset scheduled for decommission in Q4 & isolated <no inbound>",
    "Risk accepted per CAB \"2026-07-14\": exploit needs local access",
    "Patch breaks the payment flow; fix tracked in JIRA PAY-2210",
    "Accepted by owner — WAF virtual patch covers the vector",
    "Low exposure: host only reachable from the build VLAN"};
static const char *const comp_controls[][2] = {{"waf-virtual-patch", NULL},
                                               {"network-segmentation", "edr-block-mode"},
                                               {"mfa-enforced", NULL},
                                               {"ip-allowlist", "runtime-protection"}};

static int64_t abs_time(const struct gen *g, int64_t base, int after, int64_t off)
{
    return (after ? g->end : base) + off;
}

/* SPEC §2 "policy": (id, version) exactly; resolved here because it depends on `at`. */
static void jb_policy_cite(struct jb *b, const struct gen *g, const struct pdec *d,
                           int64_t at)
{
    int p = -1, missing = 0;
    switch (d->pc) {
    case PC_NONE:
        return;
    case PC_FIXED:
        p = d->pol_idx;
        break;
    case PC_FAMILY:
        p = d->pol_idx;
        while (p + 1 < POL_N && strcmp(policy_defs[p + 1].id, policy_defs[p].id) == 0 &&
               g->pol[p + 1].signed_at != NO_TIME && g->pol[p + 1].signed_at <= at)
            p++;
        break;
    case PC_FUTURE:
        if (g->pol[POL_NONPROD_V3].signed_at > at)
            p = POL_NONPROD_V3;
        else
            missing = 1;
        break;
    case PC_MISSING:
        missing = 1;
        break;
    default: { /* PC_OPERATING */
        int prod = 0;
        for (int i = 0; i < d->nt; i++)
            prod |= d->t[i].idx < 0 || g->asset[d->t[i].idx].env == ENV_PROD;
        if (d->outcome == OUT_DEFER)
            p = POL_TRIAGE;
        else if (prod)
            p = POL_PROD_CHANGE;
        else {
            static const int by_action[ACT_N] = {
                POL_NONPROD_V2, POL_NONPROD_V2, POL_RESTART, POL_RESTART,
                POL_NONPROD_V2, POL_NET_V1,     POL_IAM_V1,  POL_NET_V1,
                POL_IAM_V1,     POL_IAM_V1,     POL_ALERT,   POL_DEPS};
            struct pdec tmp = *d;
            tmp.pc = PC_FAMILY;
            tmp.pol_idx = by_action[d->action];
            jb_policy_cite(b, g, &tmp, at);
            return;
        }
        break;
    }
    }
    jb_key(b, "policy");
    jb_open(b, '{');
    if (missing) {
        jb_kstr(b, "id", (d->id & 1) ? "POL-NONPROD-PATCH" : "POL-GHOST-RUNBOOK");
        jb_kint(b, "version", (d->id & 1) ? 9 : 1);
    } else {
        jb_kstr(b, "id", policy_defs[p].id);
        jb_kint(b, "version", (uint64_t)policy_defs[p].version);
    }
    jb_close(b, '}');
}

/* Rationales: some carry <&>" and non-ASCII text, to exercise every escaper. */
static void jb_rationale(struct jb *b, const struct gen *g, const struct pdec *d)
{
    int v = d->outcome == OUT_DEFER      ? 10 + d->rationale % 3
            : d->outcome == OUT_ESCALATE ? 13 + d->rationale % 2
                                         : d->rationale;
    jb_key(b, "rationale");
    jb_ch(b, '"');
    switch (v) {
    case 0:
    case 5:
        jb_esc(b, "Auto-remediation of ");
        if (d->nv > 0)
            jb_vuln_raw(b, d->v[0]);
        else
            jb_esc(b, "config drift");
        jb_esc(b, " within the maintenance window");
        break;
    case 1:
    case 6:
        jb_esc(b, "Fix <24h required & exploit public: \"");
        if (d->nt > 0)
            asset_id_raw(b, g, d->t[0]);
        jb_esc(b, "\" is exposed");
        break;
    case 2:
        jb_esc(b, "Canary healthy, error budget OK → proceeding");
        break;
    case 3:
        jb_esc(b, "Ticket from Zoë: \"please restart after 18:00\" — done");
        break;
    case 4:
    case 7:
        jb_esc(b, "Drift detected against baseline; restoring desired state");
        break;
    case 8:
        jb_esc(b, "Health check failing for 3 intervals; remediating per runbook RB-12");
        break;
    case 9:
        jb_esc(b, "Routine maintenance");
        break;
    case 10:
        jb_esc(b, "Deferral: compensating control in place (WAF rule <id 4471> & "
                  "segmentation); vendor fix pending");
        break;
    case 11:
        jb_esc(b, "Not exploitable in our configuration; revisit when the vendor ships a "
                  "fix");
        break;
    case 12:
        jb_esc(b, "Upgrade blocked by a major-version breaking change");
        break;
    case 13:
        jb_esc(b, "Escalating: confidence below threshold; a human must decide");
        break;
    default:
        jb_esc(b, "Escalating: change touches a tier-0 system & needs an owner's call");
        break;
    }
    jb_ch(b, '"');
}

static void emit_decision(struct gen *g, const struct pdec *d, int64_t base)
{
    struct jb *b = &g->jb;
    int64_t at = abs_time(g, base, d->after, d->at);
    jb_begin(b, "decision");
    jb_kid(b, "id", "dec-", d->id);
    jb_key(b, "agent");
    jb_who(b, g, d->by);
    jb_ktime(b, "at", at);
    jb_kstr(b, "action", action_name[d->action]);
    jb_kstr(b, "outcome", outcome_name[d->outcome]);
    jb_key(b, "targets");
    jb_open(b, '[');
    for (int i = 0; i < d->nt; i++) {
        jb_sep(b);
        jb_asset(b, g, d->t[i]);
    }
    jb_close(b, ']');
    if (d->nv > 0) {
        jb_key(b, "vulns");
        jb_open(b, '[');
        for (int i = 0; i < d->nv; i++) {
            struct vattr va = vuln_attr(g, d->v[i]);
            jb_sep(b);
            jb_open(b, '{');
            jb_key(b, "id");
            jb_vuln(b, d->v[i]);
            if (d->vmask[i] & 1) {
                jb_key(b, "cvss");
                jb_fixed(b, va.cvss10, 1);
            }
            if (d->vmask[i] & 2)
                jb_kstr(b, "severity", level_name[severity_of(va.cvss10)]);
            if (d->vmask[i] & 4)
                jb_kbool(b, "kev", va.kev);
            if (d->vmask[i] & 8) {
                jb_key(b, "epss");
                jb_fixed(b, va.epss10k, 4);
            }
            jb_close(b, '}');
        }
        jb_close(b, ']');
    }
    if (d->factors != 0) {
        jb_key(b, "factors");
        jb_open(b, '{');
        for (int i = 0; i < 5; i++) {
            int on = d->factors == 1 || (d->factors == 2 && i >= 3) ||
                     (d->factors == 3 && (i == 0 || i == 3));
            if (on)
                jb_kstr(b, factor_key[i], factor_values[i][d->fx[i]]);
        }
        jb_close(b, '}');
    }
    if (d->confidence >= 0) {
        jb_key(b, "confidence");
        if (d->confidence >= 100)
            jb_lit(b, "1");
        else
            jb_fixed(b, (unsigned)d->confidence, 2);
    }
    if (d->rationale >= 0)
        jb_rationale(b, g, d);
    jb_policy_cite(b, g, d, at);
    if (d->tier > 0)
        jb_kint(b, "tier", (uint64_t)d->tier);
    if (d->level > 0)
        jb_kint(b, "automation_level", (uint64_t)d->level);
    if (d->has_change) {
        jb_key(b, "change");
        jb_open(b, '{');
        jb_kid(b, "ref", "CHG-", d->ref);
        if (d->req.kind != W_NONE) {
            jb_key(b, "requested_by");
            jb_who(b, g, d->req);
        }
        if (d->has_deploy)
            jb_ktime(b, "deployed_at", abs_time(g, base, d->after, d->deploy));
        if (d->tests != 0) {
            static const char *const result[] = {"", "passed", "failed", "skipped"};
            jb_key(b, "tests");
            jb_open(b, '{');
            jb_kid(b, "ref", "ci-run-", d->id);
            jb_kstr(b, "result", result[d->tests]);
            jb_close(b, '}');
        }
        if (d->rollback)
            jb_kstr(b, "rollback_plan", rollback_plans[d->id % 4]);
        jb_close(b, '}');
    }
    jb_finish(b);
}

static void emit_approval(struct gen *g, const struct papr *a, int64_t base)
{
    struct jb *b = &g->jb;
    jb_begin(b, "approval");
    jb_kid(b, "id", "apr-", a->id);
    if (a->dec != 0)
        jb_kid(b, "decision", "dec-", a->dec);
    if (a->ref != 0)
        jb_kid(b, "change_ref", "CHG-", a->ref);
    jb_key(b, "by");
    jb_who(b, g, a->by);
    jb_ktime(b, "at", abs_time(g, base, a->after, a->at));
    jb_kstr(b, "outcome", approval_outcome_name[a->outcome]);
    if (a->evidence < 4) {
        jb_key(b, "evidence");
        jb_ch(b, '"');
        jb_lit(b, "https://servicenow.example.com/change/");
        jb_u64(b, a->id, 8);
        jb_ch(b, '"');
    } else if (a->evidence < 7) {
        jb_key(b, "evidence");
        jb_open(b, '{');
        jb_kstr(b, "system", a->evidence == 4 ? "slack" : "jira");
        jb_kid(b, "ticket", a->evidence == 4 ? "msg-" : "OPS-", a->id);
        jb_close(b, '}');
    }
    jb_finish(b);
}

static void emit_notification(struct gen *g, const struct pntf *n, int64_t base)
{
    struct jb *b = &g->jb;
    jb_begin(b, "notification");
    jb_kid(b, "id", "ntf-", n->id);
    jb_kid(b, "decision", "dec-", n->dec);
    jb_key(b, "to");
    jb_who(b, g, n->to);
    jb_ktime(b, "at", abs_time(g, base, n->after, n->at));
    if (n->window_min > 0) {
        jb_key(b, "veto_window");
        jb_ch(b, '"');
        jb_lit(b, "PT");
        if (n->window_min % 60 == 0) {
            jb_u64(b, (uint64_t)n->window_min / 60, 1);
            jb_ch(b, 'H');
        } else {
            jb_u64(b, (uint64_t)n->window_min, 1);
            jb_ch(b, 'M');
        }
        jb_ch(b, '"');
    }
    jb_finish(b);
}

static void emit_acceptance(struct gen *g, const struct pacc *c, int64_t base)
{
    struct jb *b = &g->jb;
    int64_t ack = abs_time(g, base, c->after, c->ack);
    jb_begin(b, "risk_acceptance");
    jb_kid(b, "id", "ra-", c->id);
    if (c->dec != 0)
        jb_kid(b, "decision", "dec-", c->dec);
    if (c->pair) {
        jb_key(b, "vuln");
        jb_vuln(b, c->vuln);
        jb_key(b, "asset");
        jb_asset(b, g, c->asset);
    }
    jb_key(b, "owner");
    jb_who(b, g, c->owner);
    jb_ktime(b, "acknowledged_at", ack);
    if (c->expires != NO_TIME)
        jb_ktime(b, "expires", abs_time(g, base, c->after, c->expires));
    if (c->rationale < 5)
        jb_kstr(b, "rationale", acc_rationale[c->rationale]);
    if (c->comp < 3) {
        jb_key(b, "compensating_controls");
        jb_open(b, '[');
        for (int i = 0; i < 2; i++)
            if (comp_controls[c->comp][i] != NULL) {
                jb_sep(b);
                jb_str(b, comp_controls[c->comp][i]);
            }
        jb_close(b, ']');
    }
    jb_finish(b);
}

static void emit_exposure(struct gen *g, const struct pexp *x, int obs, int64_t base)
{
    struct jb *b = &g->jb;
    const struct pobs *o = &x->obs[obs];
    struct vattr va = vuln_attr(g, x->vuln);
    jb_begin(b, "exposure");
    jb_kid(b, "id", "exp-", x->id);
    jb_key(b, "vuln");
    jb_vuln(b, x->vuln);
    jb_key(b, "asset");
    jb_asset(b, g, x->asset);
    jb_ktime(b, "first_seen", base + x->first);
    if (o->last != NO_TIME)
        jb_ktime(b, "last_seen", abs_time(g, base, o->after, o->last));
    if (o->status != 0)
        jb_kstr(b, "status", o->status == 2 ? "fixed" : "open");
    if (x->sevmode == 0 || x->sevmode == 2)
        jb_kstr(b, "severity", level_name[severity_of(va.cvss10)]);
    if (x->sevmode <= 1) {
        jb_key(b, "cvss");
        jb_fixed(b, va.cvss10, 1);
    }
    jb_finish(b);
}

/* Earliest and latest time offset of the group's in-window records. */
static void group_span(const struct group *gp, int64_t *lo, int64_t *hi)
{
    int64_t l = 0, h = gp->horizon;
#define SPAN(t)                                                                          \
    do {                                                                                 \
        if ((t) < l)                                                                     \
            l = (t);                                                                     \
        if ((t) > h)                                                                     \
            h = (t);                                                                     \
    } while (0)
    for (int i = 0; i < gp->nd; i++)
        if (!gp->d[i].after) {
            SPAN(gp->d[i].at);
            SPAN(gp->d[i].deploy);
        }
    for (int i = 0; i < gp->na; i++)
        if (!gp->a[i].after)
            SPAN(gp->a[i].at);
    for (int i = 0; i < gp->nn; i++)
        if (!gp->n[i].after)
            SPAN(gp->n[i].at);
    for (int i = 0; i < gp->nc; i++)
        if (!gp->c[i].after)
            SPAN(gp->c[i].ack);
    for (int i = 0; i < gp->nx; i++) {
        SPAN(gp->x[i].first);
        for (int k = 0; k < gp->x[i].nobs; k++)
            if (!gp->x[i].obs[k].after && gp->x[i].obs[k].last != NO_TIME)
                SPAN(gp->x[i].obs[k].last);
    }
#undef SPAN
    *lo = l;
    *hi = h;
}

static void emit_group(struct gen *g)
{
    struct group *gp = &g->g;
    int64_t lo, hi;
    group_span(gp, &lo, &hi);
    /* Place the group so that [base + lo, base + hi] lies in [start, end); a group
     * longer than the window keeps its first decision in it and spills over. */
    int64_t first = floor_div(g->start - lo + SEC - 1, SEC);
    int64_t last = floor_div(g->end - SEC - hi, SEC);
    if (last < first) {
        first = g->start / SEC;
        last = floor_div(g->end - SEC, SEC);
    }
    int64_t base = rng_span(&g->r, first, last) * SEC;
    int j = 0;
    for (int i = 0; i < gp->ni; i++) {
        const struct item *it = &gp->it[i];
        int after;
        switch (it->type) {
        case IT_DEC:
            after = gp->d[it->idx].after;
            break;
        case IT_APR:
            after = gp->a[it->idx].after;
            break;
        case IT_NTF:
            after = gp->n[it->idx].after;
            break;
        case IT_ACC:
            after = gp->c[it->idx].after;
            break;
        default:
            after = gp->x[it->idx].obs[it->sub].after;
            break;
        }
        struct sink *s;
        if (after) {
            if (g->after.fp == NULL)
                continue;
            s = &g->after;
        } else {
            s = &g->part[(g->groups + (uint64_t)j++) % (uint64_t)g->nparts];
        }
        switch (it->type) {
        case IT_DEC:
            emit_decision(g, &gp->d[it->idx], base);
            break;
        case IT_APR:
            emit_approval(g, &gp->a[it->idx], base);
            break;
        case IT_NTF:
            emit_notification(g, &gp->n[it->idx], base);
            break;
        case IT_ACC:
            emit_acceptance(g, &gp->c[it->idx], base);
            break;
        default:
            emit_exposure(g, &gp->x[it->idx], it->sub, base);
            break;
        }
        sink_write(s, &g->jb);
    }
}

static void generate(struct gen *g)
{
    while (g->emitted < g->o.decisions) {
        struct group *gp = &g->g;
        gp->nd = gp->na = gp->nn = gp->nc = gp->nx = gp->ni = 0;
        gp->horizon = 0;
        uint64_t remaining = g->o.decisions - g->emitted;
        /* The first groups show every scenario once, so small estates have them all;
         * plan_dec and plan_untraced force the rarer overlays in groups 0, 1 and 14. */
        int s = g->groups < S_COUNT ? (int)g->groups
                                    : rng_weighted(&g->r, scen_weight, S_COUNT);
        if (s == S_TRACED || s == S_REFUSED_AFTER) {
            plan_traced(g, req_default(OUT_ACT));
            if (s == S_REFUSED_AFTER) { /* vetoed after the deploy: does not block */
                const struct pdec *d = &gp->d[0];
                int style = link_style(g, d);
                struct who by = pick_human_not(g, d->by, d->req);
                add_apr(g, d, style, by, dec_t(d) + rng_jitter(&g->r, 30 * MINUTE, DAY),
                        AO_VETOED);
            }
        } else if (s == S_WAVE || s == S_WAVE_SELF) {
            plan_wave(g, remaining, s == S_WAVE ? 0 : 1);
        } else if (s == S_DESPITE_VETO && remaining >= 2 && rng_ppm(&g->r, 150000)) {
            plan_wave(g, remaining, 2);
        } else if (s <= S_WAVE_SELF) {
            plan_untraced(g, s);
        } else if (s <= S_DEF_PARTIAL) {
            plan_deferral(g, s);
        } else {
            plan_escalation(g, s, remaining);
        }
        int x = g->groups < S_COUNT + 4 && g->groups >= S_COUNT
                    ? (int)(g->groups - S_COUNT) + 1
                    : rng_weighted(&g->r, extra_weight, X_COUNT);
        if (x != X_NONE)
            plan_extra(g, x);
        int a = g->groups < A_COUNT - 1 ? (int)g->groups + 1
                : rng_ppm(&g->r, 80000) ? (int)rng_span(&g->r, 1, A_COUNT - 1)
                                        : A_NONE;
        if (a != A_NONE)
            plan_after(g, a);
        int counted = 0;
        for (int i = 0; i < gp->nd; i++)
            counted += !gp->d[i].after;
        emit_group(g);
        g->emitted += (uint64_t)counted;
        g->groups++;
    }
}

/* ---- command line ------------------------------------------------------------------ */

static void usage(FILE *fp)
{
    fputs(
        "usage: genestate [--seed N] [--decisions N] [--start TIME] [--days N]\n"
        "                 [--split K] [-o DIR] [--after-to]\n"
        "\n"
        "Writes a deterministic estate of N decisions in signoff's native JSON Lines.\n"
        "\n"
        "  --seed N       PRNG seed (default 1); same arguments, same bytes\n"
        "  --decisions N  decisions in the window (default 1000, at most 100000000)\n"
        "  --start TIME   window start, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ\n"
        "                 (default 2026-07-01T00:00:00Z)\n"
        "  --days N       window length in days (default 92)\n"
        "  -o DIR         write DIR/base.jsonl and DIR/estate.jsonl (default: stdout)\n"
        "  --split K      with -o: DIR/part-000.jsonl ... part-(K-1) instead of estate\n"
        "  --after-to     with -o: also DIR/after.jsonl, records dated after the "
        "window\n",
        fp);
}

static int parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static void bad_usage(const char *fmt, const char *arg)
{
    fputs("genestate: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    usage(stderr);
    exit(EX_USAGE);
}

static void parse_args(struct opts *o, int argc, char **argv)
{
    static const struct option longopts[] = {{"seed", required_argument, NULL, 's'},
                                             {"decisions", required_argument, NULL, 'n'},
                                             {"start", required_argument, NULL, 'S'},
                                             {"days", required_argument, NULL, 'd'},
                                             {"split", required_argument, NULL, 'k'},
                                             {"after-to", no_argument, NULL, 'a'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    uint64_t v;
    o->seed = 1;
    o->decisions = 1000;
    o->start = days_from_civil(2026, 7, 1) * DAY;
    o->days = 92;
    o->split = 0;
    o->after_to = 0;
    o->dir = NULL;
    opterr = 0;
    for (;;) {
        int c = getopt_long(argc, argv, ":o:h", longopts, NULL);
        if (c == -1)
            break;
        switch (c) {
        case 's':
            if (parse_u64(optarg, 0, UINT64_MAX, &o->seed) != 0)
                bad_usage("--seed wants a non-negative integer, not \"%s\"", optarg);
            break;
        case 'n':
            if (parse_u64(optarg, 0, MAX_DECISIONS, &o->decisions) != 0)
                bad_usage("--decisions wants 0 to 100000000, not \"%s\"", optarg);
            break;
        case 'S':
            if (parse_start(optarg, &o->start) != 0)
                bad_usage("--start wants YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, not \"%s\"",
                          optarg);
            break;
        case 'd':
            if (parse_u64(optarg, 1, MAX_DAYS, &v) != 0)
                bad_usage("--days wants 1 to 3650, not \"%s\"", optarg);
            o->days = (int)v;
            break;
        case 'k':
            if (parse_u64(optarg, 1, MAX_SPLIT, &v) != 0)
                bad_usage("--split wants 1 to 1000, not \"%s\"", optarg);
            o->split = (int)v;
            break;
        case 'a':
            o->after_to = 1;
            break;
        case 'o':
            if (*optarg == '\0')
                bad_usage("%s", "-o wants a directory");
            o->dir = optarg;
            break;
        case 'h':
            usage(stdout);
            exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 : EX_IOERR);
        case ':':
            bad_usage("%s needs an argument", argv[optind - 1]);
            break;
        default:
            bad_usage("unknown option \"%s\"", argv[optind - 1]);
            break;
        }
    }
    if (optind < argc)
        bad_usage("unexpected argument \"%s\"", argv[optind]);
    if (o->split > 0 && o->dir == NULL)
        bad_usage("%s", "--split needs -o DIR");
}

/* Remove what an earlier run left in DIR under our names, so that DIR holds exactly
 * one estate (a stale part-007.jsonl would join the next run's input). */
static void clean_dir(const char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    if (dp == NULL)
        die(EX_CANTCREAT, "cannot open \"%s\"", dir, strerror(errno));
    while ((e = readdir(dp)) != NULL) {
        const char *n = e->d_name;
        size_t len = strlen(n);
        int ours = strcmp(n, "base.jsonl") == 0 || strcmp(n, "estate.jsonl") == 0 ||
                   strcmp(n, "after.jsonl") == 0 ||
                   (strncmp(n, "part-", 5) == 0 && len == 14 &&
                    strspn(n + 5, "0123456789") == 3 && strcmp(n + 8, ".jsonl") == 0);
        if (!ours)
            continue;
        size_t pn = strlen(dir) + len + 2;
        char *path = malloc(pn);
        if (path == NULL)
            die(EX_OSERR, "%s", "out of memory", NULL);
        snprintf(path, pn, "%s/%s", dir, n);
        if (remove(path) != 0)
            die(EX_CANTCREAT, "cannot remove \"%s\"", path, strerror(errno));
        free(path);
    }
    closedir(dp);
}

int main(int argc, char **argv)
{
    static struct gen gen; /* large: the group and the record buffer */
    struct gen *g = &gen;
    parse_args(&g->o, argc, argv);
    rng_seed(&g->r, g->o.seed);
    g->start = g->o.start;
    g->end = g->start + (int64_t)g->o.days * DAY;

    /* Pools: grow with N up to a cap, so memory is flat past ~500 k decisions. */
    g->n_human = clamp_u32(g->o.decisions / 250, 40, 4000);
    g->n_asset = clamp_u32(g->o.decisions / 15, 200, 40000);
    g->n_vuln = clamp_u32(g->o.decisions / 20, 300, 50000);
    g->asset = calloc(g->n_asset, sizeof *g->asset);
    if (g->asset == NULL)
        die(EX_OSERR, "%s", "out of memory", NULL);

    size_t bufsize = 4u << 20;
    if (g->o.dir != NULL) {
        if (mkdir(g->o.dir, 0777) != 0 && errno != EEXIST)
            die(EX_CANTCREAT, "cannot create \"%s\"", g->o.dir, strerror(errno));
        clean_dir(g->o.dir);
        sink_open(&g->base, g->o.dir, "base.jsonl", 1u << 20);
        g->nparts = g->o.split > 0 ? g->o.split : 1;
        g->part = calloc((size_t)g->nparts, sizeof *g->part);
        if (g->part == NULL)
            die(EX_OSERR, "%s", "out of memory", NULL);
        size_t each = bufsize / (size_t)g->nparts;
        if (each < (64u << 10))
            each = 64u << 10;
        for (int i = 0; i < g->nparts; i++) {
            char name[32];
            if (g->o.split > 0)
                snprintf(name, sizeof name, "part-%03d.jsonl", i);
            else
                snprintf(name, sizeof name, "estate.jsonl");
            sink_open(&g->part[i], g->o.dir, name, each);
        }
        if (g->o.after_to)
            sink_open(&g->after, g->o.dir, "after.jsonl", 1u << 20);
    } else {
        if (g->o.after_to)
            fputs("genestate: --after-to needs -o DIR; after.jsonl not written\n",
                  stderr);
        sink_stdout(&g->base, bufsize);
        g->nparts = 1;
        g->part = &g->base;
    }

    write_identities(g);
    write_agents(g);
    write_assets(g);
    write_policies(g);
    generate(g);

    if (g->o.dir != NULL) {
        for (int i = 0; i < g->nparts; i++)
            sink_close(&g->part[i]);
        free(g->part);
        sink_close(&g->after);
    }
    sink_close(&g->base);
    for (int a = 0; a < N_AGENTS; a++)
        for (int t = 0; t < 4; t++)
            free(g->agent[a].cand[t].v);
    for (int t = 0; t < 4; t++)
        free(g->all[t].v);
    free(g->asset);
    return 0;
}

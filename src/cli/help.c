/* cli/help.c: see help.h. The texts use the words of the man pages in docs/man/
 * (tests/scripts/help_man.sh checks that every option and its default agree). */
#include "help.h"
#include "signoff/datadir.h"

#include <cairo.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltconfig.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <pango/pango.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char overview[] =
    "usage: signoff COMMAND [OPTION...] [FILE...]\n"
    "       signoff help [COMMAND] | signoff COMMAND --help | signoff --version\n"
    "\n"
    "signoff traces every change an AI or automation agent made, and every\n"
    "vulnerability it decided not to fix, to the named human who authorized it, and\n"
    "writes the evidence package an auditor asks for.\n"
    "\n"
    "commands:\n"
    "  ingest    validate native records and add them to the evidence store\n"
    "  import    turn scanner and advisory documents into records\n"
    "  check     judge a period and list its findings\n"
    "  trace     the timeline of one decision, change ref or vulnerability\n"
    "  report    write the evidence package (PDF, XML, OSCAL, manifest)\n"
    "  verify    check a package against its manifest\n"
    "  mappings  list or check the framework mapping files\n"
    "  help      print the help of a command\n"
    "\n"
    "environment:\n"
    "  SIGNOFF_NOW      an RFC 3339 time that replaces the clock (for last-quarter)\n"
    "  SIGNOFF_DATADIR  the folder holding mappings/ and templates/\n"
    "  NO_COLOR         when set and not empty, no colour even on a terminal\n"
    "\n"
    "exit status: 0 success, 1 findings matched --fail-on, 64 usage error,\n"
    "65 bad input data, 66 input missing, 70 internal error, 73 cannot create\n"
    "output, 74 I/O error\n"
    "\n"
    "example:\n"
    "  signoff check --period 2026-Q3 samples/\n"
    "\n"
    "More in signoff(1) and one page per command: man signoff-check.\n";

static const struct help {
    const char *cmd, *text;
} helps[] = {
    {"ingest",
     "usage: signoff ingest [--store DB] [--quiet] FILE...\n"
     "\n"
     "Validates native records (identity, agent, asset, policy, decision, approval,\n"
     "notification, risk_acceptance, exposure; JSON Lines, or one JSON value in a\n"
     ".json file) and, with --store, adds them to the evidence store in one\n"
     "transaction. A FILE that is a directory stands for its *.jsonl and *.json files,\n"
     "in name order. Every bad record is reported as FILE:LINE: message and nothing of\n"
     "a failed ingest enters the store. A record already stored with the same content\n"
     "is skipped, so ingesting the same export twice is safe; the same id with other\n"
     "content is an error (evidence is append-only).\n"
     "\n"
     "options:\n"
     "  --store DB  the evidence store, an SQLite file, created when missing;\n"
     "              default: none, the files are only validated\n"
     "  --quiet     print nothing on success\n"
     "  --help      print this help\n"
     "\n"
     "example:\n"
     "  signoff ingest --store evidence.db exports/2026-Q3/\n"},
    {"import",
     "usage: signoff import [--store DB] [--quiet]\n"
     "                      --format dependabot|openvex|cyclonedx|trivy|grype\n"
     "                      [--asset ID | --asset-map FILE] [--seen-at TIME] FILE...\n"
     "\n"
     "Turns scanner and advisory documents into native records (exposures, deferrals,\n"
     "risk acceptances, agents; never identities), with the same rules as ingest: one\n"
     "transaction, every bad element reported as FILE:LINE: POINTER: message. Ids\n"
     "come from the source, so importing the same document twice changes nothing.\n"
     "A person named by a document stays an unknown id until an identity record\n"
     "declares them; a dismissal by automation (a bot, an auto-dismissal, VEX\n"
     "tooling) is a deferral by an agent, with no owner. A scanner's later report of\n"
     "an artifact closes what it no longer lists. docs/importers.md has every field\n"
     "mapping.\n"
     "\n"
     "options:\n"
     "  --format F        dependabot, openvex, cyclonedx, trivy or grype (required)\n"
     "  --asset ID        the asset every record is about;\n"
     "                    default: the document's own product or repository id\n"
     "  --asset-map FILE  a file mapping product, purl or repository patterns to\n"
     "                    asset ids\n"
     "  --seen-at TIME    the time of a scanner report that carries none (RFC 3339)\n"
     "  --store DB        the evidence store, created when missing;\n"
     "                    default: none, the documents are only validated\n"
     "  --quiet           print nothing on success\n"
     "  --help            print this help\n"
     "\n"
     "example:\n"
     "  signoff import --store evidence.db --format dependabot alerts.json\n"},
    {"check",
     "usage: signoff check [--store DB] [--settings F] [--period P] [--json]\n"
     "                     [--fail-on LIST] [--controls FRAMEWORK [--baseline B]]\n"
     "                     [--mappings DIR] [--quiet] [FILE...]\n"
     "\n"
     "Judges every decision of the period by the rules (docs/rules.md) and prints the\n"
     "findings: a table by severity and a summary line, or with --json one line per\n"
     "finding. With --controls, prints each mapped control's status instead. The\n"
     "FILEs are read with the store, in memory only; give --store, FILEs or both.\n"
     "\n"
     "options:\n"
     "  --store DB       read the evidence store DB; default: none, the FILEs only\n"
     "  --settings F     the settings file (tiers, windows, SLAs);\n"
     "                   default: the built-in settings\n"
     "  --period P       2026-Q3, 2026-07, 2026, A..B or last-quarter; default: all\n"
     "                   time, as of one second after the latest event\n"
     "  --json           one JSON object per finding per line, sorted by finding\n"
     "                   then subject\n"
     "  --fail-on LIST   exit 1 when a finding matches: a severity (high, medium,\n"
     "                   low: that or higher) or a finding code, comma-separated;\n"
     "                   default: exit 0 whatever is found\n"
     "  --controls FW    print the status of each control of framework FW (soc2,\n"
     "                   iso27001, fedramp, ai-rmf) instead of the findings\n"
     "  --baseline B     with --controls fedramp: low, moderate or high;\n"
     "                   default: every FedRAMP control\n"
     "  --mappings DIR   the mapping files; default: the installed mappings\n"
     "  --quiet          no summary line\n"
     "  --help           print this help\n"
     "\n"
     "example:\n"
     "  signoff check --period 2026-Q3 --fail-on high samples/\n"},
    {"trace",
     "usage: signoff trace [--store DB] [--settings F] [--period P] [--json] ID\n"
     "                     [FILE...]\n"
     "\n"
     "Prints the full story of a decision id, a change ref or a vulnerability id\n"
     "(such as CVE-2026-43356): every decision about it and every approval,\n"
     "notification, risk acceptance and scanner observation, in time order; then\n"
     "the verdict in words: who authorized it and how, or why nothing did. For SEC\n"
     "disclosure work (Form 8-K Item 1.05, Reg. S-K Item 106).\n"
     "\n"
     "options:\n"
     "  --store DB     read the evidence store DB; default: none, the FILEs only\n"
     "  --settings F   the settings file; default: the built-in settings\n"
     "  --period P     the period whose end judges the evidence; default: all\n"
     "                 time, as of one second after the latest event\n"
     "  --json         one JSON object per event and per verdict, one per line\n"
     "  --help         print this help\n"
     "\n"
     "example:\n"
     "  signoff trace --period 2026-Q3 CVE-2026-43356 samples/\n"},
    {"report",
     "usage: signoff report [--store DB] [--settings F] [--period P]\n"
     "                      [--framework LIST] [--baseline B] [--format LIST]\n"
     "                      [--org NAME] [--paper a4|letter] [--mappings DIR]\n"
     "                      [--fail-on LIST] [--force] [--quiet] -o DIR [FILE...]\n"
     "\n"
     "Writes the evidence package of the period into the folder DIR: report.pdf,\n"
     "the PDF an auditor reads; package.xml (the same content, machine-readable),\n"
     "oscal-assessment-results.xml (OSCAL 1.1.3) and manifest.json (SHA-256 of\n"
     "every input and output). The package is built beside DIR and renamed into\n"
     "place only when complete: a failed run leaves nothing. Prints the package\n"
     "digest, the SHA-256 of manifest.json.\n"
     "\n"
     "options:\n"
     "  -o DIR            the package folder (required; also --output DIR)\n"
     "  --force           replace an existing DIR atomically; default: an\n"
     "                    existing DIR is refused (exit 73)\n"
     "  --format LIST     pdf, xml, oscal, comma-separated; default: pdf,xml,oscal\n"
     "  --paper P         a4 or letter; default: a4\n"
     "  --framework LIST  soc2, iso27001, fedramp, ai-rmf, comma-separated;\n"
     "                    default: every framework\n"
     "  --baseline B      the FedRAMP baseline, low, moderate or high;\n"
     "                    default: every FedRAMP control\n"
     "  --org NAME        the organization named in the documents\n"
     "  --store DB        read the evidence store DB; default: none, the FILEs only\n"
     "  --settings F      the settings file; default: the built-in settings\n"
     "  --period P        2026-Q3, 2026-07, 2026, A..B or last-quarter; default: all\n"
     "                    time, as of one second after the latest event\n"
     "  --mappings DIR    the mapping files; default: the installed mappings\n"
     "  --fail-on LIST    exit 1, once the package is complete, when a finding\n"
     "                    matches (as for check); default: exit 0\n"
     "  --quiet           print nothing on success\n"
     "  --help            print this help\n"
     "\n"
     "example:\n"
     "  signoff report --period 2026-Q3 --org \"Example Corp\" -o out/2026-Q3 samples/\n"},
    {"verify",
     "usage: signoff verify DIR\n"
     "\n"
     "Checks every file of the package DIR against its manifest.json: names every\n"
     "file that changed, is missing or was added, and exits 65; else prints the\n"
     "package digest and exits 0.\n"
     "\n"
     "options:\n"
     "  --help  print this help\n"
     "\n"
     "example:\n"
     "  signoff verify out/2026-Q3\n"},
    {"mappings",
     "usage: signoff mappings [--check] [--mappings DIR]\n"
     "\n"
     "Lists the frameworks of the mapping files (SOC 2, ISO/IEC 27001:2022, FedRAMP\n"
     "Rev. 5, NIST AI RMF 1.0) and their controls with the finding codes that count\n"
     "against each. With --check, verifies the files instead: every control ID real\n"
     "in its framework's catalog and edition, none listed twice, every finding code\n"
     "and evidence kind known and every finding code mapped; every problem is\n"
     "printed as FILE:LINE: POINTER: message (exit 65).\n"
     "\n"
     "options:\n"
     "  --check         verify the files instead of listing them\n"
     "  --mappings DIR  the mapping files; default: the installed mappings\n"
     "  --help          print this help\n"
     "\n"
     "example:\n"
     "  signoff mappings --check --mappings my-mappings/\n"},

};

void cli_print_help(const char *cmd)
{
    if (cmd == NULL) {
        fputs(overview, stdout);
        return;
    }
    for (size_t i = 0; i < sizeof(helps) / sizeof(helps[0]); i++)
        if (strcmp(helps[i].cmd, cmd) == 0)
            fputs(helps[i].text, stdout);
}

int cli_has_help(const char *cmd)
{
    for (size_t i = 0; i < sizeof(helps) / sizeof(helps[0]); i++)
        if (strcmp(helps[i].cmd, cmd) == 0)
            return 1;
    return 0;
}

static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64];
    if (la >= 63 || lb >= 63)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t best = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb];
}

static const char *nearest(const char *word, const char *const *cands, const char *prefix)
{
    static char buf[128];
    const char *best = NULL;
    size_t bd = 3;
    for (size_t i = 0; cands[i]; i++) {
        size_t d = distance(word, cands[i]);
        if (d < bd) {
            bd = d;
            best = cands[i];
        }
    }
    if (best == NULL)
        return "";
    snprintf(buf, sizeof(buf), "; did you mean \"%s%s\"?", prefix, best);
    return buf;
}

const char *cli_suggest(const char *word)
{
    static const char *const cmds[] = {"ingest", "import", "check",    "report", "trace",
                                       "verify", "mappings", "help", NULL};
    return nearest(word, cmds, "");
}

const char *cli_suggest_option(const char *word, const char *const *opts)
{
    while (*word == '-')
        word++;
    return nearest(word, opts, "--");
}

/* libxml2 and libxslt tell their run-time version as a number: 20914 is 2.9.14. */
static const char *dotted(char *buf, size_t n, long v)
{
    snprintf(buf, n, "%ld.%ld.%ld", v / 10000, v / 100 % 100, v % 100);
    return buf;
}

void cli_print_version(void)
{
    char xml[32], xslt[32];
    printf("signoff %s\n", sg_version());
    printf("%-9s %-12s %s\n", "library", "built with", "running");
    printf("%-9s %-12s %s\n", "SQLite", SQLITE_VERSION, sqlite3_libversion());
    printf("%-9s %-12s %s\n", "jansson", JANSSON_VERSION, jansson_version_str());
    printf("%-9s %-12s %s\n", "libxml2", LIBXML_DOTTED_VERSION,
           dotted(xml, sizeof(xml), strtol(xmlParserVersion, NULL, 10)));
    printf("%-9s %-12s %s\n", "libxslt", LIBXSLT_DOTTED_VERSION,
           dotted(xslt, sizeof(xslt), xsltLibxsltVersion));
    printf("%-9s %-12s %s\n", "cairo", CAIRO_VERSION_STRING, cairo_version_string());
    printf("%-9s %-12s %s\n", "pango", PANGO_VERSION_STRING, pango_version_string());
    printf("%-9s %-12s %s\n", "OpenSSL", OPENSSL_FULL_VERSION_STR,
           OpenSSL_version(OPENSSL_FULL_VERSION_STRING));
    printf("data      %s\n", sg_datadir());
}

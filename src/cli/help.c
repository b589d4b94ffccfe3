/* cli/help.c: see help.h. */
#include "help.h"
#include "signoff/datadir.h"

#include <cairo.h>
#include <jansson.h>
#include <libxml/xmlversion.h>
#include <libxslt/xsltconfig.h>
#include <pango/pango.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static const struct help {
    const char *cmd, *text;
} helps[] = {
    {"ingest",
     "usage: signoff ingest [--store DB] [--quiet] FILE...\n"
     "\n"
     "Validates native decision records (SPEC §2) and, with --store, adds them to the\n"
     "evidence store DB in one transaction (created when missing). Without --store the\n"
     "files are only validated. A FILE that is a directory stands for its *.jsonl and\n"
     "*.json files. Nothing of a failed ingest enters the store.\n"
     "\n"
     "  --store DB   the evidence store (SQLite file); default: none, validate only\n"
     "  --quiet      print nothing on success\n"
     "\n"
     "example: signoff ingest --store evidence.db exports/2026-Q3/\n"},
    {"import",
     "usage: signoff import [--store DB] [--quiet] --format dependabot [--asset ID]\n"
     "                      [--seen-at TIME] FILE...\n"
     "\n"
     "Turns GitHub Dependabot alerts (the REST list response or webhook payloads) into\n"
     "exposures, deferrals and risk acceptances (docs/importers.md), in one transaction.\n"
     "Ids come from the source, so importing the same document twice changes nothing.\n"
     "An auto-dismissal is a deferral by the agent dependabot, with no human owner.\n"
     "openvex, cyclonedx, trivy and grype are not available yet.\n"
     "\n"
     "  --format F   dependabot\n"
     "  --asset ID   the asset the alerts are about; default: the repository OWNER/REPO\n"
     "  --store DB   the evidence store; default: none, validate only\n"
     "\n"
     "example: signoff import --store evidence.db --format dependabot alerts.json\n"},
    {"check",
     "usage: signoff check [--store DB] [--settings F] [--period P] [--json]\n"
     "                     [--fail-on LIST] [--controls FRAMEWORK [--baseline B]]\n"
     "                     [--mappings DIR] [--quiet] [FILE...]\n"
     "\n"
     "Judges every decision of the period (SPEC §4) and prints the findings.\n"
     "\n"
     "  --store DB      read the evidence store DB (plus any FILEs, in memory only)\n"
     "  --settings F    settings file (SPEC §3); default: built-in defaults\n"
     "  --period P      2026-Q3, 2026-07, 2026, A..B or last-quarter; default: all time\n"
     "  --json          one JSON object per finding per line (SPEC §7)\n"
     "  --fail-on LIST  exit 1 when a finding matches: high, medium, low or finding codes\n"
     "  --controls FW   print each mapped control's status for framework FW instead\n"
     "  --baseline B    with --controls fedramp: low, moderate or high\n"
     "  --mappings DIR  mapping files; default: the shipped ones\n"
     "  --quiet         no summary line\n"
     "\n"
     "With --controls, one line per control (--json: one object per control:\n"
     "{\"framework\",\"control\",\"status\",\"exceptions\":{code:count},\"evidence\":{kind:count}}).\n"
     "\n"
     "example: signoff check --period 2026-Q3 --fail-on high samples/\n"},
    {"trace",
     "usage: signoff trace [--store DB] [--settings F] [--period P] [--json] ID [FILE...]\n"
     "\n"
     "Prints the full timeline of a decision id, a change ref or a vulnerability id: every\n"
     "decision, approval, notification, acceptance and exposure, in time order, with the\n"
     "verdict, the path that traced it and the named human, or the reasons it failed.\n"
     "\n"
     "  --store DB    read the evidence store DB (plus any FILEs, in memory only)\n"
     "  --settings F  settings file (SPEC §3)\n"
     "  --period P    the period whose as-of time judges the evidence; default: all time\n"
     "  --json        one JSON object per line\n"
     "\n"
     "example: signoff trace --period 2026-Q3 CVE-2026-31337 samples/\n"},
    {"report",
     "usage: signoff report [--store DB] [--settings F] [--period P] [--format LIST]\n"
     "                      [--org NAME] [--fail-on LIST] [--force] [--quiet] -o DIR [FILE...]\n"
     "\n"
     "Writes the evidence package into DIR: package.xml (validates against\n"
     "templates/signoff-package.xsd), oscal-assessment-results.xml (OSCAL 1.1.3) and\n"
     "manifest.json (SHA-256 of every input and output). Built beside DIR and renamed into\n"
     "place when complete; an existing DIR is refused (73) unless --force replaces it.\n"
     "\n"
     "  --format LIST  xml, oscal (default xml,oscal; pdf is not available yet)\n"
     "  --org NAME     the organization named in the documents\n"
     "  --force        replace an existing DIR atomically\n"
     "  -o DIR         the package folder (required)\n"
     "\n"
     "example: signoff report --period 2026-Q3 --org \"Example Corp\" -o out/2026-Q3 samples/\n"},
    {"mappings",
     "usage: signoff mappings [--check] [--mappings DIR]\n"
     "\n"
     "Lists the frameworks of the mapping files and their controls; --check verifies\n"
     "them: every control ID real in its framework's catalog and edition, no duplicates,\n"
     "every finding code and evidence kind known, every finding code mapped, FedRAMP\n"
     "baselines right. Problems are printed as FILE:LINE: POINTER: message (exit 65).\n"
     "\n"
     "  --check         verify instead of listing\n"
     "  --mappings DIR  a folder of mapping files; default: the shipped mappings/\n"
     "\n"
     "example: signoff mappings --check --mappings my-mappings/\n"},
    {"verify",
     "usage: signoff verify DIR\n"
     "\n"
     "Checks every file of a package against its manifest.json; names every file that\n"
     "changed, is missing or was added (exit 65), else exits 0 and prints the package\n"
     "digest.\n"
     "\n"
     "example: signoff verify out/2026-Q3\n"},
};

void cli_print_help(const char *cmd)
{
    if (cmd == NULL) {
        printf("usage: signoff COMMAND [OPTION...] [FILE...]\n"
               "\n"
               "signoff traces every change an AI or automation agent made, and every\n"
               "vulnerability it decided not to fix, to the named human who authorized it.\n"
               "\n"
               "commands:\n"
               "  ingest    validate records and add them to the evidence store\n"
               "  import    import Dependabot alerts (other formats to come)\n"
               "  check     judge the period and list the findings\n"
               "  trace     the timeline of one decision, change or vulnerability\n"
               "  report    write the evidence package (XML, OSCAL, manifest)\n"
               "  verify    check a package against its manifest\n"
               "  mappings  list or check the framework mapping files\n"
               "  help      help on a command: signoff help COMMAND\n"
               "\n"
               "exit status: 0 ok, 1 findings matched --fail-on, 64 usage, 65 bad input,\n"
               "66 input missing, 70 internal error, 73 cannot create output, 74 I/O error\n"
               "\n"
               "example: signoff check --period 2026-Q3 samples/\n");
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

void cli_print_version(void)
{
    printf("signoff %s\n", sg_version());
    printf("built with SQLite %s, jansson %s, libxml2 %s, libxslt %s, cairo %s, pango %s\n",
           sqlite3_libversion(), JANSSON_VERSION, LIBXML_DOTTED_VERSION, LIBXSLT_DOTTED_VERSION,
           cairo_version_string(), pango_version_string());
}

/* cli/cmd_report.c: `signoff report -o DIR` (SPEC §6, §7): the evidence package, built
 * in a temporary folder beside DIR and renamed into place only when complete. */
#include "cli.h"
#include "controls.h"
#include "help.h"
#include "judge.h"
#include "load.h"
#include "progress.h"
#include "signoff/render.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct formats {
    int pdf, xml, oscal;
};

static int format_item(void *ctx, const char *word)
{
    struct formats *f = ctx;
    if (strcmp(word, "pdf") == 0)
        f->pdf = 1;
    else if (strcmp(word, "xml") == 0)
        f->xml = 1;
    else if (strcmp(word, "oscal") == 0)
        f->oscal = 1;
    else
        return cli_usage("report", "bad --format: \"%s\" is not pdf, xml or oscal", word);
    return 0;
}

static int parse_formats(struct formats *f, const char *list)
{
    memset(f, 0, sizeof(*f));
    return cli_each_item("report", "--format", list, format_item, f);
}

int cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {{"store", required_argument, NULL, 's'},
                                         {"settings", required_argument, NULL, 'S'},
                                         {"period", required_argument, NULL, 'p'},
                                         {"framework", required_argument, NULL, 'F'},
                                         {"baseline", required_argument, NULL, 'b'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"org", required_argument, NULL, 'g'},
                                         {"paper", required_argument, NULL, 'P'},
                                         {"mappings", required_argument, NULL, 'm'},
                                         {"fail-on", required_argument, NULL, 'x'},
                                         {"force", no_argument, NULL, 'k'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    static const char *const names[] = {"store",  "settings", "period",  "framework",
                                        "baseline", "format", "org",     "paper",
                                        "mappings", "fail-on", "force",  "quiet",
                                        "output", "help",     NULL};
    const char *store_path = NULL, *settings = NULL, *period = NULL, *fail_on = NULL;
    const char *format = "pdf,xml,oscal", *org = NULL, *outdir = NULL, *paper = "a4";
    int force = 0, quiet = 0, c, rc;
    struct formats fmt;
    struct cli_judge j;
    struct cli_fail_on fo;
    struct sg_store *st = NULL;
    struct sg_outdir out = {NULL, NULL};
    struct sg_trace_stats stats;
    struct sg_error err;
    char digest[65], pkg[65];
    json_t *inputs = NULL;
    const char *frameworks = NULL, *baseline_name = NULL, *mappings_dir = NULL;
    unsigned baseline = 0;
    unsigned char fw_sel[SG_FW__COUNT];
    struct sg_mapset *ms = NULL;
    struct pdf_data *pdf = NULL;

    opterr = 0;
    optind = 1;
    memset(&fo, 0, sizeof(fo));
    while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            store_path = optarg;
            break;
        case 'S':
            settings = optarg;
            break;
        case 'p':
            period = optarg;
            break;
        case 'F':
            frameworks = optarg;
            break;
        case 'b':
            baseline_name = optarg;
            break;
        case 'm':
            mappings_dir = optarg;
            break;
        case 'f':
            format = optarg;
            break;
        case 'g':
            org = optarg;
            break;
        case 'P':
            paper = optarg;
            break;
        case 'x':
            fail_on = optarg;
            break;
        case 'k':
            force = 1;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'o':
            outdir = optarg;
            break;
        case 'h':
            cli_print_help("report");
            return cli_finish_stdout(0);
        case ':':
            return cli_usage("report", "option \"%s\" needs a value", argv[optind - 1]);
        default:
            return cli_usage("report", "unknown option \"%s\"%s", argv[optind - 1],
                             cli_suggest_option(argv[optind - 1], names));
        }
    }
    if (outdir == NULL)
        return cli_usage("report", "-o DIR is required");
    if ((rc = parse_formats(&fmt, format)) != 0)
        return rc;
    if (strcmp(paper, "a4") != 0 && strcmp(paper, "letter") != 0)
        return cli_usage("report", "bad --paper \"%s\": a4 or letter", paper);
    if (fail_on != NULL && (rc = cli_fail_on_parse(&fo, fail_on, "report")) != 0)
        return rc;
    memset(fw_sel, 1, sizeof(fw_sel));
    if ((frameworks != NULL && (rc = cli_frameworks_parse(fw_sel, frameworks, "report")) != 0) ||
        (rc = cli_baseline_parse(&baseline, baseline_name, "report")) != 0)
        return rc;
    if ((rc = cli_judge_prepare(&j, "report", settings, period)) != 0)
        return rc;
    if ((rc = cli_mappings_load(&ms, mappings_dir)) != 0)
        return rc;
    cli_progress_start("report", quiet);
    if ((rc = cli_load_evidence(&st, store_path, argv + optind, argc - optind, "report")) != 0) {
        cli_progress_end();
        sg_mapset_free(ms);
        return rc;
    }
    sg_error_init(&err);
    if (sg_store_read_begin(st, &err) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    if ((rc = cli_judge_period(&j, st)) != 0)
        goto out;
    if (sg_input_digest(st, &j.settings, &j.period, digest, &inputs, &err) != 0 ||
        sg_outdir_begin(&out, outdir, force, &err) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    struct sg_report_opts ro = {&j.settings, j.period, org, digest, ms, {0}, baseline,
                                strcmp(paper, "letter") == 0, NULL, NULL};
    memcpy(ro.frameworks, fw_sel, sizeof(fw_sel));
    /* package.xml is the source of the OSCAL document; it stays in the package even when
       only oscal or pdf is asked for, so that the other documents can be checked against
       it. The PDF collects the same verdicts while package.xml is written. */
    if ((fmt.pdf && (pdf = sg_render_pdf_begin(&ro, &err)) == NULL) ||
        sg_render_xml(st, &ro, &out, &stats, &err) != 0 ||
        (fmt.pdf && sg_render_pdf(st, &ro, pdf, &stats, &out, &err) != 0) ||
        (fmt.oscal && sg_render_oscal(&out, &err) != 0) ||
        sg_manifest_write(&out, inputs, pkg, &err) != 0 || sg_outdir_commit(&out, &err) != 0) {
        sg_outdir_abort(&out);
        rc = cli_error(&err);
        goto out;
    }
    cli_progress_end();
    if (!quiet)
        printf("package %s written: %ld changes (%ld untraced), %ld deferrals (%ld "
               "undocumented)\ninput digest   %s\npackage digest %s\n",
               outdir, stats.changes, stats.untraced, stats.deferrals, stats.undocumented,
               digest, pkg);
    rc = fo.any && cli_fail_on_matches(&fo, stats.findings) ? SG_EXIT_FINDINGS : 0;
    rc = cli_finish_stdout(rc);
out:
    cli_progress_end();
    sg_render_pdf_free(pdf);
    if (st != NULL)
        sg_store_read_end(st);
    sg_outdir_abort(&out);
    json_decref(inputs);
    sg_store_close(st);
    sg_mapset_free(ms);
    return rc;
}

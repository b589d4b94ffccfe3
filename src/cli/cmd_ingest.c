/* cli/cmd_ingest.c: `signoff ingest [--store DB] [--quiet] FILE...` (SPEC §7, §8). */
#include "cli.h"
#include "help.h"
#include "load.h"
#include "progress.h"
#include "signoff/ingest.h"
#include "signoff/time.h"

#include <getopt.h>
#include <stdio.h>

int cmd_ingest(int argc, char **argv)
{
    static const struct option opts[] = {{"store", required_argument, NULL, 's'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *store_path = NULL;
    int quiet = 0, spill, c, rc;
    struct sg_error err;
    struct sg_store *st = NULL;
    struct sg_inputs in = {0};
    struct sg_ingest_stats stats = {0};
    struct cli_msgs msgs = {0, 0, 0};
    int64_t now = 0;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            store_path = optarg;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            cli_print_help("ingest");
            return cli_finish_stdout(0);
        default:
            return cli_option_error("ingest", c, argv, opts);
        }
    }
    if (optind >= argc)
        return cli_usage("ingest", "no FILE given");
    sg_error_init(&err);
    if (sg_inputs_open(&in, argv + optind, argc - optind, &err) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    /* without --store, a private store: on disk when the input is large */
    spill = store_path == NULL && sg_inputs_bytes(&in) > cli_spill_after();
    if (sg_store_open(&st, store_path, SG_STORE_CREATE | (spill ? SG_STORE_SPILL : 0),
                      &err) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    if (sg_clock_now(&now) != 0) {
        rc = cli_fail(EX_USAGE, "SIGNOFF_NOW is not an RFC 3339 time");
        goto out;
    }
    if (sg_store_begin(st, &err) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    cli_progress_start("ingest", quiet);
    {
        int ran = sg_ingest_inputs(st, &in, now, cli_msgs_print, &msgs, &stats, &err);
        cli_progress_end();
        if ((rc = cli_end_transaction(st, ran, store_path != NULL, stats.bad, &msgs, &err)) != 0)
            goto out;
    }
    if (!quiet) {
        if (store_path != NULL)
            printf("ingested %lld records from %zu files into %s: %lld new, %lld already "
                   "stored\n",
                   (long long)stats.records, in.n, store_path, (long long)stats.inserted,
                   (long long)stats.duplicates);
        else
            printf("validated %lld records from %zu files (no --store: nothing stored)\n",
                   (long long)stats.records, in.n);
    }
    rc = cli_finish_stdout(0);
out:
    sg_store_close(st);
    sg_inputs_release(&in);
    return rc;
}

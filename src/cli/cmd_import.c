/* cli/cmd_import.c: `signoff import [--store DB] [--quiet] --format F [--asset ID |
 * --asset-map FILE] [--seen-at TIME] FILE...` (SPEC §2, §7; docs/importers.md): every
 * FILE opened, then the asset map read, then the documents imported in one transaction. */
#include "cli.h"
#include "help.h"
#include "load.h"
#include "signoff/import.h"
#include "signoff/time.h"

#include <getopt.h>
#include <stdio.h>

int cmd_import(int argc, char **argv)
{
    static const struct option opts[] = {{"store", required_argument, NULL, 's'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"asset", required_argument, NULL, 'a'},
                                         {"asset-map", required_argument, NULL, 'm'},
                                         {"seen-at", required_argument, NULL, 't'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    static const char *const names[] = {"store",     "quiet",   "format", "asset",
                                        "asset-map", "seen-at", "help",   NULL};
    const char *store_path = NULL, *format = NULL, *asset_map = NULL, *seen_at = NULL;
    int quiet = 0, c, rc;
    struct sg_error err;
    struct sg_store *st = NULL;
    struct sg_inputs in = {0};
    struct sg_ingest_stats stats = {0};
    struct cli_msgs msgs = {0, 0, 0};
    struct sg_import_opts io = {SG_IMPORT_DEPENDABOT, NULL, NULL, NULL, 0};
    struct sg_import_map *map = NULL;
    int64_t now = 0, seen = 0;
    const char *why = NULL;

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
        case 'f':
            format = optarg;
            break;
        case 'a':
            io.asset = optarg;
            break;
        case 'm':
            asset_map = optarg;
            break;
        case 't':
            seen_at = optarg;
            break;
        case 'h':
            cli_print_help("import");
            return cli_finish_stdout(0);
        case ':':
            return cli_usage("import", "option \"%s\" needs a value", argv[optind - 1]);
        default:
            return cli_usage("import", "unknown option \"%s\"%s", argv[optind - 1],
                             cli_suggest_option(argv[optind - 1], names));
        }
    }
    if (format == NULL)
        return cli_usage("import", "--format is required");
    if (sg_import_format_lookup(format, &io.format) != 0)
        return cli_usage("import",
                         "unknown --format \"%s\" (openvex, cyclonedx, dependabot, trivy, "
                         "grype)",
                         format);
    if (io.asset != NULL && asset_map != NULL)
        return cli_usage("import", "--asset and --asset-map exclude each other");
    if (io.asset != NULL && io.asset[0] == '\0')
        return cli_usage("import", "--asset needs a non-empty id");
    if (seen_at != NULL && sg_time_parse(&seen, seen_at, &why) != 0)
        return cli_usage("import", "--seen-at \"%s\": %s", seen_at,
                         why ? why : "not an RFC 3339 time");
    /* the report's time when it has none (SPEC §2); Dependabot alerts carry their own */
    io.seen_at = seen_at;
    if (optind >= argc)
        return cli_usage("import", "no FILE given");
    sg_error_init(&err);
    if (sg_inputs_open(&in, argv + optind, argc - optind, &err) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    if (asset_map != NULL && sg_import_map_load(&map, asset_map, &err) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    io.map = map;
    /* without --store, a large import is validated in a private temporary file, not in
       memory, as ingest does */
    if (sg_store_open(&st, store_path,
                      SG_STORE_CREATE | (store_path == NULL &&
                                                 sg_inputs_bytes(&in) > cli_spill_after()
                                             ? SG_STORE_SPILL
                                             : 0),
                      &err) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    if (sg_clock_now(&now) != 0) {
        rc = cli_fail(EX_USAGE, "SIGNOFF_NOW is not an RFC 3339 time");
        goto out;
    }
    io.ingested_at = now;
    if (sg_store_begin(st, &err) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    {
        int ran = sg_import_inputs(st, &in, &io, cli_msgs_print, &msgs, &stats, &err);
        if ((rc = cli_end_transaction(st, ran, store_path != NULL, stats.bad, &msgs, &err)) != 0)
            goto out;
    }
    if (!quiet) {
        if (store_path != NULL)
            printf("imported %lld records from %zu %s files: %lld new, %lld already "
                   "stored\n",
                   (long long)stats.records, in.n, format, (long long)stats.inserted,
                   (long long)stats.duplicates);
        else
            printf(
                "validated %lld records from %zu %s files (no --store: nothing stored)\n",
                (long long)stats.records, in.n, format);
    }
    rc = cli_finish_stdout(0);
out:
    sg_store_close(st);
    sg_import_map_free(map);
    sg_inputs_release(&in);
    return rc;
}

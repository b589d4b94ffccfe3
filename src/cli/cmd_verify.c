/* cli/cmd_verify.c: `signoff verify DIR` (SPEC §6): recomputes every output's SHA-256 and
 * size against manifest.json; names every file changed, missing or added (exit 65). */
#include "cli.h"
#include "help.h"
#include "signoff/render.h"
#include "signoff/sha256.h"
#include "signoff/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void problem(void *ctx, const char *line)
{
    (void)ctx;
    cli_fail(0, "%s", line); /* names from the folder: escaped */
}

int cmd_verify(int argc, char **argv)
{
    struct sg_error err;
    char *m;
    char hex[SG_SHA256_HEX];

    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        cli_print_help("verify");
        return cli_finish_stdout(0);
    }
    if (argc == 2 && argv[1][0] == '-') {
        static const char *const opts[] = {"help", NULL};
        return cli_usage("verify", "unknown option \"%s\"%s", argv[1],
                         cli_suggest_option(argv[1], opts));
    }
    if (argc != 2)
        return cli_usage("verify", "give exactly one DIR");
    sg_error_init(&err);
    if (sg_manifest_verify(argv[1], problem, NULL, &err) != 0)
        return cli_error(&err);
    m = sg_xasprintf("%s/manifest.json", argv[1]);
    if (sg_sha256_file(m, hex, NULL) == 0) {
        cli_line("package %s verified: every file matches its manifest", argv[1]);
        cli_line("package digest %s", hex);
    }
    free(m);
    return cli_finish_stdout(0);
}

/* fuzz_mapping: a user mapping file (SPEC §5, `--mappings DIR`) checked as `signoff
 * mappings --check` checks it, next to the shipped catalogs (so a file naming one is
 * checked against it). Invariants: a mapping set comes back exactly when no problem was
 * reported, and each problem has a message and an exit code. */
#include "fuzz.h"

#include "signoff/map.h"
#include "signoff/xalloc.h"

#include <unistd.h>

static char dir[64];
static char *file;

static void setup(void)
{
    char *cat;
    snprintf(dir, sizeof(dir), "%s/signoff-fuzz-map.XXXXXX", P_tmpdir);
    if (mkdtemp(dir) == NULL)
        abort();
    cat = sg_xasprintf("%s/catalogs", dir);
    if (symlink(SIGNOFF_SOURCE_DIR "/mappings/catalogs", cat) != 0)
        abort();
    free(cat);
    file = sg_xasprintf("%s/fuzz.json", dir);
}

static void teardown(void)
{
    char *cat = sg_xasprintf("%s/catalogs", dir);
    unlink(file);
    unlink(cat);
    rmdir(dir);
    free(cat);
    free(file);
}

static void count(void *ctx, const struct sg_error *e)
{
    fuzz_ignore(NULL, e);
    ++*(size_t *)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sg_mapset *ms = NULL;
    size_t problems, seen = 0;
    FILE *fp;

    if (file == NULL) {
        setup();
        atexit(teardown);
    }
    fp = fopen(file, "wb");
    if (fp == NULL || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
        abort();
    problems = sg_map_check(&ms, dir, count, &seen);
    FUZZ_ASSERT(problems == seen);
    FUZZ_ASSERT((problems == 0) == (ms != NULL));
    if (ms != NULL)
        FUZZ_ASSERT(sg_mapset_nframeworks(ms) == 1);
    sg_mapset_free(ms);
    return 0;
}

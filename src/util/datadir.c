/* util/datadir.c: finds the data folder (see datadir.h) and holds the version. */
#include "signoff/datadir.h"
#include "signoff/xalloc.h"

#include <stdlib.h>
#include <sys/stat.h>

static int has_mappings(const char *dir)
{
    struct stat st;
    char *p = sg_xasprintf("%s/mappings", dir);
    int ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
    free(p);
    return ok;
}

const char *sg_datadir(void)
{
    static const char *found;
    const char *env;

    if (found != NULL)
        return found;
    env = getenv("SIGNOFF_DATADIR");
    if (env != NULL && env[0] != '\0')
        found = env;
    else if (has_mappings(SIGNOFF_INSTALL_DATADIR))
        found = SIGNOFF_INSTALL_DATADIR;
    else
        found = SIGNOFF_SOURCE_DATADIR;
    return found;
}

char *sg_datadir_path(const char *sub)
{
    return sg_xasprintf("%s/%s", sg_datadir(), sub);
}

const char *sg_version(void)
{
    return SIGNOFF_VERSION;
}

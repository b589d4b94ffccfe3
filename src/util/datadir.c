/* util/datadir.c: finds the data folder (see datadir.h) and holds the version. */
#include "signoff/datadir.h"
#include "signoff/xalloc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int has_mappings(const char *dir)
{
    struct stat st;
    char *p = sg_xasprintf("%s/mappings", dir);
    int ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
    free(p);
    return ok;
}

/* New: free(), or NULL when missing. The folder that holds the running binary, then the relative
   path from the install bindir to the install datadir ("../share/signoff"), so that a
   prefix installed anywhere (cmake --install --prefix P) finds its own data. */
static char *beside_binary(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    char *slash;
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (slash == NULL)
        return NULL;
    *slash = '\0';
    char *rel = sg_xasprintf("%s/%s", exe, SIGNOFF_BIN_TO_DATADIR);
    char *abs = realpath(rel, NULL); /* NULL when missing */
    free(rel);
    return abs;
}

const char *sg_datadir(void)
{
    static const char *found;
    static char *rel; /* kept for the life of the process */
    const char *env;

    if (found != NULL)
        return found;
    env = getenv("SIGNOFF_DATADIR");
    rel = beside_binary();
    if (env != NULL && env[0] != '\0')
        found = env;
    else if (rel != NULL && has_mappings(rel))
        found = rel;
    else if (has_mappings(SIGNOFF_SOURCE_DATADIR))
        /* a binary run from its build tree uses the tree it was built from, even
           when an older signoff is installed on the machine */
        found = SIGNOFF_SOURCE_DATADIR;
    else
        found = SIGNOFF_INSTALL_DATADIR;
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

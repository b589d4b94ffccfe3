/* util/outdir.c: see outdir.h. */
#include "signoff/outdir.h"
#include "signoff/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/* The folder being built, for the exit and signal hooks. One per process. */
static char *pending_tmp;

int sg_rmtree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        if (d == NULL)
            return -1;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *p = sg_xasprintf("%s/%s", path, e->d_name);
            sg_rmtree(p);
            free(p);
        }
        closedir(d);
        return rmdir(path);
    }
    return unlink(path);
}

static void cleanup(void)
{
    if (pending_tmp != NULL)
        sg_rmtree(pending_tmp);
}

static void on_signal(int sig)
{
    cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* mkdir -p of path (the folders a package is put in may not exist yet). */
static int make_parents(const char *path)
{
    char *p = sg_xstrdup(path);
    int rc = 0;
    for (char *c = p + 1; *c && rc == 0; c++) {
        if (*c != '/')
            continue;
        *c = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *c = '/';
    }
    if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
        rc = -1;
    free(p);
    return rc;
}

static int fsync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    int rc;
    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

int sg_outdir_begin(struct sg_outdir *o, const char *dest, int force, struct sg_error *err)
{
    struct stat st;
    char *copy = sg_xstrdup(dest), *copy2 = sg_xstrdup(dest);
    const char *parent = dirname(copy), *base = basename(copy2);
    static int hooked;

    o->dest = NULL;
    o->tmp = NULL;
    if (lstat(dest, &st) == 0 && !force) {
        free(copy);
        free(copy2);
        return sg_error_set(err, EX_CANTCREAT, NULL,
                            "output \"%s\" exists (use --force to replace it)", dest);
    }
    o->tmp = sg_xasprintf("%s/.%s.tmp-XXXXXX", parent, base);
    if (make_parents(parent) != 0 || mkdtemp(o->tmp) == NULL) {
        sg_error_set(err, EX_CANTCREAT, NULL, "cannot create a folder beside \"%s\": %s", dest,
                     strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        free(copy);
        free(copy2);
        return -1;
    }
    free(copy);
    free(copy2);
    {
        /* mkdtemp makes it 0700: give the package the usual permissions */
        mode_t mask = umask(0);
        umask(mask);
        chmod(o->tmp, 0777 & ~mask);
    }
    o->dest = sg_xstrdup(dest);
    pending_tmp = o->tmp;
    if (!hooked) {
        atexit(cleanup);
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
        signal(SIGHUP, on_signal);
        hooked = 1;
    }
    return 0;
}

char *sg_outdir_path(const struct sg_outdir *o, const char *name)
{
    return sg_xasprintf("%s/%s", o->tmp, name);
}

FILE *sg_outdir_open(const struct sg_outdir *o, const char *name, struct sg_error *err)
{
    char *p = sg_outdir_path(o, name);
    int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
    FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (fp == NULL) {
        sg_error_set(err, EX_CANTCREAT, NULL, "cannot create \"%s\": %s", p, strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    free(p);
    return fp;
}

int sg_outdir_close(FILE *fp, const char *name, struct sg_error *err)
{
    int bad = fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0;
    int e = errno;
    if (fclose(fp) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad)
        return sg_error_set(err, EX_IOERR, NULL, "cannot write \"%s\": %s", name, strerror(e));
    return 0;
}

int sg_outdir_commit(struct sg_outdir *o, struct sg_error *err)
{
    struct stat st;
    char *copy = sg_xstrdup(o->dest);
    const char *parent = dirname(copy);
    int rc = -1;

    if (fsync_path(o->tmp) != 0) {
        sg_error_set(err, EX_IOERR, NULL, "cannot sync \"%s\": %s", o->tmp, strerror(errno));
        goto out;
    }
    if (lstat(o->dest, &st) == 0) {
        /* --force: swap old and new in one step, then remove the old one */
        if (syscall(SYS_renameat2, AT_FDCWD, o->tmp, AT_FDCWD, o->dest, RENAME_EXCHANGE) != 0) {
            sg_error_set(err, EX_CANTCREAT, NULL, "cannot replace \"%s\": %s", o->dest,
                         strerror(errno));
            goto out;
        }
        sg_rmtree(o->tmp);
    } else if (rename(o->tmp, o->dest) != 0) {
        sg_error_set(err, EX_CANTCREAT, NULL, "cannot publish \"%s\": %s", o->dest,
                     strerror(errno));
        goto out;
    }
    fsync_path(parent);
    free(o->tmp);
    o->tmp = NULL;
    free(o->dest);
    o->dest = NULL;
    pending_tmp = NULL;
    rc = 0;
out:
    free(copy);
    if (rc != 0)
        sg_outdir_abort(o);
    return rc;
}

void sg_outdir_abort(struct sg_outdir *o)
{
    if (o->tmp != NULL) {
        sg_rmtree(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
    pending_tmp = NULL;
    free(o->dest);
    o->dest = NULL;
}

/* util/infile.c: see infile.h. */
#include "signoff/infile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *sg_infile_open(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat sb;
    unsigned char first;
    int have_first = 0, e;
    FILE *fp;

    if (fd < 0)
        return NULL;
    if (fstat(fd, &sb) != 0)
        goto fail;
    if (S_ISDIR(sb.st_mode)) {
        errno = EISDIR;
        goto fail;
    }
    if (S_ISFIFO(sb.st_mode)) {
        /* O_NONBLOCK: the open did not wait for a writer; a read tells whether there is
           one (0: none, EOF for ever; EAGAIN: one that has not written yet). */
        ssize_t n = read(fd, &first, 1);
        if (n == 0) {
            errno = ENXIO;
            goto fail;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            goto fail;
        have_first = n == 1;
    }
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
        goto fail;
    fp = fdopen(fd, "rb");
    if (fp == NULL)
        goto fail;
    if (have_first && ungetc(first, fp) == EOF) {
        fclose(fp);
        errno = EIO;
        return NULL;
    }
    return fp;
fail:
    e = errno;
    close(fd);
    errno = e;
    return NULL;
}

const char *sg_infile_strerror(int e)
{
    if (e == ENXIO)
        return "not readable (a socket, or a FIFO with no writer)";
    return strerror(e);
}

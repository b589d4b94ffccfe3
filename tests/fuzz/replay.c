/* tests/fuzz/replay.c: a main() for the fuzz targets in builds without libFuzzer, so that
 * every kept crasher (tests/fuzz/regress) and seed runs in the normal ctest, under the
 * sanitizer build too. Arguments are files or folders of files; each file is one input.
 * Exit 0 when every input ran (a crash or a failed invariant aborts). */
#include "fuzz.h"

#include <dirent.h>
#include <sys/stat.h>

static int one(const char *path)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t n = 0, cap = 0, got;

    if (fp == NULL) {
        perror(path);
        return -1;
    }
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            buf = realloc(buf, cap);
            if (buf == NULL)
                abort();
        }
        got = fread(buf + n, 1, cap - n, fp);
        n += got;
    } while (got > 0);
    fclose(fp);
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    int ran = 0;
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) != 0) {
            perror(argv[i]);
            return 1;
        }
        if (!S_ISDIR(sb.st_mode)) {
            if (one(argv[i]) != 0)
                return 1;
            ran++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        struct dirent *e;
        char **names = NULL;
        size_t nn = 0;
        if (d == NULL)
            return 1;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            names = realloc(names, (nn + 1) * sizeof(*names));
            if (names == NULL)
                abort();
            names[nn] = malloc(strlen(argv[i]) + strlen(e->d_name) + 2);
            if (names[nn] == NULL)
                abort();
            sprintf(names[nn], "%s/%s", argv[i], e->d_name);
            nn++;
        }
        closedir(d);
        qsort(names, nn, sizeof(*names), cmp);
        for (size_t k = 0; k < nn; k++) {
            if (one(names[k]) != 0)
                return 1;
            ran++;
            free(names[k]);
        }
        free(names);
    }
    printf("%d inputs replayed\n", ran);
    return 0;
}

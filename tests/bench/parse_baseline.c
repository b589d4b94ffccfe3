/* tests/bench/parse_baseline.c: the floor of tests/bench/run (issue 10). Reads the files
 * named on the command line the way `signoff ingest` reads them (JSON Lines in 64 KiB
 * chunks split at newlines, a .json file whole) and parses every record with jansson,
 * then frees it: no validation, no store. Prints the number of records parsed. Whatever
 * signoff does beyond this is measured against it. jansson and libc only. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long records, bad;

static void parse(const char *text, size_t len, size_t flags)
{
    json_error_t je;
    json_t *v = json_loadb(text, len, flags, &je);
    if (v == NULL)
        bad++;
    else if (json_is_array(v))
        records += (long)json_array_size(v);
    else
        records++;
    json_decref(v);
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

static int read_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    size_t n, len = 0, cap = 1 << 16, plen = strlen(path);
    int json = plen > 5 && strcmp(path + plen - 5, ".json") == 0;
    char chunk[1 << 16], *buf = malloc(cap);

    if (fp == NULL || buf == NULL) {
        perror(path);
        free(buf);
        if (fp != NULL)
            fclose(fp);
        return -1;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        size_t start = 0;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && (json || chunk[i] != '\n'))
                continue;
            size_t seg = i - start;
            if (len + seg > cap) {
                while (len + seg > cap)
                    cap *= 2;
                buf = realloc(buf, cap);
                if (buf == NULL) {
                    fclose(fp);
                    return -1;
                }
            }
            memcpy(buf + len, chunk + start, seg);
            len += seg;
            if (i == n)
                break;
            if (len > 0 && !blank(buf, len))
                parse(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY);
            len = 0;
            start = i + 1;
        }
    }
    if (len > 0 && !blank(buf, len))
        parse(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY);
    free(buf);
    fclose(fp);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: parse_baseline FILE...\n");
        return 64;
    }
    for (int i = 1; i < argc; i++)
        if (read_file(argv[i]) != 0)
            return 66;
    printf("%ld records parsed, %ld invalid\n", records, bad);
    return bad > 0 ? 65 : 0;
}

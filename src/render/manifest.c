/* render/manifest.c: manifest.json, the input digest and `verify` (SPEC §6). The input
 * digest is the SHA-256 of the canonical JSON (keys sorted, compact) of
 * {"inputs":[...],"period":{...},"settings":{...},"tool_version":V}, exactly the members
 * the manifest lists; the package digest is the SHA-256 of manifest.json itself. */
#include "signoff/datadir.h"
#include "signoff/infile.h"
#include "signoff/json.h"
#include "signoff/render.h"
#include "signoff/sha256.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int add_source(void *ctx, const struct sg_source_info *src)
{
    json_t *arr = ctx;
    json_array_append_new(arr, json_pack("{s:s,s:s,s:I,s:I}", "path", src->path, "sha256",
                                         src->sha256, "size", (json_int_t)src->size, "records",
                                         (json_int_t)src->records));
    return 0;
}

int sg_input_digest(struct sg_store *st, const struct sg_settings *set,
                    const struct sg_period *p, char hex[65], json_t **inputs,
                    struct sg_error *err)
{
    json_t *arr = json_array(), *o;
    char from[SG_TIME_BUF], to[SG_TIME_BUF];
    char *canon;

    if (sg_store_each_source(st, add_source, arr, err) != 0) {
        json_decref(arr);
        return -1;
    }
    o = json_object();
    json_object_set_new(o, "inputs", arr);
    json_object_set_new(o, "period",
                        json_pack("{s:s,s:s?,s:s,s:b}", "label", p->label, "from",
                                  p->all_time ? NULL : sg_time_format(from, p->from), "to",
                                  sg_time_format(to, p->to), "all_time", p->all_time));
    json_object_set_new(o, "settings", sg_settings_json(set));
    json_object_set_new(o, "tool_version", json_string(sg_version()));
    canon = sg_json_canonical(o);
    sg_sha256_hex(canon, strlen(canon), hex);
    free(canon);
    *inputs = o;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names of the regular files in dir, sorted; NULL-terminated, New. */
static char **list_files(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **v = NULL;
    *n = 0;
    if (d == NULL)
        return NULL;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        v = sg_xreallocarray(v, *n + 2, sizeof(*v));
        v[(*n)++] = sg_xstrdup(e->d_name);
        v[*n] = NULL;
    }
    closedir(d);
    if (v != NULL)
        qsort(v, *n, sizeof(*v), cmp_str);
    return v;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static int fsync_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    int rc;
    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

int sg_manifest_write(struct sg_outdir *out, json_t *inputs, char hex[65], struct sg_error *err)
{
    size_t n = 0;
    char **names = list_files(out->tmp, &n);
    json_t *m = json_deep_copy(inputs), *outputs = json_array();
    char *text = NULL;
    FILE *fp = NULL;
    int rc = -1;

    json_object_set_new(m, "tool", json_string("signoff"));
    for (size_t i = 0; i < n; i++) {
        char *p = sg_xasprintf("%s/%s", out->tmp, names[i]);
        char h[SG_SHA256_HEX];
        long long size = 0;
        if (fsync_file(p) != 0 || sg_sha256_file(p, h, &size) != 0) {
            sg_error_set(err, EX_IOERR, NULL, "cannot read back \"%s\": %s", p, strerror(errno));
            free(p);
            goto out;
        }
        free(p);
        json_array_append_new(outputs, json_pack("{s:s,s:s,s:I}", "name", names[i], "sha256", h,
                                                 "size", (json_int_t)size));
    }
    json_object_set_new(m, "outputs", outputs);
    {
        /* the input digest printed in the documents: the same canonical object */
        char *canon = sg_json_canonical(inputs), ih[SG_SHA256_HEX];
        sg_sha256_hex(canon, strlen(canon), ih);
        json_object_set_new(m, "input_digest", json_string(ih));
        free(canon);
    }
    text = json_dumps(m, JSON_INDENT(2) | JSON_SORT_KEYS);
    fp = sg_outdir_open(out, "manifest.json", err);
    if (fp == NULL)
        goto out;
    fputs(text, fp);
    fputc('\n', fp);
    if (sg_outdir_close(fp, "manifest.json", err) != 0)
        goto out;
    {
        char *p = sg_outdir_path(out, "manifest.json");
        long long size;
        if (sg_sha256_file(p, hex, &size) != 0) {
            free(p);
            sg_error_set(err, EX_IOERR, NULL, "cannot read back the manifest");
            goto out;
        }
        free(p);
    }
    rc = 0;
out:
    free(text);
    json_decref(m);
    free_list(names, n);
    return rc;
}

int sg_manifest_verify(const char *dir, void (*fn)(void *ctx, const char *line), void *ctx,
                       struct sg_error *err)
{
    char *mpath = sg_xasprintf("%s/manifest.json", dir);
    json_error_t je;
    FILE *mfp = sg_infile_open(mpath); /* a planted FIFO must not hang verify */
    json_t *m = NULL, *outputs, *e;
    size_t n = 0, i;
    char **names = NULL;
    int problems = 0, rc = -1;
    struct sg_buf line = {0};

    memset(&je, 0, sizeof(je));
    if (mfp != NULL) {
        m = json_loadf(mfp, JSON_REJECT_DUPLICATES, &je);
        fclose(mfp);
    } else {
        snprintf(je.text, sizeof(je.text), "%s", sg_infile_strerror(errno));
    }
    if (m == NULL) {
        struct stat sb;
        if (stat(mpath, &sb) != 0)
            sg_error_set(err, EX_NOINPUT, NULL, "no manifest.json in \"%s\"", dir);
        else {
            struct sg_pos pos = {mpath, (unsigned long)(je.line > 0 ? je.line : 1), NULL};
            sg_error_set(err, EX_DATAERR, &pos, "invalid manifest: %s", je.text);
        }
        goto out;
    }
    outputs = json_object_get(m, "outputs");
    if (!json_is_array(outputs)) {
        struct sg_pos pos = {mpath, 1, NULL};
        sg_error_set(err, EX_DATAERR, &pos, "manifest has no \"outputs\" list");
        goto out;
    }
    names = list_files(dir, &n);
    json_array_foreach(outputs, i, e)
    {
        const char *name = json_string_value(json_object_get(e, "name"));
        const char *want = json_string_value(json_object_get(e, "sha256"));
        json_int_t size = json_integer_value(json_object_get(e, "size"));
        char *p, h[SG_SHA256_HEX];
        long long got = 0;
        if (name == NULL || want == NULL || strchr(name, '/') != NULL) {
            struct sg_pos pos = {mpath, 1, NULL};
            sg_error_set(err, EX_DATAERR, &pos, "manifest output %zu is malformed", i);
            goto out;
        }
        p = sg_xasprintf("%s/%s", dir, name);
        sg_buf_reset(&line);
        if (sg_sha256_file(p, h, &got) != 0) {
            sg_buf_printf(&line, "missing: %s", name);
        } else if (strcmp(h, want) != 0 || got != size) {
            sg_buf_printf(&line, "changed: %s (sha256 %s, manifest says %s)", name, h, want);
        }
        if (line.len) {
            fn(ctx, sg_buf_str(&line));
            problems++;
        }
        free(p);
    }
    for (size_t k = 0; k < n; k++) {
        int listed = strcmp(names[k], "manifest.json") == 0;
        json_array_foreach(outputs, i, e) if (!listed && json_is_string(json_object_get(e, "name")) &&
                                              strcmp(json_string_value(json_object_get(e, "name")),
                                                     names[k]) == 0) listed = 1;
        if (!listed) {
            sg_buf_reset(&line);
            sg_buf_printf(&line, "added: %s (not in the manifest)", names[k]);
            fn(ctx, sg_buf_str(&line));
            problems++;
        }
    }
    if (problems > 0) {
        sg_error_set(err, EX_DATAERR, NULL, "package \"%s\" does not match its manifest: %d "
                     "problem%s", dir, problems, problems == 1 ? "" : "s");
        goto out;
    }
    rc = 0;
out:
    sg_buf_release(&line);
    free_list(names, n);
    json_decref(m);
    free(mpath);
    return rc;
}

/* ingest/ingest.c: files → records → store (SPEC §2, §8). Reads JSON Lines with a
 * capped line buffer (limits.h) so that no input can make memory grow unbounded, and
 * .json files whole (capped), locating each element's line with the position scanner. */
#include "signoff/ingest.h"
#include "signoff/threads.h"
#include "signoff/infile.h"
#include "signoff/json.h"
#include "signoff/limits.h"
#include "signoff/progress.h"
#include "signoff/sha256.h"
#include "signoff/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_input(struct sg_inputs *in, char *path)
{
    in->v = sg_xreallocarray(in->v, in->n + 1, sizeof(*in->v));
    in->v[in->n].path = path;
    in->v[in->n].fp = NULL;
    in->v[in->n].is_json = ends_with(path, ".json");
    in->n++;
}

static int expand_dir(struct sg_inputs *in, const char *dir, struct sg_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0;

    if (d == NULL)
        return sg_error_set(err, EX_NOINPUT, NULL, "cannot read directory \"%s\": %s", dir,
                            strerror(errno));
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !(ends_with(e->d_name, ".jsonl") || ends_with(e->d_name, ".json")))
            continue;
        /* SPEC §7: every *.jsonl and *.json *file*: a folder so named is skipped */
        {
            struct stat sb;
            char *p = sg_xasprintf("%s/%s", dir, e->d_name);
            int skip = stat(p, &sb) != 0 || !S_ISREG(sb.st_mode);
            free(p);
            if (skip)
                continue;
        }
        names = sg_xreallocarray(names, n + 1, sizeof(*names));
        names[n++] = sg_xstrdup(e->d_name);
    }
    closedir(d);
    if (n == 0) {
        free(names);
        return sg_error_set(err, EX_NOINPUT, NULL, "no *.jsonl or *.json file in directory \"%s\"",
                            dir);
    }
    qsort(names, n, sizeof(*names), cmp_str);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(dir);
        add_input(in, len > 0 && dir[len - 1] == '/' ? sg_xasprintf("%s%s", dir, names[i])
                                                     : sg_xasprintf("%s/%s", dir, names[i]));
        free(names[i]);
    }
    free(names);
    return 0;
}

int sg_inputs_open(struct sg_inputs *out, char *const *args, int nargs, struct sg_error *err)
{
    struct stat sb;

    out->v = NULL;
    out->n = 0;
    for (int i = 0; i < nargs; i++) {
        if (stat(args[i], &sb) != 0)
            return sg_error_set(err, EX_NOINPUT, NULL, "cannot open \"%s\": %s", args[i],
                                strerror(errno));
        if (S_ISDIR(sb.st_mode)) {
            if (expand_dir(out, args[i], err) != 0)
                return -1;
        } else {
            add_input(out, sg_xstrdup(args[i]));
        }
    }
    for (size_t i = 0; i < out->n; i++) {
        struct sg_input *f = &out->v[i];
        if (stat(f->path, &sb) == 0 && S_ISDIR(sb.st_mode))
            return sg_error_set(err, EX_NOINPUT, NULL, "\"%s\" is a directory", f->path);
        f->fp = sg_infile_open(f->path);
        if (f->fp == NULL)
            return sg_error_set(err, EX_NOINPUT, NULL, "cannot open \"%s\": %s", f->path,
                                sg_infile_strerror(errno));
    }
    return 0;
}

int64_t sg_inputs_bytes(const struct sg_inputs *in)
{
    int64_t n = 0;
    for (size_t i = 0; i < in->n; i++) {
        struct stat sb;
        if (in->v[i].fp != NULL && fstat(fileno(in->v[i].fp), &sb) == 0 &&
            S_ISREG(sb.st_mode))
            n += (int64_t)sb.st_size;
    }
    return n;
}

void sg_inputs_release(struct sg_inputs *in)
{
    for (size_t i = 0; i < in->n; i++) {
        if (in->v[i].fp != NULL)
            fclose(in->v[i].fp);
        free(in->v[i].path);
    }
    free(in->v);
    in->v = NULL;
    in->n = 0;
}

int sg_ingest_record(struct sg_store *st, json_t *rec, int64_t source, const struct sg_pos *pos,
                     struct sg_error *err)
{
    enum sg_kind kind;

    sg_json_drop_nulls(rec);
    if (sg_record_validate(rec, &kind, pos, err) != 0)
        return -1;
    return sg_store_insert(st, rec, kind, source, pos, err);
}

struct run {
    struct sg_store *st;
    sg_record_error_fn fn;
    void *ctx;
    struct sg_ingest_stats *stats;
    struct sg_error *err; /* the first record error, or a fatal one */
    int64_t source;
    int64_t file_records;
    int fatal;
    int64_t bytes_before, bytes_total; /* for the progress estimate */
};

/* One record's outcome. A record error is reported and counted; a store error is fatal. */
static void note(struct run *r, int rc, struct sg_error *e)
{
    if (rc == SG_INSERTED) {
        r->stats->inserted++;
    } else if (rc == SG_DUPLICATE) {
        r->stats->duplicates++;
    } else {
        if (e->code != EX_DATAERR)
            r->fatal = 1;
        r->stats->bad++;
        if (r->fn != NULL)
            r->fn(r->ctx, e);
        if (r->err->code == 0 || (r->fatal && r->err->code == EX_DATAERR))
            *r->err = *e;
    }
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

static int has_bom(const char *s, size_t n)
{
    return n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
           (unsigned char)s[2] == 0xBF;
}

static void bad_file(struct run *r, const char *path, unsigned long line, const char *fmt,
                     const char *arg)
{
    struct sg_pos pos = {path, line, NULL};
    struct sg_error e;
    sg_error_init(&e);
    sg_error_set(&e, EX_DATAERR, &pos, fmt, arg);
    r->stats->records++;
    r->file_records++;
    note(r, -1, &e);
}

/* ---- JSON Lines on worker threads ------------------------------------------------ */

/* A JSON Lines file goes through a pipeline: a reader thread reads it in chunks (digest,
   size, line splitting, the capped line buffer, the byte-order mark), worker threads
   parse, drop nulls, validate and canonicalize each record (jansson is thread-safe per
   document), and the calling thread takes the batches back *in line order* and does all
   that touches the store. So messages, their order and every verdict are what a
   sequential read gives; only the parsing overlaps the writing (docs/performance.md).
   The calling thread hands each batch it has written back to the worker that parsed
   it, which frees it, so the one thread that writes spends no time freeing. Each slot
   has a pool (json.h) that holds its lines and the trees parsed from them: a batch is
   dropped by resetting the pool, without a free per line or per JSON node. */

enum { BATCH_RECORDS = 256, BATCH_BYTES = 1 << 18, MAX_WORKERS = 4 };

struct item {
    unsigned long line;
    char *text; /* the line, in the slot's pool (sg_jfree); freed once parsed */
    size_t len;
    json_t *rec; /* parsed, nulls dropped, valid */
    enum sg_kind kind;
    char *canon;
    size_t canon_len;
    struct sg_row row; /* its typed-table row, borrowing from rec */
    struct sg_error e; /* e.code != 0: the record's first problem */
};

/* FREE → (reader) FILLED → (a worker) PARSING → PARSED → (the writer) USED → (the same
   worker) FREE. Without workers the writer parses and frees: FILLED → FREE. */
enum slot_state { SLOT_FREE, SLOT_FILLED, SLOT_PARSING, SLOT_PARSED, SLOT_USED };

struct slot {
    enum slot_state state;
    struct item *v;
    size_t n, cap;
    int last;       /* the file's final batch */
    int ioerr;      /* errno of a read error after this batch's lines; 0 = none */
    int64_t offset; /* bytes of the file read when the batch was published */
    int owner;      /* the worker that parsed it, which frees it */
    struct sg_jpool *pool; /* the batch's lines and trees */
};

struct pipe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct slot *slots;
    size_t nslots;
    uint64_t fill, take; /* sequence numbers of the next batch to fill and to take */
    int stop;            /* the consumer gave up (a fatal store error) */
    int eof;             /* the reader published the file's last batch */
    int done;            /* the writer has taken the last batch */
    struct sg_input *in;
    struct sg_sha256 *h;
    int64_t size;
};

/* whole: the tree is all in the slot's pool, which the caller resets next. */
static void item_release(struct item *it, int whole)
{
    sg_jfree(it->text);
    sg_row_release(&it->row);
    if (!whole)
        json_decref(it->rec);
    free(it->canon);
    memset(it, 0, sizeof(*it));
}

/* A problem the reader itself finds (byte-order mark, over-long line): one bad record. */
static void item_bad(struct item *it, const char *path, unsigned long line,
                     const char *fmt, const char *arg)
{
    struct sg_pos pos = {path, line, NULL};
    memset(it, 0, sizeof(*it));
    it->line = line;
    sg_error_init(&it->e);
    sg_error_set(&it->e, EX_DATAERR, &pos, fmt, arg);
}

static void parse_item(struct item *it, const char *path)
{
    struct sg_pos pos = {path, it->line, NULL};
    json_error_t je;

    if (it->e.code != 0)
        return;
    it->rec =
        json_loadb(it->text, it->len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
    sg_jfree(it->text);
    it->text = NULL;
    if (it->rec == NULL) {
        sg_error_set(&it->e, EX_DATAERR, &pos, "invalid JSON: %s", je.text);
        return;
    }
    sg_json_drop_nulls(it->rec);
    if (sg_record_validate(it->rec, &it->kind, &pos, &it->e) != 0) {
        json_decref(it->rec);
        it->rec = NULL;
        return;
    }
    it->canon = sg_json_canonical_len(it->rec, &it->canon_len);
    sg_row_make(&it->row, it->rec, it->kind);
}

/* Waits for the slot of batch `seq` to be free, or for stop; returns it or NULL. */
static struct slot *reader_slot(struct pipe *p, uint64_t seq)
{
    struct slot *sl = &p->slots[seq % p->nslots];
    int stop;
    pthread_mutex_lock(&p->mu);
    while (!p->stop && sl->state != SLOT_FREE)
        pthread_cond_wait(&p->cv, &p->mu);
    stop = p->stop;
    pthread_mutex_unlock(&p->mu);
    return stop ? NULL : sl;
}

static void reader_publish(struct pipe *p, struct slot *sl)
{
    pthread_mutex_lock(&p->mu);
    sl->state = SLOT_FILLED;
    sl->offset = p->size;
    if (sl->last)
        p->eof = 1;
    p->fill++;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

static struct item *slot_add(struct slot *sl)
{
    if (sl->n == sl->cap) {
        sl->cap = sl->cap ? sl->cap * 2 : BATCH_RECORDS;
        sl->v = sg_xreallocarray(sl->v, sl->cap, sizeof(*sl->v));
    }
    memset(&sl->v[sl->n], 0, sizeof(sl->v[0]));
    return &sl->v[sl->n++];
}

/* A record's line into the batch, copied into the slot's pool. */
static void slot_add_line(struct slot *sl, unsigned long lineno, const struct sg_buf *line)
{
    struct item *it = slot_add(sl);
    it->line = lineno;
    it->len = line->len;
    it->text = sg_jpool_alloc(sl->pool, line->len + 1);
    memcpy(it->text, line->data, line->len);
    it->text[line->len] = '\0';
}

/* The reader: the capped line buffer of SPEC §8's limits; an over-long line ends the
   file's reading (a stream without newlines, like /dev/zero, must not run forever). */
static void *reader_main(void *arg)
{
    struct pipe *p = arg;
    struct sg_input *in = p->in;
    struct sg_buf line = {0};
    char *chunk = sg_xmalloc(1 << 16);
    size_t n, bytes = 0;
    unsigned long lineno = 1;
    int first = 1, done = 0, ioerr = 0;
    uint64_t seq = 0;
    struct slot *sl = reader_slot(p, seq);

    while (sl != NULL && !done && (n = fread(chunk, 1, 1 << 16, in->fp)) > 0) {
        size_t start = 0;
        sg_sha256_update(p->h, chunk, n);
        p->size += (int64_t)n;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && chunk[i] != '\n')
                continue;
            size_t seg = i - start;
            if (line.len + seg > SG_MAX_LINE_BYTES) {
                item_bad(slot_add(sl), in->path, lineno,
                         "line longer than %s (the limit of one record)", SG_MAX_LINE_TEXT);
                done = 1;
                break;
            }
            sg_buf_add(&line, chunk + start, seg);
            if (i == n)
                break;
            if (first && has_bom(sg_buf_str(&line), line.len)) {
                item_bad(slot_add(sl), in->path, lineno, "%s",
                         "byte-order mark (BOM) is not allowed");
            } else if (line.len > 0 && !blank(sg_buf_str(&line), line.len)) {
                slot_add_line(sl, lineno, &line);
                bytes += line.len;
            }
            first = 0;
            sg_buf_reset(&line);
            lineno++;
            start = i + 1;
            if (sl->n >= BATCH_RECORDS || bytes >= BATCH_BYTES) {
                reader_publish(p, sl);
                sl = reader_slot(p, ++seq);
                bytes = 0;
                if (sl == NULL)
                    break;
            }
        }
    }
    if (sl != NULL) {
        if (!done && ferror(in->fp)) {
            ioerr = errno ? errno : EIO;
        } else if (!done && line.len > 0) {
            if (first && has_bom(sg_buf_str(&line), line.len)) {
                item_bad(slot_add(sl), in->path, lineno, "%s",
                         "byte-order mark (BOM) is not allowed");
            } else if (!blank(sg_buf_str(&line), line.len)) {
                slot_add_line(sl, lineno, &line);
            }
        }
        sl->last = 1;
        sl->ioerr = ioerr;
        reader_publish(p, sl);
    }
    sg_buf_release(&line);
    free(chunk);
    return NULL;
}

struct worker {
    struct pipe *p;
    int id;
};

/* Frees a batch's records; its state is the caller's (under the lock). */
static void slot_clear(struct slot *sl)
{
    int whole = sg_jpool_whole(sl->pool);
    for (size_t i = 0; i < sl->n; i++)
        item_release(&sl->v[i], whole);
    sg_jpool_reset(sl->pool);
    sl->n = 0;
    sl->last = 0;
}

/* Parses a batch with its trees in the slot's pool. */
static void slot_parse(struct slot *sl, const char *path)
{
    sg_jpool_use(sl->pool);
    for (size_t i = 0; i < sl->n; i++)
        parse_item(&sl->v[i], path);
    sg_jpool_use(NULL);
}

/* A batch the writer is done with that worker `id` parsed, or NULL. */
static struct slot *used_by(struct pipe *p, int id)
{
    for (size_t i = 0; i < p->nslots; i++)
        if (p->slots[i].state == SLOT_USED && p->slots[i].owner == id)
            return &p->slots[i];
    return NULL;
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    struct pipe *p = w->p;
    uint64_t seq = 0;

    pthread_mutex_lock(&p->mu);
    for (;;) {
        struct slot *sl = NULL;
        while (!p->stop) {
            /* first give back what the writer is done with: the reader may wait for it */
            if ((sl = used_by(p, w->id)) != NULL)
                break;
            /* then the oldest filled batch that nobody parses yet */
            for (seq = p->take; seq < p->fill; seq++)
                if (p->slots[seq % p->nslots].state == SLOT_FILLED)
                    break;
            if (seq < p->fill) {
                sl = &p->slots[seq % p->nslots];
                break;
            }
            if (p->done)
                break; /* every batch is written and this worker's are freed */
            pthread_cond_wait(&p->cv, &p->mu);
        }
        if (sl == NULL)
            break;
        if (sl->state == SLOT_USED) {
            /* the writer touches a USED slot no more; the reader waits for FREE */
            pthread_mutex_unlock(&p->mu);
            slot_clear(sl);
            pthread_mutex_lock(&p->mu);
            sl->state = SLOT_FREE;
            pthread_cond_broadcast(&p->cv);
            continue;
        }
        sl->state = SLOT_PARSING;
        sl->owner = w->id;
        pthread_mutex_unlock(&p->mu);
        slot_parse(sl, p->in->path);
        pthread_mutex_lock(&p->mu);
        sl->state = SLOT_PARSED;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static int workers(void)
{
    return sg_threads(MAX_WORKERS);
}

/* One record back on the calling thread, in line order. */
static void take_item(struct run *r, struct item *it, const char *path)
{
    struct sg_pos pos = {path, it->line, NULL};
    struct sg_error e;

    r->stats->records++;
    r->file_records++;
    if (it->e.code != 0) {
        note(r, -1, &it->e);
        return;
    }
    sg_error_init(&e);
    note(r, sg_store_insert_row(r->st, &it->row, it->canon, it->canon_len, r->source,
                                     &pos, &e), &e);
}

static int read_jsonl(struct run *r, struct sg_input *in, struct sg_sha256 *h,
                      int64_t *size)
{
    struct pipe p;
    pthread_t reader, worker[MAX_WORKERS];
    struct worker wk[MAX_WORKERS];
    int nw = workers(), ioerr = 0, rc = 0;

    memset(&p, 0, sizeof(p));
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    p.nslots = 2 * (size_t)nw + 2;
    p.slots = sg_xcalloc(p.nslots, sizeof(*p.slots));
    for (size_t i = 0; i < p.nslots; i++)
        p.slots[i].pool = sg_jpool_new();
    p.in = in;
    p.h = h;
    json_object_seed(0); /* before any thread makes an object */
    if (pthread_create(&reader, NULL, reader_main, &p) != 0) {
        rc = sg_error_set(r->err, EX_SOFTWARE, NULL, "cannot start a thread");
        r->fatal = 1;
        goto out;
    }
    for (int i = 0; i < nw; i++) {
        wk[i].p = &p;
        wk[i].id = i;
        if (pthread_create(&worker[i], NULL, worker_main, &wk[i]) != 0) {
            /* a thread fewer is only slower */
            nw = i;
            break;
        }
    }
    for (;;) {
        struct slot *sl = &p.slots[p.take % p.nslots];
        pthread_mutex_lock(&p.mu);
        while (sl->state != SLOT_PARSED && !(nw == 0 && sl->state == SLOT_FILLED))
            pthread_cond_wait(&p.cv, &p.mu);
        pthread_mutex_unlock(&p.mu);
        if (nw == 0)
            slot_parse(sl, in->path);
        for (size_t i = 0; i < sl->n && !r->fatal; i++)
            take_item(r, &sl->v[i], in->path);
        int last = sl->last;
        ioerr = sl->ioerr;
        sg_progress("ingest", r->stats->records, r->bytes_before + sl->offset,
                    r->bytes_total);
        if (nw == 0)
            slot_clear(sl);
        pthread_mutex_lock(&p.mu);
        sl->state = nw == 0 ? SLOT_FREE : SLOT_USED; /* its worker frees it */
        p.take++;
        if (last)
            p.done = 1;
        if (r->fatal)
            p.stop = 1; /* stop reading and parsing: nothing more is stored */
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
        if (last || r->fatal)
            break;
    }
    pthread_join(reader, NULL);
    for (int i = 0; i < nw; i++)
        pthread_join(worker[i], NULL);
    *size = p.size;
    if (ioerr != 0 && !r->fatal)
        rc = sg_error_set(r->err, EX_IOERR, NULL, "cannot read \"%s\": %s", in->path,
                          strerror(ioerr));
out:
    for (size_t i = 0; i < p.nslots; i++) {
        slot_clear(&p.slots[i]); /* what a stop left */
        free(p.slots[i].v);
        sg_jpool_free(p.slots[i].pool);
    }
    free(p.slots);
    pthread_cond_destroy(&p.cv);
    pthread_mutex_destroy(&p.mu);
    return rc;
}

static int read_json(struct run *r, struct sg_input *in, struct sg_sha256 *h, int64_t *size)
{
    struct sg_buf text = {0};
    char chunk[1 << 16];
    size_t n;
    json_error_t je;
    json_t *v = NULL;
    unsigned long *lines = NULL;
    size_t nlines = 0;

    while ((n = fread(chunk, 1, sizeof(chunk), in->fp)) > 0) {
        sg_sha256_update(h, chunk, n);
        *size += (int64_t)n;
        if (text.len + n > SG_MAX_JSON_FILE_BYTES) {
            bad_file(r, in->path, 1, "file larger than %s (the limit of a .json file)",
                     SG_MAX_JSON_FILE_TEXT);
            goto out;
        }
        sg_buf_add(&text, chunk, n);
    }
    if (ferror(in->fp)) {
        sg_buf_release(&text);
        return sg_error_set(r->err, EX_IOERR, NULL, "cannot read \"%s\": %s", in->path,
                            strerror(errno));
    }
    if (has_bom(sg_buf_str(&text), text.len)) {
        bad_file(r, in->path, 1, "%s", "byte-order mark (BOM) is not allowed");
        goto out;
    }
    if (blank(sg_buf_str(&text), text.len) || text.len == 0) {
        /* an empty file holds no record */
        goto out;
    }
    v = json_loadb(sg_buf_str(&text), text.len, JSON_REJECT_DUPLICATES, &je);
    if (v == NULL) {
        struct sg_pos pos = {in->path, je.line > 0 ? (unsigned long)je.line : 1, NULL};
        struct sg_error e;
        sg_error_init(&e);
        sg_error_set(&e, EX_DATAERR, &pos, "invalid JSON: %s", je.text);
        r->stats->records++;
        note(r, -1, &e);
        goto out;
    }
    if (sg_json_element_lines(sg_buf_str(&text), text.len, &lines, &nlines) != 0)
        nlines = 0;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            char ptr[32];
            struct sg_pos pos = {in->path, i < nlines ? lines[i] : 1, NULL};
            struct sg_error er;
            snprintf(ptr, sizeof(ptr), "/%zu", i);
            pos.pointer = NULL;
            sg_error_init(&er);
            r->stats->records++;
            r->file_records++;
            note(r, sg_ingest_record(r->st, e, r->source, &pos, &er), &er);
            if (r->fatal)
                break;
        }
    } else if (json_is_object(v)) {
        struct sg_pos pos = {in->path, nlines > 0 ? lines[0] : 1, NULL};
        struct sg_error er;
        sg_error_init(&er);
        r->stats->records++;
        r->file_records++;
        note(r, sg_ingest_record(r->st, v, r->source, &pos, &er), &er);
    } else {
        bad_file(r, in->path, nlines > 0 ? lines[0] : 1, "%s",
                 "a .json file must hold an object or an array of objects");
    }
out:
    json_decref(v);
    free(lines);
    sg_buf_release(&text);
    return 0;
}

/* SPEC §8 re-ingest: a file whose path and SHA-256 are registered was read whole, every
   record valid, in a committed ingest (the source row commits with its records), and the
   store is append-only; so each of its records is still stored, identical, and reading
   it again can only count them as duplicates. Recognising it skips the parse: 1 when
   the file (a regular file whose path is registered) has a registered digest, with its
   record count; the file is rewound otherwise. */
static int already_ingested(struct sg_store *st, struct sg_input *f, int64_t *records,
                            struct sg_error *err)
{
    struct stat sb;
    struct sg_sha256 *h;
    char hex[SG_SHA256_HEX], *chunk;
    size_t n;
    int known;

    if (fstat(fileno(f->fp), &sb) != 0 || !S_ISREG(sb.st_mode))
        return 0;
    known = sg_store_source_known(st, f->path, NULL, NULL, err);
    if (known <= 0)
        return known;
    h = sg_sha256_new();
    chunk = sg_xmalloc(1 << 16);
    while ((n = fread(chunk, 1, 1 << 16, f->fp)) > 0)
        sg_sha256_update(h, chunk, n);
    free(chunk);
    sg_sha256_final(h, hex);
    if (ferror(f->fp) || fseek(f->fp, 0, SEEK_SET) != 0) {
        clearerr(f->fp);
        if (fseek(f->fp, 0, SEEK_SET) != 0)
            return sg_error_set(err, EX_IOERR, NULL, "cannot read \"%s\": %s", f->path,
                                strerror(errno));
        return 0; /* the ordinary read reports it */
    }
    return sg_store_source_known(st, f->path, hex, records, err);
}

int sg_ingest_inputs(struct sg_store *st, struct sg_inputs *in, int64_t ingested_at,
                     sg_record_error_fn fn, void *ctx, struct sg_ingest_stats *stats,
                     struct sg_error *err)
{
    struct run r = {st, fn, ctx, stats, err, 0, 0, 0, 0, sg_inputs_bytes(in)};

    memset(stats, 0, sizeof(*stats));
    if (sg_store_bulk_begin(st, err) != 0)
        return -1;
    for (size_t i = 0; i < in->n && !r.fatal; i++) {
        struct sg_input *f = &in->v[i];
        struct sg_sha256 *h = sg_sha256_new();
        char hex[SG_SHA256_HEX];
        int64_t size = 0, placeholder;
        char tmpname[64];
        int64_t known_records = 0;
        int known = already_ingested(st, f, &known_records, err);

        if (known < 0) {
            sg_sha256_final(h, hex);
            return -1;
        }
        if (known) {
            sg_sha256_final(h, hex);
            stats->records += known_records;
            stats->duplicates += known_records;
            continue;
        }
        /* the digest is known only at the end: register under a unique placeholder */
        snprintf(tmpname, sizeof(tmpname), "pending-%zu", i);
        if (sg_store_add_source(st, f->path, tmpname, 0, ingested_at, &placeholder, err) != 0) {
            sg_sha256_final(h, hex);
            return -1;
        }
        r.source = placeholder;
        r.file_records = 0;
        int rc = f->is_json ? read_json(&r, f, h, &size) : read_jsonl(&r, f, h, &size);
        sg_sha256_final(h, hex);
        if (rc != 0)
            return -1;
        if (sg_store_finish_source(st, placeholder, f->path, hex, size, r.file_records, err) != 0)
            return -1;
        r.bytes_before += size;
        sg_progress("ingest", stats->records, r.bytes_before, r.bytes_total);
    }
    if (r.fatal || stats->bad > 0)
        return -1;
    return sg_store_bulk_end(st, err);
}

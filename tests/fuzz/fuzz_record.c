/* fuzz_record: one JSON Lines record, as `signoff ingest` parses it: jansson with
 * duplicate keys refused, nulls dropped, SPEC §2 validation, then the store's insert.
 * Invariants: a record that validates goes in once and a second insert is a duplicate
 * (SPEC §8: identical records are skipped), and its canonical form is a fixed point. */
#include "fuzz.h"

#include "signoff/ingest.h"
#include "signoff/json.h"
#include "signoff/record.h"
#include "signoff/store.h"

static struct sg_store *st;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sg_error err;
    struct sg_pos pos = {"fuzz.jsonl", 1, NULL};
    json_error_t je;
    json_t *v;
    int rc;

    if (st == NULL) {
        sg_error_init(&err);
        if (sg_store_open(&st, NULL, 0, &err) != 0)
            abort();
    }
    v = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
                   &je);
    if (v == NULL)
        return 0;
    sg_error_init(&err);
    int64_t source;
    if (sg_store_begin(st, &err) != 0 ||
        sg_store_add_source(st, "fuzz.jsonl", "pending", 0, 0, &source, &err) != 0)
        abort();
    rc = sg_ingest_record(st, v, source, &pos, &err);
    if (rc < 0) {
        FUZZ_ASSERT(err.code == EX_DATAERR && err.msg[0] != '\0');
    } else {
        struct sg_error e2;
        char *c1 = sg_json_canonical(v), *c2;
        json_t *w = json_loads(c1, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
        FUZZ_ASSERT(w != NULL);
        c2 = sg_json_canonical(w);
        FUZZ_ASSERT(strcmp(c1, c2) == 0);
        sg_error_init(&e2);
        FUZZ_ASSERT(rc == SG_INSERTED);
        FUZZ_ASSERT(sg_ingest_record(st, w, source, &pos, &e2) == SG_DUPLICATE);
        json_decref(w);
        free(c1);
        free(c2);
    }
    sg_store_rollback(st);
    json_decref(v);
    return 0;
}

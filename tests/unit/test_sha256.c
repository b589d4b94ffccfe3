/* tests/unit/test_sha256.c: SHA-256 (libcrypto through util/sha256.c) on the FIPS 180-2
 * vectors, the one-shot and the streaming interface alike, from two threads at once. */
#include "harness.h"

#include "signoff/sha256.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *text, *hex;
} vectors[] = {
    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
};

static void test_sha256__vectors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
        char hex[SG_SHA256_HEX];
        struct sg_sha256 *h = sg_sha256_new();
        sg_sha256_hex(vectors[i].text, strlen(vectors[i].text), hex);
        assert_string_equal(hex, vectors[i].hex);
        /* the streaming interface, a byte at a time */
        for (const char *p = vectors[i].text; *p; p++)
            sg_sha256_update(h, p, 1);
        sg_sha256_final(h, hex);
        assert_string_equal(hex, vectors[i].hex);
    }
}

/* a million 'a': the long vector, one-shot and in uneven pieces */
static void *million(void *arg)
{
    char *buf = malloc(1000000), hex[SG_SHA256_HEX], hex2[SG_SHA256_HEX];
    struct sg_sha256 *h = sg_sha256_new();
    size_t at = 0, step = 1;
    memset(buf, 'a', 1000000);
    sg_sha256_hex(buf, 1000000, hex);
    while (at < 1000000) {
        size_t n = step < 1000000 - at ? step : 1000000 - at;
        sg_sha256_update(h, buf + at, n);
        at += n;
        step = step * 3 + 1;
    }
    sg_sha256_final(h, hex2);
    free(buf);
    *(int *)arg =
        strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0") ==
            0 &&
        strcmp(hex, hex2) == 0;
    return NULL;
}

static void test_sha256__million_on_two_threads(void **state)
{
    pthread_t t;
    int a = 0, b = 0;
    (void)state;
    assert_int_equal(pthread_create(&t, NULL, million, &a), 0);
    million(&b);
    pthread_join(t, NULL);
    assert_true(a);
    assert_true(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256__vectors),
        cmocka_unit_test(test_sha256__million_on_two_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

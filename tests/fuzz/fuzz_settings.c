/* fuzz_settings: a --settings file (SPEC §3) merged onto the defaults. Invariants: a
 * refusal is EX_DATAERR with a message; accepted settings give a veto window > 0, tiers
 * read back through sg_settings_tier, and their JSON form parses as settings again to
 * the same values (what the manifest records is what was in force). */
#include "fuzz.h"

#include "signoff/settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sg_settings s, again;
    struct sg_error err;
    json_t *j, *j2;
    char *text;

    sg_settings_defaults(&s);
    sg_error_init(&err);
    if (sg_settings_parse(&s, "fuzz.json", (const char *)data, size, &err) != 0) {
        FUZZ_ASSERT(err.code == EX_DATAERR && err.msg[0] != '\0');
        return 0;
    }
    FUZZ_ASSERT(s.veto_window > 0);
    FUZZ_ASSERT(s.default_severity >= 1 && s.default_severity <= 4);
    for (int i = 0; i < s.nenvs; i++)
        for (int l = 1; l <= 4; l++)
            (void)sg_settings_tier(&s, s.envs[i].name, l);
    j = sg_settings_json(&s);
    text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    FUZZ_ASSERT(text != NULL);
    sg_settings_defaults(&again);
    FUZZ_ASSERT(sg_settings_parse(&again, "again.json", text, strlen(text), &err) == 0);
    j2 = sg_settings_json(&again);
    FUZZ_ASSERT(json_equal(j, j2));
    free(text);
    json_decref(j);
    json_decref(j2);
    return 0;
}

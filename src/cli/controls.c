/* cli/controls.c: see controls.h. */
#include "controls.h"
#include "cli.h"
#include "load.h"

#include <string.h>

int cli_frameworks_parse(unsigned char sel[SG_FW__COUNT], const char *list, const char *cmd)
{
    char word[32];
    const char *p = list;
    memset(sel, 0, SG_FW__COUNT);
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        int fw;
        if (n == 0 || n >= sizeof(word))
            return cli_usage(cmd, "bad framework list \"%s\"", list);
        memcpy(word, p, n);
        word[n] = '\0';
        fw = sg_framework_lookup(word);
        if (fw < 0)
            return cli_usage(cmd,
                             "bad framework \"%s\": one of soc2, iso27001, fedramp, ai-rmf",
                             word);
        sel[fw] = 1;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    return 0;
}

int cli_baseline_parse(unsigned *out, const char *name, const char *cmd)
{
    *out = 0;
    if (name == NULL)
        return 0;
    *out = sg_baseline_lookup(name);
    if (*out == 0)
        return cli_usage(cmd, "bad --baseline \"%s\": low, moderate or high", name);
    return 0;
}

int cli_mappings_load(struct sg_mapset **out, const char *dir)
{
    struct cli_msgs msgs = {0, 0, 0};
    size_t n = sg_map_check(out, dir, cli_msgs_print, &msgs);
    if (n == 0)
        return 0;
    cli_msgs_finish(&msgs);
    return msgs.code ? msgs.code : EX_DATAERR;
}

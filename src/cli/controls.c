/* cli/controls.c: see controls.h. */
#include "controls.h"
#include "cli.h"
#include "load.h"

#include <string.h>

struct fw_ctx {
    unsigned char *sel;
    const char *cmd;
};

static int framework_item(void *ctx, const char *word)
{
    struct fw_ctx *c = ctx;
    int fw = sg_framework_lookup(word);
    if (fw < 0)
        return cli_usage(c->cmd, "bad framework \"%s\": one of soc2, iso27001, fedramp, ai-rmf",
                         word);
    c->sel[fw] = 1;
    return 0;
}

int cli_frameworks_parse(unsigned char sel[SG_FW__COUNT], const char *list, const char *cmd)
{
    struct fw_ctx c = {sel, cmd};
    memset(sel, 0, SG_FW__COUNT);
    return cli_each_item(cmd, "framework list", list, framework_item, &c);
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

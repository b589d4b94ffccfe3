/* cli/cmd_mappings.c: `signoff mappings [--check] [--mappings DIR]` (SPEC §5, §7): lists
 * the frameworks and their controls, or checks the mapping files and prints every
 * problem as FILE:LINE: POINTER: message (SPEC §8: up to 100, then "…and N more"). */
#include "cli.h"
#include "signoff/xalloc.h"
#include "term.h"
#include "help.h"
#include "load.h"
#include "signoff/map.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] =
    "usage: signoff mappings [--check] [--mappings DIR]\n"
    "\n"
    "Lists the frameworks (SOC 2, ISO/IEC 27001:2022, FedRAMP Rev. 5, NIST AI RMF 1.0)\n"
    "and their mapped controls: ID, title, FedRAMP baselines and the finding codes that\n"
    "count as exceptions against each. With --check, verifies the mapping files "
    "instead:\n"
    "every control ID is real in its framework's catalog and edition, none is listed\n"
    "twice, every finding code and evidence kind exists and every finding code is "
    "mapped.\n"
    "\n"
    "  --check         check the files; print every problem and exit 65 if any\n"
    "  --mappings DIR  mapping files; default: the shipped ones\n"
    "\n"
    "example: signoff mappings --check --mappings my-mappings/\n";

/* Remembers the first problem's exit code and prints as cli_msgs_print does. */
struct problems {
    struct cli_msgs msgs;
    int code;
};

static void on_problem(void *ctx, const struct sg_error *e)
{
    struct problems *p = ctx;
    if (p->code == 0)
        p->code = e->code;
    cli_msgs_print(&p->msgs, e);
}

/* "L,M,H", "M,H", "-" */
static void baselines_text(char *buf, size_t n, unsigned b)
{
    size_t o = 0;
    buf[0] = '\0';
    for (unsigned bit = SG_BASELINE_LOW; bit <= SG_BASELINE_HIGH; bit <<= 1)
        if ((b & bit) && o + 3 < n) {
            if (o > 0)
                buf[o++] = ',';
            buf[o++] = (char)(sg_baseline_name(bit)[0] - 'a' + 'A');
            buf[o] = '\0';
        }
    if (o == 0)
        snprintf(buf, n, "-");
}

/* Fits 80 columns: each control's id and title (wrapped under the title), then its
   exceptions (and FedRAMP baselines) on the next lines. */
static void print_framework(const struct sg_framework_map *m)
{
    int fedramp = m->fw == SG_FW_FEDRAMP;
    size_t wid = 2, ind;
    char base[32];
    struct sg_buf b = {0};

    for (size_t i = 0; i < m->ncontrols; i++)
        if (term_cols(m->controls[i].id) > wid)
            wid = term_cols(m->controls[i].id);
    if (wid > 16)
        wid = 16;
    ind = 2 + wid + 2;
    sg_buf_printf(&b, "%s: %s, %s; %zu controls", m->key, m->name, m->edition, m->ncontrols);
    term_put_wrapped(sg_buf_str(&b), " ", 0, 2);
    for (size_t i = 0; i < m->ncontrols; i++) {
        const struct sg_control *c = &m->controls[i];
        int any = 0;
        fputs("  ", stdout);
        term_put_padded(c->id, wid);
        if (term_cols(c->id) > wid) {
            putchar('\n');
            printf("%*s", (int)ind, "");
        } else {
            fputs("  ", stdout);
        }
        term_put_wrapped(c->title, " ", ind, ind);
        sg_buf_reset(&b);
        if (fedramp) {
            baselines_text(base, sizeof(base), c->baselines);
            sg_buf_printf(&b, "baselines %s; ", base);
        }
        sg_buf_adds(&b, "exceptions: ");
        for (int k = 0; k < SG_F__COUNT; k++)
            if (c->exception[k]) {
                sg_buf_printf(&b, "%s%s", any ? ", " : "", sg_finding_name(k));
                any = 1;
            }
        if (!any)
            sg_buf_adds(&b, "none");
        printf("%*s", (int)ind, "");
        term_put_wrapped(sg_buf_str(&b), ", ", ind, ind + 2);
    }
    sg_buf_release(&b);
}

int cmd_mappings(int argc, char **argv)
{
    static const struct option opts[] = {{"check", no_argument, NULL, 'c'},
                                         {"mappings", required_argument, NULL, 'm'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *dir = NULL;
    int check = 0, c;
    struct problems p = {{0, 0, 0}, 0};
    struct sg_mapset *ms = NULL;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'c':
            check = 1;
            break;
        case 'm':
            dir = optarg;
            break;
        case 'h':
            if (cli_has_help("mappings"))
                cli_print_help("mappings");
            else
                fputs(usage_text, stdout);
            return cli_finish_stdout(0);
        default:
            return cli_option_error("mappings", c, argv, opts);
        }
    }
    if (optind < argc)
        return cli_usage("mappings", "unexpected argument \"%s\"", argv[optind]);
    if (sg_map_check(&ms, dir, on_problem, &p) != 0) {
        cli_msgs_finish(&p.msgs);
        return p.code != 0 ? p.code : EX_DATAERR;
    }
    if (check) {
        size_t nfw = sg_mapset_nframeworks(ms);
        printf("mappings ok: %zu framework%s, %zu controls\n", nfw, nfw == 1 ? "" : "s",
               sg_mapset_ncontrols(ms));
    } else {
        int first = 1;
        for (int fw = 0; fw < SG_FW__COUNT; fw++) {
            const struct sg_framework_map *m = sg_mapset_framework(ms, fw);
            if (m == NULL)
                continue;
            if (!first)
                putchar('\n');
            print_framework(m);
            first = 0;
        }
    }
    sg_mapset_free(ms);
    return cli_finish_stdout(0);
}

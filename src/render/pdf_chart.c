/* render/pdf_chart.c: the executive summary's charts, drawn with cairo, labelled with
 * pango. Every bar carries its number, so no figure depends on reading a colour. */
#include "pdf_int.h"

#include <math.h>
#include <stdio.h>

static long nice_step(long max)
{
    long step = 1;
    if (max <= 4)
        return 1;
    for (;;) {
        if (step * 4 >= max)
            return step;
        if (step * 2 * 4 >= max)
            return step * 2;
        if (step * 5 * 4 >= max)
            return step * 5;
        step *= 10;
    }
}

static void legend(struct pd *d, const struct pd_series *series, int nseries, double right,
                   double y)
{
    double x = right, w;
    for (int s = nseries - 1; s >= 0; s--) {
        pd_measure(d, PD_SMALL, series[s].label, 0, &w, NULL);
        x -= w;
        pd_text(d, PD_SMALL, PD_INK, x, y, 0, PANGO_ALIGN_LEFT, series[s].label);
        x -= 11;
        pd_rect(d, series[s].color, x, y + 1.5, 8, 8);
        x -= 10;
    }
}

void pd_chart_bars(struct pd *d, const char *title, const char *const *labels, int nbuckets,
                   const struct pd_series *series, int nseries, const long *values, double h)
{
    double top, x0, x1, y0, y1, slot, bw;
    long max = 0, step;
    char buf[32];

    pd_need(d, h + 24);
    top = d->y;
    pd_text(d, PD_BOLD, PD_INK, d->left, top, 0, PANGO_ALIGN_LEFT, title);
    legend(d, series, nseries, d->right, top);
    x0 = d->left + 36;
    x1 = d->right - 4;
    y0 = top + 26;
    y1 = top + h - 26;
    for (int b = 0; b < nbuckets; b++) {
        long sum = 0;
        for (int s = 0; s < nseries; s++)
            sum += values[b * nseries + s];
        if (sum > max)
            max = sum;
    }
    step = nice_step(max);
    long ticks = max == 0 ? 1 : (max + step - 1) / step;
    double scale = (y1 - y0) / (double)(ticks * step);
    for (long k = 0; k <= ticks; k++) {
        double y = y1 - (double)(k * step) * scale;
        pd_line(d, k == 0 ? PD_GREY : PD_LIGHT, k == 0 ? 0.8 : 0.5, x0, y, x1, y);
        snprintf(buf, sizeof(buf), "%ld", k * step);
        pd_text(d, PD_SMALL, PD_GREY, d->left, y - 5, 32, PANGO_ALIGN_RIGHT, buf);
    }
    slot = (x1 - x0) / (nbuckets > 0 ? nbuckets : 1);
    bw = slot * 0.66;
    for (int b = 0; b < nbuckets; b++) {
        double x = x0 + slot * b + (slot - bw) / 2, y = y1;
        long sum = 0;
        for (int s = 0; s < nseries; s++) {
            long v = values[b * nseries + s];
            double bh = (double)v * scale;
            if (v > 0)
                pd_rect(d, series[s].color, x, y - bh, bw, bh);
            y -= bh;
            sum += v;
        }
        if (sum > 0) {
            snprintf(buf, sizeof(buf), "%ld", sum);
            pd_text(d, PD_SMALL, PD_INK, x - 6, y - 10, bw + 12, PANGO_ALIGN_CENTER, buf);
        }
        /* every label when they fit, else every other one */
        if (nbuckets <= 16 || b % 2 == 0)
            pd_text(d, PD_SMALL, PD_GREY, x0 + slot * b - 6, y1 + 3, slot + 12,
                    PANGO_ALIGN_CENTER, labels[b]);
    }
    d->y = top + h;
}

void pd_chart_hbars(struct pd *d, const char *title, const char *const *labels, int nrows,
                    const struct pd_series *series, int nseries, const long *values,
                    const char *const *links)
{
    const double row = 17;
    double lw = (d->right - d->left) * 0.30, x0, x1, top;
    long max = 0;
    char buf[32];

    pd_need(d, 30 + row * nrows);
    top = d->y;
    pd_text(d, PD_BOLD, PD_INK, d->left, top, 0, PANGO_ALIGN_LEFT, title);
    legend(d, series, nseries, d->right, top);
    x0 = d->left + lw;
    x1 = d->right - 40;
    for (int r = 0; r < nrows; r++) {
        long sum = 0;
        for (int s = 0; s < nseries; s++)
            sum += values[r * nseries + s];
        if (sum > max)
            max = sum;
    }
    double y = top + 18;
    for (int r = 0; r < nrows; r++, y += row) {
        double x = x0;
        long sum = 0;
        if (links != NULL && links[r] != NULL)
            pd_link_begin(d, links[r]);
        pd_text(d, PD_SMALL, links != NULL && links[r] != NULL ? PD_BLUE : PD_INK, d->left,
                y + 2, lw - 6, PANGO_ALIGN_LEFT, labels[r]);
        if (links != NULL && links[r] != NULL)
            pd_link_end(d);
        for (int s = 0; s < nseries; s++) {
            long v = values[r * nseries + s];
            double w = max ? (x1 - x0) * (double)v / (double)max : 0;
            if (v > 0) {
                pd_rect(d, series[s].color, x, y + 1, w, row - 5);
                snprintf(buf, sizeof(buf), "%ld", v);
                double tw;
                pd_measure(d, PD_SMALL, buf, 0, &tw, NULL);
                if (tw + 4 < w)
                    pd_text(d, PD_SMALL, PD_LIGHT == series[s].color ? PD_INK : PD_LIGHT, x,
                            y + 2, w, PANGO_ALIGN_CENTER, buf);
            }
            x += w;
            sum += v;
        }
        snprintf(buf, sizeof(buf), "%ld", sum);
        pd_text(d, PD_SMALL_BOLD, PD_INK, x + 4, y + 2, 0, PANGO_ALIGN_LEFT, buf);
    }
    d->y = y + 6;
}

/* util/json.c: see json.h. The scanner below only finds where values start; jansson
 * does the real parsing and reports syntax errors. */
#include "signoff/json.h"
#include "signoff/limits.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void sg_json_drop_nulls(json_t *v)
{
    if (json_is_object(v)) {
        const char *key;
        json_t *val;
        void *tmp;
        json_object_foreach_safe(v, tmp, key, val)
        {
            if (json_is_null(val))
                json_object_del(v, key);
            else
                sg_json_drop_nulls(val);
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *val;
        json_array_foreach(v, i, val) sg_json_drop_nulls(val);
    }
}

static int limits(const json_t *v, int depth, const char **why)
{
    if (json_is_object(v) || json_is_array(v)) {
        if (depth >= SG_MAX_JSON_DEPTH) {
            *why = "nested too deeply (limit 32)";
            return -1;
        }
    }
    if (json_is_object(v)) {
        const char *key;
        json_t *val;
        json_object_foreach((json_t *)v, key, val)
        {
            if (strlen(key) > SG_MAX_STRING_BYTES) {
                *why = "key longer than 64 KiB";
                return -1;
            }
            if (limits(val, depth + 1, why) != 0)
                return -1;
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *val;
        json_array_foreach(v, i, val)
        {
            if (limits(val, depth + 1, why) != 0)
                return -1;
        }
    } else if (json_is_string(v)) {
        if (json_string_length(v) > SG_MAX_STRING_BYTES) {
            *why = "string longer than 64 KiB";
            return -1;
        }
    }
    return 0;
}

int sg_json_check_limits(const json_t *v, const char **why)
{
    return limits(v, 0, why);
}

/* ---- canonical form --------------------------------------------------------------
 *
 * The bytes jansson 2.14's json_dumps writes with JSON_COMPACT | JSON_SORT_KEYS |
 * JSON_ENCODE_ANY | JSON_REAL_PRECISION(17) after reals with an integral value below
 * 2^53 became integers: the store compares records by these bytes (SPEC §8), so stores
 * written before this writer stay valid. Written by hand because json_dumps cost as much
 * as parsing did in ingest's profile (a callback per token, a key array and a lookup
 * per member); tests/unit/test_json.c compares the two on random and real records.
 * Reals follow jansson's own number format (canon_real). */

static int integral(double d)
{
    return d == floor(d) && fabs(d) < 9007199254740992.0;
}

static const char hex_upper[] = "0123456789ABCDEF";
static const char hex_lower[] = "0123456789abcdef";

/* S[0..N) as a JSON string: the two-character escapes where JSON has one, \u00XX for the
 * other control characters with HEX's digits (jansson's canonical form writes upper case,
 * SPEC §7's output lower case), every other byte as it is. */
static void put_escaped(struct sg_buf *b, const char *s, size_t n, const char *hex)
{
    size_t run = 0;
    sg_buf_addc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[6];
        size_t k = 2;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        sg_buf_add(b, s + run, i - run);
        run = i + 1;
        esc[0] = '\\';
        switch (c) {
        case '"':
            esc[1] = '"';
            break;
        case '\\':
            esc[1] = '\\';
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\t':
            esc[1] = 't';
            break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            k = 6;
        }
        sg_buf_add(b, esc, k);
    }
    sg_buf_add(b, s + run, n - run);
    sg_buf_addc(b, '"');
}

/* A real as jansson writes it with precision 17: "%.17g" (the C locale: signoff never
   sets another), ".0" appended when that has neither a point nor an exponent, and the
   exponent without its '+' and leading zeros (1e+25 -> 1e25, 1e-07 -> 1e-7). */
static void canon_real(struct sg_buf *b, double d)
{
    char buf[40], *e;
    int n = snprintf(buf, sizeof(buf) - 3, "%.17g", d);
    if (n < 0 || (size_t)n >= sizeof(buf) - 3) {
        sg_buf_add(b, "null", 4); /* cannot happen for a finite double */
        return;
    }
    if (strchr(buf, '.') == NULL && strchr(buf, 'e') == NULL) {
        memcpy(buf + n, ".0", 3);
        n += 2;
    }
    if ((e = strchr(buf, 'e')) != NULL) {
        char *digits = e + 1, *from;
        if (*digits == '-')
            digits++;
        else if (*digits == '+')
            memmove(digits, digits + 1, strlen(digits + 1) + 1);
        for (from = digits; *from == '0' && from[1] != '\0'; from++)
            ;
        memmove(digits, from, strlen(from) + 1);
        n = (int)strlen(buf);
    }
    sg_buf_add(b, buf, (size_t)n);
}

struct canon_member {
    const char *key;
    size_t len;
    const json_t *value;
};

static int member_order(const void *x, const void *y)
{
    const struct canon_member *a = x, *b = y;
    int r = memcmp(a->key, b->key, a->len < b->len ? a->len : b->len);
    if (r != 0)
        return r;
    return a->len < b->len ? -1 : a->len > b->len;
}

static void canon_value(struct sg_buf *b, const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        struct canon_member small[16], *m = small;
        size_t n = json_object_size(v), k = 0;
        void *it;
        if (n > sizeof(small) / sizeof(small[0]))
            m = sg_xreallocarray(NULL, n, sizeof(*m));
        for (it = json_object_iter((json_t *)v); it != NULL && k < n;
             it = json_object_iter_next((json_t *)v, it), k++) {
            m[k].key = json_object_iter_key(it);
            m[k].len = json_object_iter_key_len(it);
            m[k].value = json_object_iter_value(it);
        }
        if (k <= sizeof(small) / sizeof(small[0])) {
            /* a record's objects are small: insertion sort beats qsort's set-up */
            for (size_t i = 1; i < k; i++) {
                struct canon_member t = m[i];
                size_t j = i;
                for (; j > 0 && member_order(&m[j - 1], &t) > 0; j--)
                    m[j] = m[j - 1];
                m[j] = t;
            }
        } else {
            qsort(m, k, sizeof(*m), member_order);
        }
        sg_buf_addc(b, '{');
        for (size_t i = 0; i < k; i++) {
            if (i > 0)
                sg_buf_addc(b, ',');
            put_escaped(b, m[i].key, m[i].len, hex_upper);
            sg_buf_addc(b, ':');
            canon_value(b, m[i].value);
        }
        sg_buf_addc(b, '}');
        if (m != small)
            free(m);
        break;
    }
    case JSON_ARRAY:
        sg_buf_addc(b, '[');
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i > 0)
                sg_buf_addc(b, ',');
            canon_value(b, json_array_get(v, i));
        }
        sg_buf_addc(b, ']');
        break;
    case JSON_STRING:
        put_escaped(b, json_string_value(v), json_string_length(v), hex_upper);
        break;
    case JSON_INTEGER:
        sg_buf_add_int(b, json_integer_value(v));
        break;
    case JSON_REAL: {
        double d = json_real_value(v);
        if (integral(d)) {
            sg_buf_add_int(b, (long long)d);
        } else {
            canon_real(b, d);
        }
        break;
    }
    case JSON_TRUE:
        sg_buf_add(b, "true", 4);
        break;
    case JSON_FALSE:
        sg_buf_add(b, "false", 5);
        break;
    case JSON_NULL:
    default:
        sg_buf_add(b, "null", 4);
        break;
    }
}

char *sg_json_canonical_len(const json_t *v, size_t *len)
{
    struct sg_buf b = {0};
    if (v == NULL) {
        *len = 4;
        return sg_xstrdup("null");
    }
    sg_buf_reserve(&b, 512); /* most records fit: no regrowth */
    canon_value(&b, v);
    *len = b.len;
    return b.data;
}

char *sg_json_canonical(const json_t *v)
{
    size_t len;
    return sg_json_canonical_len(v, &len);
}

static const char *string_end(const char *p) /* p at the opening quote */
{
    for (p++; *p != '\0' && *p != '"'; p++)
        if (*p == '\\' && p[1] != '\0')
            p++;
    return *p == '"' ? p + 1 : p;
}

/* The end of the JSON value starting at p, in canonical (compact, valid) text. */
static const char *value_end(const char *p)
{
    int depth = 0;
    if (*p == '"')
        return string_end(p);
    if (*p != '{' && *p != '[') {
        while (*p != '\0' && strchr(",:}]", *p) == NULL)
            p++;
        return p;
    }
    while (*p != '\0') {
        if (*p == '"') {
            p = string_end(p);
            continue;
        }
        if (*p == '{' || *p == '[')
            depth++;
        else if ((*p == '}' || *p == ']') && --depth == 0)
            return p + 1;
        p++;
    }
    return p;
}

char *sg_json_canonical_without(const char *canon, const char *const *keys, size_t nkeys)
{
    struct sg_buf b = {0};
    const char *p = canon;
    int first = 1;
    if (*p != '{')
        return sg_xstrdup(canon);
    sg_buf_addc(&b, '{');
    for (p++; *p == '"';) {
        const char *member = p, *key_end = value_end(p), *end;
        size_t klen = (size_t)(key_end - member) - 2; /* without the quotes */
        int drop = 0;
        if (*key_end != ':')
            break; /* not canonical text: keep what follows as it is */
        end = value_end(key_end + 1);
        for (size_t i = 0; i < nkeys && !drop; i++)
            drop = strlen(keys[i]) == klen && memcmp(member + 1, keys[i], klen) == 0;
        if (!drop) {
            if (!first)
                sg_buf_addc(&b, ',');
            sg_buf_add(&b, member, (size_t)(end - member));
            first = 0;
        }
        p = *end == ',' ? end + 1 : end;
    }
    sg_buf_adds(&b, p);
    return b.data;
}

int sg_json_missing(const json_t *v)
{
    if (v == NULL || json_is_null(v))
        return 1;
    if (json_is_string(v))
        return json_string_length(v) == 0;
    if (json_is_array(v))
        return json_array_size(v) == 0;
    if (json_is_object(v))
        return json_object_size(v) == 0;
    return 0;
}

void sg_json_put_string(struct sg_buf *b, const char *s)
{
    put_escaped(b, s, strlen(s), hex_lower);
}

/* ---- a position scanner: finds where values start, nothing more ----------------- */

struct scan {
    const char *p, *end;
    unsigned long line;
    int depth;
};

static void ws(struct scan *s)
{
    while (s->p < s->end &&
           (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r')) {
        if (*s->p == '\n')
            s->line++;
        s->p++;
    }
}

/* Scans a string starting at '"'; if out != NULL, stores its raw contents (escapes
 * decoded only for \" \\ \/ ~ enough for pointer matching of plain keys). */
static int scan_string(struct scan *s, struct sg_buf *out)
{
    if (s->p >= s->end || *s->p != '"')
        return -1;
    s->p++;
    while (s->p < s->end && *s->p != '"') {
        if (*s->p == '\n')
            return -1;
        if (*s->p == '\\') {
            s->p++;
            if (s->p >= s->end)
                return -1;
            if (out != NULL) {
                char c = *s->p;
                if (c == 'n')
                    c = '\n';
                else if (c == 't')
                    c = '\t';
                sg_buf_addc(out, c);
            }
            s->p++;
            continue;
        }
        if (out != NULL)
            sg_buf_addc(out, *s->p);
        s->p++;
    }
    if (s->p >= s->end)
        return -1;
    s->p++;
    return 0;
}

static int scan_value(struct scan *s);

static int scan_container(struct scan *s, char close, int is_obj)
{
    if (++s->depth > 4096)
        return -1;
    s->p++;
    ws(s);
    if (s->p < s->end && *s->p == close) {
        s->p++;
        s->depth--;
        return 0;
    }
    for (;;) {
        ws(s);
        if (is_obj) {
            if (scan_string(s, NULL) != 0)
                return -1;
            ws(s);
            if (s->p >= s->end || *s->p != ':')
                return -1;
            s->p++;
            ws(s);
        }
        if (scan_value(s) != 0)
            return -1;
        ws(s);
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            continue;
        }
        if (s->p < s->end && *s->p == close) {
            s->p++;
            s->depth--;
            return 0;
        }
        return -1;
    }
}

static int scan_value(struct scan *s)
{
    ws(s);
    if (s->p >= s->end)
        return -1;
    switch (*s->p) {
    case '{':
        return scan_container(s, '}', 1);
    case '[':
        return scan_container(s, ']', 0);
    case '"':
        return scan_string(s, NULL);
    default:
        if (strchr("-0123456789tfn", *s->p) == NULL)
            return -1;
        while (s->p < s->end && strchr(",]} \t\r\n", *s->p) == NULL)
            s->p++;
        return 0;
    }
}

int sg_json_element_lines(const char *text, size_t len, unsigned long **out, size_t *n)
{
    struct scan s = {text, text + len, 1, 0};
    size_t cap = 16, count = 0;
    unsigned long *lines;

    ws(&s);
    if (s.p >= s.end)
        return -1;
    lines = sg_xmalloc(cap * sizeof(*lines));
    if (*s.p != '[') {
        lines[0] = s.line;
        *out = lines;
        *n = 1;
        return 0;
    }
    s.p++;
    ws(&s);
    if (s.p < s.end && *s.p == ']') {
        *out = lines;
        *n = 0;
        return 0;
    }
    for (;;) {
        ws(&s);
        if (count == cap) {
            cap *= 2;
            lines = sg_xreallocarray(lines, cap, sizeof(*lines));
        }
        lines[count++] = s.line;
        if (scan_value(&s) != 0)
            break;
        ws(&s);
        if (s.p < s.end && *s.p == ',') {
            s.p++;
            continue;
        }
        if (s.p < s.end && *s.p == ']') {
            *out = lines;
            *n = count;
            return 0;
        }
        break;
    }
    free(lines);
    return -1;
}

unsigned long sg_json_pointer_line(const char *text, size_t len, const char *ptr)
{
    struct scan s = {text, text + len, 1, 0};
    struct sg_buf tok = {0}, key = {0};
    unsigned long line = 0;

    ws(&s);
    while (*ptr == '/') {
        const char *next = strchr(ptr + 1, '/');
        size_t tl = next ? (size_t)(next - ptr - 1) : strlen(ptr + 1);
        sg_buf_reset(&tok);
        for (size_t i = 0; i < tl; i++) {
            char c = ptr[1 + i];
            if (c == '~' && i + 1 < tl && (ptr[2 + i] == '0' || ptr[2 + i] == '1')) {
                c = ptr[2 + i] == '0' ? '~' : '/';
                i++;
            }
            sg_buf_addc(&tok, c);
        }
        ptr += 1 + tl;
        ws(&s);
        if (s.p >= s.end)
            goto out;
        if (*s.p == '{') {
            int found = 0;
            s.p++;
            for (;;) {
                ws(&s);
                if (s.p < s.end && *s.p == '}')
                    goto out;
                sg_buf_reset(&key);
                if (scan_string(&s, &key) != 0)
                    goto out;
                ws(&s);
                if (s.p >= s.end || *s.p != ':')
                    goto out;
                s.p++;
                ws(&s);
                if (strcmp(sg_buf_str(&key), sg_buf_str(&tok)) == 0) {
                    found = 1;
                    break;
                }
                if (scan_value(&s) != 0)
                    goto out;
                ws(&s);
                if (s.p < s.end && *s.p == ',')
                    s.p++;
                else
                    goto out;
            }
            if (!found)
                goto out;
        } else if (*s.p == '[') {
            char *endp;
            long idx = strtol(sg_buf_str(&tok), &endp, 10);
            if (*endp != '\0' || idx < 0)
                goto out;
            s.p++;
            for (long i = 0; i < idx; i++) {
                ws(&s);
                if (scan_value(&s) != 0)
                    goto out;
                ws(&s);
                if (s.p < s.end && *s.p == ',')
                    s.p++;
                else
                    goto out;
            }
            ws(&s);
        } else {
            goto out;
        }
    }
    ws(&s);
    line = s.line;
out:
    sg_buf_release(&tok);
    sg_buf_release(&key);
    return line;
}

void sg_json_pointer_push(struct sg_buf *b, const char *token)
{
    sg_buf_addc(b, '/');
    for (const char *p = token; *p; p++) {
        if (*p == '~')
            sg_buf_adds(b, "~0");
        else if (*p == '/')
            sg_buf_adds(b, "~1");
        else
            sg_buf_addc(b, *p);
    }
}

static void buf_cut(struct sg_buf *b, size_t n)
{
    if (b->data != NULL) {
        b->len = n;
        b->data[n] = '\0';
    }
}

/* One value of the line index: records where it starts (when depth <= max), then its
 * members (while depth < max) or skips it whole. */
static int index_value(struct scan *s, struct sg_buf *ptr, int depth, int max,
                       json_t *map)
{
    ws(s);
    if (s->p >= s->end)
        return -1;
    json_object_set_new_nocheck(map, sg_buf_str(ptr), json_integer((json_int_t)s->line));
    if (depth >= max || (*s->p != '{' && *s->p != '['))
        return scan_value(s);
    int is_obj = *s->p == '{';
    char close = is_obj ? '}' : ']';
    size_t base = ptr->len;
    long idx = 0;
    int rc = -1;
    struct sg_buf key = {0};

    if (++s->depth > 4096)
        return -1;
    s->p++;
    ws(s);
    if (s->p < s->end && *s->p == close) {
        s->p++;
        s->depth--;
        return 0;
    }
    for (;;) {
        ws(s);
        buf_cut(ptr, base);
        if (is_obj) {
            sg_buf_reset(&key);
            if (scan_string(s, &key) != 0)
                goto out;
            ws(s);
            if (s->p >= s->end || *s->p != ':')
                goto out;
            s->p++;
            sg_json_pointer_push(ptr, sg_buf_str(&key));
        } else {
            sg_buf_printf(ptr, "/%ld", idx++);
        }
        if (index_value(s, ptr, depth + 1, max, map) != 0)
            goto out;
        ws(s);
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            continue;
        }
        if (s->p < s->end && *s->p == close) {
            s->p++;
            s->depth--;
            rc = 0;
        }
        goto out;
    }
out:
    buf_cut(ptr, base);
    sg_buf_release(&key);
    return rc;
}

json_t *sg_json_line_index(const char *text, size_t len, int max_depth)
{
    struct scan s = {text, text + len, 1, 0};
    struct sg_buf ptr = {0};
    json_t *map = json_object();

    if (index_value(&s, &ptr, 0, max_depth, map) != 0) {
        json_decref(map);
        map = NULL;
    }
    sg_buf_release(&ptr);
    return map;
}

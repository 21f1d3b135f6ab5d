/*
 * mcpfiles.c — the files of the session as MCP resources: what the code
 * wrote into the scratch area (a CSV, a chart, a report) listed by
 * resources/list and fetched by resources/read, so that a client can hand
 * them to the person or to the model without printing them.
 *
 * URIs are mpbox://files/PATH (mcp.h). Contents come as text when the
 * file is valid UTF-8 and of a text type, else as base64 (blob).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "utf8.h"
#include "mcp.h"

/* A media type from the name's extension. */
static const char *media_type(const char *path)
{
    static const char *const types[][2] = {
        {".txt", "text/plain"},        {".csv", "text/csv"},        {".tsv", "text/tab-separated-values"},
        {".md", "text/markdown"},      {".html", "text/html"},      {".htm", "text/html"},
        {".py", "text/x-python"},      {".log", "text/plain"},      {".xml", "application/xml"},
        {".json", "application/json"}, {".svg", "image/svg+xml"},   {".png", "image/png"},
        {".jpg", "image/jpeg"},        {".jpeg", "image/jpeg"},     {".gif", "image/gif"},
        {".pdf", "application/pdf"},   {".zip", "application/zip"}, {".gz", "application/gzip"},
    };
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash))
        for (size_t i = 0; i < sizeof types / sizeof *types; i++)
            if (strcmp(dot, types[i][0]) == 0)
                return types[i][1];
    return "application/octet-stream";
}

static int is_text_type(const char *t)
{
    return strncmp(t, "text/", 5) == 0 || strcmp(t, "application/json") == 0 || strcmp(t, "application/xml") == 0 ||
           strcmp(t, "image/svg+xml") == 0;
}

static int unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~' || c == '/';
}

/* The URI of an absolute path, as a JSON string. */
static int put_uri(struct mpb_buf *b, const char *path, size_t n)
{
    struct mpb_buf u = {0};
    int fail = mpb_json_put(&u, MCP_FILE_URI_PREFIX) < 0;
    for (size_t i = 1; i < n && !fail; i++) { /* path[0] is '/' */
        unsigned char c = (unsigned char)path[i];
        char e[4];
        snprintf(e, sizeof e, "%%%02X", c);
        fail |= (unreserved(c) ? mpb_buf_append(&u, path + i, 1) : mpb_buf_append(&u, e, 3)) < 0;
    }
    fail |= mpb_json_put_str(b, u.data ? u.data : "", u.len) < 0;
    mpb_buf_free(&u);
    return fail ? -1 : 0;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The path a URI names ("/" + its percent-decoded rest), or NULL when it
 * is not one of ours. malloc'd. */
static char *uri_path(const struct mpb_json *uri)
{
    size_t pl = strlen(MCP_FILE_URI_PREFIX);
    if (!uri || uri->type != MPB_JSON_STRING || uri->len <= pl || memcmp(uri->str, MCP_FILE_URI_PREFIX, pl) != 0)
        return NULL;
    char *path = malloc(uri->len - pl + 2), *q = path;
    if (!path)
        return NULL;
    *q++ = '/';
    for (size_t i = pl; i < uri->len; i++) {
        char c = uri->str[i];
        if (c == '%') {
            int hi = i + 2 < uri->len ? hexval(uri->str[i + 1]) : -1, lo = hi >= 0 ? hexval(uri->str[i + 2]) : -1;
            if (lo < 0 || (hi == 0 && lo == 0)) {
                free(path);
                return NULL;
            }
            c = (char)(hi << 4 | lo);
            i += 2;
        } else if (c == '\0') {
            free(path);
            return NULL;
        }
        *q++ = c;
    }
    *q = '\0';
    return path;
}

static int backend_error(const struct mpb_json *id, int rc, const char *why, struct mpb_buf *out)
{
    char msg[300];
    if (rc == MCP_BACKEND_GONE)
        return MCP_BACKEND_GONE;
    snprintf(msg, sizeof msg, "%s", why[0] ? why : "the session's files could not be read");
    return mcp_put_error(out, id, rc == MCP_BACKEND_BUSY ? -32000 : -32603, msg);
}

int mcp_resources_list(const struct mcp_backend *be, const struct mpb_json *id, struct mpb_buf *out)
{
    char why[256] = "", *json = NULL;
    size_t len = 0;
    int rc = be->list_files(be->user, &json, &len, why, sizeof why);
    if (rc != MCP_BACKEND_OK) {
        free(json);
        return backend_error(id, rc, why, out);
    }
    /* the listing is the session's (a worker's: untrusted): checked */
    struct mpb_json *files = json ? mpb_json_parse(json, len, NULL) : NULL;
    free(json);
    if (!files || files->type != MPB_JSON_ARRAY) {
        mpb_json_free(files);
        return mcp_put_error(out, id, -32603, "the session sent a malformed file list");
    }
    struct mpb_buf b = {0};
    int fail = mpb_json_put(&b, "{\"resources\":[") < 0, n = 0;
    for (size_t i = 0; i < files->n && !fail; i++) {
        const struct mpb_json *path = mpb_json_get(files->items[i], "path");
        const struct mpb_json *size = mpb_json_get(files->items[i], "size");
        if (!path || path->type != MPB_JSON_STRING || path->len < 2 || path->str[0] != '/' ||
            strlen(path->str) != path->len || !size || size->type != MPB_JSON_NUMBER || !size->integer)
            continue;
        const char *base = strrchr(path->str, '/') + 1;
        fail |= mpb_json_put(&b, n++ ? ",{\"uri\":" : "{\"uri\":") < 0;
        fail |= put_uri(&b, path->str, path->len) < 0;
        fail |= mpb_json_put(&b, ",\"name\":") < 0;
        fail |= mpb_json_put_str(&b, base, strlen(base)) < 0;
        fail |= mpb_json_put(&b, ",\"title\":") < 0;
        fail |= mpb_json_put_str(&b, path->str, path->len) < 0;
        fail |= mpb_json_put(&b, ",\"mimeType\":") < 0;
        const char *type = media_type(path->str);
        fail |= mpb_json_put_str(&b, type, strlen(type)) < 0;
        fail |= mpb_json_put(&b, ",\"size\":") < 0;
        fail |= mpb_json_put(&b, size->str) < 0;
        fail |= mpb_json_put(&b, "}") < 0;
    }
    fail |= mpb_json_put(&b, "]}") < 0;
    if (!fail)
        fail = mcp_put_result(out, id, b.data, b.len) < 0;
    mpb_buf_free(&b);
    mpb_json_free(files);
    return fail ? -1 : 0;
}

int mcp_resources_read(const struct mcp_backend *be, const struct mpb_json *id, const struct mpb_json *params,
                       struct mpb_buf *out)
{
    const struct mpb_json *uri = mpb_json_get(params, "uri");
    if (!uri || uri->type != MPB_JSON_STRING)
        return mcp_put_error(out, id, -32602, "Invalid params: resources/read needs a string 'uri'");
    char *path = uri_path(uri);
    if (!path)
        return mcp_put_error(out, id, -32002, "Resource not found: the URI is not mpbox://files/PATH");
    char why[256] = "", *data = NULL;
    size_t len = 0;
    int rc = be->read_file(be->user, path, &data, &len, why, sizeof why);
    if (rc != MCP_BACKEND_OK) {
        free(data);
        free(path);
        if (rc == MCP_BACKEND_NOFILE)
            return mcp_put_error(out, id, -32002, "Resource not found: no such file in the session");
        return backend_error(id, rc, why, out);
    }
    const char *type = media_type(path);
    int text = (is_text_type(type) || strcmp(type, "application/octet-stream") == 0) && mpb_utf8_valid(data, len) &&
               !memchr(data, '\0', len);
    if (text && strcmp(type, "application/octet-stream") == 0)
        type = "text/plain";
    struct mpb_buf b = {0};
    int fail = mpb_json_put(&b, "{\"contents\":[{\"uri\":") < 0;
    fail |= mpb_json_write(&b, uri) < 0;
    fail |= mpb_json_put(&b, ",\"mimeType\":") < 0;
    fail |= mpb_json_put_str(&b, type, strlen(type)) < 0;
    if (text) {
        fail |= mpb_json_put(&b, ",\"text\":") < 0;
        fail |= mpb_json_put_str(&b, data ? data : "", len) < 0;
    } else {
        fail |= mpb_json_put(&b, ",\"blob\":\"") < 0;
        fail |= mpb_base64_put(&b, data, len) < 0;
        fail |= mpb_json_put(&b, "\"") < 0;
    }
    fail |= mpb_json_put(&b, "}]}") < 0;
    if (!fail)
        fail = mcp_put_result(out, id, b.data, b.len) < 0;
    mpb_buf_free(&b);
    free(data);
    free(path);
    return fail ? -1 : 0;
}

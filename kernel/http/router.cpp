#include "http/router.h"

namespace keel::http {

namespace {

bool matches(ktl::StringView pattern, ktl::StringView path)
{
    if (pattern.endsWith("*"))
        return path.startsWith(pattern.substring(0, pattern.size() - 1));
    return pattern == path;
}

struct TypeByExtension {
    const char* extension;
    const char* type;
};

constexpr TypeByExtension kTypes[] = {
    {".html", "text/html; charset=utf-8"}, {".htm", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
    {".json", "application/json"},         {".txt", "text/plain; charset=utf-8"},
    {".svg", "image/svg+xml"},             {".png", "image/png"},
    {".jpg", "image/jpeg"},                {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},                 {".ico", "image/x-icon"},
    {".wasm", "application/wasm"},         {".xml", "application/xml"},
    {".pdf", "application/pdf"},           {".woff2", "font/woff2"},
};

} // namespace

bool Router::add(ktl::StringView method, ktl::StringView pattern, RouteHandler handler, void* context)
{
    if (m_count == kMaxRoutes || pattern.isEmpty() || pattern[0] != '/' || !handler)
        return false;
    m_routes[m_count++] = {method, pattern, handler, context};
    return true;
}

Router::Match Router::find(ktl::StringView method, ktl::StringView path) const
{
    Match match;
    const ktl::StringView wanted = method == "HEAD" ? ktl::StringView("GET") : method;
    for (size_t i = 0; i < m_count; ++i) {
        if (!matches(m_routes[i].pattern, path))
            continue;
        if (m_routes[i].method == wanted) {
            match.route = &m_routes[i];
            match.status = 200;
            return match;
        }
        match.status = 405;
    }
    return match;
}

ktl::StringView contentTypeFor(ktl::StringView path)
{
    for (const TypeByExtension& entry : kTypes) {
        const ktl::StringView extension(entry.extension);
        if (path.size() >= extension.size()
            && equalsIgnoringCase(path.substring(path.size() - extension.size()), extension))
            return entry.type;
    }
    return "application/octet-stream";
}

} // namespace keel::http

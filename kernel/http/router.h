// Routes requests to handlers by method and path: exact paths ("/api/hello") or prefixes
// ending in '*' ("/static/*"). HEAD is served by GET routes. A path with a route but not for
// this method gets 405, a path with none 404.
//
//     router.add("GET", "/api/hello", hello);
//     router.add("POST", "/api/echo", echo, &state);
#pragma once

#include "http/httprequest.h"
#include "http/response.h"

namespace keel::http {

using RouteHandler = void (*)(const Request& request, Response& response, void* context);

struct Route {
    ktl::StringView method;
    ktl::StringView pattern;
    RouteHandler handler = nullptr;
    void* context = nullptr;
};

class Router {
public:
    static constexpr size_t kMaxRoutes = 32;

    // False when the table is full or the pattern does not start with '/'.
    bool add(ktl::StringView method, ktl::StringView pattern, RouteHandler handler, void* context = nullptr);

    struct Match {
        const Route* route = nullptr; // set when status is 200
        int status = 404;
    };
    Match find(ktl::StringView method, ktl::StringView path) const;

private:
    Route m_routes[kMaxRoutes];
    size_t m_count = 0;
};

// The Content-Type for a file name by its extension ("index.html" → "text/html; charset=utf-8");
// application/octet-stream when unknown.
ktl::StringView contentTypeFor(ktl::StringView path);

} // namespace keel::http

// Parsing IPv4 addresses as people write them ("10.0.2.15", "10.0.2.15/24") for the net
// module's options and kernel command line. Pure functions, tested on the host.
#pragma once

#include <ktl/optional.h>
#include <ktl/stringview.h>
#include <ktl/types.h>

namespace keel::net {

struct Ipv4Text {
    u8 address[4] = {};
    u8 prefixLength = 32;

    // The netmask of prefixLength, in network byte order.
    void netmask(u8 out[4]) const;

    // "a.b.c.d" or "a.b.c.d/n" (n 0-32); nothing else, no spaces.
    static ktl::Optional<Ipv4Text> parse(ktl::StringView text);
};

// The value of `key=` in a space-separated command line ("net.ip=10.0.2.15/24 quiet"), or empty.
ktl::StringView commandLineValue(ktl::StringView commandLine, ktl::StringView key);

} // namespace keel::net

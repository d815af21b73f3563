// How the interface gets its IPv4 address: a static address from net.ip= on the kernel command
// line or the net.address option; otherwise DHCP, and when DHCP has no answer within
// net.dhcp-timeout-ms, the net.fallback-address option (QEMU user networking's 10.0.2.15/24).
#include "net/ipv4text.h"
#include "net/netinterface.h"

#include <keel/print.h>
#include <keel/system.h>
#include <keel/time.h>
#include <lwip/dhcp.h>
#include <lwip/netif.h>

namespace keel::net {

namespace {

AddressSource s_source = AddressSource::None;
Instant s_dhcpDeadline;

ip4_addr_t toLwip(const u8 bytes[4])
{
    ip4_addr_t address;
    IP4_ADDR(&address, bytes[0], bytes[1], bytes[2], bytes[3]);
    return address;
}

ktl::StringView configured(const char* key, const char* option)
{
    const ktl::StringView fromCommandLine = commandLineValue(commandLine(), key);
    return fromCommandLine.isEmpty() ? ktl::StringView(option) : fromCommandLine;
}

bool setStatic(struct netif& interface, ktl::StringView addressText, AddressSource source)
{
    const auto address = Ipv4Text::parse(addressText);
    if (!address) {
        println("net: \"{}\" is not an IPv4 address with prefix (e.g. 10.0.2.15/24)", addressText);
        return false;
    }
    const auto gateway = Ipv4Text::parse(configured("net.gw", KEEL_OPTION_NET_GATEWAY));
    u8 mask[4];
    address->netmask(mask);
    const ip4_addr_t ip = toLwip(address->address);
    const ip4_addr_t netmask = toLwip(mask);
    const ip4_addr_t gw = gateway ? toLwip(gateway->address) : ip4_addr_t{0};
    netif_set_addr(&interface, &ip, &netmask, &gw);
    s_source = source;
    return true;
}

void printAddress(const struct netif& interface)
{
    const u32 ip = ip4_addr_get_u32(netif_ip4_addr(&interface));
    println("net: {}.{}.{}.{} ({})", ip & 0xff, (ip >> 8) & 0xff, (ip >> 16) & 0xff, ip >> 24,
            s_source == AddressSource::Dhcp ? "dhcp" : s_source == AddressSource::Static ? "static" : "fallback");
}

} // namespace

void startAddressing(struct netif& interface)
{
    const ktl::StringView address = configured("net.ip", KEEL_OPTION_NET_ADDRESS);
    if (!address.isEmpty() && setStatic(interface, address, AddressSource::Static)) {
        printAddress(interface);
        return;
    }
    s_dhcpDeadline = now() + Duration::milliseconds(KEEL_OPTION_NET_DHCP_TIMEOUT_MS);
    dhcp_start(&interface);
}

void checkAddressing(struct netif& interface)
{
    if (s_source != AddressSource::None)
        return;
    if (dhcp_supplied_address(&interface)) {
        s_source = AddressSource::Dhcp;
        printAddress(interface);
        return;
    }
    if (now() < s_dhcpDeadline)
        return;
    dhcp_stop(&interface);
    if (setStatic(interface, KEEL_OPTION_NET_FALLBACK_ADDRESS, AddressSource::Fallback))
        printAddress(interface);
}

AddressSource addressSource()
{
    return s_source;
}

} // namespace keel::net

// Walks PCI configuration space and fills a caller-provided array with every function found:
// bus 0 first, then (depth first) the secondary bus behind each PCI-to-PCI bridge, so only buses
// that exist are scanned (a brute-force scan of 256 buses costs ~65k port reads under TCG).
//
//     keel::pci::Device storage[64];
//     keel::pci::Enumerator enumerator(configSpace, storage);
//     enumerator.enumerate();
//     for (const auto& device : enumerator.devices()) ...
#pragma once

#include "pci/pciconfigspace.h"

#include <ktl/span.h>

namespace keel::pci {

class Enumerator {
public:
    Enumerator(ConfigSpace& configSpace, ktl::Span<Device> storage)
        : m_config(configSpace)
        , m_storage(storage)
    {
    }

    // Scans from bus 0. Returns the number of functions found, which may exceed the storage
    // (the extra ones are counted, not kept).
    int enumerate();

    ktl::Span<const Device> devices() const { return {m_storage.data(), m_kept}; }
    int foundCount() const { return m_found; }

    // Reads one function's header, BARs (sizing each) and capability list.
    static Device readDevice(ConfigSpace& configSpace, Address address);

private:
    static constexpr int kMaxBusDepth = 32; // bridges nested deeper than this are a loop

    void scanBus(u8 bus, int depth);
    void scanDevice(u8 bus, u8 device, int depth);
    void addFunction(Address address, int depth);

    ConfigSpace& m_config;
    ktl::Span<Device> m_storage;
    size_t m_kept = 0;
    int m_found = 0;
    bool m_busScanned[256] = {};
};

} // namespace keel::pci

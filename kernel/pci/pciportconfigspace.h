// Configuration mechanism #1 (PCI Local Bus Specification 3.0, 3.2.2.3.2): the address of a
// dword goes to port 0xCF8, its value is read or written through ports 0xCFC-0xCFF.
#pragma once

#include "arch/x86_64/io.h"
#include "pci/pciconfigspace.h"

namespace keel::pci {

class PortConfigSpace final : public ConfigSpace {
public:
    static constexpr u16 kAddressPort = 0xcf8;
    static constexpr u16 kDataPort = 0xcfc;
    static constexpr u32 kEnable = 0x80000000;

    u32 read32(Address address, u8 offset) override
    {
        select(address, offset);
        return io::in32(kDataPort);
    }
    void write32(Address address, u8 offset, u32 value) override
    {
        select(address, offset);
        io::out32(kDataPort, value);
    }
    void write16(Address address, u8 offset, u16 value) override
    {
        select(address, offset);
        io::out16(u16(kDataPort + (offset & 2)), value);
    }

private:
    static void select(Address address, u8 offset)
    {
        io::out32(kAddressPort,
            kEnable | (u32(address.bus) << 16) | (u32(address.device) << 11)
                | (u32(address.function) << 8) | (offset & 0xfc));
    }
};

} // namespace keel::pci

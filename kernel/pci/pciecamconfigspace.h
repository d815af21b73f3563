// PCI Express Enhanced Configuration Access Mechanism (PCI Express Base Specification 4.0, 7.2.2):
// each function's 4 KiB of configuration space is memory-mapped at
//     base + ((bus - startBus) << 20 | device << 15 | function << 12 | offset),
// for the bus range the ACPI MCFG table gives (q35: one segment, buses 0-255).
//
//     keel::pci::EcamConfigSpace<EcamWindow> ecam(window, region.startBus, region.endBus);
//     u16 vendor = ecam.read16({0, 1, 0}, keel::pci::ConfigRegister::kVendorId);
//
// `Memory` provides read32(u64 offset), write32(u64 offset, u32) and write16(u64 offset, u16)
// relative to the region's base; host tests pass a fake (tests/kernel/tst_pciecam.cpp).
#pragma once

#include "pci/pciconfigspace.h"

namespace keel::pci {

template<typename Memory> class EcamConfigSpace final : public ConfigSpace {
public:
    static constexpr u32 kAbsent = 0xffffffff; // what an empty slot (or a bus outside the range) reads

    EcamConfigSpace(Memory memory, u8 startBus, u8 endBus)
        : m_memory(memory)
        , m_startBus(startBus)
        , m_endBus(endBus)
    {
    }

    // Offset of `offset` in `address`'s configuration space from the region's base.
    static constexpr u64 offsetOf(Address address, u16 offset, u8 startBus)
    {
        return (u64(address.bus - startBus) << 20) | (u64(address.device & 0x1f) << 15)
            | (u64(address.function & 0x7) << 12) | (offset & 0xfff);
    }

    bool covers(Address address) const { return address.bus >= m_startBus && address.bus <= m_endBus; }

    u32 read32(Address address, u8 offset) override
    {
        return covers(address) ? m_memory.read32(offsetOf(address, offset & 0xfc, m_startBus)) : kAbsent;
    }
    void write32(Address address, u8 offset, u32 value) override
    {
        if (covers(address))
            m_memory.write32(offsetOf(address, offset & 0xfc, m_startBus), value);
    }
    void write16(Address address, u8 offset, u16 value) override
    {
        if (covers(address))
            m_memory.write16(offsetOf(address, offset & 0xfe, m_startBus), value);
    }

private:
    Memory m_memory;
    u8 m_startBus;
    u8 m_endBus;
};

} // namespace keel::pci

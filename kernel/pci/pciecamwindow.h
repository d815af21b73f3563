// The kernel's memory backend for EcamConfigSpace: the MCFG region, mapped one bus (1 MiB) at a
// time on first access. Mapping all 256 buses up front would cost 128 page-table pages (512 KiB,
// more than a -m 4M guest can spare); the buses enumeration really visits cost one each.
#pragma once

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/mmio.h"
#include "arch/x86_64/paging.h"

namespace keel::pci {

class EcamWindow {
public:
    static constexpr u32 kBusSpan = 1 << 20;

    explicit EcamWindow(u64 base)
        : m_base(base)
    {
    }

    u32 read32(u64 offset)
    {
        return ensureMapped(offset) ? mmio::read32(m_base + offset) : 0xffffffff;
    }
    void write32(u64 offset, u32 value)
    {
        if (ensureMapped(offset))
            mmio::write32(m_base + offset, value);
    }
    void write16(u64 offset, u16 value)
    {
        if (ensureMapped(offset))
            mmio::write16(m_base + offset, value);
    }

private:
    // A bus whose mapping failed (out of page-table pages) reads as empty rather than faulting.
    bool ensureMapped(u64 offset)
    {
        u64 bus = offset >> 20;
        if (m_mapped[bus] == Mapping::Unknown) {
            bool wereEnabled = cpu::readFlags() & cpu::kFlagInterruptEnable;
            cpu::disableInterrupts(); // page-table changes with interrupts off
            bool ok = !arch::mapMmio(m_base + bus * kBusSpan, kBusSpan).isError();
            if (wereEnabled)
                cpu::enableInterrupts();
            m_mapped[bus] = ok ? Mapping::Mapped : Mapping::Failed;
        }
        return m_mapped[bus] == Mapping::Mapped;
    }

    enum class Mapping : u8 { Unknown, Mapped, Failed };

    u64 m_base;
    Mapping m_mapped[256] = {};
};

} // namespace keel::pci

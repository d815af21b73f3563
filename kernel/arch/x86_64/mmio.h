// Memory-mapped IO: the one place in Keel where device registers in memory are read and written.
//
//     keel::mmio::MmioWindow apic(0xfee00000);          // mapped first with arch::mapMmio
//     apic.write32(0xb0, 0);                              // EOI
//
// Accesses are volatile and exactly 32 bits wide, as the APICs and HPET require. Drivers template
// their logic on a window type, so host tests substitute a fake with the same two functions.
#pragma once

#include <stdint.h>

namespace keel::mmio {

inline uint32_t read32(uint64_t address)
{
    return *reinterpret_cast<const volatile uint32_t*>(address);
}

inline void write32(uint64_t address, uint32_t value)
{
    *reinterpret_cast<volatile uint32_t*>(address) = value;
}

// PCI Express configuration space (ECAM) needs true 16-bit writes: a read-modify-write of the
// dword would write back write-one-to-clear status bits.
inline void write16(uint64_t address, uint16_t value)
{
    *reinterpret_cast<volatile uint16_t*>(address) = value;
}

inline void write8(uint64_t address, uint8_t value)
{
    *reinterpret_cast<volatile uint8_t*>(address) = value;
}

// Narrow reads, for devices whose registers are 8 or 16 bits wide (virtio's common
// configuration: a 32-bit access there would touch the neighbouring field too).
inline uint8_t read8(uint64_t address)
{
    return *reinterpret_cast<const volatile uint8_t*>(address);
}

inline uint16_t read16(uint64_t address)
{
    return *reinterpret_cast<const volatile uint16_t*>(address);
}

class MmioWindow {
public:
    constexpr MmioWindow() = default;
    explicit constexpr MmioWindow(uint64_t base) : m_base(base) { }
    uint32_t read32(uint32_t offset) const { return mmio::read32(m_base + offset); }
    void write32(uint32_t offset, uint32_t value) const { mmio::write32(m_base + offset, value); }
    uint8_t read8(uint32_t offset) const { return mmio::read8(m_base + offset); }
    uint16_t read16(uint32_t offset) const { return mmio::read16(m_base + offset); }
    void write8(uint32_t offset, uint8_t value) const { mmio::write8(m_base + offset, value); }
    void write16(uint32_t offset, uint16_t value) const { mmio::write16(m_base + offset, value); }
    uint64_t base() const { return m_base; }

private:
    uint64_t m_base = 0;
};

} // namespace keel::mmio

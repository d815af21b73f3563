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

inline void write8(uint64_t address, uint8_t value)
{
    *reinterpret_cast<volatile uint8_t*>(address) = value;
}

class MmioWindow {
public:
    constexpr MmioWindow() = default;
    explicit constexpr MmioWindow(uint64_t base) : m_base(base) { }
    uint32_t read32(uint32_t offset) const { return mmio::read32(m_base + offset); }
    void write32(uint32_t offset, uint32_t value) const { mmio::write32(m_base + offset, value); }
    uint64_t base() const { return m_base; }

private:
    uint64_t m_base = 0;
};

} // namespace keel::mmio

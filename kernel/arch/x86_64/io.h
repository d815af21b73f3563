// Port IO: the one place in Keel where `in`/`out` instructions are written.
//
//     keel::io::out8(0x3f8, 'A');
//     uint8_t status = keel::io::in8(0x3fd);
//
// Drivers should not call these directly but go through a typed IO window (see
// serial/serialport.h), which lets their logic run on the host against a fake backend.
#pragma once

#include <stdint.h>

namespace keel::io {

inline uint8_t in8(uint16_t port)
{
    uint8_t value;
    asm volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

inline uint16_t in16(uint16_t port)
{
    uint16_t value;
    asm volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

inline uint32_t in32(uint16_t port)
{
    uint32_t value;
    asm volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

inline void out8(uint16_t port, uint8_t value)
{
    asm volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

inline void out16(uint16_t port, uint16_t value)
{
    asm volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

inline void out32(uint16_t port, uint32_t value)
{
    asm volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

// Port-mapped IO window: a base port plus register offsets. The backend drivers are templated on
// (see serial/serialport.h); the host tests substitute a fake with the same two functions.
class PortIoWindow {
public:
    explicit constexpr PortIoWindow(uint16_t base) : m_base(base) { }
    uint8_t read8(uint16_t offset) const { return in8(m_base + offset); }
    void write8(uint16_t offset, uint8_t value) const { out8(m_base + offset, value); }

private:
    uint16_t m_base;
};

} // namespace keel::io

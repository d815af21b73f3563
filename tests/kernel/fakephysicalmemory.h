// A PhysicalMemoryView over a host buffer placed at a fake physical base address, with helpers
// to write the little-endian fields of boot structures.
#pragma once

#include <core/bootinfo.h>

#include <cstring>
#include <string>
#include <vector>

namespace keeltest {

class FakePhysicalMemory final : public keel::PhysicalMemoryView {
public:
    FakePhysicalMemory(u64 base, size_t size) : m_base(base), m_bytes(size, 0) {}

    ktl::Span<const u8> read(u64 address, size_t length) const override
    {
        if (address < m_base || address - m_base > m_bytes.size() || length > m_bytes.size() - (address - m_base))
            return {};
        return { m_bytes.data() + (address - m_base), length };
    }

    void put32(u64 address, u32 value) { std::memcpy(at(address), &value, 4); }
    void put64(u64 address, u64 value) { std::memcpy(at(address), &value, 8); }
    void putString(u64 address, const std::string& text) { std::memcpy(at(address), text.c_str(), text.size() + 1); }
    void putBytes(u64 address, const std::string& bytes) { std::memcpy(at(address), bytes.data(), bytes.size()); }
    u64 base() const { return m_base; }
    u64 end() const { return m_base + m_bytes.size(); }

private:
    u8* at(u64 address) { return m_bytes.data() + (address - m_base); }

    u64 m_base;
    std::vector<u8> m_bytes;
};

} // namespace keeltest

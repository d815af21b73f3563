// One file linked into the image by the `assets` module (see keel/assets.h). The builder's
// generated table (builder/assettablewriter.cpp) is an array of exactly this layout:
// {NUL-terminated name, data, size}, the data followed by a NUL that size does not count.
#pragma once

#include <ktl/span.h>
#include <ktl/stringview.h>

namespace keel::assets {

class Asset {
public:
    constexpr Asset() = default;
    constexpr Asset(const char* name, const u8* data, u64 size)
        : m_name(name)
        , m_data(data)
        , m_size(size)
    {
    }

    ktl::StringView name() const { return m_name; }
    size_t size() const { return size_t(m_size); }
    ktl::Span<const u8> bytes() const { return {m_data, size_t(m_size)}; }
    // The contents as text (for text assets; not checked for UTF-8).
    ktl::StringView text() const { return {reinterpret_cast<const char*>(m_data), size_t(m_size)}; }

    // Copies up to buffer.size() bytes from `offset` into `buffer`; returns how many (0 at or
    // past the end).
    size_t read(size_t offset, ktl::Span<u8> buffer) const;

private:
    const char* m_name = "";
    const u8* m_data = nullptr;
    u64 m_size = 0;
};

static_assert(sizeof(Asset) == 24, "the generated table has three quads per asset");

// Finds an asset by exact name in `table`; a leading '/' in `name` is ignored, so URL paths work.
const Asset* findAsset(ktl::Span<const Asset> table, ktl::StringView name);

} // namespace keel::assets

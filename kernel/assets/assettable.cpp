// Lookup and reading over the asset table (see asset.h); no hardware, so host-tested in
// tests/kernel/tst_assettable.cpp.
#include "assets/asset.h"

namespace keel::assets {

size_t Asset::read(size_t offset, ktl::Span<u8> buffer) const
{
    if (offset >= m_size)
        return 0;
    size_t count = ktl::min(buffer.size(), size_t(m_size) - offset);
    __builtin_memcpy(buffer.data(), m_data + offset, count);
    return count;
}

const Asset* findAsset(ktl::Span<const Asset> table, ktl::StringView name)
{
    if (name.startsWith("/"))
        name = name.substring(1);
    for (const Asset& asset : table) {
        if (asset.name() == name)
            return &asset;
    }
    return nullptr;
}

} // namespace keel::assets

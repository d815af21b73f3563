// The assets module: the app-facing calls of keel/assets.h over the table the builder generates
// (gen/keel_assets.S, see builder/assettablewriter.cpp).
#include <keel/assets.h>

extern "C" const u64 keelAssetCount;
extern "C" const keel::assets::Asset keelAssetEntries[];

namespace keel::assets {

ktl::Span<const Asset> list()
{
    return {keelAssetEntries, size_t(keelAssetCount)};
}

ktl::ErrorOr<Asset> open(ktl::StringView name)
{
    if (const Asset* asset = findAsset(list(), name))
        return *asset;
    return ktl::Error(ktl::ErrorCode::NotFound, "no such asset");
}

} // namespace keel::assets

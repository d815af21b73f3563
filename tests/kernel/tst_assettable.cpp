// What a user sees fail here: `cat motd.txt` in the VGA shell says "no such asset" for a file
// that is in assets/, a URL path with a leading '/' is not found, reading a file in chunks loses
// or repeats bytes, or a read past the end returns garbage.
//
// Covers kernel/assets/assettable.cpp over a table laid out as the builder generates it.

#include "assets/asset.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using keel::assets::Asset;

const char kMotd[] = "Welcome to Keel\n";
const char kIndex[] = "<h1>hi</h1>";

const Asset kTable[] = {
    Asset("motd.txt", reinterpret_cast<const u8*>(kMotd), sizeof(kMotd) - 1),
    Asset("www/index.html", reinterpret_cast<const u8*>(kIndex), sizeof(kIndex) - 1),
};

TEST(AssetTable, FindsByExactNameAndIgnoresALeadingSlash)
{
    const Asset* motd = keel::assets::findAsset(kTable, "motd.txt");
    ASSERT_NE(motd, nullptr);
    EXPECT_EQ(std::string(motd->text().data(), motd->text().size()), kMotd);
    const Asset* index = keel::assets::findAsset(kTable, "/www/index.html");
    ASSERT_NE(index, nullptr);
    EXPECT_EQ(index->size(), sizeof(kIndex) - 1);
}

TEST(AssetTable, UnknownOrPartialNamesAreNotFound)
{
    EXPECT_EQ(keel::assets::findAsset(kTable, "motd"), nullptr);
    EXPECT_EQ(keel::assets::findAsset(kTable, "index.html"), nullptr);
    EXPECT_EQ(keel::assets::findAsset(kTable, ""), nullptr);
    EXPECT_EQ(keel::assets::findAsset({}, "motd.txt"), nullptr);
}

TEST(AssetTable, ReadsInChunksUntilTheEnd)
{
    const Asset& motd = kTable[0];
    std::string collected;
    u8 chunk[5];
    size_t offset = 0;
    for (size_t n; (n = motd.read(offset, chunk)) > 0; offset += n)
        collected.append(reinterpret_cast<const char*>(chunk), n);
    EXPECT_EQ(collected, kMotd);
    EXPECT_EQ(motd.read(motd.size() + 10, chunk), 0u);
}

TEST(AssetTable, BytesAndTextCoverTheWholeFile)
{
    const Asset& index = kTable[1];
    EXPECT_EQ(index.bytes().size(), index.size());
    EXPECT_EQ(index.bytes()[0], u8('<'));
    EXPECT_EQ(index.name(), ktl::StringView("www/index.html"));
}

} // namespace

// Address parsing for the net module's options and net.ip= / net.gw= on the kernel command
// line: a mistake here gives the VM a wrong address or silently ignores the user's.
#include <net/ipv4text.h>

#include <gtest/gtest.h>

using keel::net::Ipv4Text;

TEST(Ipv4Text, ParsesAddressWithPrefix)
{
    const auto parsed = Ipv4Text::parse("10.0.2.15/24");
    ASSERT_TRUE(parsed.hasValue());
    EXPECT_EQ(parsed->address[0], 10);
    EXPECT_EQ(parsed->address[3], 15);
    EXPECT_EQ(parsed->prefixLength, 24);
    u8 mask[4];
    parsed->netmask(mask);
    EXPECT_EQ(mask[0], 255);
    EXPECT_EQ(mask[2], 255);
    EXPECT_EQ(mask[3], 0);
}

TEST(Ipv4Text, AddressWithoutPrefixIsHost)
{
    const auto parsed = Ipv4Text::parse("192.168.1.1");
    ASSERT_TRUE(parsed.hasValue());
    EXPECT_EQ(parsed->prefixLength, 32);
    u8 mask[4];
    Ipv4Text{{}, 0}.netmask(mask);
    EXPECT_EQ(mask[0], 0);
}

TEST(Ipv4Text, RejectsMalformed)
{
    for (const char* bad : {"", "10.0.2", "10.0.2.15.1", "256.0.0.1", "10.0.2.15/33", "10.0.2.15/",
                            "a.b.c.d", "10..2.15", "10.0.2.15 ", "0x10.0.0.1", "1000.0.0.1"})
        EXPECT_FALSE(Ipv4Text::parse(bad).hasValue()) << bad;
}

TEST(CommandLineValue, FindsKeyAmongWords)
{
    EXPECT_TRUE(keel::net::commandLineValue("quiet net.ip=10.0.0.2/8 net.gw=10.0.0.1", "net.ip") == "10.0.0.2/8");
    EXPECT_TRUE(keel::net::commandLineValue("quiet net.ip=10.0.0.2/8 net.gw=10.0.0.1", "net.gw") == "10.0.0.1");
    EXPECT_TRUE(keel::net::commandLineValue("net.ipx=1 net.ip", "net.ip").isEmpty());
    EXPECT_TRUE(keel::net::commandLineValue("", "net.ip").isEmpty());
}

// What a user sees fail here: `time` in the shell (keel::rtc::now()) shows a wrong date or
// hour: BCD read as binary, 12 AM/PM mixed up, the wrong century, or a torn value read while
// the clock ticked over (e.g. 12:59:59 becoming 12:00:00), or a hang when the update flag sticks.
//
// Covers kernel/rtc/datetime.cpp (decoding, calendar) and kernel/rtc/cmosclock.h (against a
// fake MC146818 register file).

#include "rtc/cmosclock.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace {

using keel::rtc::DateTime;
using keel::rtc::RawTime;

constexpr u8 kBcd24 = keel::rtc::StatusB::kTwentyFourHour;
constexpr u8 kBinary24 = keel::rtc::StatusB::kTwentyFourHour | keel::rtc::StatusB::kBinary;
constexpr u8 kBcd12 = 0;

TEST(RtcDecode, BcdTwentyFourHour)
{
    RawTime raw {0x40, 0x57, 0x13, 0x03, 0x12, 0x26, 0x20, kBcd24};
    EXPECT_EQ(keel::rtc::decode(raw), (DateTime {2026, 12, 3, 13, 57, 40}));
}

TEST(RtcDecode, BinaryTwentyFourHour)
{
    RawTime raw {59, 30, 23, 31, 12, 99, 20, kBinary24};
    EXPECT_EQ(keel::rtc::decode(raw), (DateTime {2099, 12, 31, 23, 30, 59}));
}

TEST(RtcDecode, TwelveHourClock)
{
    // 12 AM is midnight, 12 PM is noon, PM adds twelve; the PM flag is bit 7 of the hour.
    EXPECT_EQ(keel::rtc::decode({0, 0, 0x12, 1, 1, 0x24, 0x20, kBcd12}).hour, 0);
    EXPECT_EQ(keel::rtc::decode({0, 0, 0x92, 1, 1, 0x24, 0x20, kBcd12}).hour, 12);
    EXPECT_EQ(keel::rtc::decode({0, 0, 0x81, 1, 1, 0x24, 0x20, kBcd12}).hour, 13);
    EXPECT_EQ(keel::rtc::decode({0, 0, 0x11, 1, 1, 0x24, 0x20, kBcd12}).hour, 11);
    EXPECT_EQ(
        keel::rtc::decode({0, 0, 0x80 | 11, 1, 1, 24, 20, keel::rtc::StatusB::kBinary}).hour, 23);
}

TEST(RtcDecode, CenturyRegisterOrTwentyFirstCentury)
{
    EXPECT_EQ(keel::rtc::decode({0, 0, 0, 1, 1, 0x99, 0x19, kBcd24}).year, 1999);
    EXPECT_EQ(keel::rtc::decode({0, 0, 0, 1, 1, 0x26, 0x00, kBcd24}).year, 2026)
        << "no century register: assume 20xx";
    EXPECT_EQ(keel::rtc::decode({0, 0, 0, 1, 1, 0x26, 0xff, kBcd24}).year, 2026);
}

TEST(DateTime, UnixSecondsAndWeekday)
{
    EXPECT_EQ((DateTime {1970, 1, 1, 0, 0, 0}).toUnixSeconds(), 0u);
    EXPECT_EQ((DateTime {2000, 3, 1, 0, 0, 0}).toUnixSeconds(), 951868800u);
    EXPECT_EQ((DateTime {2026, 12, 3, 13, 57, 40}).toUnixSeconds(), 1796306260u);
    EXPECT_EQ((DateTime {2024, 2, 29, 23, 59, 59}).toUnixSeconds(), 1709251199u);
    EXPECT_EQ((DateTime {1970, 1, 1, 0, 0, 0}).weekday(), 4); // Thursday
    EXPECT_EQ((DateTime {2026, 12, 3, 0, 0, 0}).weekday(), 4);
    EXPECT_EQ((DateTime {2024, 3, 3, 0, 0, 0}).weekday(), 0); // Sunday
}

struct Sink final : ktl::OutputSink {
    void write(ktl::StringView text) override { text_.append(text.data(), text.size()); }
    std::string text_;
};

TEST(DateTime, FormatsAsIso8601)
{
    Sink sink;
    ktl::format(sink, "[{}]", DateTime {2026, 1, 2, 3, 4, 5});
    EXPECT_EQ(sink.text_, "[2026-01-02 03:04:05]");
}

// A CMOS chip whose registers can change between reads (a tick) and whose update flag can be
// held for a number of polls.
struct FakeCmos {
    u8 index = 0;
    u8 registers[128] = {};
    int updatePollsLeft = 0;
    int timeReads = 0;
    std::function<void(FakeCmos&)> onTimeRead; // called on each read of the seconds register
    int statusAReads = 0;
};

class FakeCmosIo {
public:
    explicit FakeCmosIo(FakeCmos& cmos)
        : m_cmos(&cmos)
    {
    }
    u8 read8(u16) const
    {
        FakeCmos& cmos = *m_cmos;
        if (cmos.index == keel::rtc::CmosRegister::kStatusA) {
            ++cmos.statusAReads;
            if (cmos.updatePollsLeft > 0) {
                --cmos.updatePollsLeft;
                return keel::rtc::StatusA::kUpdateInProgress;
            }
            return 0;
        }
        if (cmos.index == keel::rtc::CmosRegister::kSeconds) {
            ++cmos.timeReads;
            if (cmos.onTimeRead)
                cmos.onTimeRead(cmos);
        }
        return cmos.registers[cmos.index];
    }
    void write8(u16 offset, u8 value) const
    {
        if (offset == 0)
            m_cmos->index = value & 0x7f;
    }

private:
    FakeCmos* m_cmos;
};

void setTime(FakeCmos& cmos, u8 hour, u8 minute, u8 second)
{
    cmos.registers[0x00] = second;
    cmos.registers[0x02] = minute;
    cmos.registers[0x04] = hour;
    cmos.registers[0x07] = 0x03;
    cmos.registers[0x08] = 0x12;
    cmos.registers[0x09] = 0x26;
    cmos.registers[0x32] = 0x20;
    cmos.registers[0x0b] = kBcd24;
}

TEST(CmosClock, WaitsForTheUpdateToEnd)
{
    FakeCmos cmos;
    setTime(cmos, 0x13, 0x57, 0x40);
    cmos.updatePollsLeft = 50;
    keel::rtc::CmosClock<FakeCmosIo> clock {FakeCmosIo(cmos)};
    DateTime time = keel::rtc::decode(clock.readRaw());
    EXPECT_EQ(time, (DateTime {2026, 12, 3, 13, 57, 40}));
    EXPECT_GE(cmos.statusAReads, 51);
    EXPECT_EQ(cmos.timeReads, 2) << "two agreeing reads";
}

TEST(CmosClock, RereadsWhenTheClockTicksBetweenReads)
{
    FakeCmos cmos;
    setTime(cmos, 0x12, 0x59, 0x59);
    // The first read sees 12:59:59 in the seconds register, then the chip ticks before the
    // minutes and hours are read, giving a torn 13:00:59; later reads are stable at 13:00:00.
    cmos.onTimeRead = [](FakeCmos& c) {
        if (c.timeReads == 1) {
            c.registers[0x02] = 0x00;
            c.registers[0x04] = 0x13;
        } else if (c.timeReads == 2) {
            c.registers[0x00] = 0x00;
        }
    };
    keel::rtc::CmosClock<FakeCmosIo> clock {FakeCmosIo(cmos)};
    DateTime time = keel::rtc::decode(clock.readRaw());
    EXPECT_EQ(time, (DateTime {2026, 12, 3, 13, 0, 0}));
    EXPECT_EQ(cmos.timeReads, 3);
}

TEST(CmosClock, StuckUpdateFlagDoesNotHangForever)
{
    FakeCmos cmos;
    setTime(cmos, 0x01, 0x02, 0x03);
    cmos.updatePollsLeft = 1 << 30;
    keel::rtc::CmosClock<FakeCmosIo> clock {FakeCmosIo(cmos)};
    DateTime time = keel::rtc::decode(clock.readRaw());
    EXPECT_EQ(time.second, 3);
}

} // namespace

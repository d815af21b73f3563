// A wall-clock date and time (UTC, as QEMU's RTC keeps it by default), and the decoding of the
// CMOS RTC's raw registers into one (Motorola MC146818A data sheet, "Address Map" and
// "Register B"; the century byte at 0x32 is the ACPI FADT's default).
//
//     keel::rtc::DateTime t = keel::rtc::now();
//     keel::println("{}", t);                          // 2026-12-03 13:57:40
//     u64 seconds = t.toUnixSeconds();
#pragma once

#include <ktl/format.h>
#include <ktl/types.h>

namespace keel::rtc {

struct DateTime {
    u16 year = 0; // e.g. 2026
    u8 month = 0; // 1-12
    u8 day = 0; // 1-31
    u8 hour = 0; // 0-23
    u8 minute = 0;
    u8 second = 0;

    bool operator==(const DateTime&) const = default;

    // Seconds since 1970-01-01 00:00:00 UTC.
    u64 toUnixSeconds() const;
    // Sunday = 0 ... Saturday = 6.
    int weekday() const;
};

// CMOS register indexes.
namespace CmosRegister {
inline constexpr u8 kSeconds = 0x00;
inline constexpr u8 kMinutes = 0x02;
inline constexpr u8 kHours = 0x04;
inline constexpr u8 kDayOfMonth = 0x07;
inline constexpr u8 kMonth = 0x08;
inline constexpr u8 kYear = 0x09;
inline constexpr u8 kStatusA = 0x0a;
inline constexpr u8 kStatusB = 0x0b;
inline constexpr u8 kCentury = 0x32;
} // namespace CmosRegister

namespace StatusA {
inline constexpr u8 kUpdateInProgress = 0x80; // registers are about to change: do not read
} // namespace StatusA

namespace StatusB {
inline constexpr u8 kTwentyFourHour = 0x02;
inline constexpr u8 kBinary = 0x04; // values are binary, not BCD
} // namespace StatusB

inline constexpr u8 kPm = 0x80; // in the hours register in 12-hour mode

// The time registers as read from the chip, before decoding.
struct RawTime {
    u8 second;
    u8 minute;
    u8 hour;
    u8 day;
    u8 month;
    u8 year; // 0-99
    u8 century; // 0 when the chip has none
    u8 statusB;

    bool operator==(const RawTime&) const = default;
};

// BCD/binary and 12/24-hour decoding; without a plausible century byte, years 00-99 mean
// 2000-2099.
DateTime decode(const RawTime& raw);

} // namespace keel::rtc

template<> struct ktl::Formatter<keel::rtc::DateTime> {
    // ISO 8601 with a space: "2026-12-03 13:57:40".
    static void format(ktl::OutputSink& sink, const keel::rtc::DateTime& time);
};

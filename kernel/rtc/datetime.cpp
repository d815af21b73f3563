// CMOS RTC register decoding and calendar arithmetic (see datetime.h).
#include "rtc/datetime.h"

namespace keel::rtc {
namespace {

u8 fromBcd(u8 value)
{
    return u8((value >> 4) * 10 + (value & 0x0f));
}

// Days from 1970-01-01 to year-month-day in the proleptic Gregorian calendar: count from a
// year starting in March, so the leap day falls at the end of the counting year.
i64 daysFromCivil(i64 year, unsigned month, unsigned day)
{
    year -= month <= 2;
    i64 era = (year >= 0 ? year : year - 399) / 400;
    unsigned yearOfEra = unsigned(year - era * 400);
    unsigned dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + i64(dayOfEra) - 719468;
}

} // namespace

DateTime decode(const RawTime& raw)
{
    bool binary = raw.statusB & StatusB::kBinary;
    auto value = [binary](u8 byte) { return binary ? byte : fromBcd(byte); };
    DateTime time;
    time.second = value(raw.second);
    time.minute = value(raw.minute);
    time.day = value(raw.day);
    time.month = value(raw.month);
    // In 12-hour mode the PM flag rides in bit 7 of the hour, beside a value of 1-12.
    bool pm = !(raw.statusB & StatusB::kTwentyFourHour) && (raw.hour & kPm);
    u8 hour = value(u8(raw.hour & ~kPm));
    if (!(raw.statusB & StatusB::kTwentyFourHour))
        hour = u8(hour % 12 + (pm ? 12 : 0));
    time.hour = hour;
    u8 century = value(raw.century);
    if (century < 19 || century > 99)
        century = 20;
    time.year = u16(century * 100 + value(raw.year));
    return time;
}

u64 DateTime::toUnixSeconds() const
{
    i64 days = daysFromCivil(year, month, day);
    return u64(days * 86400 + hour * 3600 + minute * 60 + second);
}

int DateTime::weekday() const
{
    i64 days = daysFromCivil(year, month, day);
    return int((days % 7 + 11) % 7); // 1970-01-01 was a Thursday (4)
}

} // namespace keel::rtc

void ktl::Formatter<keel::rtc::DateTime>::format(
    ktl::OutputSink& sink, const keel::rtc::DateTime& t)
{
    ktl::format(sink, "{:04}-{:02}-{:02} {:02}:{:02}:{:02}", t.year, t.month, t.day, t.hour,
        t.minute, t.second);
}

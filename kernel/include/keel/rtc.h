// Wall-clock time from the CMOS real-time clock, for apps built with the `rtc` feature.
//
//     keel::rtc::DateTime t = keel::rtc::now();
//     keel::println("It is {} (weekday {})", t, t.weekday());   // It is 2026-12-03 13:57:40
//
// The RTC counts whole seconds and has no time zone; QEMU starts it at the host's UTC time
// (-rtc base=utc, its default).
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_RTC
#error "keel/rtc.h needs the rtc feature: add \"rtc\" to [kernel] features in keel.toml"
#endif

#include <rtc/datetime.h>

namespace keel::rtc {

// Reads the clock (waiting out an update in progress, at most ~2 ms).
DateTime now();

} // namespace keel::rtc

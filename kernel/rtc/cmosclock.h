// Reads the MC146818-compatible CMOS clock consistently: wait until no update is in progress,
// read every time register, and repeat until two reads agree (an update may begin between the
// check and the reads; the chip updates once a second for ~2 ms).
//
//     keel::rtc::CmosClock<keel::io::PortIoWindow> cmos(keel::io::PortIoWindow(0x70));
//     keel::rtc::DateTime now = keel::rtc::decode(cmos.readRaw());
//
// `Io` provides `u8 read8(u16 offset)` and `void write8(u16 offset, u8 value)`; offset 0 is the
// index port (bit 7 of the index masks NMI; Keel keeps it clear), offset 1 the data port.
#pragma once

#include "rtc/datetime.h"

namespace keel::rtc {

template<typename Io> class CmosClock {
public:
    static constexpr int kUpdatePolls = 1000000; // well past an update cycle even on fast CPUs
    static constexpr int kMaxReads = 8;

    explicit constexpr CmosClock(Io io)
        : m_io(io)
    {
    }

    RawTime readRaw()
    {
        RawTime previous = readOnce();
        for (int attempt = 1; attempt < kMaxReads; ++attempt) {
            RawTime current = readOnce();
            if (current == previous)
                return current;
            previous = current;
        }
        return previous; // the clock keeps changing under us; the latest read is the best guess
    }

    u8 read(u8 index)
    {
        m_io.write8(0, index);
        return m_io.read8(1);
    }

private:
    void waitForUpdateEnd()
    {
        for (int poll = 0; poll < kUpdatePolls; ++poll) {
            if (!(read(CmosRegister::kStatusA) & StatusA::kUpdateInProgress))
                return;
        }
    }

    RawTime readOnce()
    {
        waitForUpdateEnd();
        RawTime raw;
        raw.second = read(CmosRegister::kSeconds);
        raw.minute = read(CmosRegister::kMinutes);
        raw.hour = read(CmosRegister::kHours);
        raw.day = read(CmosRegister::kDayOfMonth);
        raw.month = read(CmosRegister::kMonth);
        raw.year = read(CmosRegister::kYear);
        raw.century = read(CmosRegister::kCentury);
        raw.statusB = read(CmosRegister::kStatusB);
        return raw;
    }

    Io m_io;
};

} // namespace keel::rtc

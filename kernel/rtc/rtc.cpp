// The rtc module: the CMOS clock at ports 0x70/0x71 behind keel::rtc::now().
#include "arch/x86_64/io.h"
#include "rtc/cmosclock.h"

#include <keel/rtc.h>

namespace keel::rtc {
namespace {

constexpr u16 kCmosPorts = 0x70;

} // namespace

DateTime now()
{
    CmosClock<io::PortIoWindow> cmos {io::PortIoWindow(kCmosPorts)};
    return decode(cmos.readRaw());
}

} // namespace keel::rtc

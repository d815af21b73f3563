// COM1 as a console: the 16550 at port 0x3f8 becomes a keel::print sink at the `early` init level.
#include "arch/x86_64/io.h"
#include "core/consoleregistry.h"
#include "core/init.h"
#include "serial/serialport.h"

#include <keel/config.h>

namespace keel {
namespace {

constexpr u16 kCom1Port = 0x3f8;

class SerialConsole final : public ktl::OutputSink {
public:
    void write(ktl::StringView text) override { m_port.write(text); }
    bool initialise() { return m_port.initialise(KEEL_OPTION_SERIAL_BAUD); }

private:
    SerialPort<io::PortIoWindow> m_port { io::PortIoWindow(kCom1Port) };
};

constinit SerialConsole s_console;

void initialiseSerialConsole()
{
    if (s_console.initialise())
        ConsoleRegistry::add(s_console);
}

} // namespace
} // namespace keel

KEEL_INIT(early, keel::initialiseSerialConsole);

// What a user sees fail here: no serial output at all (the UART is programmed wrongly or the
// driver gives up), a hang at boot when no UART exists, or output that staircases in a terminal
// because "\n" is not sent as "\r\n".
//
// The driver logic (kernel/serial/serialport.h) runs against a fake 16550 register file that
// models the divisor latch, the scratch register and the transmitter-empty bit.

#include "serial/serialport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

struct Write {
    u16 offset;
    u8 value;
    bool divisorLatch; // DLAB was set when the write happened
    bool operator==(const Write&) const = default;
};

// Shared state so that the (copyable) IO backend handed to SerialPort can be inspected.
struct FakeUart {
    bool present = true;
    int busyPollsPerByte = 0; // LSR reports "transmitter busy" this many times before each byte
    int busyPollsLeft = 0;
    u8 lineControl = 0;
    u8 scratch = 0;
    u16 divisor = 0;
    std::vector<Write> writes;
    std::string transmitted;
    int lineStatusReads = 0;
    int receivedByte = -1;
    int lostBytes = 0;
};

class FakeIo {
public:
    explicit FakeIo(FakeUart& uart) : m_uart(&uart) { }

    u8 read8(u16 offset) const
    {
        FakeUart& uart = *m_uart;
        if (!uart.present)
            return 0xff;
        switch (keel::UartRegister(offset)) {
        case keel::UartRegister::Scratch: return uart.scratch;
        case keel::UartRegister::LineControl: return uart.lineControl;
        case keel::UartRegister::LineStatus: return lineStatus();
        case keel::UartRegister::Data: {
            int byte = uart.receivedByte;
            uart.receivedByte = -1;
            return u8(byte);
        }
        default: return 0;
        }
    }

    void write8(u16 offset, u8 value) const
    {
        FakeUart& uart = *m_uart;
        bool latch = uart.lineControl & keel::LineControl::kDivisorLatch;
        uart.writes.push_back({ offset, value, latch });
        if (!uart.present)
            return;
        if (offset == u16(keel::UartRegister::Scratch))
            uart.scratch = value;
        else if (offset == u16(keel::UartRegister::LineControl))
            uart.lineControl = value;
        else if (latch && offset == 0)
            uart.divisor = u16((uart.divisor & 0xff00) | value);
        else if (latch && offset == 1)
            uart.divisor = u16((uart.divisor & 0x00ff) | (value << 8));
        else if (offset == u16(keel::UartRegister::Data))
            transmit(value);
    }

private:
    u8 lineStatus() const
    {
        FakeUart& uart = *m_uart;
        ++uart.lineStatusReads;
        u8 status = uart.receivedByte >= 0 ? keel::LineStatus::kDataReady : 0;
        if (uart.busyPollsLeft > 0) {
            --uart.busyPollsLeft;
            return status;
        }
        return status | keel::LineStatus::kTransmitterHoldingEmpty;
    }

    void transmit(u8 value) const
    {
        FakeUart& uart = *m_uart;
        // Sending while the holding register is still full loses the byte on hardware.
        if (uart.busyPollsLeft > 0)
            ++uart.lostBytes;
        uart.transmitted.push_back(char(value));
        uart.busyPollsLeft = uart.busyPollsPerByte;
    }

    FakeUart* m_uart;
};

using Port = keel::SerialPort<FakeIo>;

TEST(SerialPort, InitialiseProgramsDivisorAndEightNOne)
{
    FakeUart uart;
    Port port { FakeIo(uart) };
    ASSERT_TRUE(port.initialise(9600));
    EXPECT_EQ(uart.divisor, 12); // 115200 / 9600
    EXPECT_EQ(uart.lineControl, keel::LineControl::kEightBits) << "DLAB must be cleared again";
    // Interrupts off, FIFOs on, DTR/RTS asserted.
    EXPECT_NE(std::find(uart.writes.begin(), uart.writes.end(),
                  Write { u16(keel::UartRegister::FifoControl), keel::FifoControl::kEnableAndClear, false }),
        uart.writes.end());
    EXPECT_NE(std::find(uart.writes.begin(), uart.writes.end(),
                  Write { u16(keel::UartRegister::InterruptEnable), 0, false }),
        uart.writes.end());
    EXPECT_TRUE(uart.transmitted.empty()) << "initialising must not send anything";
}

TEST(SerialPort, FullSpeedUsesDivisorOne)
{
    FakeUart uart;
    Port port { FakeIo(uart) };
    ASSERT_TRUE(port.initialise(115200));
    EXPECT_EQ(uart.divisor, 1);
}

TEST(SerialPort, RejectsImpossibleBaudRates)
{
    FakeUart uart;
    Port port { FakeIo(uart) };
    EXPECT_FALSE(port.initialise(0));
    EXPECT_FALSE(port.initialise(230400));
    EXPECT_FALSE(port.isReady());
}

TEST(SerialPort, MissingUartIsReportedAndNeverWaitedOn)
{
    FakeUart uart;
    uart.present = false;
    Port port { FakeIo(uart) };
    EXPECT_FALSE(port.initialise(115200));
    EXPECT_FALSE(port.isReady());
    size_t writesBefore = uart.writes.size();
    port.write("lost");
    EXPECT_EQ(uart.writes.size(), writesBefore) << "a port that failed to initialise must stay quiet";
}

TEST(SerialPort, NewlineIsSentAsCarriageReturnLineFeed)
{
    FakeUart uart;
    Port port { FakeIo(uart) };
    ASSERT_TRUE(port.initialise(115200));
    port.write("a\nb\n");
    EXPECT_EQ(uart.transmitted, "a\r\nb\r\n");
}

TEST(SerialPort, WaitsForTransmitterBeforeEachByte)
{
    FakeUart uart;
    uart.busyPollsPerByte = 3;
    Port port { FakeIo(uart) };
    ASSERT_TRUE(port.initialise(115200));
    port.write("xyz");
    EXPECT_EQ(uart.transmitted, "xyz");
    EXPECT_EQ(uart.lostBytes, 0);
    // Each byte after the first waited through three busy polls plus the ready one.
    EXPECT_GE(uart.lineStatusReads, 1 + 4 + 4);
}

TEST(SerialPort, WedgedTransmitterDoesNotHangForever)
{
    FakeUart uart;
    Port port { FakeIo(uart) };
    ASSERT_TRUE(port.initialise(115200));
    uart.busyPollsPerByte = Port::kTransmitPolls * 10;
    uart.busyPollsLeft = Port::kTransmitPolls * 10;
    int readsBefore = uart.lineStatusReads;
    port.write("!");
    // write() returned: the driver gave up after its poll budget and dropped the byte.
    EXPECT_LE(uart.lineStatusReads - readsBefore, Port::kTransmitPolls + 1);
    EXPECT_EQ(uart.lostBytes, 1);
}

TEST(SerialPort, ReadsAWaitingByte)
{
    FakeUart uart;
    Port port { FakeIo(uart) };
    ASSERT_TRUE(port.initialise(115200));
    EXPECT_EQ(port.tryRead(), -1);
    uart.receivedByte = 'k';
    EXPECT_EQ(port.tryRead(), 'k');
    EXPECT_EQ(port.tryRead(), -1);
}

} // namespace

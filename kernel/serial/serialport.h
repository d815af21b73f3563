// Driver logic for a 16550-compatible UART (National Semiconductor PC16550D data sheet, "Registers"
// and "Programming"), independent of how its registers are reached, so the same code runs on COM1
// in the image and on a fake register file in the host tests.
//
//     keel::SerialPort<keel::io::PortIoWindow> com1(keel::io::PortIoWindow(0x3f8));
//     if (com1.initialise(115200))
//         com1.write("hello\n");          // sent as "hello\r\n"
//
// `Io` provides `u8 read8(u16 offset)` and `void write8(u16 offset, u8 value)`.
#pragma once

#include <ktl/stringview.h>
#include <ktl/types.h>

namespace keel {

// Register offsets from the UART's base.
enum class UartRegister : u16 {
    Data = 0,            // THR on write, RBR on read; divisor low byte while DLAB is set
    InterruptEnable = 1, // IER; divisor high byte while DLAB is set
    FifoControl = 2,     // FCR (write only)
    LineControl = 3,     // LCR
    ModemControl = 4,    // MCR
    LineStatus = 5,      // LSR
    Scratch = 7,         // SCR: free byte, used to see whether a UART is there at all
};

// Line Control Register: word length, stop bits, parity and the divisor latch switch.
struct LineControl {
    static constexpr u8 kEightBits = 0x03;     // 8 data bits, 1 stop bit, no parity
    static constexpr u8 kDivisorLatch = 0x80;  // DLAB: offsets 0/1 address the baud divisor
};

// FIFO Control Register.
struct FifoControl {
    static constexpr u8 kEnableAndClear = 0x07; // enable FIFOs, clear receive and transmit FIFOs
};

// Modem Control Register.
struct ModemControl {
    static constexpr u8 kDataTerminalReadyRequestToSend = 0x03;
};

// Line Status Register, as read.
struct LineStatus {
    static constexpr u8 kDataReady = 0x01;
    static constexpr u8 kTransmitterHoldingEmpty = 0x20; // THRE: room for one more byte

    u8 value;
    bool canTransmit() const { return value & kTransmitterHoldingEmpty; }
    bool hasData() const { return value & kDataReady; }
};

template<typename Io>
class SerialPort {
public:
    static constexpr u32 kClockDivisorBase = 115200; // 1.8432 MHz / 16
    // Give up on a byte after this many polls instead of hanging on a wedged UART.
    static constexpr int kTransmitPolls = 100000;

    explicit constexpr SerialPort(Io io) : m_io(io) { }

    // Programs `baud`, 8N1, FIFOs on, interrupts off. False (and nothing programmed) when no UART
    // answers at this address or `baud` cannot be divided from the 115200 base.
    bool initialise(u32 baud)
    {
        if (baud == 0 || baud > kClockDivisorBase || !isPresent())
            return false;
        u16 divisor = u16(kClockDivisorBase / baud);
        write(UartRegister::InterruptEnable, 0);
        write(UartRegister::LineControl, LineControl::kDivisorLatch);
        write(UartRegister::Data, u8(divisor & 0xff));
        write(UartRegister::InterruptEnable, u8(divisor >> 8));
        write(UartRegister::LineControl, LineControl::kEightBits);
        write(UartRegister::FifoControl, FifoControl::kEnableAndClear);
        write(UartRegister::ModemControl, ModemControl::kDataTerminalReadyRequestToSend);
        m_ready = true;
        return true;
    }

    bool isReady() const { return m_ready; }

    // Sends `text`, turning "\n" into "\r\n" as terminals expect from a serial line.
    void write(ktl::StringView text)
    {
        if (!m_ready)
            return;
        for (char c : text) {
            if (c == '\n')
                transmit('\r');
            transmit(u8(c));
        }
    }

    // One received byte, or -1 when none is waiting.
    int tryRead()
    {
        if (!m_ready || !lineStatus().hasData())
            return -1;
        return m_io.read8(u16(UartRegister::Data));
    }

private:
    // A missing UART reads back 0xff from every port; a present one keeps what we store in SCR.
    bool isPresent()
    {
        write(UartRegister::Scratch, 0x5a);
        return m_io.read8(u16(UartRegister::Scratch)) == 0x5a;
    }

    void transmit(u8 byte)
    {
        for (int poll = 0; poll < kTransmitPolls && !lineStatus().canTransmit(); ++poll) { }
        write(UartRegister::Data, byte);
    }

    LineStatus lineStatus() { return { m_io.read8(u16(UartRegister::LineStatus)) }; }
    void write(UartRegister reg, u8 value) { m_io.write8(u16(reg), value); }

    Io m_io;
    bool m_ready = false;
};

} // namespace keel

// The i8042 PS/2 controller (IBM PC AT Technical Reference, "Keyboard Controller"; status at
// port 0x64, data at 0x60). Set up with scancode translation to set 1 on, the first port enabled,
// the mouse interrupt off and the keyboard interrupt (IRQ 1) on or off as asked.
//
//     keel::keyboard::Ps2Controller<keel::io::PortIoWindow> i8042(keel::io::PortIoWindow(0x60));
//     if (i8042.initialise(keel::keyboard::KeyboardInterrupt::On))
//         if (int byte = i8042.tryReadKeyboardByte(); byte >= 0) ...
//
// `Io` provides `u8 read8(u16 offset)` and `void write8(u16 offset, u8 value)`; offset 0 is the
// data port, offset 4 the status (read) and command (write) port.
#pragma once

#include <ktl/types.h>

namespace keel::keyboard {

namespace Ps2Status {
inline constexpr u8 kOutputFull = 0x01; // a byte waits at the data port
inline constexpr u8 kInputFull = 0x02; // the controller has not taken our last byte yet
inline constexpr u8 kAuxiliary = 0x20; // the waiting byte came from the mouse port
} // namespace Ps2Status

namespace Ps2Command {
inline constexpr u8 kReadConfig = 0x20;
inline constexpr u8 kWriteConfig = 0x60;
inline constexpr u8 kEnableKeyboardPort = 0xae;
} // namespace Ps2Command

namespace Ps2Config {
inline constexpr u8 kKeyboardInterrupt = 0x01;
inline constexpr u8 kMouseInterrupt = 0x02;
inline constexpr u8 kKeyboardClockOff = 0x10;
inline constexpr u8 kTranslation = 0x40; // keyboard's set 2 arrives as set 1
} // namespace Ps2Config

enum class KeyboardInterrupt { Off, On };

template<typename Io> class Ps2Controller {
public:
    static constexpr u16 kData = 0;
    static constexpr u16 kStatusCommand = 4;
    static constexpr int kPolls = 100000; // give up on a wedged or missing controller
    static constexpr int kMaxStaleBytes = 32; // bytes typed before boot, thrown away

    explicit constexpr Ps2Controller(Io io)
        : m_io(io)
    {
    }

    // False when no controller answers (a missing one reads 0xff from every port, e.g. microvm).
    bool initialise(KeyboardInterrupt interrupt = KeyboardInterrupt::Off)
    {
        if (status() == 0xff)
            return false;
        flush();
        if (!command(Ps2Command::kReadConfig))
            return false;
        int config = readByte();
        if (config < 0)
            return false;
        u8 updated = u8(config);
        updated &= u8(~(Ps2Config::kKeyboardInterrupt | Ps2Config::kMouseInterrupt
            | Ps2Config::kKeyboardClockOff));
        updated |= Ps2Config::kTranslation;
        if (interrupt == KeyboardInterrupt::On)
            updated |= Ps2Config::kKeyboardInterrupt;
        if (!command(Ps2Command::kWriteConfig) || !writeData(updated))
            return false;
        if (!command(Ps2Command::kEnableKeyboardPort))
            return false;
        m_ready = true;
        return true;
    }

    bool isReady() const { return m_ready; }

    // A byte from the keyboard, or -1 when none waits. Mouse bytes are read and dropped so they
    // cannot block the keyboard's.
    int tryReadKeyboardByte()
    {
        if (!m_ready)
            return -1;
        u8 state = status();
        if (!(state & Ps2Status::kOutputFull))
            return -1;
        u8 byte = m_io.read8(kData);
        return (state & Ps2Status::kAuxiliary) ? -1 : byte;
    }

private:
    u8 status() { return m_io.read8(kStatusCommand); }

    void flush()
    {
        for (int i = 0; i < kMaxStaleBytes && (status() & Ps2Status::kOutputFull); ++i)
            m_io.read8(kData);
    }

    bool waitInputEmpty()
    {
        for (int poll = 0; poll < kPolls; ++poll) {
            if (!(status() & Ps2Status::kInputFull))
                return true;
        }
        return false;
    }

    bool command(u8 value)
    {
        if (!waitInputEmpty())
            return false;
        m_io.write8(kStatusCommand, value);
        return true;
    }

    bool writeData(u8 value)
    {
        if (!waitInputEmpty())
            return false;
        m_io.write8(kData, value);
        return true;
    }

    int readByte()
    {
        for (int poll = 0; poll < kPolls; ++poll) {
            if (status() & Ps2Status::kOutputFull)
                return m_io.read8(kData);
        }
        return -1;
    }

    Io m_io;
    bool m_ready = false;
};

} // namespace keel::keyboard

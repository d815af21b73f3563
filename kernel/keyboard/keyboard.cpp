// The keyboard module: the i8042 at ports 0x60/0x64, set up at KEEL_INIT(driver), decoded with
// the US layout; the app-facing calls of keel/keyboard.h.
//
// With the interrupts module, IRQ 1 drains the controller into a ring buffer and waiting halts
// the CPU between keys; without it the controller is polled (the CPU spins while waiting).
#include "arch/x86_64/io.h"
#include "core/init.h"
#include "keyboard/lineeditor.h"
#include "keyboard/ps2controller.h"
#include "keyboard/scancodedecoder.h"

#include <keel/keyboard.h>
#include <keel/print.h>

#include <ktl/ringbuffer.h>

#if KEEL_FEATURE_INTERRUPTS
#include <keel/interrupts.h>
#endif

namespace keel::keyboard {
namespace {

constexpr u16 kControllerPorts = 0x60;
constexpr u8 kKeyboardIrq = 1;

constinit Ps2Controller<io::PortIoWindow> s_controller {io::PortIoWindow(kControllerPorts)};
constinit ScancodeDecoder s_decoder;

#if KEEL_FEATURE_INTERRUPTS
// Scancode bytes from the IRQ handler to the reader; 128 bytes hold ~40 keys typed ahead.
constinit ktl::RingBuffer<u8, 128> s_bytes;
bool s_interruptDriven = false;

void onKeyboardIrq(void*)
{
    for (int byte = s_controller.tryReadKeyboardByte(); byte >= 0;
         byte = s_controller.tryReadKeyboardByte())
        s_bytes.tryPush(u8(byte)); // a full buffer drops keys rather than blocking the IRQ
}

int nextByte()
{
    if (!s_interruptDriven)
        return s_controller.tryReadKeyboardByte();
    ktl::Optional<u8> byte = s_bytes.pop();
    return byte ? *byte : -1;
}

void initialiseKeyboard()
{
    if (!s_controller.initialise(KeyboardInterrupt::On)) {
        keel::println("keyboard: no PS/2 controller answers at ports 0x60/0x64; no key input");
        return;
    }
    if (auto registered = interrupts::registerIrqHandler(kKeyboardIrq, onKeyboardIrq);
        registered.isError()) {
        keel::println("keyboard: IRQ 1: {}; polling instead", registered.error());
        return;
    }
    s_interruptDriven = true;
    // A byte that arrived before the handler was installed raised its edge unseen, and the
    // controller raises no other until that byte is read.
    interrupts::InterruptGuard guard;
    onKeyboardIrq(nullptr);
}

// Halts until an interrupt (any: the keyboard's, or a timer's) unless a byte is already queued.
// Checking with interrupts off and then `sti; hlt` loses no wake-up.
void waitForInput()
{
    if (!s_interruptDriven) {
        __builtin_ia32_pause(); // a spin-wait hint, not port or register access
        return;
    }
    bool wereEnabled = interrupts::areEnabled();
    interrupts::disable();
    if (s_bytes.isEmpty())
        interrupts::waitForInterrupt();
    if (!wereEnabled)
        interrupts::disable();
}
#else
int nextByte()
{
    return s_controller.tryReadKeyboardByte();
}

void initialiseKeyboard()
{
    if (!s_controller.initialise(KeyboardInterrupt::Off))
        keel::println("keyboard: no PS/2 controller answers at ports 0x60/0x64; no key input");
}

void waitForInput()
{
    __builtin_ia32_pause(); // a spin-wait hint, not port or register access
}
#endif

} // namespace

bool isAvailable()
{
    return s_controller.isReady();
}

ktl::Optional<KeyEvent> pollKey()
{
    // One scancode may take several bytes; keep reading while they are there.
    for (int byte = nextByte(); byte >= 0; byte = nextByte()) {
        if (ktl::Optional<KeyEvent> event = s_decoder.decode(u8(byte)))
            return event;
    }
    return {};
}

KeyEvent waitForKey()
{
    for (;;) {
        ktl::Optional<KeyEvent> event = pollKey();
        if (event && event->isPressed())
            return *event;
        if (!event)
            waitForInput();
    }
}

ktl::StringView readLine(ktl::Span<char> buffer)
{
    LineEditor editor(buffer, consoleOutput());
    if (!isAvailable())
        return editor.line();
    while (!editor.feed(waitForKey())) { }
    return editor.line();
}

} // namespace keel::keyboard

KEEL_INIT(driver, keel::keyboard::initialiseKeyboard);

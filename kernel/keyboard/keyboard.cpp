// The keyboard module: the i8042 at ports 0x60/0x64, set up at KEEL_INIT(driver), decoded with
// the US layout; the app-facing calls of keel/keyboard.h.
#include "arch/x86_64/io.h"
#include "core/init.h"
#include "keyboard/lineeditor.h"
#include "keyboard/ps2controller.h"
#include "keyboard/scancodedecoder.h"

#include <keel/keyboard.h>
#include <keel/print.h>

namespace keel::keyboard {
namespace {

constexpr u16 kControllerPorts = 0x60;

constinit Ps2Controller<io::PortIoWindow> s_controller {io::PortIoWindow(kControllerPorts)};
constinit ScancodeDecoder s_decoder;

void initialiseKeyboard()
{
    if (!s_controller.initialise())
        keel::println("keyboard: no PS/2 controller answers at ports 0x60/0x64; no key input");
}

} // namespace

bool isAvailable()
{
    return s_controller.isReady();
}

ktl::Optional<KeyEvent> pollKey()
{
    // One scancode may take several bytes; keep reading while they are there.
    for (int byte = s_controller.tryReadKeyboardByte(); byte >= 0;
         byte = s_controller.tryReadKeyboardByte()) {
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
        __builtin_ia32_pause(); // a spin-wait hint, not port or register access
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

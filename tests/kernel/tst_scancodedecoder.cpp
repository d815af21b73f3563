// What a user sees fail here: keys typed in the VGA shell come out wrong (no capitals, wrong
// symbols on shifted digits, caps lock stuck or ignored), arrows/Delete/Home type garbage
// characters, a released key types again, Backspace does not erase, or the shell hangs at boot
// on a machine without a PS/2 controller.
//
// Covers kernel/keyboard/scancodedecoder.cpp, lineeditor.cpp and ps2controller.h (against a
// fake i8042).

#include "keyboard/lineeditor.h"
#include "keyboard/ps2controller.h"
#include "keyboard/scancodedecoder.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

namespace {

using keel::keyboard::Key;
using keel::keyboard::KeyAction;
using keel::keyboard::KeyEvent;
using keel::keyboard::ScancodeDecoder;
namespace Modifier = keel::keyboard::Modifier;

// Feeds bytes and returns the characters typed by key presses.
std::string type(ScancodeDecoder& decoder, std::vector<u8> bytes)
{
    std::string text;
    for (u8 byte : bytes) {
        auto event = decoder.decode(byte);
        if (event && event->isPressed() && event->character)
            text.push_back(event->character);
    }
    return text;
}

std::vector<KeyEvent> events(ScancodeDecoder& decoder, std::vector<u8> bytes)
{
    std::vector<KeyEvent> all;
    for (u8 byte : bytes) {
        if (auto event = decoder.decode(byte))
            all.push_back(*event);
    }
    return all;
}

TEST(ScancodeDecoder, LettersDigitsAndPunctuation)
{
    ScancodeDecoder decoder;
    // h e l l o space 1 2 3 - = [ ] ; ' ` \ , . /, each pressed and released.
    std::vector<u8> bytes;
    for (u8 code : {0x23, 0x12, 0x26, 0x26, 0x18, 0x39, 0x02, 0x03, 0x04, 0x0c, 0x0d, 0x1a, 0x1b,
             0x27, 0x28, 0x29, 0x2b, 0x33, 0x34, 0x35}) {
        bytes.push_back(code);
        bytes.push_back(u8(code | 0x80));
    }
    EXPECT_EQ(type(decoder, bytes), "hello 123-=[];'`\\,./");
}

TEST(ScancodeDecoder, ShiftGivesCapitalsAndUpperSymbols)
{
    ScancodeDecoder decoder;
    // LShift down, h, 1, ', /, LShift up, i; then RShift down, 2, RShift up.
    EXPECT_EQ(type(decoder,
                  {0x2a, 0x23, 0xa3, 0x02, 0x82, 0x28, 0xa8, 0x35, 0xb5, 0xaa, 0x17, 0x97, 0x36,
                      0x03, 0x83, 0xb6, 0x03}),
        "H!\"?i@2");
}

TEST(ScancodeDecoder, CapsLockShiftsLettersOnlyAndShiftInvertsIt)
{
    ScancodeDecoder decoder;
    // Caps lock press/release, a, 1, then shift+a, then caps lock again, a.
    EXPECT_EQ(type(decoder,
                  {0x3a, 0xba, 0x1e, 0x9e, 0x02, 0x82, 0x2a, 0x1e, 0x9e, 0xaa, 0x3a, 0xba, 0x1e}),
        "A1aa");
}

TEST(ScancodeDecoder, HoldingCapsLockTogglesOnce)
{
    ScancodeDecoder decoder;
    // Typematic repeat: three make codes before the break.
    EXPECT_EQ(type(decoder, {0x3a, 0x3a, 0x3a, 0xba, 0x1e}), "A");
    EXPECT_TRUE(decoder.modifiers() & Modifier::kCapsLock);
}

TEST(ScancodeDecoder, ReleasesAreEventsThatTypeNothing)
{
    ScancodeDecoder decoder;
    auto all = events(decoder, {0x1e, 0x9e});
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].key, Key::Character);
    EXPECT_EQ(all[0].action, KeyAction::Pressed);
    EXPECT_EQ(all[1].key, Key::Character);
    EXPECT_EQ(all[1].action, KeyAction::Released);
}

TEST(ScancodeDecoder, ExtendedKeys)
{
    ScancodeDecoder decoder;
    auto all = events(decoder,
        {0xe0, 0x48, 0xe0, 0xc8, 0xe0, 0x50, 0xe0, 0x4b, 0xe0, 0x4d, 0xe0, 0x47, 0xe0, 0x4f, 0xe0,
            0x53, 0xe0, 0x49, 0xe0, 0x51, 0xe0, 0x52, 0xe0, 0x1c, 0xe0, 0x35});
    std::vector<Key> keys;
    for (const KeyEvent& e : all)
        keys.push_back(e.key);
    std::vector<Key> expected {Key::Up, Key::Up, Key::Down, Key::Left, Key::Right, Key::Home,
        Key::End, Key::Delete, Key::PageUp, Key::PageDown, Key::Insert, Key::Enter, Key::Character};
    EXPECT_EQ(keys, expected);
    EXPECT_EQ(all[1].action, KeyAction::Released);
    EXPECT_EQ(all[3].character, 0) << "an arrow must not type the keypad digit sharing its code";
    EXPECT_EQ(all[11].character, '\n');
    EXPECT_EQ(all[12].character, '/');
}

TEST(ScancodeDecoder, KeypadWithoutPrefixTypesDigits)
{
    ScancodeDecoder decoder;
    EXPECT_EQ(type(decoder, {0x48, 0x4b, 0x52, 0x53, 0x4a, 0x37}), "840.-*");
}

TEST(ScancodeDecoder, FakeShiftsAroundExtendedKeysAreIgnored)
{
    ScancodeDecoder decoder;
    auto all = events(decoder, {0xe0, 0x2a, 0xe0, 0x53, 0xe0, 0xd3, 0xe0, 0xaa, 0x1e});
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].key, Key::Delete);
    EXPECT_EQ(all[2].character, 'a') << "shift must not stay pressed";
}

TEST(ScancodeDecoder, ModifierKeysAndCtrl)
{
    ScancodeDecoder decoder;
    auto all = events(
        decoder, {0x1d, 0x16, 0x96, 0x9d, 0xe0, 0x1d, 0xe0, 0x38, 0x16, 0xe0, 0xb8, 0xe0, 0x9d});
    ASSERT_EQ(all.size(), 9u);
    EXPECT_EQ(all[0].key, Key::LeftCtrl);
    EXPECT_EQ(all[1].character, 'u');
    EXPECT_TRUE(all[1].hasCtrl());
    EXPECT_FALSE(all[3].hasCtrl()) << "the LeftCtrl release event already sees ctrl up";
    EXPECT_EQ(all[4].key, Key::RightCtrl);
    EXPECT_EQ(all[5].key, Key::RightAlt);
    EXPECT_EQ(all[6].modifiers, Modifier::kCtrl | Modifier::kAlt);
    EXPECT_EQ(decoder.modifiers(), 0);
}

TEST(ScancodeDecoder, FunctionKeysEscapeTabEnterBackspace)
{
    ScancodeDecoder decoder;
    auto all = events(decoder, {0x3b, 0x44, 0x57, 0x58, 0x01, 0x0f, 0x1c, 0x0e});
    std::vector<Key> keys;
    for (const KeyEvent& e : all)
        keys.push_back(e.key);
    std::vector<Key> expected {
        Key::F1, Key::F10, Key::F11, Key::F12, Key::Escape, Key::Tab, Key::Enter, Key::Backspace};
    EXPECT_EQ(keys, expected);
    EXPECT_EQ(all[5].character, '\t');
    EXPECT_EQ(all[6].character, '\n');
}

TEST(ScancodeDecoder, PauseSequenceProducesNoKeys)
{
    ScancodeDecoder decoder;
    EXPECT_EQ(type(decoder, {0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5, 0x1e}), "a");
}

struct Echo final : ktl::OutputSink {
    void write(ktl::StringView text) override { output.append(text.data(), text.size()); }
    std::string output;
};

KeyEvent press(char c)
{
    return {Key::Character, KeyAction::Pressed, c, 0};
}

KeyEvent press(Key key)
{
    return {key, KeyAction::Pressed, key == Key::Enter ? '\n' : char(0), 0};
}

TEST(LineEditor, CollectsEchoesAndEndsOnEnter)
{
    char buffer[16];
    Echo echo;
    keel::keyboard::LineEditor editor(buffer, echo);
    EXPECT_FALSE(editor.feed(press('l')));
    EXPECT_FALSE(editor.feed(press('s')));
    EXPECT_FALSE(editor.feed({Key::Character, KeyAction::Released, 's', 0}));
    EXPECT_FALSE(editor.feed(press(Key::Up)));
    EXPECT_TRUE(editor.feed(press(Key::Enter)));
    EXPECT_EQ(std::string(editor.line().data(), editor.line().size()), "ls");
    EXPECT_STREQ(buffer, "ls");
    EXPECT_EQ(echo.output, "ls\n");
}

TEST(LineEditor, BackspaceErasesOnScreenAndInTheBuffer)
{
    char buffer[16];
    Echo echo;
    keel::keyboard::LineEditor editor(buffer, echo);
    editor.feed(press(Key::Backspace)); // nothing to erase: no echo
    for (char c : std::string("ecgo"))
        editor.feed(press(c));
    editor.feed(press(Key::Backspace));
    editor.feed(press(Key::Backspace));
    editor.feed(press('h'));
    editor.feed(press('o'));
    editor.feed(press(Key::Enter));
    EXPECT_STREQ(buffer, "echo");
    EXPECT_EQ(echo.output, "ecgo\b \b\b \bho\n");
}

TEST(LineEditor, CtrlUClearsTheLine)
{
    char buffer[16];
    Echo echo;
    keel::keyboard::LineEditor editor(buffer, echo);
    editor.feed(press('a'));
    editor.feed(press('b'));
    editor.feed({Key::Character, KeyAction::Pressed, 'u', Modifier::kCtrl});
    EXPECT_TRUE(editor.line().isEmpty());
    EXPECT_EQ(echo.output, "ab\b \b\b \b");
}

TEST(LineEditor, StopsAtTheBufferAndStaysTerminated)
{
    char buffer[4];
    Echo echo;
    keel::keyboard::LineEditor editor(buffer, echo);
    for (char c : std::string("abcdef"))
        editor.feed(press(c));
    EXPECT_TRUE(editor.feed(press(Key::Enter)));
    EXPECT_STREQ(buffer, "abc");
    EXPECT_EQ(echo.output, "abc\n") << "characters that do not fit are not echoed";
}

// An i8042 that answers the controller commands Keel sends and queues bytes to read.
struct FakeI8042 {
    bool present = true;
    u8 config = 0x47 | 0x10; // BIOS leaves interrupts on; keyboard clock off for the test
    std::deque<std::pair<u8, bool>> output; // byte, from the mouse port
    u8 pendingCommand = 0;
    std::vector<u8> commands;
};

class FakeI8042Io {
public:
    explicit FakeI8042Io(FakeI8042& chip)
        : m_chip(&chip)
    {
    }
    u8 read8(u16 offset) const
    {
        FakeI8042& chip = *m_chip;
        if (!chip.present)
            return 0xff;
        if (offset == 4) {
            u8 status = 0;
            if (!chip.output.empty())
                status |= 0x01 | (chip.output.front().second ? 0x20 : 0);
            return status;
        }
        if (chip.output.empty())
            return 0;
        u8 byte = chip.output.front().first;
        chip.output.pop_front();
        return byte;
    }
    void write8(u16 offset, u8 value) const
    {
        FakeI8042& chip = *m_chip;
        if (offset == 4) {
            chip.commands.push_back(value);
            if (value == 0x20)
                chip.output.push_back({chip.config, false});
            chip.pendingCommand = value;
        } else if (chip.pendingCommand == 0x60) {
            chip.config = value;
            chip.pendingCommand = 0;
        }
    }

private:
    FakeI8042* m_chip;
};

TEST(Ps2Controller, SetsUpPollingWithTranslationAndDropsStaleBytes)
{
    FakeI8042 chip;
    chip.output.push_back({0x1e, false}); // typed before boot
    keel::keyboard::Ps2Controller<FakeI8042Io> controller {FakeI8042Io(chip)};
    ASSERT_TRUE(controller.initialise());
    EXPECT_EQ(chip.config & 0x03, 0) << "interrupts off while the driver polls";
    EXPECT_TRUE(chip.config & 0x40) << "set 1 translation on";
    EXPECT_FALSE(chip.config & 0x10) << "keyboard clock on";
    EXPECT_EQ(chip.commands.back(), 0xae);
    EXPECT_EQ(controller.tryReadKeyboardByte(), -1) << "the stale byte was flushed";
    chip.output.push_back({0x9e, false});
    EXPECT_EQ(controller.tryReadKeyboardByte(), 0x9e);
}

TEST(Ps2Controller, InterruptDrivenSetupTurnsOnOnlyTheKeyboardInterrupt)
{
    FakeI8042 chip;
    keel::keyboard::Ps2Controller<FakeI8042Io> controller {FakeI8042Io(chip)};
    ASSERT_TRUE(controller.initialise(keel::keyboard::KeyboardInterrupt::On));
    EXPECT_EQ(chip.config & 0x03, 0x01) << "IRQ 1 on, the mouse's IRQ 12 off";
    EXPECT_TRUE(chip.config & 0x40) << "set 1 translation on";
}

TEST(Ps2Controller, MouseBytesAreNotKeys)
{
    FakeI8042 chip;
    keel::keyboard::Ps2Controller<FakeI8042Io> controller {FakeI8042Io(chip)};
    ASSERT_TRUE(controller.initialise());
    chip.output.push_back({0x08, true});
    chip.output.push_back({0x1e, false});
    EXPECT_EQ(controller.tryReadKeyboardByte(), -1);
    EXPECT_EQ(controller.tryReadKeyboardByte(), 0x1e);
}

TEST(Ps2Controller, MissingControllerIsReportedNotWaitedOn)
{
    FakeI8042 chip;
    chip.present = false;
    keel::keyboard::Ps2Controller<FakeI8042Io> controller {FakeI8042Io(chip)};
    EXPECT_FALSE(controller.initialise());
    EXPECT_TRUE(chip.commands.empty());
    EXPECT_EQ(controller.tryReadKeyboardByte(), -1);
}

} // namespace

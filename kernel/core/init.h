// Declarative bring-up: a module registers a function to run at one of four init levels, and the
// kernel runs every registered step level by level before global constructors and main().
//
//     static void setUpSerial() { ... }
//     KEEL_INIT(early, setUpSerial);
//
// Levels, in order: `early` (consoles; runs right after the CPU tables, before the memory map is
// known), `memory` (heap), `driver` (devices), `late` (anything that needs drivers). Within one
// level the order is unspecified. Entries live in `.keel_init.<n>.<level>` sections, which the
// linker script keeps and sorts by name, so nothing central lists the modules.
#pragma once

namespace keel {

enum class InitLevel : int { Early = 1, Memory = 2, Driver = 3, Late = 4 };

struct InitStep {
    InitLevel level;
    void (*function)();
    const char* name;
};

// Runs every registered step of `level`.
void runInitSteps(InitLevel level);

} // namespace keel

#define KEEL_INIT_ORDER_early "1"
#define KEEL_INIT_ORDER_memory "2"
#define KEEL_INIT_ORDER_driver "3"
#define KEEL_INIT_ORDER_late "4"
#define KEEL_INIT_ENUM_early ::keel::InitLevel::Early
#define KEEL_INIT_ENUM_memory ::keel::InitLevel::Memory
#define KEEL_INIT_ENUM_driver ::keel::InitLevel::Driver
#define KEEL_INIT_ENUM_late ::keel::InitLevel::Late

#define KEEL_INIT_CONCAT_(a, b) a##b
#define KEEL_INIT_CONCAT(a, b) KEEL_INIT_CONCAT_(a, b)

// An unknown level name fails to compile (KEEL_INIT_ORDER_<level> is undefined). The explicit
// alignment stops GCC from over-aligning the entry, which would leave gaps in the array.
#define KEEL_INIT(level, fn)                                                                       \
    [[gnu::used, gnu::aligned(8), gnu::section(".keel_init." KEEL_INIT_ORDER_##level "." #level)]] \
    static const ::keel::InitStep KEEL_INIT_CONCAT(s_keelInitStep, __COUNTER__) = {               \
        KEEL_INIT_ENUM_##level, fn, #fn                                                            \
    }

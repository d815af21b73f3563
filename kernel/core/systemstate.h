// What the kernel learned at boot, kept for the app API (keel/system.h).
#pragma once

#include "core/bootinfo.h"

namespace keel {

class SystemState {
public:
    static BootInfo& bootInfo();
};

} // namespace keel

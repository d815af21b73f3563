// Runs the KEEL_INIT steps that the linker collected between __keel_init_start and _end.
#include "core/init.h"

extern "C" const keel::InitStep __keel_init_start[];
extern "C" const keel::InitStep __keel_init_end[];

namespace keel {

void runInitSteps(InitLevel level)
{
    for (const InitStep* step = __keel_init_start; step != __keel_init_end; ++step) {
        if (step->level == level)
            step->function();
    }
}

} // namespace keel

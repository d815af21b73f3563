#pragma once

// QEMU started by hand, without keel, the way a user or a script would boot a Keel image: no
// default devices, serial on stdout, isa-debug-exit for main()'s status, no display.
//
//   auto run = runPlainQemu("-M microvm,acpi=off -m 16M", "-kernel " + shellQuote(image), dir, 60);
//   EXPECT_EQ(run.exitCode, (0 << 1) | 1);   // isa-debug-exit encodes main()'s status

#include "commandrunner.h"

#include <string>

// The command line; `machine` and `boot` are inserted as given (quote paths with shellQuote).
std::string plainQemuCommand(const std::string& machine, const std::string& boot);

CommandResult runPlainQemu(const std::string& machine, const std::string& boot,
    const std::string& workingDirectory, int timeoutSeconds);

#pragma once

// Runs a shell command with a hard time limit and captures what a user would see.
//
//   auto result = runCommand("keel build", "/tmp/proj", 120);
//   EXPECT_EQ(result.exitCode, 0) << result.output;

#include <string>

struct CommandResult {
    int exitCode = -1;   // the command's exit status; 124 when the time limit killed it
    std::string output;  // stdout and stderr, interleaved as printed
};

CommandResult runCommand(const std::string& command, const std::string& workingDirectory,
    int timeoutSeconds);

std::string shellQuote(const std::string& text);

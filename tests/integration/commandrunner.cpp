#include "commandrunner.h"

#include <array>
#include <cstdio>
#include <sys/wait.h>

std::string shellQuote(const std::string& text)
{
    std::string quoted = "'";
    for (char c : text) {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    return quoted + "'";
}

CommandResult runCommand(const std::string& command, const std::string& workingDirectory,
    int timeoutSeconds)
{
    // timeout(1) kills a hung QEMU, so a hang fails the test instead of stalling the suite.
    std::string full = "cd " + shellQuote(workingDirectory) + " && timeout -k 5 "
        + std::to_string(timeoutSeconds) + " sh -c " + shellQuote(command) + " 2>&1";
    CommandResult result;
    FILE* pipe = popen(full.c_str(), "r");
    if (!pipe)
        return result;
    std::array<char, 4096> buffer;
    size_t count;
    while ((count = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.output.append(buffer.data(), count);
    int status = pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

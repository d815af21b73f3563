// Host-side stand-ins for what the kernel provides: the fatal hook and no-throw allocation.
#pragma once

#include <stdexcept>
#include <string>

namespace keeltest {

// Thrown by the host ktl::onFatal so a test can catch the fatal path and read its message.
struct FatalError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Number of ktl::onFatal calls so far.
int fatalCount();

// When > 0, that many further no-throw allocations succeed and the next ones fail (nullptr).
void failAllocationsAfter(long count);
void stopFailingAllocations();

} // namespace keeltest

#include "testsupport.h"

#include <ktl/error.h>
#include <ktl/new.h>

namespace {
int s_fatalCount = 0;
long s_allocationsLeft = -1; // -1: never fail
} // namespace

namespace keeltest {
int fatalCount() { return s_fatalCount; }
void failAllocationsAfter(long count) { s_allocationsLeft = count; }
void stopFailingAllocations() { s_allocationsLeft = -1; }
} // namespace keeltest

void ktl::onFatal(const char* message)
{
    ++s_fatalCount;
    throw keeltest::FatalError(message);
}

void* operator new(size_t size, const ktl::NoThrowTag&) noexcept
{
    if (s_allocationsLeft == 0)
        return nullptr;
    if (s_allocationsLeft > 0)
        --s_allocationsLeft;
    return ::operator new(size, std::nothrow);
}

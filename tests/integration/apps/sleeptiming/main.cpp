// Sleeps 100 ms five times and prints how long each took by the guest's monotonic clock.
#include <keel/print.h>
#include <keel/time.h>

using namespace keel::literals;

int main()
{
    for (int i = 0; i < 5; ++i) {
        keel::Instant start = keel::now();
        keel::sleep(100_ms);
        keel::println("sleep 100 ms took {} us", (keel::now() - start).toMicroseconds());
    }
    return 0;
}

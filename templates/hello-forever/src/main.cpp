// {{name}}: a Keel pico VM that runs forever. It prints a greeting, then a heartbeat every second;
// between heartbeats keel::sleep halts the CPU, so the idle VM costs the host next to nothing.
// Stop it with Ctrl+C in `keel run`, or `keel stop` for a deployed copy.
#include <keel/print.h>
#include <keel/time.h>

int main()
{
    using namespace keel::literals;
    keel::println("Hello from {{name}}! A heartbeat every second follows.");
    for (u64 beat = 1;; ++beat) {
        keel::sleep(1_s);
        keel::println("heartbeat {} (uptime {} ms)", beat, keel::uptime().toMilliseconds());
    }
}

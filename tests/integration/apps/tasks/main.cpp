// Three tasks beside main: a ticker that sleeps, a producer that notifies main through a
// WaitQueue, and a yielder; main checks the interleaving and prints a verdict.
#include <keel/print.h>
#include <keel/tasks.h>
#include <keel/time.h>

using namespace keel::literals;
namespace tasks = keel::tasks;

namespace {

tasks::WaitQueue s_itemReady;
tasks::WaitQueue s_tickerDone;
int s_items = 0;
int s_ticks = 0;
int s_yields = 0;

void ticker(void*)
{
    for (int i = 0; i < 5; ++i) {
        tasks::sleep(20_ms);
        ++s_ticks;
    }
    s_tickerDone.notifyAll();
}

void producer(void*)
{
    for (int i = 0; i < 3; ++i) {
        tasks::sleep(30_ms);
        ++s_items;
        s_itemReady.notifyAll();
    }
}

void yielder(void*)
{
    for (int i = 0; i < 100; ++i) {
        ++s_yields;
        tasks::yield();
    }
}

} // namespace

int main()
{
    MUST(tasks::spawn(ticker, nullptr, "ticker"));
    MUST(tasks::spawn(producer, nullptr, "producer"));
    MUST(tasks::spawn(yielder, nullptr, "yielder"));
    keel::println("tasks alive: {}", tasks::count());
    keel::Instant start = keel::now();
    int seen = 0;
    while (seen < 3) {
        s_itemReady.wait();
        seen = s_items;
        keel::println("main woke by {} after {} ms: item {}", tasks::currentName(),
            (keel::now() - start).toMilliseconds(), seen);
    }
    // Waited for, not slept on: under a loaded host TCG stretches each 20 ms sleep.
    while (s_ticks < 5)
        s_tickerDone.wait();
    tasks::yield(); // lets the ticker return, so only main is left
    long elapsed = long((keel::now() - start).toMilliseconds());
    bool ok = s_ticks == 5 && s_yields == 100 && elapsed >= 100 && tasks::count() == 1;
    keel::println("ticks {} yields {} elapsed {} ms tasks {}", s_ticks, s_yields, elapsed, tasks::count());
    keel::println(ok ? "tasks ok" : "tasks FAILED");
    return ok ? 0 : 1;
}

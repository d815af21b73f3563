// Cooperative lightweight tasks, for apps built with the `tasks` feature: one app can serve
// several things at once on one CPU. A task runs until it yields, sleeps or waits; nothing
// preempts it.
//
//     keel::tasks::WaitQueue dataReady;
//     void producer(void*) { for (;;) { fill(); dataReady.notifyAll(); keel::tasks::sleep(10_ms); } }
//     MUST(keel::tasks::spawn(producer, nullptr, "producer"));
//     for (;;) { dataReady.wait(); consume(); }       // main is a task too
//
// keel::tasks::sleep lets other tasks run; keel::sleep (keel/time.h) halts the whole CPU. A task
// ends when its function returns; when main returns the VM exits, whatever tasks remain. Task
// stacks are tasks.stack-size bytes (default 16 KiB) with no guard page: keep big arrays off them.
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_TASKS
#error "keel/tasks.h needs the tasks feature: add \"tasks\" to [kernel] features in keel.toml"
#endif

#include <tasks/scheduler.h>
#include <timer/duration.h>

namespace keel::tasks {

using Entry = void (*)(void* context);

// Starts `entry(context)` as a new task; it first runs when the caller yields, sleeps or waits.
// Fails with TooMany when tasks.max-tasks tasks already exist.
ktl::ErrorOr<void> spawn(Entry entry, void* context = nullptr, const char* name = "task");

// Lets every other ready task run once, then returns.
void yield();

// Returns after at least `duration`; other tasks run meanwhile.
void sleep(Duration duration);

// Tasks alive, main included.
int count();

// The name given to spawn ("main" for main).
const char* currentName();

// Tasks waiting for an event. notify* may be called from tasks and from interrupt handlers.
class WaitQueue {
public:
    void wait();
    void notifyOne();
    void notifyAll();

private:
    WaitList m_waiting;
};

} // namespace keel::tasks

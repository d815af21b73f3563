// The tasks module: task stacks, the context switch (contextswitch.S) and the idle loop around
// the Scheduler (scheduler.h). Every switch happens with interrupts off, inside an
// InterruptGuard of the task that gives up the CPU, so each task gets its own interrupt state
// back when it resumes.
#include <keel/interrupts.h>
#include <keel/tasks.h>
#include <keel/time.h>

extern "C" void keelSwitchContext(u64* saveStackPointer, u64 nextStackPointer);
extern "C" void keelTaskEntry();

namespace keel::tasks {
namespace {

constexpr int kSlots = KEEL_OPTION_TASKS_MAX_TASKS + 1; // slot 0 is main on the boot stack
constexpr size_t kStackSize = KEEL_OPTION_TASKS_STACK_SIZE;

struct TaskContext {
    u64 stackPointer = 0;
    Entry entry = nullptr;
    void* argument = nullptr;
};

TaskSlot s_slots[kSlots];
TaskContext s_contexts[kSlots];
alignas(16) u8 s_stacks[kSlots - 1][kStackSize];
Scheduler s_scheduler(s_slots);
Timer s_wakeTimer;

u64 nowNs()
{
    return keel::now().nanosecondsSinceBoot();
}

// The stack a new task starts on: six zeroed callee-saved registers, then keelTaskEntry as the
// return address of keelSwitchContext, placed so the call in keelTaskEntry is 16-byte aligned.
u64 initialStack(int task)
{
    auto top = reinterpret_cast<u64>(s_stacks[task - 1] + kStackSize);
    auto* frame = reinterpret_cast<u64*>(top - 24 - 6 * 8);
    for (int i = 0; i < 6; ++i)
        frame[i] = 0;
    frame[6] = reinterpret_cast<u64>(&keelTaskEntry);
    return reinterpret_cast<u64>(frame);
}

// Runs the next task; with none ready, halts until an interrupt (the wake timer for the earliest
// sleeper, or a device whose handler notifies) makes one ready. Interrupts are off throughout.
void reschedule()
{
    int previous = s_scheduler.current();
    int next;
    while ((next = s_scheduler.pickNext(nowNs())) == Scheduler::kNone) {
        u64 wake = s_scheduler.earliestWake();
        if (wake != ~u64(0))
            s_wakeTimer.startOneShot(Duration::nanoseconds(i64(wake - ktl::min(wake, nowNs()))), [](void*) { });
        interrupts::waitForInterrupt();
        interrupts::disable();
    }
    if (next != previous)
        keelSwitchContext(&s_contexts[previous].stackPointer, s_contexts[next].stackPointer);
}

} // namespace

ktl::ErrorOr<void> spawn(Entry entry, void* argument, const char* name)
{
    interrupts::InterruptGuard guard;
    int task = TRY(s_scheduler.add(name));
    s_contexts[task] = {initialStack(task), entry, argument};
    return {};
}

void yield()
{
    interrupts::InterruptGuard guard;
    s_scheduler.yieldCurrent();
    reschedule();
}

void sleep(Duration duration)
{
    interrupts::InterruptGuard guard;
    s_scheduler.sleepCurrent(nowNs() + u64(ktl::max<i64>(duration.toNanoseconds(), 0)));
    reschedule();
}

int count()
{
    return s_scheduler.liveCount();
}

const char* currentName()
{
    return s_scheduler.slot(s_scheduler.current()).name;
}

void WaitQueue::wait()
{
    interrupts::InterruptGuard guard;
    s_scheduler.waitCurrent(m_waiting);
    reschedule();
}

void WaitQueue::notifyOne()
{
    interrupts::InterruptGuard guard;
    s_scheduler.wake(m_waiting.takeOne());
}

void WaitQueue::notifyAll()
{
    interrupts::InterruptGuard guard;
    for (u64 tasks = m_waiting.takeAll(); tasks != 0; tasks &= tasks - 1)
        s_scheduler.wake(__builtin_ctzll(tasks));
}

} // namespace keel::tasks

// A new task's first code (called from keelTaskEntry, interrupts still off from the switch).
extern "C" [[noreturn]] void keelRunTask()
{
    using namespace keel::tasks;
    const TaskContext& context = s_contexts[s_scheduler.current()];
    keel::interrupts::enable();
    context.entry(context.argument);
    keel::interrupts::disable();
    s_scheduler.finishCurrent();
    reschedule();
    __builtin_unreachable(); // a finished task is never picked again
}

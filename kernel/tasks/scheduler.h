// Which cooperative task runs next: round-robin over ready tasks, sleepers woken by deadline,
// waiters woken by a WaitList. No hardware and no stacks here (tasks.cpp owns those), so host
// tests (tests/kernel/tst_scheduler.cpp) drive it directly.
//
//     TaskSlot slots[4];
//     Scheduler scheduler(slots);            // slot 0 is the task already running (main)
//     int worker = MUST(scheduler.add("worker"));
//     scheduler.sleepCurrent(now + 1'000'000);
//     int next = scheduler.pickNext(now);    // worker
#pragma once

#include <ktl/error.h>
#include <ktl/span.h>

namespace keel::tasks {

enum class TaskState : u8 { Free, Ready, Running, Sleeping, Waiting, Finished };

struct TaskSlot {
    TaskState state = TaskState::Free;
    u64 wakeAt = 0; // ns, while Sleeping
    const char* name = "";
};

// The tasks waiting for one event, as a bit per task slot (so at most 64 tasks).
class WaitList {
public:
    void add(int task) { m_waiting |= u64(1) << task; }
    bool isEmpty() const { return m_waiting == 0; }
    // Removes and returns the lowest waiting task, or -1.
    int takeOne();
    u64 takeAll();

private:
    u64 m_waiting = 0;
};

class Scheduler {
public:
    static constexpr int kMaxSlots = 64;
    static constexpr int kNone = -1;

    explicit Scheduler(ktl::Span<TaskSlot> slots);

    int current() const { return m_current; }
    const TaskSlot& slot(int index) const { return m_slots[index]; }

    // A new Ready task in a Free or Finished slot; TooMany when all are in use.
    ktl::ErrorOr<int> add(const char* name);

    // The current task gives up the CPU in one of these ways; pickNext then chooses.
    void yieldCurrent() { m_slots[m_current].state = TaskState::Ready; }
    void sleepCurrent(u64 wakeAt);
    void waitCurrent(WaitList& list);
    void finishCurrent() { m_slots[m_current].state = TaskState::Finished; }

    // Makes a Waiting task Ready (from a notify, possibly in an interrupt handler).
    void wake(int task);

    // Wakes sleepers due at `now`, then picks the first Ready task after the current one in
    // slot order (the current one last), makes it Running and current. kNone when nothing can
    // run yet; the current task then stays current but not Running.
    int pickNext(u64 now);

    // The earliest wake-up time of a sleeping task, or ~0 when none sleeps.
    u64 earliestWake() const;
    int liveCount() const; // tasks not Free or Finished

private:
    ktl::Span<TaskSlot> m_slots;
    int m_current = 0;
};

} // namespace keel::tasks

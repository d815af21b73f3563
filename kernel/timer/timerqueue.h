// Pending timers ordered by deadline: an intrusive singly linked list (no allocation; the entries
// live inside keel::Timer objects). Free of hardware so host tests can check the ordering.
//
//     TimerQueue queue;
//     entry.deadline = 5000; entry.callback = fire;
//     queue.insert(entry);
//     queue.runExpired(now);           // calls fire(context) once now >= 5000
#pragma once

#include <ktl/types.h>

namespace keel {

struct TimerEntry {
    using Callback = void (*)(void* context);

    TimerEntry* next = nullptr;
    u64 deadline = 0; // ns on the monotonic clock
    u64 period = 0;   // 0 for one-shot
    Callback callback = nullptr;
    void* context = nullptr;
    bool queued = false;
};

class TimerQueue {
public:
    // Entries with equal deadlines fire in insertion order. Inserting a queued entry moves it.
    void insert(TimerEntry& entry);
    void remove(TimerEntry& entry);

    // The earliest deadline, or nullptr when nothing is pending.
    const TimerEntry* earliest() const { return m_head; }
    bool isEmpty() const { return m_head == nullptr; }
    size_t size() const;

    // Fires every entry due at `now` (deadline <= now). A periodic entry is re-queued one period
    // later; if it has fallen a whole period behind (the CPU was busy), it skips ahead to
    // now + period rather than firing in a burst. A callback may start or stop timers. Returns
    // how many callbacks ran.
    size_t runExpired(u64 now);

private:
    TimerEntry* m_head = nullptr;
};

} // namespace keel

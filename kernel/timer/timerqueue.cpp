#include "timer/timerqueue.h"

namespace keel {

void TimerQueue::insert(TimerEntry& entry)
{
    if (entry.queued)
        remove(entry);
    TimerEntry** link = &m_head;
    while (*link && (*link)->deadline <= entry.deadline)
        link = &(*link)->next;
    entry.next = *link;
    *link = &entry;
    entry.queued = true;
}

void TimerQueue::remove(TimerEntry& entry)
{
    for (TimerEntry** link = &m_head; *link; link = &(*link)->next) {
        if (*link == &entry) {
            *link = entry.next;
            break;
        }
    }
    entry.next = nullptr;
    entry.queued = false;
}

size_t TimerQueue::size() const
{
    size_t count = 0;
    for (const TimerEntry* entry = m_head; entry; entry = entry->next)
        ++count;
    return count;
}

size_t TimerQueue::runExpired(u64 now)
{
    size_t fired = 0;
    // Periodic entries are re-queued strictly after `now`, so the loop ends.
    while (m_head && m_head->deadline <= now) {
        TimerEntry& entry = *m_head;
        remove(entry);
        if (entry.period) {
            entry.deadline += entry.period;
            if (entry.deadline <= now)
                entry.deadline = now + entry.period;
            insert(entry);
        }
        ++fired;
        entry.callback(entry.context);
    }
    return fired;
}

} // namespace keel

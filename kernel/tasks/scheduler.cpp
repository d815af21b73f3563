// Round-robin choice of the next cooperative task (see scheduler.h).
#include "tasks/scheduler.h"

namespace keel::tasks {

int WaitList::takeOne()
{
    if (m_waiting == 0)
        return -1;
    int task = __builtin_ctzll(m_waiting);
    m_waiting &= m_waiting - 1;
    return task;
}

u64 WaitList::takeAll()
{
    u64 all = m_waiting;
    m_waiting = 0;
    return all;
}

Scheduler::Scheduler(ktl::Span<TaskSlot> slots)
    : m_slots(slots.first(ktl::min(slots.size(), size_t(kMaxSlots))))
{
    m_slots[0].state = TaskState::Running;
    m_slots[0].name = "main";
}

ktl::ErrorOr<int> Scheduler::add(const char* name)
{
    for (size_t i = 0; i < m_slots.size(); ++i) {
        TaskSlot& slot = m_slots[i];
        if (int(i) == m_current || (slot.state != TaskState::Free && slot.state != TaskState::Finished))
            continue;
        slot = TaskSlot {TaskState::Ready, 0, name};
        return int(i);
    }
    return ktl::Error(ktl::ErrorCode::TooMany, "every task slot is in use (raise tasks.max-tasks)");
}

void Scheduler::sleepCurrent(u64 wakeAt)
{
    m_slots[m_current].state = TaskState::Sleeping;
    m_slots[m_current].wakeAt = wakeAt;
}

void Scheduler::waitCurrent(WaitList& list)
{
    m_slots[m_current].state = TaskState::Waiting;
    list.add(m_current);
}

void Scheduler::wake(int task)
{
    if (task >= 0 && size_t(task) < m_slots.size() && m_slots[task].state == TaskState::Waiting)
        m_slots[task].state = TaskState::Ready;
}

int Scheduler::pickNext(u64 now)
{
    for (TaskSlot& slot : m_slots) {
        if (slot.state == TaskState::Sleeping && slot.wakeAt <= now)
            slot.state = TaskState::Ready;
    }
    size_t count = m_slots.size();
    for (size_t step = 1; step <= count; ++step) {
        size_t index = (size_t(m_current) + step) % count;
        if (m_slots[index].state == TaskState::Ready) {
            m_slots[index].state = TaskState::Running;
            m_current = int(index);
            return m_current;
        }
    }
    return kNone;
}

u64 Scheduler::earliestWake() const
{
    u64 earliest = ~u64(0);
    for (const TaskSlot& slot : m_slots) {
        if (slot.state == TaskState::Sleeping)
            earliest = ktl::min(earliest, slot.wakeAt);
    }
    return earliest;
}

int Scheduler::liveCount() const
{
    int live = 0;
    for (const TaskSlot& slot : m_slots)
        live += slot.state != TaskState::Free && slot.state != TaskState::Finished;
    return live;
}

} // namespace keel::tasks

// What a user sees fail here: with keel::tasks, a task never gets the CPU (starved by a busy
// yielder), a sleeping task wakes early or never, a notified task stays asleep, a waiter is
// woken without a notify, or spawning after a task ended reports "every task slot is in use".
//
// Covers kernel/tasks/scheduler.cpp (no stacks or context switches involved).

#include "tasks/scheduler.h"

#include <gtest/gtest.h>

namespace {

using keel::tasks::Scheduler;
using keel::tasks::TaskSlot;
using keel::tasks::TaskState;
using keel::tasks::WaitList;

TEST(Scheduler, YieldingTasksTakeTurnsInRoundRobin)
{
    TaskSlot slots[4];
    Scheduler scheduler(slots);
    int a = scheduler.add("a").value();
    int b = scheduler.add("b").value();
    std::vector<int> order;
    for (int i = 0; i < 6; ++i) {
        scheduler.yieldCurrent();
        order.push_back(scheduler.pickNext(0));
    }
    EXPECT_EQ(order, (std::vector<int> {a, b, 0, a, b, 0}));
}

TEST(Scheduler, SleepersWakeAtTheirDeadlineNotBefore)
{
    TaskSlot slots[3];
    Scheduler scheduler(slots);
    int worker = scheduler.add("worker").value();
    scheduler.sleepCurrent(1000); // main sleeps until t=1000
    EXPECT_EQ(scheduler.pickNext(10), worker);
    scheduler.sleepCurrent(500); // worker until t=500
    EXPECT_EQ(scheduler.earliestWake(), 500u);
    EXPECT_EQ(scheduler.pickNext(499), Scheduler::kNone) << "nothing may run before t=500";
    EXPECT_EQ(scheduler.pickNext(500), worker);
    scheduler.finishCurrent();
    EXPECT_EQ(scheduler.pickNext(999), Scheduler::kNone);
    EXPECT_EQ(scheduler.pickNext(1000), 0);
    EXPECT_EQ(scheduler.earliestWake(), ~u64(0));
}

TEST(Scheduler, WaitersRunOnlyAfterANotify)
{
    TaskSlot slots[4];
    Scheduler scheduler(slots);
    int first = scheduler.add("first").value();
    int second = scheduler.add("second").value();
    WaitList event;
    scheduler.waitCurrent(event); // main waits
    EXPECT_EQ(scheduler.pickNext(0), first);
    scheduler.waitCurrent(event);
    EXPECT_EQ(scheduler.pickNext(0), second);
    scheduler.sleepCurrent(100);
    EXPECT_EQ(scheduler.pickNext(50), Scheduler::kNone) << "both waiters stay asleep";
    scheduler.wake(event.takeOne()); // notifyOne: the lowest slot, main
    EXPECT_EQ(scheduler.pickNext(50), 0);
    EXPECT_EQ(slots[first].state, TaskState::Waiting);
    scheduler.wake(event.takeOne());
    EXPECT_TRUE(event.isEmpty());
    scheduler.yieldCurrent();
    EXPECT_EQ(scheduler.pickNext(50), first);
}

TEST(Scheduler, FinishedSlotsAreReusedAndTheLimitIsReported)
{
    TaskSlot slots[2];
    Scheduler scheduler(slots);
    int worker = scheduler.add("worker").value();
    EXPECT_TRUE(scheduler.add("one too many").isError());
    EXPECT_EQ(scheduler.liveCount(), 2);
    scheduler.yieldCurrent();
    ASSERT_EQ(scheduler.pickNext(0), worker);
    scheduler.finishCurrent();
    EXPECT_EQ(scheduler.pickNext(0), 0);
    EXPECT_EQ(scheduler.liveCount(), 1);
    EXPECT_EQ(scheduler.add("again").value(), worker);
}

} // namespace

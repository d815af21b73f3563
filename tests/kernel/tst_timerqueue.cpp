// Timer queue ordering and clock arithmetic: a mistake here fires timers late, early, out of
// order or in bursts, or makes keel::now() drift from real time.
#include <timer/clockscale.h>
#include <timer/duration.h>
#include <timer/pitcounter.h>
#include <timer/timerqueue.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using keel::ClockScale;
using keel::TimerEntry;
using keel::TimerQueue;

namespace {

struct Recorder {
    std::vector<std::string>* log;
    std::string name;
};

void record(void* context)
{
    auto* recorder = static_cast<Recorder*>(context);
    recorder->log->push_back(recorder->name);
}

TimerEntry entry(u64 deadline, Recorder& recorder, u64 period = 0)
{
    TimerEntry e;
    e.deadline = deadline;
    e.period = period;
    e.callback = record;
    e.context = &recorder;
    return e;
}

TEST(TimerQueue, FiresDueEntriesInDeadlineOrderAndInsertionOrderForTies)
{
    std::vector<std::string> log;
    Recorder a { &log, "a" }, b { &log, "b" }, c { &log, "c" }, d { &log, "d" };
    TimerEntry ea = entry(300, a), eb = entry(100, b), ec = entry(300, c), ed = entry(500, d);
    TimerQueue queue;
    for (TimerEntry* e : { &ea, &eb, &ec, &ed })
        queue.insert(*e);
    EXPECT_EQ(queue.earliest()->deadline, 100u);
    EXPECT_EQ(queue.runExpired(99), 0u);
    EXPECT_EQ(queue.runExpired(300), 3u);
    EXPECT_EQ(log, (std::vector<std::string> { "b", "a", "c" }));
    EXPECT_FALSE(ea.queued);
    EXPECT_EQ(queue.size(), 1u);
}

TEST(TimerQueue, PeriodicEntryRequeuesOnePeriodLaterAndSkipsWhenFarBehind)
{
    std::vector<std::string> log;
    Recorder p { &log, "p" };
    TimerEntry ep = entry(100, p, 100);
    TimerQueue queue;
    queue.insert(ep);
    for (u64 now = 100; now <= 500; now += 100)
        queue.runExpired(now);
    EXPECT_EQ(log.size(), 5u);
    EXPECT_EQ(ep.deadline, 600u);
    queue.runExpired(1050); // the CPU was busy for several periods: one call, not a burst
    EXPECT_EQ(log.size(), 6u);
    EXPECT_EQ(ep.deadline, 1150u);
}

TEST(TimerQueue, RemoveAndReinsertMoveAnEntry)
{
    std::vector<std::string> log;
    Recorder a { &log, "a" }, b { &log, "b" };
    TimerEntry ea = entry(100, a), eb = entry(200, b);
    TimerQueue queue;
    queue.insert(ea);
    queue.insert(eb);
    ea.deadline = 300;
    queue.insert(ea); // reinserting moves it, never duplicates it
    EXPECT_EQ(queue.size(), 2u);
    EXPECT_EQ(queue.earliest(), &eb);
    queue.remove(eb);
    queue.remove(eb); // removing twice is harmless
    EXPECT_EQ(queue.size(), 1u);
    queue.runExpired(1000);
    EXPECT_EQ(log, (std::vector<std::string> { "a" }));
    EXPECT_TRUE(queue.isEmpty());
}

TEST(TimerQueue, CallbackMayStopAnotherTimer)
{
    TimerQueue queue;
    struct Context {
        TimerQueue* queue;
        TimerEntry* victim;
        int calls = 0;
    } context { &queue, nullptr };
    TimerEntry killer, victim;
    killer.deadline = 10;
    killer.callback = [](void* c) {
        auto* ctx = static_cast<Context*>(c);
        ctx->queue->remove(*ctx->victim);
        ++ctx->calls;
    };
    killer.context = &context;
    victim.deadline = 10;
    victim.callback = [](void*) { FAIL() << "a stopped timer fired"; };
    context.victim = &victim;
    queue.insert(killer);
    queue.insert(victim);
    EXPECT_EQ(queue.runExpired(10), 1u);
    EXPECT_EQ(context.calls, 1);
}

TEST(ClockScale, ConvertsTscTicksToNanosecondsPrecisely)
{
    ClockScale toNs = ClockScale::between(2999999000ull, keel::kNanosecondsPerSecond);
    EXPECT_NEAR(double(toNs.convert(2999999000ull)), 1e9, 2);
    EXPECT_NEAR(double(toNs.convert(2999999000ull * 3600)), 3600e9, 3600 * 2); // an hour
    ClockScale toTicks = ClockScale::between(keel::kNanosecondsPerSecond, 4500000000ull);
    EXPECT_NEAR(double(toTicks.convert(1000000)), 4.5e6, 2); // fast TSC: no overflow
}

TEST(ClockScale, FrequencyFromPitReference)
{
    // 10 ms of PIT (11932 ticks) while the TSC moved 30 million ticks: ~3.0 GHz.
    u64 hz = keel::frequencyFromReference(30000000, 11932, keel::kPitFrequency);
    EXPECT_NEAR(double(hz), 30000000.0 * 1193182 / 11932, 1000);
    EXPECT_EQ(keel::frequencyFromReference(5, 0, keel::kPitFrequency), 0u);
}

TEST(Duration, ArithmeticAndLiterals)
{
    using namespace keel::literals;
    EXPECT_EQ((1_s + 250_ms).toMilliseconds(), 1250);
    EXPECT_EQ((3_ms / 2).toMicroseconds(), 1500);
    EXPECT_LT(999_us, 1_ms);
    keel::Instant start = keel::Instant::fromNanoseconds(1000);
    EXPECT_EQ(((start + 200_ms) - start).toMilliseconds(), 200);
}

struct FakePitPorts {
    std::vector<std::pair<u16, u8>>* writes;
    std::vector<u8>* reads;
    u8 read8(u16) const
    {
        u8 value = reads->front();
        reads->erase(reads->begin());
        return value;
    }
    void write8(u16 port, u8 value) const { writes->push_back({ port, value }); }
};

TEST(PitCounter, FreeRunsChannel0AndReadsThroughTheLatch)
{
    std::vector<std::pair<u16, u8>> writes;
    std::vector<u8> reads = { 0x34, 0x12 };
    keel::PitCounter<FakePitPorts> pit { FakePitPorts { &writes, &reads } };
    pit.startFreeRunning();
    EXPECT_EQ(pit.read(), 0x1234);
    std::vector<std::pair<u16, u8>> expected = { { 0x43, 0x34 }, { 0x40, 0 }, { 0x40, 0 }, { 0x43, 0x00 } };
    EXPECT_EQ(writes, expected);
}

TEST(PitTickAccumulator, CountsAcrossTheWrapOfTheDownCounter)
{
    keel::PitTickAccumulator ticks(100);
    EXPECT_EQ(ticks.add(40), 60u);
    EXPECT_EQ(ticks.add(0xfff0), 60u + 40 + 16); // wrapped from 0 to 65536 and counted on
    EXPECT_EQ(ticks.add(0xfff0), 116u);          // no movement
}

} // namespace

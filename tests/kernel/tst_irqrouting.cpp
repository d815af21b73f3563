// Interrupt routing and controller programming on fakes: a mistake here delivers a device's IRQ
// to the wrong vector, leaves it masked, or forgets the end-of-interrupt so the machine hangs.
#include <interrupts/ioapic.h>
#include <interrupts/irqrouting.h>
#include <interrupts/irqtable.h>
#include <interrupts/localapic.h>
#include <interrupts/pic.h>

#include <gtest/gtest.h>

#include <map>
#include <vector>

using namespace keel::interrupts;
using ktl::ErrorCode;

namespace {

const IoApicDescriptor kTwoIoApics[] = { { 0, 0xfec00000, 0 }, { 1, 0xfec10000, 24 } };

TEST(IrqRouter, IdentityWithoutOverrides)
{
    IrqRouter router({ kTwoIoApics, 1 }, {});
    auto route = router.routeIsaIrq(4);
    ASSERT_FALSE(route.isError());
    EXPECT_EQ(route.value().ioApicIndex, 0u);
    EXPECT_EQ(route.value().pin, 4);
    EXPECT_FALSE(route.value().activeLow);
    EXPECT_FALSE(route.value().levelTriggered);
}

TEST(IrqRouter, FollowsOverridesWithTheirPolarityAndTrigger)
{
    const IsaOverride overrides[] = { { 0, 2, Polarity::BusDefault, Trigger::BusDefault },
        { 9, 9, Polarity::ActiveLow, Trigger::Level } };
    IrqRouter router({ kTwoIoApics, 1 }, { overrides, 2 });
    EXPECT_EQ(router.routeIsaIrq(0).value().pin, 2);
    EXPECT_FALSE(router.routeIsaIrq(0).value().activeLow);
    EXPECT_TRUE(router.routeIsaIrq(9).value().activeLow);
    EXPECT_TRUE(router.routeIsaIrq(9).value().levelTriggered);
    EXPECT_EQ(router.routeIsaIrq(2).value().pin, 2); // no override for 2: identity
}

TEST(IrqRouter, PicksTheIoApicServingTheGsi)
{
    const u8 pins[] = { 24, 24 };
    const IsaOverride overrides[] = { { 5, 30, Polarity::ActiveHigh, Trigger::Edge } };
    IrqRouter router({ kTwoIoApics, 2 }, { overrides, 1 }, { pins, 2 });
    auto route = router.routeIsaIrq(5);
    ASSERT_FALSE(route.isError());
    EXPECT_EQ(route.value().ioApicIndex, 1u);
    EXPECT_EQ(route.value().pin, 6);
    EXPECT_EQ(router.routeGsi(48).error().code(), ErrorCode::NotFound);
}

TEST(IrqRouter, RoutesMicrovmVirtioGsisToTheSecondIoApicLevelTriggered)
{
    // microvm with ACPI: virtio-mmio transport 2 is on GSI 26, input 2 of the IOAPIC at GSI 24,
    // level-triggered and active high as its DSDT says. Without that IOAPIC there is no route,
    // so the driver polls instead of waiting for an interrupt that never comes.
    const u8 pins[] = { 24, 24 };
    IrqRouter microvm({ kTwoIoApics, 2 }, {}, { pins, 2 });
    auto route = microvm.routeGsi(26, Trigger::Level, Polarity::ActiveHigh);
    ASSERT_FALSE(route.isError());
    EXPECT_EQ(route.value().ioApicIndex, 1u);
    EXPECT_EQ(route.value().pin, 2);
    EXPECT_EQ(route.value().gsi, 26u);
    EXPECT_TRUE(route.value().levelTriggered);
    EXPECT_FALSE(route.value().activeLow);
    IrqRouter firstOnly({ kTwoIoApics, 1 }, {}, { pins, 1 });
    EXPECT_EQ(firstOnly.routeGsi(26, Trigger::Level, Polarity::ActiveHigh).error().code(), ErrorCode::NotFound);
}

TEST(IrqRouter, RejectsNonIsaIrqsAndMissingIoApics)
{
    IrqRouter router({ kTwoIoApics, 1 }, {});
    EXPECT_EQ(router.routeIsaIrq(16).error().code(), ErrorCode::OutOfRange);
    IrqRouter none({}, {});
    EXPECT_EQ(none.routeIsaIrq(4).error().code(), ErrorCode::NotFound);
}

TEST(IrqRouter, PitGoesToGsi2UnlessTheMadtSaysOtherwise)
{
    IsaOverride overrides[3] = { { 9, 9, Polarity::ActiveHigh, Trigger::Level } };
    size_t count = addPitOverrideIfMissing(overrides, 1, 3);
    ASSERT_EQ(count, 2u); // microvm's MADT: overrides, but none for IRQ 0
    EXPECT_EQ(IrqRouter({ kTwoIoApics, 1 }, { overrides, count }).routeIsaIrq(0).value().pin, 2);
    EXPECT_EQ(addPitOverrideIfMissing(overrides, count, 3), count); // already there
    IsaOverride own[2] = { { 0, 0, Polarity::BusDefault, Trigger::BusDefault } };
    EXPECT_EQ(addPitOverrideIfMissing(own, 1, 2), 1u); // firmware routes IRQ 0 itself
    EXPECT_EQ(addPitOverrideIfMissing(overrides, 3, 3), 3u); // full: nothing added
}

TEST(EoiTarget, PicForIsaVectorsInPicModeLocalApicOtherwiseNoneForSpurious)
{
    EXPECT_EQ(eoiTargetFor(33, DeliveryMode::Pic, true), EoiTarget::Pic);
    EXPECT_EQ(eoiTargetFor(33, DeliveryMode::IoApic, true), EoiTarget::LocalApic);
    EXPECT_EQ(eoiTargetFor(48, DeliveryMode::Pic, true), EoiTarget::LocalApic);
    EXPECT_EQ(eoiTargetFor(48, DeliveryMode::Pic, false), EoiTarget::None);
    EXPECT_EQ(eoiTargetFor(kSpuriousVector, DeliveryMode::IoApic, true), EoiTarget::None);
}

TEST(IrqTable, DispatchesToTheInstalledHandlerWithItsContext)
{
    IrqTable table;
    int calls = 0;
    ASSERT_FALSE(table.install(36, [](void* c) { ++*static_cast<int*>(c); }, &calls).isError());
    EXPECT_TRUE(table.dispatch(36));
    EXPECT_EQ(calls, 1);
    EXPECT_FALSE(table.dispatch(37));
    EXPECT_EQ(table.unhandledCount(), 1u);
    EXPECT_EQ(table.install(36, [](void*) {}, nullptr).error().code(), ErrorCode::AlreadyExists);
    table.remove(36);
    EXPECT_TRUE(table.isFree(36));
}

TEST(IrqTable, RefusesExceptionAndSpuriousVectorsAndRunsOutOfDynamicOnes)
{
    IrqTable table;
    auto handler = [](void*) {};
    EXPECT_EQ(table.install(14, handler, nullptr).error().code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(table.install(kSpuriousVector, handler, nullptr).error().code(), ErrorCode::InvalidArgument);
    for (unsigned v = kFirstDynamicVector; v < kSpuriousVector; ++v)
        EXPECT_EQ(table.installAnywhere(handler, nullptr).value(), v);
    EXPECT_EQ(table.installAnywhere(handler, nullptr).error().code(), ErrorCode::TooMany);
}

// Registers of an MMIO device: a map from offset to value, with the IOAPIC's index/window pair.
struct FakeMmio {
    std::map<u32, u32>* registers;
    std::map<u32, u32>* indirect; // IOAPIC registers behind the select/window pair
    u32 read32(u32 offset) const
    {
        if (indirect && offset == 0x10)
            return (*indirect)[(*registers)[0]];
        return (*registers)[offset];
    }
    void write32(u32 offset, u32 value) const
    {
        if (indirect && offset == 0x10)
            (*indirect)[(*registers)[0]] = value;
        else
            (*registers)[offset] = value;
    }
};

TEST(IoApic, ProgramsRedirectionEntryForTheRoute)
{
    std::map<u32, u32> registers, ioRegisters;
    ioRegisters[1] = 0x00170020; // 24 entries
    IoApic<FakeMmio> ioApic { FakeMmio { &registers, &ioRegisters } };
    EXPECT_TRUE(ioApic.isPresent());
    EXPECT_EQ(ioApic.pinCount(), 24);
    ioApic.maskAll();
    EXPECT_EQ(ioRegisters[0x10 + 2 * 23], 1u << 16);
    ioApic.route(9, 41, IrqRoute { 0, 9, 9, true, true }, 3);
    EXPECT_EQ(ioRegisters[0x10 + 18], 41u | (1u << 13) | (1u << 15));
    EXPECT_EQ(ioRegisters[0x10 + 19], 3u << 24);
}

TEST(LocalApic, EnableSetsSpuriousVectorAndLint0ByMode)
{
    std::map<u32, u32> registers;
    LocalApic<FakeMmio> apic { FakeMmio { &registers, nullptr } };
    apic.enable(kSpuriousVector, PicPassThrough::Off);
    EXPECT_EQ(registers[LocalApicRegister::kSpuriousInterrupt], 0x1ffu);
    EXPECT_EQ(registers[LocalApicRegister::kLvtLint0], LocalApicBits::kMasked);
    apic.enable(kSpuriousVector, PicPassThrough::On);
    EXPECT_EQ(registers[LocalApicRegister::kLvtLint0], LocalApicBits::kDeliveryExtInt);
    apic.startTimer(50, LocalApicTimerMode::Periodic, 1000);
    EXPECT_EQ(registers[LocalApicRegister::kLvtTimer], 50u | LocalApicBits::kTimerPeriodic);
    EXPECT_EQ(registers[LocalApicRegister::kTimerInitialCount], 1000u);
    apic.stopTimer();
    EXPECT_EQ(registers[LocalApicRegister::kTimerInitialCount], 0u);
}

struct FakePorts {
    std::vector<std::pair<u16, u8>>* writes;
    u8 inService = 0;
    u8 read8(u16) const { return inService; }
    void write8(u16 port, u8 value) const { writes->push_back({ port, value }); }
};

TEST(Pic, RemapsToVector32AndMasksEverything)
{
    std::vector<std::pair<u16, u8>> writes;
    Pic<FakePorts> pic { FakePorts { &writes } };
    pic.remapAndMaskAll(32);
    std::vector<std::pair<u16, u8>> expected = { { 0x20, 0x11 }, { 0xa0, 0x11 }, { 0x21, 32 }, { 0xa1, 40 },
        { 0x21, 4 }, { 0xa1, 2 }, { 0x21, 1 }, { 0xa1, 1 }, { 0x21, 0xff }, { 0xa1, 0xff } };
    EXPECT_EQ(writes, expected);
    pic.unmask(12);
    EXPECT_EQ(pic.masks(), 0xffff & ~(1 << 12) & ~(1 << 2)); // the cascade opens too
}

TEST(Pic, SpuriousIrq7IsNotAcknowledgedButSpuriousIrq15AcknowledgesThePrimary)
{
    std::vector<std::pair<u16, u8>> writes;
    Pic<FakePorts> pic { FakePorts { &writes, 0 } };
    EXPECT_TRUE(pic.isSpurious(7));
    EXPECT_TRUE(pic.isSpurious(15));
    EXPECT_EQ(writes.back(), (std::pair<u16, u8> { 0x20, 0x20 }));
    Pic<FakePorts> busy { FakePorts { &writes, 0x80 } };
    EXPECT_FALSE(busy.isSpurious(7));
    EXPECT_FALSE(busy.isSpurious(3));
}

} // namespace

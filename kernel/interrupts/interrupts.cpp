// The interrupts module: gates for vectors 32-255, the local APIC, the IOAPICs (routing from the
// ACPI MADT when the acpi module is on) and the 8259 pair as the fallback when there is no IOAPIC.
// Brought up at the `memory` init level, right after the final page tables exist (the APIC pages
// are mapped uncached and NX with arch::mapMmio), so `driver`-level modules can register IRQs.
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/idt.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/paging.h"
#include "core/init.h"
#include "interrupts/controller.h"
#include "interrupts/ioapic.h"
#include "interrupts/irqrouting.h"
#include "interrupts/irqtable.h"
#include "interrupts/pic.h"

#include <keel/interrupts.h>
#include <keel/system.h>

#if KEEL_FEATURE_ACPI
#include "acpi/acpi.h"
#endif

extern "C" const keel::arch::InterruptStub keelIrqStubs[224];

namespace keel::interrupts {
namespace {

constexpr u32 kCpuidApicBit = 1 << 9;
constexpr u64 kApicGlobalEnable = 1 << 11;
constexpr u64 kApicBaseMask = 0x000ffffffffff000ull;
constexpr size_t kMaxIoApics = 8;
constexpr size_t kMaxOverrides = 16;

struct State {
    DeliveryMode mode = DeliveryMode::Pic;
    bool haveLocalApic = false;
    KernelLocalApic localApic { mmio::MmioWindow() };
    u8 apicId = 0;
    IoApicDescriptor ioApics[kMaxIoApics] {};
    u8 pinCounts[kMaxIoApics] {};
    size_t ioApicCount = 0;
    IsaOverride overrides[kMaxOverrides] {};
    size_t overrideCount = 0;
};

State s_state;
IrqTable s_table;
Pic<io::PortIoWindow> s_pic { io::PortIoWindow(0) };

IoApic<mmio::MmioWindow> ioApicAt(size_t index)
{
    return IoApic<mmio::MmioWindow>(mmio::MmioWindow(s_state.ioApics[index].address));
}

IrqRouter router()
{
    return IrqRouter({ s_state.ioApics, s_state.ioApicCount }, { s_state.overrides, s_state.overrideCount },
        { s_state.pinCounts, s_state.ioApicCount });
}

void mapOrPanic(u64 address, const char* what)
{
    if (auto mapped = arch::mapMmio(address, 4096); mapped.isError())
        panic("interrupts: cannot map the {} at {:#x}: {}", what, address, mapped.error());
}

// The MADT's view of the machine when the acpi module found one, else the PC defaults; IRQ 0
// goes to GSI 2 unless the MADT says otherwise (see addPitOverrideIfMissing).
u64 collectPlatform()
{
    u64 apicBase = cpu::readMsr(cpu::kMsrApicBase) & kApicBaseMask;
#if KEEL_FEATURE_ACPI
    if (const acpi::MadtInfo* madt = acpi::madt()) {
        for (size_t i = 0; i < madt->ioApicCount && i < kMaxIoApics; ++i)
            s_state.ioApics[s_state.ioApicCount++] = madt->ioApics[i];
        for (size_t i = 0; i < madt->overrideCount && i < kMaxOverrides; ++i)
            s_state.overrides[s_state.overrideCount++] = madt->overrides[i];
        s_state.overrideCount = addPitOverrideIfMissing(s_state.overrides, s_state.overrideCount, kMaxOverrides);
        return madt->localApicAddress ? madt->localApicAddress : apicBase;
    }
#endif
    s_state.ioApics[s_state.ioApicCount++] = { 0, kDefaultIoApicAddress, 0 };
    s_state.overrideCount = addPitOverrideIfMissing(s_state.overrides, 0, kMaxOverrides);
    return apicBase;
}

// Keeps the IOAPICs that answer, masked, and remembers their pin counts.
void probeIoApics()
{
    size_t kept = 0;
    for (size_t i = 0; i < s_state.ioApicCount; ++i) {
        mapOrPanic(s_state.ioApics[i].address, "IOAPIC");
        auto ioApic = ioApicAt(i);
        if (!ioApic.isPresent())
            continue;
        ioApic.maskAll();
        s_state.ioApics[kept] = s_state.ioApics[i];
        s_state.pinCounts[kept++] = ioApic.pinCount();
    }
    s_state.ioApicCount = kept;
}

void setUpLocalApic(u64 base)
{
    cpu::writeMsr(cpu::kMsrApicBase, cpu::readMsr(cpu::kMsrApicBase) | kApicGlobalEnable);
    mapOrPanic(base, "local APIC");
    s_state.localApic = KernelLocalApic(mmio::MmioWindow(base));
    s_state.haveLocalApic = true;
}

void initialiseInterrupts()
{
    for (int i = 0; i < 224; ++i)
        arch::setInterruptGate(u8(kFirstIsaVector + i), keelIrqStubs[i], arch::IstSlot::None);
    // Remapped even when the IOAPIC takes over, so a stray 8259 interrupt never looks like a
    // CPU exception.
    s_pic.remapAndMaskAll(kFirstIsaVector);
    u64 apicBase = collectPlatform();
    if (cpu::cpuid(1).edx & kCpuidApicBit) {
        setUpLocalApic(apicBase);
        probeIoApics();
    } else {
        s_state.ioApicCount = 0;
    }
    s_state.mode = s_state.ioApicCount ? DeliveryMode::IoApic : DeliveryMode::Pic;
    if (s_state.haveLocalApic) {
        s_state.localApic.enable(kSpuriousVector,
            s_state.mode == DeliveryMode::Pic ? PicPassThrough::On : PicPassThrough::Off);
        s_state.apicId = s_state.localApic.id();
    }
    cpu::enableInterrupts();
}

KEEL_INIT(memory, initialiseInterrupts);

void acknowledge(u8 vector)
{
    switch (eoiTargetFor(vector, s_state.mode, s_state.haveLocalApic)) {
    case EoiTarget::Pic: s_pic.endOfInterrupt(u8(vector - kFirstIsaVector)); break;
    case EoiTarget::LocalApic: s_state.localApic.endOfInterrupt(); break;
    case EoiTarget::None: break;
    }
}

} // namespace

KernelLocalApic* localApic()
{
    return s_state.haveLocalApic ? &s_state.localApic : nullptr;
}

ktl::ErrorOr<void> registerIrqHandler(u8 irq, Handler handler, void* context)
{
    if (irq >= kIsaIrqCount)
        return ktl::Error(ktl::ErrorCode::OutOfRange, "ISA IRQs are 0-15");
    InterruptGuard guard;
    u8 vector = u8(kFirstIsaVector + irq);
    if (s_state.mode == DeliveryMode::IoApic) {
        IrqRoute route = TRY(router().routeIsaIrq(irq));
        TRY(s_table.install(vector, handler, context));
        ioApicAt(route.ioApicIndex).route(route.pin, vector, route, s_state.apicId);
        return {};
    }
    TRY(s_table.install(vector, handler, context));
    s_pic.unmask(irq);
    return {};
}

void unregisterIrqHandler(u8 irq)
{
    if (irq >= kIsaIrqCount)
        return;
    InterruptGuard guard;
    if (s_state.mode == DeliveryMode::IoApic) {
        if (auto route = router().routeIsaIrq(irq); !route.isError())
            ioApicAt(route.value().ioApicIndex).mask(route.value().pin);
    } else {
        s_pic.mask(irq);
    }
    s_table.remove(u8(kFirstIsaVector + irq));
}

ktl::ErrorOr<void> registerGsiHandler(u32 gsi, Trigger trigger, Polarity polarity, Handler handler, void* context)
{
    InterruptGuard guard;
    if (s_state.mode != DeliveryMode::IoApic)
        return ktl::Error(ktl::ErrorCode::Unsupported, "GSIs beyond the ISA IRQs need an IOAPIC");
    IrqRoute route = TRY(router().routeGsi(gsi, trigger, polarity));
    // A level-triggered line's end-of-interrupt reaches the IOAPIC through the local APIC's EOI
    // broadcast, which acknowledge() sends for every dynamic vector.
    u8 vector = TRY(s_table.installAnywhere(handler, context));
    ioApicAt(route.ioApicIndex).route(route.pin, vector, route, s_state.apicId);
    return {};
}

ktl::ErrorOr<u8> allocateVector(Handler handler, void* context)
{
    InterruptGuard guard;
    return s_table.installAnywhere(handler, context);
}

void enable() { cpu::enableInterrupts(); }
void disable() { cpu::disableInterrupts(); }
bool areEnabled() { return cpu::readFlags() & cpu::kFlagInterruptEnable; }
void waitForInterrupt() { cpu::enableInterruptsAndHalt(); }
Controller controller() { return s_state.mode == DeliveryMode::IoApic ? Controller::Apic : Controller::Pic; }

InterruptGuard::InterruptGuard() : m_wereEnabled(areEnabled())
{
    cpu::disableInterrupts();
}

InterruptGuard::~InterruptGuard()
{
    if (m_wereEnabled)
        cpu::enableInterrupts();
}

} // namespace keel::interrupts

extern "C" void keelHandleIrq(u64 vector)
{
    using namespace keel::interrupts;
    u8 v = u8(vector);
    bool picVector = s_state.mode == DeliveryMode::Pic && v >= kFirstIsaVector && v < kFirstIsaVector + kIsaIrqCount;
    if (picVector && s_pic.isSpurious(u8(v - kFirstIsaVector)))
        return;
    s_table.dispatch(v);
    acknowledge(v);
}

// ISA IRQ → GSI → IOAPIC pin (ACPI 6.5, 5.2.12.5 "Interrupt Source Override Structure": ISA
// interrupts are identity-mapped to GSIs, edge-triggered and active-high unless overridden).
#include "interrupts/irqrouting.h"

#include "interrupts/vectors.h"

namespace keel::interrupts {

using ktl::Error;
using ktl::ErrorCode;

namespace {

constexpr u8 kAssumedPins = 24;

} // namespace

u8 IrqRouter::pinCount(size_t index) const
{
    return index < m_pinCounts.size() ? m_pinCounts[index] : kAssumedPins;
}

ktl::ErrorOr<IrqRoute> IrqRouter::routeGsi(u32 gsi) const
{
    for (size_t i = 0; i < m_ioApics.size(); ++i) {
        const IoApicDescriptor& ioApic = m_ioApics[i];
        if (gsi >= ioApic.gsiBase && gsi - ioApic.gsiBase < pinCount(i))
            return IrqRoute { i, u8(gsi - ioApic.gsiBase), gsi, false, false };
    }
    return Error(ErrorCode::NotFound, "no IOAPIC serves this global system interrupt");
}

ktl::ErrorOr<IrqRoute> IrqRouter::routeGsi(u32 gsi, Trigger trigger, Polarity polarity) const
{
    IrqRoute route = TRY(routeGsi(gsi));
    route.activeLow = polarity == Polarity::ActiveLow;
    route.levelTriggered = trigger == Trigger::Level;
    return route;
}

ktl::ErrorOr<IrqRoute> IrqRouter::routeIsaIrq(u8 irq) const
{
    if (irq >= kIsaIrqCount)
        return Error(ErrorCode::OutOfRange, "ISA IRQs are 0-15");
    for (const IsaOverride& entry : m_overrides) {
        if (entry.isaIrq == irq)
            return routeGsi(entry.gsi, entry.trigger, entry.polarity);
    }
    return routeGsi(irq);
}

size_t addPitOverrideIfMissing(IsaOverride* overrides, size_t count, size_t capacity)
{
    for (size_t i = 0; i < count; ++i) {
        if (overrides[i].isaIrq == 0)
            return count;
    }
    if (count == capacity)
        return count;
    overrides[count] = { 0, kDefaultPitGsi, Polarity::BusDefault, Trigger::BusDefault };
    return count + 1;
}

EoiTarget eoiTargetFor(u8 vector, DeliveryMode mode, bool haveLocalApic)
{
    if (vector == kSpuriousVector)
        return EoiTarget::None;
    bool isaVector = vector >= kFirstIsaVector && vector < kFirstIsaVector + kIsaIrqCount;
    if (isaVector && mode == DeliveryMode::Pic)
        return EoiTarget::Pic;
    return haveLocalApic ? EoiTarget::LocalApic : EoiTarget::None;
}

} // namespace keel::interrupts

// Where an ISA IRQ arrives on the IOAPICs: the routing decision, kept free of hardware so host
// tests can check it. Inputs come from the ACPI MADT (acpi module) or, without it, from the PC
// defaults: one IOAPIC at 0xfec00000 with GSI base 0, identity routing except IRQ 0 (the PIT),
// which every chipset QEMU models wires to pin 2.
//
//     IrqRouter router({ ioApics, 1 }, { overrides, count });
//     IrqRoute route = TRY(router.routeIsaIrq(4));   // serial: IOAPIC 0, pin 4, edge, active high
#pragma once

#include <ktl/error.h>
#include <ktl/span.h>

namespace keel::interrupts {

// MPS INTI flags as the MADT stores them (ACPI 6.5, table 5.50).
enum class Polarity : u8 { BusDefault = 0, ActiveHigh = 1, ActiveLow = 3 };
enum class Trigger : u8 { BusDefault = 0, Edge = 1, Level = 3 };

struct IoApicDescriptor {
    u8 id;
    u64 address;
    u32 gsiBase;
};

struct IsaOverride {
    u8 isaIrq;
    u32 gsi;
    Polarity polarity;
    Trigger trigger;
};

struct IrqRoute {
    size_t ioApicIndex; // into the IoApicDescriptor list
    u8 pin;             // gsi - gsiBase of that IOAPIC
    u32 gsi;
    bool activeLow;
    bool levelTriggered;
};

inline constexpr u64 kDefaultIoApicAddress = 0xfec00000;
inline constexpr u32 kDefaultPitGsi = 2;

class IrqRouter {
public:
    // `pinCounts[i]` is how many redirection entries IOAPIC i has (from its version register);
    // an empty span assumes 24, the common count.
    IrqRouter(ktl::Span<const IoApicDescriptor> ioApics, ktl::Span<const IsaOverride> overrides,
        ktl::Span<const u8> pinCounts = {})
        : m_ioApics(ioApics), m_overrides(overrides), m_pinCounts(pinCounts) { }

    ktl::ErrorOr<IrqRoute> routeIsaIrq(u8 irq) const;
    // The IOAPIC and pin that serve `gsi`, with ISA defaults (edge, active high).
    ktl::ErrorOr<IrqRoute> routeGsi(u32 gsi) const;
    // The same for a device line the firmware describes (BusDefault: edge, active high).
    ktl::ErrorOr<IrqRoute> routeGsi(u32 gsi, Trigger trigger, Polarity polarity) const;

private:
    u8 pinCount(size_t index) const;

    ktl::Span<const IoApicDescriptor> m_ioApics;
    ktl::Span<const IsaOverride> m_overrides;
    ktl::Span<const u8> m_pinCounts;
};

// Adds the PC convention IRQ 0 → GSI 2 unless `overrides` already says where IRQ 0 goes, and
// returns the new count (unchanged when full). QEMU's IOAPIC moves input 0 to pin 2 on every
// machine, but microvm's MADT has no override saying so; real PC firmware always lists it.
size_t addPitOverrideIfMissing(IsaOverride* overrides, size_t count, size_t capacity);

// Which controller must acknowledge `vector`: the 8259 pair for ISA vectors while it delivers
// them, the local APIC for everything else it delivered, nobody for spurious interrupts.
enum class EoiTarget { None, Pic, LocalApic };
enum class DeliveryMode { Pic, IoApic };
EoiTarget eoiTargetFor(u8 vector, DeliveryMode mode, bool haveLocalApic);

} // namespace keel::interrupts

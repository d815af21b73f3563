// The acpi module: finds and decodes the tables once, on first use (the interrupts module asks for
// the MADT while it starts, so nothing depends on init-step order), and installs ACPI power-off as
// the machine's exit path. Problems are reported once on the console and leave the module
// without the affected table; they never stop the boot.
#include "acpi/acpi.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/exitmachine.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/mmio.h"
#include "arch/x86_64/paging.h"
#include "core/init.h"
#include "core/systemstate.h"

#include <keel/acpi.h>
#include <keel/print.h>

namespace keel::acpi {
namespace {

constexpr u16 kSleepEnable = 1 << 13;   // PM1 control SLP_EN
constexpr u8 kSleepTypeShift = 10;       // PM1 control SLP_TYP
constexpr u8 kReducedSleepEnable = 1 << 5; // sleep control register SLP_EN
constexpr u8 kReducedSleepTypeShift = 2;

struct Tables {
    bool parsed = false;
    bool present = false;
    bool haveMadt = false;
    MadtInfo madt;
    bool haveFadt = false;
    FadtInfo fadt;
    SleepType s5;
    ktl::Optional<EcamRegion> ecam;
};

Tables s_tables;

// Physical memory the final page tables map: below 1 MiB except the null page (the BIOS area,
// where an RSDP may be), and the boot memory map's regions. Anything else, e.g. a corrupt table
// pointer, reads as absent instead of faulting.
class MappedMemoryView final : public PhysicalMemoryView {
public:
    ktl::Span<const u8> read(u64 address, size_t length) const override
    {
        u64 end = address + length;
        if (address < kNullPageEnd || end < address)
            return {};
        if (end <= kLowMemoryEnd || isInMemoryMap(address, end))
            return m_identity.read(address, length);
        return {};
    }

private:
    static constexpr u64 kNullPageEnd = 0x1000;
    static constexpr u64 kLowMemoryEnd = 0x100000;

    static bool isInMemoryMap(u64 address, u64 end)
    {
        for (const MemoryRegion& region : SystemState::bootInfo().memoryMap()) {
            if (region.type != MemoryType::Bad && address >= region.base && end <= region.end())
                return true;
        }
        return false;
    }

    IdentityMemoryView m_identity;
};

void warn(const char* what, const ktl::Error& error)
{
    println("acpi: {}: {}", what, error);
}

void decodeFadt(const PhysicalMemoryView& memory, u64 address)
{
    auto fadt = readTable(memory, address, "FACP");
    auto decoded = fadt.isError() ? ktl::ErrorOr<FadtInfo>(fadt.error()) : parseFadt(fadt.value());
    if (decoded.isError())
        return warn("FADT", decoded.error());
    s_tables.fadt = decoded.value();
    s_tables.haveFadt = true;
    auto dsdt = readTable(memory, s_tables.fadt.dsdtAddress, "DSDT");
    auto s5 = dsdt.isError() ? ktl::ErrorOr<SleepType>(dsdt.error()) : findS5(dsdt.value());
    if (s5.isError())
        return warn("no S5 sleep type, assuming 0", s5.error());
    s_tables.s5 = s5.value();
}

void decodeTables(const PhysicalMemoryView& memory, const RootTables& root)
{
    if (auto address = root.find("APIC"); address.hasValue()) {
        auto table = readTable(memory, *address, "APIC");
        auto madt = table.isError() ? ktl::ErrorOr<MadtInfo>(table.error()) : parseMadt(table.value());
        if (madt.isError()) {
            warn("MADT", madt.error());
        } else {
            s_tables.madt = madt.value();
            s_tables.haveMadt = true;
        }
    }
    if (auto address = root.find("FACP"); address.hasValue())
        decodeFadt(memory, *address);
    if (auto address = root.find("MCFG"); address.hasValue()) {
        auto table = readTable(memory, *address, "MCFG");
        if (!table.isError()) {
            if (auto region = parseMcfg(table.value()); !region.isError())
                s_tables.ecam = region.value();
        }
    }
}

const Tables& tables()
{
    if (s_tables.parsed)
        return s_tables;
    s_tables.parsed = true;
    MappedMemoryView memory;
    auto rsdp = findRsdp(memory, SystemState::bootInfo().rsdpAddress);
    if (rsdp.isError())
        return s_tables; // no ACPI at all is normal (microvm); nothing to report
    auto root = parseRootTables(memory, rsdp.value());
    if (root.isError()) {
        warn("root table", root.error());
        return s_tables;
    }
    s_tables.present = true;
    decodeTables(memory, root.value());
    return s_tables;
}

void powerOffReduced(const FadtInfo& fadt, u8 sleepType)
{
    u8 value = u8((sleepType << kReducedSleepTypeShift) | kReducedSleepEnable);
    if (fadt.sleepControl.space == AddressSpace::Io) {
        io::out8(u16(fadt.sleepControl.address), value);
    } else if (!arch::mapMmio(fadt.sleepControl.address, 1).isError()) {
        mmio::write8(fadt.sleepControl.address, value);
    }
}

// The sleep write only requests power-off: QEMU (like real chipsets) acts on it a moment later,
// while the CPU keeps running. Give it that moment before the caller tries its next way out.
void waitForPowerOff()
{
    constexpr u64 kSettleSpins = 50'000'000;
    for (u64 i = 0; i < kSettleSpins; ++i)
        cpu::pause();
}

void installPowerOff()
{
    if (tables().haveFadt)
        arch::setPowerOffHandler(powerOff);
}

KEEL_INIT(driver, installPowerOff);

} // namespace

const MadtInfo* madt()
{
    return tables().haveMadt ? &s_tables.madt : nullptr;
}

bool isPresent()
{
    return tables().present;
}

ktl::Optional<EcamRegion> ecam()
{
    return tables().ecam;
}

void powerOff()
{
    const Tables& t = tables();
    if (!t.haveFadt)
        return;
    if (t.fadt.hardwareReduced && t.fadt.sleepControl.isValid()) {
        powerOffReduced(t.fadt, t.s5.a);
    } else {
        if (t.fadt.pm1aControlPort)
            io::out16(t.fadt.pm1aControlPort, u16((t.s5.a << kSleepTypeShift) | kSleepEnable));
        if (t.fadt.pm1bControlPort)
            io::out16(t.fadt.pm1bControlPort, u16((t.s5.b << kSleepTypeShift) | kSleepEnable));
    }
    waitForPowerOff();
}

} // namespace keel::acpi

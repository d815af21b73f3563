// PCI enumeration and BAR sizing (PCI Local Bus Specification 3.0, 6.2.5 "Base Addresses" and
// 6.7 "Capabilities List"; PCI-to-PCI Bridge Architecture Specification 1.2, 3.2.5.3).
#include "pci/pcienumerator.h"

namespace keel::pci {
namespace {

constexpr u32 kBarIo = 0x1;
constexpr u32 kBarType64 = 0x4;
constexpr u32 kBarPrefetchable = 0x8;
constexpr u32 kBarIoMask = ~u32(0x3);
constexpr u32 kBarMemoryMask = ~u32(0xf);

// Writes all ones to a BAR, reads back which address bits the device lets us set (the size
// mask), then restores the original value. Decoding is off meanwhile (see sizeBars).
u32 probeMask(ConfigSpace& config, Address address, u8 offset, u32 original)
{
    config.write32(address, offset, 0xffffffff);
    u32 mask = config.read32(address, offset);
    config.write32(address, offset, original);
    return mask;
}

// Returns how many BAR slots this BAR used (2 for a 64-bit memory BAR).
int decodeBar(ConfigSpace& config, Address address, int index, Bar& bar)
{
    u8 offset = u8(ConfigRegister::kBar0 + index * 4);
    u32 low = config.read32(address, offset);
    u32 lowMask = probeMask(config, address, offset, low);
    if (lowMask == 0)
        return 1;
    if (low & kBarIo) {
        bar.kind = BarKind::Io;
        bar.address = low & kBarIoMask;
        // IO BARs may implement only the low 16 bits; the upper ones then read back as zero.
        u32 sizeMask = lowMask & kBarIoMask;
        if (!(sizeMask & 0xffff0000))
            sizeMask |= 0xffff0000;
        bar.size = u32(~sizeMask + 1);
        return 1;
    }
    bar.prefetchable = low & kBarPrefetchable;
    bool is64 = (low & 0x6) == kBarType64 && index + 1 < Device::kBarCount;
    if (!is64) {
        bar.kind = BarKind::Memory32;
        bar.address = low & kBarMemoryMask;
        bar.size = u32(~(lowMask & kBarMemoryMask) + 1);
        return 1;
    }
    u8 highOffset = u8(offset + 4);
    u32 high = config.read32(address, highOffset);
    u32 highMask = probeMask(config, address, highOffset, high);
    bar.kind = BarKind::Memory64;
    bar.address = (u64(high) << 32) | (low & kBarMemoryMask);
    u64 mask = (u64(highMask) << 32) | (lowMask & kBarMemoryMask);
    bar.size = ~mask + 1;
    return 2;
}

// Sizing a BAR briefly moves it to an all-ones address; with decoding on, the device could
// answer accesses meant for other devices there. Host bridges are left decoding (they have no
// BARs to size, and on some chipsets turning their memory decoding off cuts off RAM).
void sizeBars(ConfigSpace& config, Device& device)
{
    int barCount = device.headerType == 0 ? Device::kBarCount : (device.headerType == 1 ? 2 : 0);
    if (barCount == 0 || device.isClass(0x06, 0x00))
        return;
    u16 command = config.read16(device.address, ConfigRegister::kCommand);
    u16 decoding = command & (Command::kIoSpace | Command::kMemorySpace);
    if (decoding)
        config.write16(device.address, ConfigRegister::kCommand, command & ~decoding);
    for (int index = 0; index < barCount;)
        index += decodeBar(config, device.address, index, device.bars[index]);
    if (decoding)
        config.write16(device.address, ConfigRegister::kCommand, command);
}

void readCapabilities(ConfigSpace& config, Device& device)
{
    u16 status = config.read16(device.address, ConfigRegister::kStatus);
    if (!(status & Status::kCapabilitiesList))
        return;
    u8 offset = config.read8(device.address, ConfigRegister::kCapabilitiesPointer) & 0xfc;
    // Capabilities live past the 64-byte header; a list that loops or points into the header
    // is corrupt, and 48 entries is the most that fit in 256 bytes.
    for (int steps = 0; offset >= 0x40 && steps < 48; ++steps) {
        if (device.capabilityCount == Device::kMaxCapabilities)
            return;
        u8 id = config.read8(device.address, offset);
        device.capabilities[device.capabilityCount++] = {id, offset};
        offset = config.read8(device.address, u8(offset + 1)) & 0xfc;
    }
}

} // namespace

Device Enumerator::readDevice(ConfigSpace& config, Address address)
{
    Device device;
    device.address = address;
    device.vendorId = config.read16(address, ConfigRegister::kVendorId);
    device.deviceId = config.read16(address, ConfigRegister::kDeviceId);
    device.revision = config.read8(address, ConfigRegister::kRevision);
    device.progIf = config.read8(address, ConfigRegister::kProgIf);
    device.subclass = config.read8(address, ConfigRegister::kSubclass);
    device.classCode = config.read8(address, ConfigRegister::kClassCode);
    device.headerType = config.read8(address, ConfigRegister::kHeaderType) & ~kMultiFunction;
    device.interruptLine = config.read8(address, ConfigRegister::kInterruptLine);
    device.interruptPin = config.read8(address, ConfigRegister::kInterruptPin);
    if (device.headerType == 0) {
        device.subsystemVendorId = config.read16(address, ConfigRegister::kSubsystemVendorId);
        device.subsystemId = config.read16(address, ConfigRegister::kSubsystemId);
    }
    sizeBars(config, device);
    readCapabilities(config, device);
    return device;
}

int Enumerator::enumerate()
{
    m_kept = 0;
    m_found = 0;
    for (bool& scanned : m_busScanned)
        scanned = false;
    scanBus(0, 0);
    return m_found;
}

void Enumerator::scanBus(u8 bus, int depth)
{
    if (m_busScanned[bus] || depth > kMaxBusDepth)
        return;
    m_busScanned[bus] = true;
    for (u8 device = 0; device < 32; ++device)
        scanDevice(bus, device, depth);
}

void Enumerator::scanDevice(u8 bus, u8 device, int depth)
{
    Address first {bus, device, 0};
    if (m_config.read16(first, ConfigRegister::kVendorId) == kNoDevice)
        return;
    addFunction(first, depth);
    if (!(m_config.read8(first, ConfigRegister::kHeaderType) & kMultiFunction))
        return;
    // Functions of a multi-function device need not be contiguous.
    for (u8 function = 1; function < 8; ++function) {
        Address address {bus, device, function};
        if (m_config.read16(address, ConfigRegister::kVendorId) != kNoDevice)
            addFunction(address, depth);
    }
}

void Enumerator::addFunction(Address address, int depth)
{
    Device device = readDevice(m_config, address);
    ++m_found;
    if (m_kept < m_storage.size())
        m_storage[m_kept++] = device;
    if (device.isBridge() && device.headerType == 1) {
        u8 secondary = m_config.read8(address, ConfigRegister::kSecondaryBus);
        if (secondary != 0)
            scanBus(secondary, depth + 1);
    }
}

} // namespace keel::pci

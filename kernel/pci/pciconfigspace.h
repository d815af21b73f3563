// Access to PCI configuration space, behind an interface so the enumeration logic runs on the
// host against a fake bus (tests/kernel/tst_pcienumerator.cpp). The image uses the legacy
// configuration mechanism #1 (PCI Local Bus Specification 3.0, 3.2.2.3.2): ports 0xCF8/0xCFC.
//
//     u16 vendor = configSpace.read16({ 0, 3, 0 }, ConfigRegister::kVendorId);
#pragma once

#include "pci/pcidevice.h"

namespace keel::pci {

// Offsets into the standard configuration header.
namespace ConfigRegister {
inline constexpr u8 kVendorId = 0x00;
inline constexpr u8 kDeviceId = 0x02;
inline constexpr u8 kCommand = 0x04;
inline constexpr u8 kStatus = 0x06;
inline constexpr u8 kRevision = 0x08;
inline constexpr u8 kProgIf = 0x09;
inline constexpr u8 kSubclass = 0x0a;
inline constexpr u8 kClassCode = 0x0b;
inline constexpr u8 kHeaderType = 0x0e;
inline constexpr u8 kBar0 = 0x10;
inline constexpr u8 kSecondaryBus = 0x19; // bridges (header type 1)
inline constexpr u8 kSubsystemVendorId = 0x2c; // devices (header type 0)
inline constexpr u8 kSubsystemId = 0x2e;
inline constexpr u8 kCapabilitiesPointer = 0x34;
inline constexpr u8 kInterruptLine = 0x3c;
inline constexpr u8 kInterruptPin = 0x3d;
} // namespace ConfigRegister

namespace Command {
inline constexpr u16 kIoSpace = 0x0001; // decode port IO BARs
inline constexpr u16 kMemorySpace = 0x0002; // decode memory BARs
inline constexpr u16 kBusMaster = 0x0004;
} // namespace Command

namespace Status {
inline constexpr u16 kCapabilitiesList = 0x0010; // the Capabilities Pointer is valid
} // namespace Status

inline constexpr u8 kMultiFunction = 0x80; // in the header type byte
inline constexpr u16 kNoDevice = 0xffff; // vendor ID read from an empty slot

class ConfigSpace {
public:
    // `offset` is dword aligned.
    virtual u32 read32(Address address, u8 offset) = 0;
    virtual void write32(Address address, u8 offset, u32 value) = 0;
    // A true 16-bit write: a read-modify-write of the dword would write back the Status
    // register's set bits, which are write-one-to-clear.
    virtual void write16(Address address, u8 offset, u16 value) = 0;

    u16 read16(Address address, u8 offset)
    {
        return u16(read32(address, offset & 0xfc) >> ((offset & 2) * 8));
    }
    u8 read8(Address address, u8 offset)
    {
        return u8(read32(address, offset & 0xfc) >> ((offset & 3) * 8));
    }

protected:
    ~ConfigSpace() = default;
};

} // namespace keel::pci

// Human names for PCI class codes (PCI Code and ID Assignment Specification 1.x, chapter 1),
// as lspci prints them; only the classes a virtual machine is likely to show are named.
#include <keel/pci.h>

namespace keel::pci {
namespace {

constexpr u16 kAnySubclass = 0x100;

struct ClassName {
    u8 classCode;
    u16 subclass; // kAnySubclass for the class's fallback name
    const char* name;
};

// Specific subclasses first: the first match wins.
constexpr ClassName kClassNames[] = {
    {0x01, 0x01, "IDE interface"},
    {0x01, 0x06, "SATA controller"},
    {0x01, 0x08, "Non-Volatile memory controller"},
    {0x01, 0x00, "SCSI storage controller"},
    {0x01, kAnySubclass, "Mass storage controller"},
    {0x02, 0x00, "Ethernet controller"},
    {0x02, kAnySubclass, "Network controller"},
    {0x03, 0x00, "VGA compatible controller"},
    {0x03, kAnySubclass, "Display controller"},
    {0x04, 0x01, "Multimedia audio controller"},
    {0x04, 0x03, "Audio device"},
    {0x04, kAnySubclass, "Multimedia controller"},
    {0x05, kAnySubclass, "Memory controller"},
    {0x06, 0x00, "Host bridge"},
    {0x06, 0x01, "ISA bridge"},
    {0x06, 0x04, "PCI bridge"},
    {0x06, 0x80, "Bridge"},
    {0x06, kAnySubclass, "Bridge"},
    {0x07, 0x00, "Serial controller"},
    {0x07, kAnySubclass, "Communication controller"},
    {0x08, kAnySubclass, "System peripheral"},
    {0x09, kAnySubclass, "Input device controller"},
    {0x0c, 0x03, "USB controller"},
    {0x0c, 0x05, "SMBus"},
    {0x0c, kAnySubclass, "Serial bus controller"},
    {0x00, kAnySubclass, "Unclassified device"},
    {0xff, kAnySubclass, "Unassigned class"},
};

} // namespace

const char* className(const Device& device)
{
    for (const ClassName& entry : kClassNames) {
        if (entry.classCode == device.classCode
            && (entry.subclass == kAnySubclass || entry.subclass == device.subclass))
            return entry.name;
    }
    return "Unknown class";
}

} // namespace keel::pci

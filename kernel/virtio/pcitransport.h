// Virtio over PCI, modern interface (Virtio 1.2, 4.1.4.3 "Common configuration structure layout",
// 4.1.4.4 notifications, 4.1.4.5 ISR). Templated on the register window (8/16/32-bit reads and
// writes at offsets) so host tests run it against fake BAR memory; the kernel uses
// mmio::MmioWindow over the BAR regions the capabilities name (pcicapabilities.h).
#pragma once

#include "virtio/transport.h"

namespace keel::virtio {

namespace PciCommon {
inline constexpr u32 kDeviceFeatureSelect = 0x00;
inline constexpr u32 kDeviceFeature = 0x04;
inline constexpr u32 kDriverFeatureSelect = 0x08;
inline constexpr u32 kDriverFeature = 0x0c;
inline constexpr u32 kConfigMsixVector = 0x10;
inline constexpr u32 kQueueCount = 0x12;
inline constexpr u32 kDeviceStatus = 0x14;
inline constexpr u32 kConfigGeneration = 0x15;
inline constexpr u32 kQueueSelect = 0x16;
inline constexpr u32 kQueueSize = 0x18;
inline constexpr u32 kQueueMsixVector = 0x1a;
inline constexpr u32 kQueueEnable = 0x1c;
inline constexpr u32 kQueueNotifyOffset = 0x1e;
inline constexpr u32 kQueueDescriptor = 0x20;
inline constexpr u32 kQueueDriver = 0x28; // the avail ring
inline constexpr u32 kQueueDevice = 0x30; // the used ring
} // namespace PciCommon

inline constexpr u16 kNoMsixVector = 0xffff;

template<typename Window>
struct PciWindows {
    Window common;
    Window notify;
    Window isr;
    Window device;
    u32 notifyMultiplier = 0;
};

template<typename Window>
class PciTransport final : public Transport {
public:
    using IrqConnector = bool (*)(void* cookie, void (*handler)(void*), void* context);

    PciTransport(const PciWindows<Window>& windows, u32 type) : m_windows(windows), m_type(type) { }

    // The kernel's connector programs MSI-X entry 0 (cookie: its per-device state); queues then
    // signal through that entry.
    void setIrqConnector(IrqConnector connector, void* cookie)
    {
        m_connector = connector;
        m_connectorCookie = cookie;
    }

    u32 deviceType() const override { return m_type; }
    const char* name() const override { return "pci"; }

    u8 status() override { return common().read8(PciCommon::kDeviceStatus); }
    void setStatus(u8 status) override { common().write8(PciCommon::kDeviceStatus, status); }

    u64 deviceFeatures() override
    {
        common().write32(PciCommon::kDeviceFeatureSelect, 0);
        u64 low = common().read32(PciCommon::kDeviceFeature);
        common().write32(PciCommon::kDeviceFeatureSelect, 1);
        return low | (u64(common().read32(PciCommon::kDeviceFeature)) << 32);
    }

    void setDriverFeatures(u64 features) override
    {
        common().write32(PciCommon::kDriverFeatureSelect, 0);
        common().write32(PciCommon::kDriverFeature, u32(features));
        common().write32(PciCommon::kDriverFeatureSelect, 1);
        common().write32(PciCommon::kDriverFeature, u32(features >> 32));
    }

    u16 maxQueueSize(u16 queue) override
    {
        if (queue >= common().read16(PciCommon::kQueueCount))
            return 0;
        common().write16(PciCommon::kQueueSelect, queue);
        return common().read16(PciCommon::kQueueSize);
    }

    ktl::ErrorOr<void> enableQueue(u16 queue, u16 size, const QueueAddresses& addresses) override
    {
        common().write16(PciCommon::kQueueSelect, queue);
        common().write16(PciCommon::kQueueSize, size);
        writeAddress(PciCommon::kQueueDescriptor, addresses.descriptors);
        writeAddress(PciCommon::kQueueDriver, addresses.avail);
        writeAddress(PciCommon::kQueueDevice, addresses.used);
        if (m_useMsix) {
            common().write16(PciCommon::kQueueMsixVector, 0);
            if (common().read16(PciCommon::kQueueMsixVector) != 0)
                return ktl::Error(ktl::ErrorCode::Io, "virtio-pci device refused the MSI-X vector");
        }
        u32 notifyOffset = common().read16(PciCommon::kQueueNotifyOffset);
        if (queue < kMaxNotifyQueues)
            m_notifyOffsets[queue] = notifyOffset * m_windows.notifyMultiplier;
        common().write16(PciCommon::kQueueEnable, 1);
        return {};
    }

    void notify(u16 queue) override
    {
        u32 offset = queue < kMaxNotifyQueues ? m_notifyOffsets[queue] : 0;
        m_windows.notify.write16(offset, queue);
    }

    // With MSI-X the ISR byte is not used; reading it is still harmless.
    u32 takeInterruptStatus() override { return m_windows.isr.read8(0); }

    u32 readConfig(u32 offset, u8 width) override
    {
        switch (width) {
        case 1: return m_windows.device.read8(offset);
        case 2: return m_windows.device.read16(offset);
        default: return m_windows.device.read32(offset);
        }
    }

    void writeConfig(u32 offset, u8 width, u32 value) override
    {
        switch (width) {
        case 1: m_windows.device.write8(offset, u8(value)); break;
        case 2: m_windows.device.write16(offset, u16(value)); break;
        default: m_windows.device.write32(offset, value); break;
        }
    }

    u32 configGeneration() override { return common().read8(PciCommon::kConfigGeneration); }

    bool connectInterrupt(void (*handler)(void*), void* context) override
    {
        m_useMsix = m_connector && m_connector(m_connectorCookie, handler, context);
        if (m_useMsix)
            common().write16(PciCommon::kConfigMsixVector, kNoMsixVector);
        return m_useMsix;
    }

private:
    static constexpr u16 kMaxNotifyQueues = 8;

    const Window& common() const { return m_windows.common; }

    void writeAddress(u32 offset, u64 address)
    {
        common().write32(offset, u32(address));
        common().write32(offset + 4, u32(address >> 32));
    }

    PciWindows<Window> m_windows;
    u32 m_type;
    u32 m_notifyOffsets[kMaxNotifyQueues] {};
    IrqConnector m_connector = nullptr;
    void* m_connectorCookie = nullptr;
    bool m_useMsix = false;
};

} // namespace keel::virtio

// Virtio over MMIO, version 2 (Virtio 1.2, 4.2.2 "MMIO Device Register Layout"), as QEMU's
// microvm provides it. Templated on the register window so host tests run it against a fake
// device (tests/kernel/tst_virtiommio.cpp); the kernel uses mmio::MmioWindow.
//
//     MmioTransport<mmio::MmioWindow> transport(mmio::MmioWindow(0xfeb00e00), 12);
//     if (transport.probe().isError()) ...              // not a modern virtio-mmio device
#pragma once

#include "virtio/transport.h"

namespace keel::virtio {

namespace MmioRegister {
inline constexpr u32 kMagic = 0x000; // "virt"
inline constexpr u32 kVersion = 0x004; // 1 legacy, 2 modern
inline constexpr u32 kDeviceId = 0x008; // 0: placeholder with no device behind it
inline constexpr u32 kDeviceFeatures = 0x010;
inline constexpr u32 kDeviceFeaturesSelect = 0x014;
inline constexpr u32 kDriverFeatures = 0x020;
inline constexpr u32 kDriverFeaturesSelect = 0x024;
inline constexpr u32 kQueueSelect = 0x030;
inline constexpr u32 kQueueSizeMax = 0x034;
inline constexpr u32 kQueueSize = 0x038;
inline constexpr u32 kQueueReady = 0x044;
inline constexpr u32 kQueueNotify = 0x050;
inline constexpr u32 kInterruptStatus = 0x060;
inline constexpr u32 kInterruptAck = 0x064;
inline constexpr u32 kStatus = 0x070;
inline constexpr u32 kQueueDescriptorLow = 0x080;
inline constexpr u32 kQueueDescriptorHigh = 0x084;
inline constexpr u32 kQueueAvailLow = 0x090;
inline constexpr u32 kQueueAvailHigh = 0x094;
inline constexpr u32 kQueueUsedLow = 0x0a0;
inline constexpr u32 kQueueUsedHigh = 0x0a4;
inline constexpr u32 kConfigGeneration = 0x0fc;
inline constexpr u32 kConfig = 0x100;
} // namespace MmioRegister

inline constexpr u32 kMmioMagic = 0x74726976;

enum class MmioProbe { Modern, Legacy, Empty, NotVirtio };

template<typename Window>
class MmioTransport final : public Transport {
public:
    MmioTransport(Window window, u32 irq) : m_window(window), m_irq(irq) { }

    // What sits in the window: a modern device, a legacy (version 1) one Keel does not drive, an
    // empty slot (device ID 0), or no virtio-mmio at all.
    MmioProbe probe() const
    {
        if (m_window.read32(MmioRegister::kMagic) != kMmioMagic)
            return MmioProbe::NotVirtio;
        if (m_window.read32(MmioRegister::kDeviceId) == 0)
            return MmioProbe::Empty;
        return m_window.read32(MmioRegister::kVersion) == 2 ? MmioProbe::Modern : MmioProbe::Legacy;
    }

    u32 irq() const { return m_irq; }

    u32 deviceType() const override { return m_window.read32(MmioRegister::kDeviceId); }
    const char* name() const override { return "mmio"; }

    u8 status() override { return u8(m_window.read32(MmioRegister::kStatus)); }
    void setStatus(u8 status) override { m_window.write32(MmioRegister::kStatus, status); }

    u64 deviceFeatures() override
    {
        m_window.write32(MmioRegister::kDeviceFeaturesSelect, 0);
        u64 low = m_window.read32(MmioRegister::kDeviceFeatures);
        m_window.write32(MmioRegister::kDeviceFeaturesSelect, 1);
        return low | (u64(m_window.read32(MmioRegister::kDeviceFeatures)) << 32);
    }

    void setDriverFeatures(u64 features) override
    {
        m_window.write32(MmioRegister::kDriverFeaturesSelect, 0);
        m_window.write32(MmioRegister::kDriverFeatures, u32(features));
        m_window.write32(MmioRegister::kDriverFeaturesSelect, 1);
        m_window.write32(MmioRegister::kDriverFeatures, u32(features >> 32));
    }

    u16 maxQueueSize(u16 queue) override
    {
        m_window.write32(MmioRegister::kQueueSelect, queue);
        if (m_window.read32(MmioRegister::kQueueReady) != 0)
            return 0; // already in use: not ours to set up again
        u32 size = m_window.read32(MmioRegister::kQueueSizeMax);
        return size > 0xffff ? 0xffff : u16(size);
    }

    ktl::ErrorOr<void> enableQueue(u16 queue, u16 size, const QueueAddresses& addresses) override
    {
        m_window.write32(MmioRegister::kQueueSelect, queue);
        m_window.write32(MmioRegister::kQueueSize, size);
        writeAddress(MmioRegister::kQueueDescriptorLow, addresses.descriptors);
        writeAddress(MmioRegister::kQueueAvailLow, addresses.avail);
        writeAddress(MmioRegister::kQueueUsedLow, addresses.used);
        m_window.write32(MmioRegister::kQueueReady, 1);
        if (m_window.read32(MmioRegister::kQueueReady) != 1)
            return ktl::Error(ktl::ErrorCode::Io, "virtio-mmio device did not accept the queue");
        return {};
    }

    void notify(u16 queue) override { m_window.write32(MmioRegister::kQueueNotify, queue); }

    u32 takeInterruptStatus() override
    {
        u32 pending = m_window.read32(MmioRegister::kInterruptStatus);
        if (pending)
            m_window.write32(MmioRegister::kInterruptAck, pending);
        return pending;
    }

    // Device configuration is read in aligned 32-bit words (QEMU accepts 1, 2 and 4 bytes; the
    // word read keeps the window type to two functions) and narrowed.
    u32 readConfig(u32 offset, u8 width) override
    {
        u32 word = m_window.read32(MmioRegister::kConfig + (offset & ~3u));
        u32 shifted = word >> ((offset & 3) * 8);
        return width >= 4 ? shifted : shifted & ((1u << (width * 8)) - 1);
    }

    void writeConfig(u32 offset, u8 width, u32 value) override
    {
        if (width == 4) {
            m_window.write32(MmioRegister::kConfig + offset, value);
            return;
        }
        // Read-modify-write of the containing word: virtio-mmio config writes are rare (a few
        // device-specific knobs) and QEMU applies the word as bytes.
        u32 aligned = MmioRegister::kConfig + (offset & ~3u);
        u32 shift = (offset & 3) * 8;
        u32 mask = ((width == 1 ? 0xffu : 0xffffu) << shift);
        u32 word = m_window.read32(aligned);
        m_window.write32(aligned, (word & ~mask) | ((value << shift) & mask));
    }

    u32 configGeneration() override { return m_window.read32(MmioRegister::kConfigGeneration); }

    // The kernel passes a connector that registers `irq` with the interrupts module; without one
    // (host tests, images without interrupts) the device is polled.
    using IrqConnector = bool (*)(u32 irq, void (*handler)(void*), void* context);
    void setIrqConnector(IrqConnector connector) { m_connector = connector; }

    bool connectInterrupt(void (*handler)(void*), void* context) override
    {
        return m_connector && m_connector(m_irq, handler, context);
    }

private:
    void writeAddress(u32 lowRegister, u64 address)
    {
        m_window.write32(lowRegister, u32(address));
        m_window.write32(lowRegister + 4, u32(address >> 32));
    }

    Window m_window;
    u32 m_irq;
    IrqConnector m_connector = nullptr;
};

} // namespace keel::virtio

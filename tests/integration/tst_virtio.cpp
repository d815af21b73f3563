// What a user sees fail here: a disk given in keel.toml is not found or its data does not reach
// the image file on the host (on any machine Keel supports), keel run does not create a missing
// disk, the entropy device returns nothing, interrupts from virtio devices never arrive (the
// guest hangs in a halt), a legacy-only device is driven instead of named, or an image that does
// not ask for virtio still carries its code.

#include "plainqemu.h"
#include "testproject.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>

namespace {

constexpr size_t kSector = 512;
constexpr size_t kDiskBytes = 1024 * 1024;
const std::string kFeatures = "[\"serial\", \"virtio-blk\", \"virtio-rng\", \"pci\"]";

std::uint8_t patternByte(size_t offset)
{
    return std::uint8_t((offset * 7 + 3) & 0xff);
}

// What tests/integration/apps/virtio expects to find: text in sector 0, a pattern in 1-3.
std::string hostDisk()
{
    std::string disk(kDiskBytes, '\0');
    disk.replace(0, 19, "hello from the host");
    for (size_t i = 0; i < 3 * kSector; ++i)
        disk[kSector + i] = char(patternByte(i));
    return disk;
}

// What the app writes: text in sector 4, 100 KiB of pattern from sector 8.
void expectGuestWrites(const std::string& disk)
{
    ASSERT_EQ(disk.size(), kDiskBytes);
    EXPECT_EQ(disk.substr(4 * kSector, 25), "written by the keel guest");
    size_t mismatches = 0;
    for (size_t i = 0; i < 100 * 1024; ++i)
        mismatches += std::uint8_t(disk[8 * kSector + i]) != patternByte(i + 1);
    EXPECT_EQ(mismatches, 0u) << "the multi-request write did not land intact";
    EXPECT_EQ(disk.substr(0, 19), "hello from the host") << "sector 0 must be untouched";
}

void addDisk(const TestProject& project)
{
    std::string toml = readFile(project.directory() + "/keel.toml");
    toml += "\n";
    toml.replace(toml.find("[run]"), 5, "[run]\ndisks = [\"disk.img\"]");
    writeFile(project.directory() + "/keel.toml", toml);
    writeFile(project.directory() + "/disk.img", hostDisk());
}

std::string qemu(const std::string& machine, const std::string& devices, const std::string& image)
{
    return plainQemuCommand("-M " + machine + " -m 16M",
        "-drive file=disk.img,if=none,id=d0,format=raw " + devices + " -kernel " + image);
}

class Virtio : public ::testing::TestWithParam<const char*> {};

TEST_P(Virtio, DiskFromKeelTomlRoundTripsData)
{
    TestProject project("hello");
    project.useApp("virtio");
    project.setFeatures(kFeatures);
    addDisk(project);
    auto run = project.keel(std::string("run --headless --timeout 120 --machine ") + GetParam(), 240);
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("sector 0 says: hello from the host"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("disk virtio-blk0: 2048 sectors of 512 bytes"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("virtio checks: blk ok rng absent"), std::string::npos) << run.output;
    expectGuestWrites(readFile(project.directory() + "/disk.img"));
}

// keel run cannot add an entropy device, so QEMU is started directly, with interrupts on: the
// waits then halt until the device's MSI-X (PCI) or IRQ (microvm acpi=off) wakes them.
TEST_P(Virtio, EntropyAndDiskWorkWithInterrupts)
{
    const std::string machine = GetParam();
    TestProject project("hello");
    project.useApp("virtio");
    project.setFeatures("[\"serial\", \"virtio-blk\", \"virtio-rng\", \"pci\", \"interrupts\"]");
    auto build = project.keel("build", 240);
    ASSERT_EQ(build.exitCode, 0) << build.output;
    writeFile(project.directory() + "/disk.img", hostDisk());
    bool microvm = machine == "microvm";
    std::string devices = microvm ? "-global virtio-mmio.force-legacy=false -device virtio-blk-device,drive=d0 "
                                    "-device virtio-rng-device"
                                  : "-device virtio-blk-pci,drive=d0 -device virtio-rng-pci";
    auto run = runCommand(qemu(microvm ? "microvm,acpi=off" : machine, devices, project.imagePath()),
        project.directory(), 120);
    EXPECT_EQ(run.exitCode, 1) << "isa-debug-exit status 0 is QEMU exit 1\n" << run.output;
    EXPECT_NE(run.output.find("virtio checks: blk ok rng ok"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("random: "), std::string::npos) << run.output;
    std::string transport = microvm ? "mmio" : "pci";
    EXPECT_NE(run.output.find("virtio device type 2 on " + transport + ": virtio-blk, interrupts"), std::string::npos)
        << run.output;
    EXPECT_NE(run.output.find("virtio device type 4 on " + transport + ": virtio-rng, interrupts"), std::string::npos)
        << run.output;
    expectGuestWrites(readFile(project.directory() + "/disk.img"));
}

INSTANTIATE_TEST_SUITE_P(Machines, Virtio, ::testing::Values("pc", "q35", "microvm"));

TEST(Virtio, DiskTemplateKeepsItsCountAcrossRunsAndCreatesTheImage)
{
    for (const char* machine : { "microvm", "pc" }) {
        TestProject project("disk");
        const std::string image = project.directory() + "/disk.img";
        ASSERT_FALSE(std::filesystem::exists(image));
        auto first = project.keel(std::string("run --headless --timeout 120 --machine ") + machine, 240);
        EXPECT_EQ(first.exitCode, 0) << machine << "\n" << first.output;
        EXPECT_NE(first.output.find("This VM has booted 0 time(s) before."), std::string::npos) << first.output;
        ASSERT_TRUE(std::filesystem::exists(image)) << "keel run did not create disk.img";
        EXPECT_EQ(std::filesystem::file_size(image), kDiskBytes) << "disk-size = \"1M\"";
        auto second = project.keel(std::string("run --headless --timeout 120 --machine ") + machine, 240);
        EXPECT_EQ(second.exitCode, 0) << second.output;
        EXPECT_NE(second.output.find("This VM has booted 1 time(s) before."), std::string::npos) << second.output;
        EXPECT_NE(second.output.find("boot #1 wrote this line"), std::string::npos) << second.output;
        EXPECT_NE(second.output.find("Recorded boot #2."), std::string::npos) << second.output;
        EXPECT_EQ(readFile(image).substr(0, 8), "KEELDISK");
    }
}

TEST(Virtio, LegacyOnlyDevicesAreNamedNotDriven)
{
    TestProject project("hello");
    project.useApp("virtio");
    project.setFeatures(kFeatures);
    auto build = project.keel("build", 240);
    ASSERT_EQ(build.exitCode, 0) << build.output;
    writeFile(project.directory() + "/disk.img", hostDisk());
    auto pci = runCommand(qemu("pc", "-device virtio-blk-pci,drive=d0,disable-modern=on", project.imagePath()),
        project.directory(), 120);
    EXPECT_NE(pci.output.find("legacy-only virtio device"), std::string::npos) << pci.output;
    EXPECT_NE(pci.output.find("0 disk(s)"), std::string::npos) << pci.output;
    // QEMU 7.2's default virtio-mmio is legacy (version 1).
    auto mmio = runCommand(qemu("microvm", "-device virtio-blk-device,drive=d0", project.imagePath()),
        project.directory(), 120);
    EXPECT_NE(mmio.output.find("legacy-only virtio-mmio device (version 1)"), std::string::npos) << mmio.output;
    EXPECT_NE(mmio.output.find("0 disk(s)"), std::string::npos) << mmio.output;
    EXPECT_EQ(readFile(project.directory() + "/disk.img"), hostDisk()) << "a legacy disk must not be written";
}

TEST(Virtio, ImageWithoutVirtioCarriesNoneOfItsCode)
{
    TestProject project("hello");
    project.setFeatures("[\"serial\", \"pci\", \"interrupts\"]");
    auto build = project.keel("build", 240);
    ASSERT_EQ(build.exitCode, 0) << build.output;
    auto symbols = runCommand("nm -C " + project.imagePath(), project.directory(), 30);
    ASSERT_EQ(symbols.exitCode, 0) << symbols.output;
    EXPECT_EQ(symbols.output.find("virtio"), std::string::npos) << "virtio code in an image without virtio";
    EXPECT_EQ(symbols.output.find("keel::block"), std::string::npos);
}

} // namespace

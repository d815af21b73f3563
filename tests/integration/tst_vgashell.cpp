// What a user sees fail here: in the vga-shell template, typed keys never reach the shell (or
// arrive doubled or lost), a command's output shows on serial but not on the VGA screen (or the
// other way round), `cat` cannot find the project's assets, `lspci` lists devices QEMU was not
// given or misses some (legacy ports on pc, PCIe ECAM on q35), or `shutdown` leaves the VM
// running, or the idle shell keeps the host CPU busy. Keys go in through QMP send-key; the
// screen is read back from VGA text memory.

#include "guestsession.h"
#include "testproject.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

namespace {

// "bb:dd.f vvvv:dddd" for every function in `lspci` output.
std::set<std::string> shellDevices(const std::string& output)
{
    std::set<std::string> devices;
    std::regex line(R"(([0-9a-f]{2}:[0-9a-f]{2}\.[0-7]) [^\n]*: ([0-9a-f]{4}:[0-9a-f]{4}) \(rev)");
    for (std::sregex_iterator it(output.begin(), output.end(), line), end; it != end; ++it)
        devices.insert((*it)[1].str() + " " + (*it)[2].str());
    return devices;
}

// The same from HMP `info pci` ("Bus  0, device   1, function 0:" then "... PCI device 1234:1111").
std::set<std::string> qemuDevices(const std::string& infoPci)
{
    std::set<std::string> devices;
    std::regex function(R"(Bus +([0-9]+), device +([0-9]+), function ([0-7]):\s*\n[^\n]*PCI device ([0-9a-f]{4}):([0-9a-f]{4}))");
    for (std::sregex_iterator it(infoPci.begin(), infoPci.end(), function), end; it != end; ++it) {
        char address[16];
        std::snprintf(address, sizeof(address), "%02x:%02x.%s", std::stoi((*it)[1]), std::stoi((*it)[2]),
            (*it)[3].str().c_str());
        devices.insert(std::string(address) + " " + (*it)[4].str() + ":" + (*it)[5].str());
    }
    return devices;
}

// Types a command and waits for the next prompt; returns the serial output it produced, with
// the serial console's "\r\n" line ends as "\n".
std::string run(GuestSession& guest, const std::string& command)
{
    size_t before = guest.serial().size();
    guest.type(command + "\n");
    EXPECT_TRUE(guest.waitForSerial("keel> ", 60, before)) << command << "\n" << guest.serial();
    std::string output = guest.serial().substr(before);
    output.erase(std::remove(output.begin(), output.end(), '\r'), output.end());
    return output;
}

class VgaShell : public ::testing::TestWithParam<const char*> {};

TEST_P(VgaShell, TypedCommandsRunAndShowOnScreenAndSerialThenShutdownPowersOff)
{
    TestProject project("vga-shell");
    auto build = project.keel("build --release");
    ASSERT_EQ(build.exitCode, 0) << build.output;
    // No isa-debug-exit: shutdown must take the ACPI power-off path, as on a real machine.
    GuestSession guest(project.imagePath("release"), {"-M", GetParam(), "-m", "4M"});
    ASSERT_TRUE(guest.isConnected());
    ASSERT_TRUE(guest.waitForSerial("keel> ", 60)) << guest.serial();
    EXPECT_NE(guest.serial().find("Welcome to " + project.name()), std::string::npos)
        << "assets/motd.txt is shown at start\n" << guest.serial();

    // Waiting for a key halts the CPU (IRQ 1 wakes it): an idle shell costs the host almost
    // nothing, where polling would burn a whole core (or its share of a busy one).
    double before = guest.cpuSeconds();
    std::this_thread::sleep_for(std::chrono::seconds(3));
    EXPECT_LT(guest.cpuSeconds() - before, 0.15) << "QEMU busy while the shell waits for a key";

    std::string echoed = run(guest, "echo Hello Keel 42");
    EXPECT_NE(echoed.find("\nHello Keel 42\n"), std::string::npos) << echoed;
    std::string screen = guest.vgaText();
    EXPECT_NE(screen.find("keel> echo Hello Keel 42\nHello Keel 42\n"), std::string::npos) << screen;

    std::string motd = run(guest, "cat motd.txt");
    EXPECT_NE(motd.find("Keys arrive on IRQ 1"), std::string::npos) << motd;
    EXPECT_NE(guest.vgaText().find("Keys arrive on IRQ 1"), std::string::npos) << guest.vgaText();
    EXPECT_NE(run(guest, "cat nothere.txt").find("no such asset"), std::string::npos);

    std::string uptime = run(guest, "uptime");
    EXPECT_TRUE(std::regex_search(uptime, std::regex(R"(up [0-9]+\.[0-9]{3} s)"))) << uptime;

    std::string lspci = run(guest, "lspci -v");
    std::string expectedMechanism = std::string(GetParam()) == "q35" ? "PCIe ECAM" : "ports 0xcf8/0xcfc";
    EXPECT_NE(lspci.find("configuration space through " + expectedMechanism), std::string::npos) << lspci;
    std::set<std::string> listed = shellDevices(lspci);
    std::set<std::string> given = qemuDevices(guest.hmp("info pci"));
    EXPECT_FALSE(given.empty());
    EXPECT_EQ(listed, given) << lspci;

    guest.type("shutdown\n");
    EXPECT_EQ(guest.waitForExit(60), 0) << guest.serial();
    EXPECT_NE(guest.serial().find("Powering off."), std::string::npos) << guest.serial();
}

INSTANTIATE_TEST_SUITE_P(Machines, VgaShell, ::testing::Values("pc", "q35"));

TEST(VgaShell, ReleaseImageFitsIn96KiB)
{
    TestProject project("vga-shell");
    auto build = project.keel("build --release");
    ASSERT_EQ(build.exitCode, 0) << build.output;
    std::string image = project.imagePath("release");
    auto size = runCommand("stat -c %s " + shellQuote(image), project.directory(), 10);
    EXPECT_LE(std::stol(size.output), 96 * 1024) << image;
}

} // namespace

#pragma once

// One QEMU guest driven the way a person at the machine would: keys typed through QMP
// `send-key`, the VGA text screen read back from guest memory (HMP `xp` at 0xb8000), the serial
// output captured in a file, and the process's exit observed. No Qt: plain POSIX sockets.
//
//   GuestSession guest(image, {"-M", "pc"});
//   ASSERT_TRUE(guest.waitForSerial("keel> ", 30));
//   guest.type("echo hi\n");
//   EXPECT_NE(guest.vgaText().find("hi"), std::string::npos);

#include <string>
#include <vector>

class GuestSession {
public:
    // Boots `image` with -kernel and `machineArguments` (e.g. {"-M", "q35"}), TCG, no display
    // window, -no-reboot. The QMP socket and serial log live in a private temporary folder.
    GuestSession(const std::string& image, const std::vector<std::string>& machineArguments);
    ~GuestSession();
    GuestSession(const GuestSession&) = delete;
    GuestSession& operator=(const GuestSession&) = delete;

    bool isConnected() const { return m_qmp >= 0; }
    // CPU time QEMU has used so far (user + system), in seconds; -1 when it has exited.
    double cpuSeconds() const;
    std::string serial() const;
    // True once the serial output holds `text` at or after `from` characters.
    bool waitForSerial(const std::string& text, int timeoutSeconds, size_t from = 0);

    // Types `text` key by key (letters, digits, space, '.', '-', '/', '\n' as Enter).
    void type(const std::string& text);
    // A QMP command's raw JSON reply line ({"return": ...} or {"error": ...}).
    std::string qmp(const std::string& command, const std::string& argumentsJson = {});
    // An HMP (monitor) command's text output.
    std::string hmp(const std::string& commandLine);
    // The 80x25 VGA text screen, one line per row, trailing blanks removed.
    std::string vgaText();

    // Waits for QEMU to exit; returns its exit status, or -1 if it still runs after the timeout.
    int waitForExit(int timeoutSeconds);

private:
    std::string readReply();

    std::string m_folder;
    std::string m_serialPath;
    int m_pid = -1;
    int m_qmp = -1;
    std::string m_pending;
    int m_exitStatus = -1;
};

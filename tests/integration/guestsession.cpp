#include "guestsession.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace std::chrono_literals;

int connectUnix(const std::string& path)
{
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    path.copy(address.sun_path, sizeof(address.sun_path) - 1);
    for (int attempt = 0; attempt < 200; ++attempt) {
        if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0)
            return fd;
        std::this_thread::sleep_for(25ms);
    }
    close(fd);
    return -1;
}

std::string jsonString(const std::string& text)
{
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

// The reply's "return" string with JSON escapes undone (enough for HMP output).
std::string unescapedReturn(const std::string& reply)
{
    size_t start = reply.find("\"return\": \"");
    if (start == std::string::npos)
        return {};
    std::string out;
    for (size_t i = start + 11; i < reply.size() && reply[i] != '"'; ++i) {
        if (reply[i] != '\\') {
            out += reply[i];
            continue;
        }
        char escaped = reply[++i];
        out += escaped == 'n' ? '\n' : escaped == 'r' ? '\r' : escaped == 't' ? '\t' : escaped;
    }
    return out;
}

std::string qcodeFor(char c)
{
    static const std::map<char, std::string> kNamed = {{' ', "spc"}, {'.', "dot"},
        {'-', "minus"}, {'/', "slash"}, {'\n', "ret"}, {'=', "equal"}, {',', "comma"}};
    if (auto it = kNamed.find(c); it != kNamed.end())
        return it->second;
    return std::string(1, char(std::tolower(static_cast<unsigned char>(c))));
}

} // namespace

GuestSession::GuestSession(const std::string& image, const std::vector<std::string>& machineArguments)
{
    char pattern[] = "/tmp/keel-guest-XXXXXX";
    if (!mkdtemp(pattern))
        throw std::runtime_error("mkdtemp failed");
    m_folder = pattern;
    m_serialPath = m_folder + "/serial.log";
    std::string socketPath = m_folder + "/qmp.sock";
    std::vector<std::string> arguments = {"qemu-system-x86_64", "-accel", "tcg", "-display", "none",
        "-no-reboot", "-serial", "file:" + m_serialPath, "-qmp", "unix:" + socketPath + ",server=on,wait=off",
        "-kernel", image};
    arguments.insert(arguments.end(), machineArguments.begin(), machineArguments.end());
    m_pid = fork();
    if (m_pid == 0) {
        std::vector<char*> argv;
        for (std::string& argument : arguments)
            argv.push_back(argument.data());
        argv.push_back(nullptr);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    m_qmp = connectUnix(socketPath);
    if (m_qmp < 0)
        return;
    readReply(); // the greeting
    qmp("qmp_capabilities");
}

GuestSession::~GuestSession()
{
    if (m_qmp >= 0)
        close(m_qmp);
    if (m_pid > 0 && waitForExit(0) == -1 && m_exitStatus == -1) {
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
    std::error_code ignored;
    std::filesystem::remove_all(m_folder, ignored);
}

double GuestSession::cpuSeconds() const
{
    std::ifstream in("/proc/" + std::to_string(m_pid) + "/stat");
    std::string stat;
    if (!std::getline(in, stat))
        return -1;
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string field;
    unsigned long long ticks = 0;
    for (int index = 3; fields >> field && index <= 15; ++index) {
        if (index >= 14)
            ticks += std::stoull(field);
    }
    return double(ticks) / double(sysconf(_SC_CLK_TCK));
}

std::string GuestSession::serial() const
{
    std::ifstream in(m_serialPath, std::ios::binary);
    std::stringstream contents;
    contents << in.rdbuf();
    return contents.str();
}

bool GuestSession::waitForSerial(const std::string& text, int timeoutSeconds, size_t from)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
    do {
        std::string output = serial();
        if (output.size() > from && output.find(text, from) != std::string::npos)
            return true;
        std::this_thread::sleep_for(50ms);
    } while (std::chrono::steady_clock::now() < deadline);
    return false;
}

std::string GuestSession::readReply()
{
    for (;;) {
        size_t newline = m_pending.find('\n');
        if (newline != std::string::npos) {
            std::string line = m_pending.substr(0, newline);
            m_pending.erase(0, newline + 1);
            if (line.find("\"event\"") != std::string::npos)
                continue;
            return line;
        }
        char buffer[4096];
        ssize_t n = read(m_qmp, buffer, sizeof(buffer));
        if (n <= 0)
            return {};
        m_pending.append(buffer, size_t(n));
    }
}

std::string GuestSession::qmp(const std::string& command, const std::string& argumentsJson)
{
    if (m_qmp < 0)
        return {};
    std::string message = "{\"execute\": " + jsonString(command)
        + (argumentsJson.empty() ? "" : ", \"arguments\": " + argumentsJson) + "}\n";
    if (write(m_qmp, message.data(), message.size()) != ssize_t(message.size()))
        return {};
    return readReply();
}

std::string GuestSession::hmp(const std::string& commandLine)
{
    return unescapedReturn(qmp("human-monitor-command", "{\"command-line\": " + jsonString(commandLine) + "}"));
}

void GuestSession::type(const std::string& text)
{
    for (char c : text) {
        std::string keys = "[{\"type\": \"qcode\", \"data\": \"" + qcodeFor(c) + "\"}]";
        if (std::isupper(static_cast<unsigned char>(c)))
            keys = "[{\"type\": \"qcode\", \"data\": \"shift\"}, " + keys.substr(1);
        // Held 20 ms, then a pause, so a doubled letter is two presses, not one long one.
        qmp("send-key", "{\"keys\": " + keys + ", \"hold-time\": 20}");
        std::this_thread::sleep_for(60ms);
    }
}

std::string GuestSession::vgaText()
{
    // 80 x 25 cells of (character, attribute): read the words, keep the low bytes.
    std::istringstream dump(hmp("xp /2000hx 0xb8000"));
    std::string screen, row, line;
    while (std::getline(dump, line)) {
        size_t colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::istringstream words(line.substr(colon + 1));
        std::string word;
        while (words >> word) {
            int character = int(std::stoul(word, nullptr, 16) & 0xff);
            row += (character >= 32 && character < 127) ? char(character) : ' ';
            if (row.size() == 80) {
                row.erase(row.find_last_not_of(' ') + 1);
                screen += row + '\n';
                row.clear();
            }
        }
    }
    return screen;
}

int GuestSession::waitForExit(int timeoutSeconds)
{
    if (m_exitStatus != -1 || m_pid <= 0)
        return m_exitStatus;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
    for (;;) {
        int status = 0;
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            return m_exitStatus;
        }
        if (std::chrono::steady_clock::now() >= deadline)
            return -1;
        std::this_thread::sleep_for(50ms);
    }
}

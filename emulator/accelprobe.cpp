#include "accelprobe.h"
#include "accelprobecache.h"

#include <QProcess>

#include <optional>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/kvm.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace Keel {

namespace {

constexpr quint64 kGuestCodeAddress = 0x1000;
constexpr quint16 kProbePort = 0x10;
constexpr quint8 kProbeValue = 0x2a;

class FileDescriptor
{
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor() { if (m_fd >= 0) ::close(m_fd); }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;
    int get() const { return m_fd; }
    bool isValid() const { return m_fd >= 0; }

private:
    int m_fd;
};

QString errnoText(const char *what)
{
    return QStringLiteral("%1 failed: %2").arg(QLatin1String(what), QString::fromLocal8Bit(std::strerror(errno)));
}

// Real-mode code: mov eax, 0x2a; movd xmm0, eax; xor eax, eax; movd eax, xmm0; out 0x10, al; hlt.
// The SSE moves matter: on some nested hosts KVM runs plain code but every SSE instruction traps
// into an emulation failure ("KVM internal error. Suberror: 1"), and compiled C++ is full of them.
const unsigned char kGuestCode[] = {
    0x66, 0xb8, kProbeValue, 0x00, 0x00, 0x00, // mov eax, 0x2a
    0x66, 0x0f, 0x6e, 0xc0,                    // movd xmm0, eax
    0x66, 0x31, 0xc0,                          // xor eax, eax
    0x66, 0x0f, 0x7e, 0xc0,                    // movd eax, xmm0
    0xe6, quint8(kProbePort),                  // out 0x10, al
    0xf4,                                      // hlt
};
constexpr quint64 kCr0Monitor = 1u << 1;  // MP
constexpr quint64 kCr0Emulate = 1u << 2;  // EM: must be clear for SSE
constexpr quint64 kCr4Osfxsr = 1u << 9;   // SSE enabled by the "OS"

QString runGuest(int vm, int vcpu, kvm_run *run)
{
    kvm_sregs sregs{};
    if (ioctl(vcpu, KVM_GET_SREGS, &sregs) < 0)
        return errnoText("KVM_GET_SREGS");
    sregs.cs.base = 0;
    sregs.cs.selector = 0;
    sregs.cr0 = (sregs.cr0 | kCr0Monitor) & ~kCr0Emulate;
    sregs.cr4 |= kCr4Osfxsr;
    if (ioctl(vcpu, KVM_SET_SREGS, &sregs) < 0)
        return errnoText("KVM_SET_SREGS");
    kvm_regs regs{};
    regs.rip = kGuestCodeAddress;
    regs.rflags = 0x2;
    if (ioctl(vcpu, KVM_SET_REGS, &regs) < 0)
        return errnoText("KVM_SET_REGS");
    if (ioctl(vcpu, KVM_RUN, 0) < 0)
        return errnoText("KVM_RUN");
    if (run->exit_reason == KVM_EXIT_INTERNAL_ERROR)
        return QStringLiteral("KVM cannot run SSE instructions here (internal error %1)").arg(run->internal.suberror);
    if (run->exit_reason != KVM_EXIT_IO || run->io.port != kProbePort
        || reinterpret_cast<const quint8 *>(run)[run->io.data_offset] != kProbeValue)
        return QStringLiteral("the probe guest did not reach its port write (exit reason %1)").arg(run->exit_reason);
    if (ioctl(vcpu, KVM_RUN, 0) < 0)
        return errnoText("KVM_RUN");
    if (run->exit_reason != KVM_EXIT_HLT)
        return QStringLiteral("the probe guest did not halt (exit reason %1)").arg(run->exit_reason);
    return {};
}

QString probeKvm()
{
    FileDescriptor kvm(::open("/dev/kvm", O_RDWR | O_CLOEXEC));
    if (!kvm.isValid())
        return errnoText("opening /dev/kvm");
    if (ioctl(kvm.get(), KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
        return QStringLiteral("/dev/kvm speaks an unexpected API version");
    FileDescriptor vm(ioctl(kvm.get(), KVM_CREATE_VM, 0));
    if (!vm.isValid())
        return errnoText("KVM_CREATE_VM");
    const size_t memorySize = 0x1000;
    void *memory = mmap(nullptr, memorySize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED)
        return errnoText("mmap");
    std::memcpy(memory, kGuestCode, sizeof kGuestCode);
    kvm_userspace_memory_region region{};
    region.guest_phys_addr = kGuestCodeAddress;
    region.memory_size = memorySize;
    region.userspace_addr = reinterpret_cast<quint64>(memory);
    QString problem;
    if (ioctl(vm.get(), KVM_SET_USER_MEMORY_REGION, &region) < 0)
        problem = errnoText("KVM_SET_USER_MEMORY_REGION");
    if (problem.isEmpty()) {
        FileDescriptor vcpu(ioctl(vm.get(), KVM_CREATE_VCPU, 0));
        const int runSize = ioctl(kvm.get(), KVM_GET_VCPU_MMAP_SIZE, 0);
        void *run = vcpu.isValid() && runSize > 0
            ? mmap(nullptr, size_t(runSize), PROT_READ | PROT_WRITE, MAP_SHARED, vcpu.get(), 0) : MAP_FAILED;
        if (run == MAP_FAILED) {
            problem = errnoText("creating a vCPU");
        } else {
            problem = runGuest(vm.get(), vcpu.get(), static_cast<kvm_run *>(run));
            munmap(run, size_t(runSize));
        }
    }
    munmap(memory, memorySize);
    return problem;
}

} // namespace

QString AccelProbe::kvmProblem()
{
    return probeKvm();
}

QString AccelProbe::qemuKvmProblem(const QString &qemuProgram)
{
    constexpr int kProbeTimeoutMilliseconds = 5000;
    QProcess qemu;
    qemu.start(qemuProgram, {QStringLiteral("-accel"), QStringLiteral("kvm"), QStringLiteral("-cpu"), QStringLiteral("host"),
                             QStringLiteral("-M"), QStringLiteral("microvm"), QStringLiteral("-nodefaults"),
                             QStringLiteral("-display"), QStringLiteral("none"), QStringLiteral("-S"),
                             QStringLiteral("-qmp"), QStringLiteral("stdio")});
    // QMP commands are served only once machine set-up (where broken KVM aborts) is done.
    qemu.write("{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"query-status\"}\n{\"execute\":\"quit\"}\n");
    if (!qemu.waitForFinished(kProbeTimeoutMilliseconds)) {
        qemu.kill();
        qemu.waitForFinished();
        return QStringLiteral("QEMU did not answer within %1 s").arg(kProbeTimeoutMilliseconds / 1000);
    }
    if (qemu.readAllStandardOutput().contains("\"status\""))
        return {};
    const QStringList errors = QString::fromLocal8Bit(qemu.readAllStandardError()).split(u'\n', Qt::SkipEmptyParts);
    return errors.isEmpty() ? QStringLiteral("QEMU failed to start with -accel kvm") : errors.last().trimmed();
}

namespace {
std::optional<QString> s_problem; // this process's verdict once probed, read or recorded
}

AccelProbe::Verdict AccelProbe::cachedKvmProblem(const QString &qemuProgram)
{
    if (s_problem)
        return Verdict{*s_problem, false};
    if (auto cached = AccelProbeCache::load(qemuProgram)) {
        s_problem = *cached;
        return Verdict{*cached, false};
    }
    QString problem = probeKvm();
    if (problem.isEmpty())
        problem = qemuKvmProblem(qemuProgram);
    AccelProbeCache::store(qemuProgram, problem);
    s_problem = problem;
    return Verdict{problem, true};
}

void AccelProbe::recordKvmFailure(const QString &qemuProgram, const QString &problem)
{
    s_problem = problem;
    AccelProbeCache::store(qemuProgram, problem);
}

AccelChoice AccelProbe::resolve(QemuAccel requested, const QString &qemuProgram)
{
    if (requested == QemuAccel::Tcg)
        return {QemuAccel::Tcg, {}};
    const Verdict verdict = cachedKvmProblem(qemuProgram);
    if (verdict.problem.isEmpty())
        return {QemuAccel::Kvm, {}};
    if (requested == QemuAccel::Kvm) {
        return {QemuAccel::Kvm, QStringLiteral("KVM was requested but does not work here (%1); QEMU will likely fail — "
                                           "use --accel tcg").arg(verdict.problem)};
    }
    // The fallback is said once per boot, when the probe ran; later runs use TCG quietly.
    if (!verdict.fresh)
        return {QemuAccel::Tcg, {}};
    return {QemuAccel::Tcg, QStringLiteral("KVM unavailable (%1); using TCG emulation").arg(verdict.problem)};
}

} // namespace Keel

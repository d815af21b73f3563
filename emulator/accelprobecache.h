// AccelProbeCache: remembers the KVM probe's verdict for the rest of the host's boot, so only the
// first `keel run` after a reboot (or a QEMU upgrade) pays for probing.
//
//   if (auto cached = AccelProbeCache::load(qemu)) problem = *cached;
//   else AccelProbeCache::store(qemu, problem = probe());
#pragma once

#include <QString>

#include <optional>

namespace Keel {

class AccelProbeCache
{
public:
    // The verdict stored for this boot and this QEMU binary (empty string = KVM works).
    static std::optional<QString> load(const QString &qemuProgram);
    static void store(const QString &qemuProgram, const QString &problem);

private:
    static QString key(const QString &qemuProgram);
    static QString path();
};

} // namespace Keel

// AccelProbe: decides between KVM and TCG. KVM is used only when /dev/kvm opens, a tiny guest
// really runs under it, AND QEMU itself gets through machine set-up with `-accel kvm -cpu host`
// (nested KVM is often present but broken: on some hosts QEMU aborts setting MSRs); otherwise TCG.
// The answer is cached for the rest of the host's boot (AccelProbeCache).
//
//   Keel::AccelChoice choice = Keel::AccelProbe::resolve(profile.accel, qemuProgram);
//   if (!choice.note.isEmpty()) qInfo().noquote() << choice.note;
#pragma once

#include "runprofile.h"

namespace Keel {

struct AccelChoice {
    QemuAccel accel = QemuAccel::Tcg;
    QString note; // why auto fell back, or why an explicit kvm will fail; empty when unremarkable
};

class AccelProbe
{
public:
    static AccelChoice resolve(QemuAccel requested, const QString &qemuProgram);
    // Runs a tiny real-mode guest (port I/O and SSE moves) through the KVM ioctls; empty when it works.
    static QString kvmProblem();
    // Starts QEMU paused with KVM and asks it over QMP for its status; empty when it answers.
    static QString qemuKvmProblem(const QString &qemuProgram);

    // A run under KVM failed where the probes passed (e.g. "KVM internal error"): later runs, in
    // this process and (through the cache) in others, resolve auto to TCG.
    static void recordKvmFailure(const QString &qemuProgram, const QString &problem);

private:
    struct Verdict {
        QString problem; // empty when KVM works
        bool fresh = false; // probed by this process rather than read from the per-boot cache
    };
    static Verdict cachedKvmProblem(const QString &qemuProgram);
};

} // namespace Keel

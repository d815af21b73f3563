// AccelProbe: decides between KVM and TCG. KVM is used only when /dev/kvm opens AND a tiny guest
// really runs under it (nested KVM is often present but broken); otherwise TCG.
//
//   Keel::AccelChoice choice = Keel::AccelProbe::resolve(profile.accel);
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
    static AccelChoice resolve(QemuAccel requested);
    // Runs a 5-byte real-mode guest through the KVM ioctls; empty string when it works.
    static QString kvmProblem();

private:
    static QString cachedKvmProblem();
};

} // namespace Keel

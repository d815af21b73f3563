#include "imageflags.h"

namespace Keel {

QString profileName(Profile profile)
{
    return profile == Profile::Release ? QStringLiteral("release") : QStringLiteral("debug");
}

std::optional<Profile> parseProfile(const QString &name)
{
    if (name == QLatin1String("debug"))
        return Profile::Debug;
    if (name == QLatin1String("release"))
        return Profile::Release;
    return std::nullopt;
}

namespace ImageFlags {

QStringList compileFlags(Profile profile, const QString &keelRoot, const QString &genDir,
                         const QStringList &defines)
{
    // The essentials are the contract in docs/ARCHITECTURE.md ("Image build"); section-per-
    // function lets --gc-sections drop what the app never calls.
    QStringList flags = {
        QStringLiteral("-std=gnu++20"), QStringLiteral("-ffreestanding"),
        QStringLiteral("-fno-exceptions"), QStringLiteral("-fno-rtti"),
        QStringLiteral("-mno-red-zone"), QStringLiteral("-nostdlib"),
        QStringLiteral("-fno-pic"), QStringLiteral("-fno-pie"),
        QStringLiteral("-mcmodel=small"), QStringLiteral("-fstack-protector-strong"),
        QStringLiteral("-fno-omit-frame-pointer"), QStringLiteral("-fno-asynchronous-unwind-tables"),
        QStringLiteral("-ffunction-sections"), QStringLiteral("-fdata-sections"),
        QStringLiteral("-Wall"), QStringLiteral("-Wextra")};
    if (profile == Profile::Debug)
        flags << QStringLiteral("-O2") << QStringLiteral("-g");
    else
        flags << QStringLiteral("-Os");
    flags << QStringLiteral("-I") + keelRoot + QStringLiteral("/kernel/include")
          << QStringLiteral("-I") + keelRoot + QStringLiteral("/kernel")
          << QStringLiteral("-I") + genDir;
    for (const QString &define : defines)
        flags << QStringLiteral("-D") + define;
    return flags;
}

QStringList cFlags(const QStringList &compileFlags)
{
    QStringList flags;
    for (const QString &flag : compileFlags) {
        if (flag == QLatin1String("-std=gnu++20"))
            flags << QStringLiteral("-std=gnu11");
        else if (flag != QLatin1String("-fno-exceptions") && flag != QLatin1String("-fno-rtti"))
            flags << flag;
    }
    return flags;
}

QStringList linkFlags(Profile profile, const QString &keelRoot)
{
    Q_UNUSED(profile); // both profiles link the same way; release strips afterwards
    return {QStringLiteral("-nostdlib"), QStringLiteral("-static"), QStringLiteral("-no-pie"),
            QStringLiteral("-z"), QStringLiteral("max-page-size=0x1000"),
            QStringLiteral("-z"), QStringLiteral("noexecstack"),
            QStringLiteral("--gc-sections"),
            QStringLiteral("-T"), keelRoot + QStringLiteral("/kernel/arch/x86_64/linker.ld")};
}

} // namespace ImageFlags
} // namespace Keel

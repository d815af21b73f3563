#include "accelprobecache.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace Keel {

QString AccelProbeCache::path()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/keel/kvm-probe");
}

// The verdict holds while the kernel (boot id), the QEMU binary and its modification time stay the same.
QString AccelProbeCache::key(const QString &qemuProgram)
{
    QFile bootId(QStringLiteral("/proc/sys/kernel/random/boot_id"));
    if (!bootId.open(QIODevice::ReadOnly))
        return {};
    const QString program = QStandardPaths::findExecutable(qemuProgram).isEmpty()
        ? qemuProgram : QStandardPaths::findExecutable(qemuProgram);
    const QFileInfo binary(program);
    return QString::fromLatin1(bootId.readAll().trimmed()) + u' ' + binary.canonicalFilePath() + u' '
        + QString::number(binary.lastModified().toSecsSinceEpoch());
}

std::optional<QString> AccelProbeCache::load(const QString &qemuProgram)
{
    const QString expected = key(qemuProgram);
    QFile file(path());
    if (expected.isEmpty() || !file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    if (lines.size() < 2 || lines.at(0) != expected)
        return std::nullopt;
    return lines.at(1);
}

void AccelProbeCache::store(const QString &qemuProgram, const QString &problem)
{
    const QString keyLine = key(qemuProgram);
    if (keyLine.isEmpty() || !QDir().mkpath(QFileInfo(path()).path()))
        return;
    QSaveFile file(path());
    if (!file.open(QIODevice::WriteOnly))
        return;
    QString verdict = problem;
    verdict.replace(u'\n', u' ');
    file.write((keyLine + u'\n' + verdict + u'\n').toUtf8());
    file.commit();
}

} // namespace Keel

#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace KeelTest {

TempProject::TempProject()
{
    EXPECT_TRUE(m_dir.isValid());
}

void TempProject::write(const QString &relative, const QByteArray &content) const
{
    const QString path = file(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile out(path);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly)) << qPrintable(path);
    out.write(content);
}

Keel::ManifestRegistry registryFrom(const QList<QByteArray> &manifests)
{
    Keel::ManifestRegistry registry;
    for (const QByteArray &text : manifests) {
        Keel::Diagnostics diagnostics;
        auto manifest = Keel::ModuleManifest::parse(QString::fromUtf8(text),
                                                    QStringLiteral("/kernel/module.toml"),
                                                    &diagnostics);
        EXPECT_TRUE(manifest.has_value()) << qPrintable(renderAll(diagnostics));
        if (manifest) {
            manifest->manifestPath = QStringLiteral("/kernel/%1/module.toml").arg(manifest->id);
            registry.add(*manifest);
        }
    }
    return registry;
}

QString renderAll(const Keel::Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Keel::Diagnostic &d : diagnostics)
        lines << d.render();
    return lines.join(QLatin1Char('\n'));
}

} // namespace KeelTest

// Locates the Keel tree: the folder that holds kernel/ and templates/.
//
//   QString error;
//   auto tree = Keel::KeelTree::locate(&error);
//   if (!tree) fail(error);
//   tree->kernelDir();
#pragma once

#include <QString>
#include <optional>

namespace Keel {

class KeelTree
{
public:
    explicit KeelTree(const QString &root);

    // Order: $KEEL_ROOT; the running executable's folder and its ancestors;
    // <exe>/../share/keel; the source tree this library was built from.
    static std::optional<KeelTree> locate(QString *error);
    static bool looksLikeKeelTree(const QString &dir);

    QString root() const { return m_root; }
    QString kernelDir() const;
    QString templatesDir() const;
    QString includeDir() const;   // kernel/include
    QString linkerScript() const; // kernel/arch/x86_64/linker.ld

private:
    QString m_root;
};

} // namespace Keel

// RuntimeDirectory: a private (0700) directory holding one run's UNIX sockets (VNC and gdb; QMP
// and serial are socket pairs, see InheritedSocket). It is removed when the object dies, and
// with it the directories of runs that died without cleaning up. Nothing listens on TCP.
//
//   Keel::RuntimeDirectory dir;                   // $XDG_RUNTIME_DIR/keel-<pid>-XXXXXX or /tmp/…
//   if (!dir.isValid()) return fail(dir.errorString());
//   QString gdb = dir.socketPath(u"gdb");
#pragma once

#include <QString>

namespace Keel {

class RuntimeDirectory
{
public:
    explicit RuntimeDirectory(const QString &baseDirectory = defaultBaseDirectory());
    ~RuntimeDirectory();
    RuntimeDirectory(const RuntimeDirectory &) = delete;
    RuntimeDirectory &operator=(const RuntimeDirectory &) = delete;

    bool isValid() const { return !m_path.isEmpty(); }
    QString errorString() const { return m_errorString; }
    QString path() const { return m_path; }
    QString socketPath(QStringView name) const;
    void remove();

    // $XDG_RUNTIME_DIR when set and usable, else /tmp.
    static QString defaultBaseDirectory();
    // Removes keel-<pid>-* directories of ours whose process is gone; returns how many.
    static int removeStale(const QString &baseDirectory);

private:
    QString m_baseDirectory;
    QString m_path;
    QString m_errorString;
};

} // namespace Keel

#include "freshnessstamp.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <charconv>
#include <climits>
#include <map>
#include <optional>
#include <string_view>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

namespace Keel::FreshnessStamp {

namespace {

// Format: this version line, one "exe" line, the environment lines (sorted by name), then one
// line per recorded path ("file <mtime ns> <size> <path>", "dir <mtime ns> <path>"; the path
// last because it may hold spaces) and "end <number of path lines>" to tell a truncated stamp.
const QByteArray kVersionLine = QByteArrayLiteral("keel-fresh 1\n");
const QString kStampName = QStringLiteral("/.keel-fresh");
// File timestamps come from a coarse clock that may lag the wall clock by a tick, so an edit
// made just after the build started can carry a slightly earlier mtime.
constexpr qint64 kClockSlackNs = 20'000'000;

enum class Kind { File, Folder };

struct PathState {
    qint64 mtimeNs = 0;
    qint64 size = 0;
};

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

std::optional<PathState> stateOf(const char *path)
{
    struct stat info;
    if (::stat(path, &info) != 0)
        return std::nullopt;
    return PathState{qint64(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec,
                     qint64(info.st_size)};
}

// "exe <mtime> <size> <path>": the builder logic that produced build.ninja is compiled into
// the program, so a stamp from another program (or an older build of this one) proves nothing.
QByteArray programLine()
{
    char path[PATH_MAX];
    const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path);
    const auto state = stateOf("/proc/self/exe");
    if (length <= 0 || length >= qsizetype(sizeof path) || !state)
        return {};
    return "exe " + QByteArray::number(state->mtimeNs) + ' ' + QByteArray::number(state->size)
           + ' ' + QByteArray(path, length) + '\n';
}

// The variables the builder reads: KEEL_ROOT (the tree), HOME (~/.cache/keel/<root>), PATH
// (the tools, ccache) and every KEEL_<ROOT>_DIR ([external] sources), "unset NAME" when absent.
// Read from environ directly: this runs on the fast path.
std::optional<QByteArray> environmentLines()
{
    std::map<QByteArray, std::optional<QByteArray>> variables{
        {"HOME", std::nullopt}, {"KEEL_ROOT", std::nullopt}, {"PATH", std::nullopt}};
    for (char **entry = environ; *entry; ++entry) {
        const std::string_view text(*entry);
        const size_t equals = text.find('=');
        if (equals == std::string_view::npos)
            continue;
        const QByteArray name(text.data(), qsizetype(equals));
        if (!variables.contains(name) && !(name.startsWith("KEEL_") && name.endsWith("_DIR")))
            continue;
        auto &value = variables[name];
        if (!value) // getenv() answers with the first of duplicate entries
            value = QByteArray(text.data() + equals + 1, qsizetype(text.size() - equals - 1));
    }
    QByteArray lines;
    for (const auto &[name, value] : variables) {
        if (value && value->contains('\n'))
            return std::nullopt;
        lines += value ? "env " + name + '=' + *value + '\n' : "unset " + name + '\n';
    }
    return lines;
}

std::optional<QByteArray> readAll(const QByteArray &path)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    QByteArray content;
    char buffer[65536];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) != 0;) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            ::close(fd);
            return std::nullopt;
        }
        content.append(buffer, n);
    }
    ::close(fd);
    return content;
}

// Parses "<digits> " at `p`; returns what follows, or nullptr.
const char *number(const char *p, const char *end, qint64 *value)
{
    const auto [next, status] = std::from_chars(p, end, *value);
    if (status != std::errc() || next == end || *next != ' ')
        return nullptr;
    return next + 1;
}

// One path line, its path null-terminated in place.
bool entryUnchanged(const char *line, const char *end)
{
    const std::string_view text(line, size_t(end - line));
    const bool isFile = text.starts_with("file ");
    if (!isFile && !text.starts_with("dir "))
        return false;
    qint64 mtime = 0;
    qint64 size = 0;
    const char *p = number(line + (isFile ? 5 : 4), end, &mtime);
    if (p && isFile)
        p = number(p, end, &size);
    if (!p || p == end)
        return false;
    const auto state = stateOf(p);
    return state && state->mtimeNs == mtime && (!isFile || state->size == size);
}

std::optional<QByteArray> ninjaTool(const QString &buildDir, const QString &tool, QString *error)
{
    QProcess process;
    process.start(QStringLiteral("ninja"), {QStringLiteral("-C"), buildDir, QStringLiteral("-t"),
                                            tool});
    if (process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit
        && process.exitCode() == 0)
        return process.readAllStandardOutput();
    const QString why = process.error() == QProcess::UnknownError
                            ? QString::fromLocal8Bit(process.readAllStandardError()).trimmed()
                            : process.errorString();
    fail(error, QStringLiteral("ninja -C %1 -t %2 failed: %3").arg(buildDir, tool, why));
    return std::nullopt;
}

// ninja 1.12 shell-quotes `-t inputs` paths that need it ('a b', 'it'\''s'); 1.11 prints them raw.
QByteArray unquoted(const QByteArray &line)
{
    if (!line.startsWith('\''))
        return line;
    QByteArray out;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line[i] == '\'')
            quoted = !quoted;
        else if (line[i] == '\\' && !quoted && i + 1 < line.size())
            out += line[++i];
        else
            out += line[i];
    }
    return out;
}

// Absolute and lexically clean, as ninja itself treats paths.
QByteArray absolutePath(const QString &buildDir, const QByteArray &path)
{
    const QString name = QFile::decodeName(path);
    return QFile::encodeName(QDir::cleanPath(QDir::isAbsolutePath(name)
                                                 ? name
                                                 : buildDir + QLatin1Char('/') + name));
}

// `-t deps` prints "target: #deps N, deps mtime X (VALID|STALE)", then the dependencies indented
// by four spaces. Only entries of `targets` count: the log keeps targets no longer built.
bool addHeaders(const QByteArray &deps, const QSet<QByteArray> &targets, QList<QByteArray> *headers,
                QString *error)
{
    bool wanted = false;
    for (const QByteArray &line : deps.split('\n')) {
        if (line.startsWith("    ")) {
            if (wanted)
                *headers << line.mid(4);
            continue;
        }
        const qsizetype colon = line.lastIndexOf(": #deps ");
        if (colon < 0)
            continue;
        wanted = targets.contains(line.left(colon));
        if (wanted && !line.endsWith("(VALID)"))
            return fail(error, QStringLiteral("ninja's dependency log is stale for %1")
                                   .arg(QString::fromLocal8Bit(line.left(colon))));
    }
    return true;
}

// Every input ninja knows for the default targets, with the header dependencies of its deps log.
bool ninjaInputs(const QString &buildDir, QList<QByteArray> *files, QString *error)
{
    const auto inputs = ninjaTool(buildDir, QStringLiteral("inputs"), error);
    const auto deps = inputs ? ninjaTool(buildDir, QStringLiteral("deps"), error) : std::nullopt;
    if (!deps)
        return false;
    QSet<QByteArray> targets;
    for (const QByteArray &line : inputs->split('\n')) {
        if (!line.isEmpty())
            targets.insert(unquoted(line));
    }
    QList<QByteArray> headers;
    if (!addHeaders(*deps, targets, &headers, error))
        return false;
    for (const QByteArray &path : std::as_const(targets))
        *files << absolutePath(buildDir, path);
    for (const QByteArray &path : std::as_const(headers))
        *files << absolutePath(buildDir, path);
    return true;
}

void addFolderTree(const QString &dir, QList<QByteArray> *folders, QSet<QString> *seen)
{
    const QString canonical = QFileInfo(dir).canonicalFilePath();
    if (canonical.isEmpty() || seen->contains(canonical)) // missing, or a symlink loop
        return;
    seen->insert(canonical);
    *folders << QFile::encodeName(dir);
    const QStringList names = QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : names) {
        // GlobMatcher's rule: build output and tool folders (.git, .cache) are never sources.
        if (!name.startsWith(QLatin1Char('.')) && name != QLatin1String("build"))
            addFolderTree(dir + QLatin1Char('/') + name, folders, seen);
    }
}

// Appends the path lines; false when a path is missing or was modified at/after `startNs`
// outside the build folder (edited during the build: the image may predate the edit).
bool addEntries(const QList<QByteArray> &paths, Kind kind, const QByteArray &buildFolder,
                qint64 startNs, QByteArray *stamp, QString *error)
{
    for (const QByteArray &path : paths) {
        const auto state = stateOf(path.constData());
        QString problem;
        if (!state)
            problem = QStringLiteral("%1 is missing");
        else if (path.contains('\n'))
            problem = QStringLiteral("%1 has a line break in its name");
        else if (!path.startsWith(buildFolder) && state->mtimeNs >= startNs)
            problem = QStringLiteral("%1 was modified during the build");
        if (!problem.isEmpty())
            return fail(error, problem.arg(QFile::decodeName(path)));
        *stamp += (kind == Kind::Folder ? "dir " : "file ") + QByteArray::number(state->mtimeNs);
        if (kind == Kind::File)
            *stamp += ' ' + QByteArray::number(state->size);
        *stamp += ' ' + path + '\n';
    }
    return true;
}

// What the build read: ninja's inputs and headers, the image files, keel.toml, module.toml.
bool buildFiles(const BuildPlan &plan, QList<QByteArray> *files, QString *error)
{
    if (!ninjaInputs(plan.buildDir, files, error))
        return false;
    for (const QString &path : {plan.imagePath(), plan.unstrippedPath(), plan.mapPath()}) {
        if (QFileInfo::exists(path))
            *files << QFile::encodeName(path);
    }
    *files << QFile::encodeName(plan.ninjaPath());
    for (const QString &path : plan.configurationFiles)
        *files << QFile::encodeName(path);
    std::sort(files->begin(), files->end());
    files->erase(std::unique(files->begin(), files->end()), files->end());
    return true;
}

QByteArray stampPath(const QString &buildDir)
{
    return QFile::encodeName(buildDir + kStampName);
}

} // namespace

bool record(const BuildPlan &plan, const QDateTime &buildStarted, QString *error)
{
    discard(plan.buildDir);
    QList<QByteArray> files;
    if (!buildFiles(plan, &files, error))
        return false;
    QList<QByteArray> folders;
    QSet<QString> seen;
    for (const QString &root : plan.sourceFolders)
        addFolderTree(QDir::cleanPath(root), &folders, &seen);

    const auto environment = environmentLines();
    const QByteArray program = programLine();
    if (!environment || program.isEmpty() || !buildStarted.isValid())
        return fail(error, QStringLiteral("cannot tell the environment, program or start time"));
    QByteArray stamp = kVersionLine + program + *environment;
    const QByteArray buildFolder = QFile::encodeName(QDir::cleanPath(plan.buildDir)) + '/';
    const qint64 startNs = buildStarted.toMSecsSinceEpoch() * 1'000'000 - kClockSlackNs;
    if (!addEntries(files, Kind::File, buildFolder, startNs, &stamp, error)
        || !addEntries(folders, Kind::Folder, buildFolder, startNs, &stamp, error))
        return false;
    stamp += "end " + QByteArray::number(files.size() + folders.size()) + '\n';

    QSaveFile out(plan.buildDir + kStampName);
    if (!out.open(QIODevice::WriteOnly) || out.write(stamp) != stamp.size() || !out.commit())
        return fail(error,
                    QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
    return true;
}

bool isFresh(const QString &buildDir)
{
    auto content = readAll(stampPath(buildDir));
    const auto environment = environmentLines();
    const QByteArray program = programLine();
    if (!content || !environment || program.isEmpty())
        return false;
    const QByteArray header = kVersionLine + program + *environment;
    if (!content->startsWith(header))
        return false;
    char *const data = content->data();
    qint64 entries = 0;
    for (qsizetype pos = header.size(); pos < content->size();) {
        const qsizetype end = content->indexOf('\n', pos);
        if (end < 0)
            return false;
        data[end] = '\0';
        if (std::string_view(data + pos).starts_with("end ")) {
            qint64 count = -1;
            const auto [next, status] = std::from_chars(data + pos + 4, data + end, count);
            return status == std::errc() && next == data + end && count == entries
                   && end + 1 == content->size();
        }
        if (!entryUnchanged(data + pos, data + end))
            return false;
        ++entries;
        pos = end + 1;
    }
    return false;
}

void discard(const QString &buildDir)
{
    ::unlink(stampPath(buildDir).constData());
}

} // namespace Keel::FreshnessStamp

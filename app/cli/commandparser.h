// CommandParser: QCommandLineParser with keel's conventions — `--help` on every command prints
// the command's usage and exits 0; a bad option or argument prints `keel: error: …` with a hint
// and exits 2.
//
//   Keel::Cli::CommandParser parser(u"size"_s, u"Print the image size report."_s);
//   parser.addOption({u"release"_s, u"Report on the release image."_s});
//   if (auto exit = parser.parse(arguments)) return *exit;
#pragma once

#include <QCommandLineParser>
#include <optional>

namespace Keel::Cli {

class CommandParser
{
public:
    CommandParser(const QString &command, const QString &description);

    void addOption(const QCommandLineOption &option) { m_parser.addOption(option); }
    void addPositional(const QString &name, const QString &description, const QString &syntax = {});
    // Number of positional arguments allowed (default: none).
    void setPositionalRange(int minimum, int maximum);

    // arguments: everything after the command name. nullopt: carry on; else exit with it.
    std::optional<int> parse(const QStringList &arguments);
    std::optional<int> usageError(const QString &message) const;

    QCommandLineParser &parser() { return m_parser; }
    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList positional() const { return m_parser.positionalArguments(); }
    QString helpText() const;

private:
    QString m_command;
    QCommandLineParser m_parser;
    int m_minimumPositional = 0;
    int m_maximumPositional = 0;
};

} // namespace Keel::Cli

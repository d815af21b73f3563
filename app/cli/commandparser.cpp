#include "commandparser.h"

#include "cliconsole.h"

namespace Keel::Cli {

CommandParser::CommandParser(const QString &command, const QString &description)
    : m_command(command)
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addHelpOption();
}

void CommandParser::addPositional(const QString &name, const QString &description, const QString &syntax)
{
    m_parser.addPositionalArgument(name, description, syntax);
}

void CommandParser::setPositionalRange(int minimum, int maximum)
{
    m_minimumPositional = minimum;
    m_maximumPositional = maximum;
}

QString CommandParser::helpText() const
{
    // QCommandLineParser names the program only; keel's usage names the command too.
    QString text = m_parser.helpText();
    const QString usage = QStringLiteral("Usage: ");
    const qsizetype end = text.indexOf(u' ', usage.size());
    if (text.startsWith(usage) && end > 0)
        text.replace(0, end, usage + QStringLiteral("keel ") + m_command);
    return text;
}

std::optional<int> CommandParser::usageError(const QString &message) const
{
    printError(message, QStringLiteral("see 'keel %1 --help'").arg(m_command));
    return kExitUsage;
}

std::optional<int> CommandParser::parse(const QStringList &arguments)
{
    if (!m_parser.parse(QStringList{QStringLiteral("keel")} + arguments))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(QStringLiteral("help"))) {
        print(helpText());
        return kExitOk;
    }
    const int count = int(m_parser.positionalArguments().size());
    if (count > m_maximumPositional)
        return usageError(QStringLiteral("unexpected argument '%1'").arg(m_parser.positionalArguments().at(m_maximumPositional)));
    if (count < m_minimumPositional)
        return usageError(QStringLiteral("missing argument"));
    return std::nullopt;
}

} // namespace Keel::Cli

// Edits keel.toml (or any TOML file) the way a person would: only the value text of the key
// being changed is replaced, a missing key goes at the end of its table, a missing table after
// its parent (or at the end), and every comment, blank line and spacing stays as it was.
// Saves are atomic and refuse to write text that toml++ cannot parse.
//
//   QString error;
//   auto editor = Keel::KeelTomlEditor::load(project.tomlPath, &error);
//   if (!editor) fail(error);
//   editor->setValue("run", "memory", "32M");                       // memory = "32M"
//   editor->setValue("run", "cpus", 2);                             // cpus = 2
//   editor->setStringArray("kernel", "features", {"serial", "timer"});
//   editor->setValue("kernel.options", "heap.size", "1M");          // heap.size = "1M"
//   if (!editor->save(project.tomlPath, &error)) fail(error);
#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>
#include <optional>

namespace Keel {

struct TomlEntry;

class KeelTomlEditor {
public:
    explicit KeelTomlEditor(const QString& text = {});

    // Reads the file; fails (with file:line:column) when it is not valid TOML.
    static std::optional<KeelTomlEditor> load(const QString& path, QString* error);
    // Validates, then writes atomically (builder/filewriter); unchanged files are not touched.
    bool save(const QString& path, QString* error) const;

    QString text() const { return m_text; }
    bool isValid(QString* error) const; // toml++ parses it

    bool hasKey(const QString& section, const QString& key) const;
    QString valueText(const QString& section, const QString& key) const; // raw TOML, "" if absent
    // The value as toml++ reads it (bool, qint64, double, QString or QStringList); invalid
    // QVariant when absent or of another type.
    QVariant value(const QString& section, const QString& key) const;
    QStringList stringArray(const QString& section, const QString& key) const;

    // QString → "basic string", bool, integers, double, QStringList → array of strings.
    void setValue(const QString& section, const QString& key, const QVariant& value);
    // A multi-line array keeps its lines (and their comments) for the elements that stay.
    void setStringArray(const QString& section, const QString& key, const QStringList& values);
    bool removeKey(const QString& section, const QString& key); // false when absent

    static QString formatValue(const QVariant& value); // the TOML text for a value

private:
    void replaceValue(const TomlEntry& entry, const QString& valueText);
    void insertEntry(const QString& section, const QString& key, const QString& valueText);
    int newSectionPosition(const QString& section) const;
    bool editArrayInPlace(const TomlEntry& entry, const QStringList& values);

    QString m_text;
};

} // namespace Keel

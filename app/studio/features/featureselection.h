// The project's feature choice as the Kernel Features panel edits it: what keel.toml asks
// for, what builder's FeatureResolver makes of it, and changes tried on a copy first so a
// change that breaks the rules is explained (with a fix) instead of written. Accepted changes
// go to keel.toml through builder's KeelTomlEditor, keeping the user's comments.
//
//   Keel::Studio::FeatureSelection selection(registry);
//   selection.load("/home/me/hello/keel.toml", &error);
//   FeatureChange change = selection.apply({"timer"}, {});
//   change.explanation;   // "timer is on (requested in keel.toml); it turned on interrupts: …"
#pragma once

#include "featureresolver.h"
#include "manifestregistry.h"
#include "project.h"

#include <QObject>
#include <memory>

namespace Keel::Studio {

struct FeatureChange {
    bool applied = false; // false: keel.toml is unchanged
    QString explanation; // what happened and why, or why it cannot happen
    QStringList fixTurnOn; // a change that would work instead (empty: none known)
    QStringList fixTurnOff;
    QString error; // keel.toml could not be written (file:line and how to fix)
};

class FeatureSelection : public QObject {
    Q_OBJECT
public:
    explicit FeatureSelection(ManifestRegistry registry, QObject* parent = nullptr);

    bool load(const QString& tomlPath, QString* error); // empty path: nothing loaded
    bool isLoaded() const { return !m_tomlPath.isEmpty(); }
    QString tomlPath() const { return m_tomlPath; }
    const ManifestRegistry& registry() const { return m_registry; }
    const FeatureResolver& resolver() const { return *m_resolver; }
    QString loadProblem() const { return m_loadProblem; } // keel.toml does not resolve

    // Turns the given features on and off together. Applied and written when the result
    // resolves; otherwise nothing changes and the answer says why and what would work.
    FeatureChange apply(const QStringList& turnOn, const QStringList& turnOff);

    // raw: bool, qint64 or QString as the editor has it; checked against the manifest.
    bool setOption(const QString& module, const QString& name, const QVariant& raw, QString* error);
    QVariant optionValue(const QString& module, const QString& name) const;

signals:
    void tomlWritten(const QString& path);
    void changed(); // after load and after every applied change

private:
    bool resolveInto(FeatureResolver* resolver, const QStringList& requested,
        const QStringList& disabled, Diagnostics* diagnostics) const;
    bool write(const QStringList& requested, const QStringList& disabled, QString* error);
    QString describeApplied(
        const QStringList& turnOn, const QStringList& turnOff, const QSet<QString>& before) const;
    void suggestFix(const FeatureResolver& trial, const QStringList& turnOn,
        const QStringList& turnOff, FeatureChange* change) const;

    ManifestRegistry m_registry;
    std::unique_ptr<FeatureResolver> m_resolver;
    QString m_tomlPath;
    Project m_project;
    QString m_loadProblem;
};

} // namespace Keel::Studio

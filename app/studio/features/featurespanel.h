// The Kernel Features dock: every kernel module grouped by category with a check box, a search
// filter, the selected module's help and option editors, and the bytes each feature added in
// the last build. Checking or unchecking goes through FeatureSelection (builder's resolver), so
// the panel says why other features came along, or why the change cannot be made and which
// change would work (the Fix button applies it).
//
//   auto* panel = new Keel::Studio::FeaturesPanel;
//   panel->setRegistry(std::move(registry));
//   panel->setProject("/home/me/hello/keel.toml");
#pragma once

#include "featureselection.h"
#include "history/historyrecords.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
class QFormLayout;

namespace Keel::Studio {

class OptionEditor;

class FeaturesPanel : public QWidget {
    Q_OBJECT
public:
    explicit FeaturesPanel(QWidget* parent = nullptr);

    void setRegistry(ManifestRegistry registry, const QString& unavailableReason = {});
    void setProject(const QString& tomlPath); // empty: no project
    void setFeatureSizes(const QList<FeatureSizeRecord>& sizes);

    FeatureSelection* selection() const { return m_selection; }
    QLineEdit* searchField() const { return m_search; }
    QTreeWidget* tree() const { return m_tree; }
    QTreeWidgetItem* itemFor(const QString& id) const;
    QString messageText() const;
    QPushButton* fixButton() const { return m_fix; }
    void selectFeature(const QString& id);
    OptionEditor* optionEditor(const QString& module, const QString& name) const;
    QString detailsText() const; // title, help and why of the selected feature

signals:
    void tomlWritten(const QString& path);

private:
    void rebuildTree();
    void refreshStates();
    void applyFilter();
    void onItemChanged(QTreeWidgetItem* item);
    void showChange(const FeatureChange& change);
    void showNote(const QString& text);
    void applyFix();
    void showDetails();
    void onOptionEdited(const QString& module, const QString& name, const QVariant& raw);

    FeatureSelection* m_selection = nullptr;
    QLineEdit* m_search;
    QTreeWidget* m_tree;
    QLabel* m_message;
    QPushButton* m_fix;
    QLabel* m_title;
    QLabel* m_help;
    QLabel* m_why;
    QWidget* m_optionsBox;
    QFormLayout* m_options;
    QList<FeatureSizeRecord> m_sizes;
    FeatureChange m_pendingFix;
    QString m_unavailable; // why there are no kernel modules to show
    bool m_updating = false;
};

} // namespace Keel::Studio

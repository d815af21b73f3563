#include "featurespanel.h"
#include "optioneditor.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace Keel::Studio {

namespace {

constexpr int kIdRole = Qt::UserRole;

QLabel* wrappingLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

FeaturesPanel::FeaturesPanel(QWidget* parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
    , m_message(wrappingLabel(this))
    , m_fix(new QPushButton(this))
    , m_title(wrappingLabel(this))
    , m_help(wrappingLabel(this))
    , m_why(wrappingLabel(this))
    , m_optionsBox(new QWidget(this))
    , m_options(new QFormLayout(m_optionsBox))
{
    m_search->setPlaceholderText(tr("Search features…"));
    m_search->setClearButtonEnabled(true);
    m_tree->setHeaderLabels({tr("Feature"), tr("Size")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    m_fix->hide();
    m_message->hide();
    m_title->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_why->setStyleSheet(QStringLiteral("font-style: italic;"));
    m_options->setContentsMargins(0, 0, 0, 0);

    auto* details = new QWidget(this);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    for (QWidget* widget : {static_cast<QWidget*>(m_title), static_cast<QWidget*>(m_help),
             static_cast<QWidget*>(m_why), m_optionsBox})
        detailsLayout->addWidget(widget);
    detailsLayout->addStretch();
    // Wrapped help text needs a height the splitter cannot know in advance; in a scroll area a
    // long text scrolls instead of being drawn over the option editors.
    auto* detailsScroll = new QScrollArea(this);
    detailsScroll->setWidget(details);
    detailsScroll->setWidgetResizable(true);
    detailsScroll->setFrameShape(QFrame::NoFrame);
    detailsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tree);
    splitter->addWidget(detailsScroll);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_search);
    layout->addWidget(m_message);
    layout->addWidget(m_fix);
    layout->addWidget(splitter, 1);

    connect(m_search, &QLineEdit::textChanged, this, &FeaturesPanel::applyFilter);
    connect(m_tree, &QTreeWidget::itemChanged, this, &FeaturesPanel::onItemChanged);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &FeaturesPanel::showDetails);
    connect(m_fix, &QPushButton::clicked, this, &FeaturesPanel::applyFix);
    setRegistry({});
}

void FeaturesPanel::setRegistry(ManifestRegistry registry, const QString& unavailableReason)
{
    delete m_selection;
    m_selection = new FeatureSelection(std::move(registry), this);
    connect(m_selection, &FeatureSelection::tomlWritten, this, &FeaturesPanel::tomlWritten);
    connect(m_selection, &FeatureSelection::changed, this, &FeaturesPanel::refreshStates);
    m_unavailable = unavailableReason;
    rebuildTree();
    setProject({});
}

void FeaturesPanel::setProject(const QString& tomlPath)
{
    QString error;
    m_pendingFix = {};
    m_fix->hide();
    m_message->hide();
    if (!m_unavailable.isEmpty())
        showChange({false, m_unavailable, {}, {}, {}});
    else if (!m_selection->load(tomlPath, &error))
        showChange({false, error, {}, {}, {}});
    else if (tomlPath.isEmpty())
        showNote(tr("Open a project to choose its kernel features."));
    else if (!m_selection->loadProblem().isEmpty())
        showChange({false, m_selection->loadProblem(), {}, {}, {}});
    showDetails();
}

void FeaturesPanel::rebuildTree()
{
    m_updating = true;
    m_tree->clear();
    QMap<QString, QTreeWidgetItem*> categories;
    for (const ModuleManifest& module : m_selection->registry().modules()) {
        const QString category = module.category.isEmpty() ? tr("Other") : module.category;
        QTreeWidgetItem*& parent = categories[category];
        if (!parent) {
            parent = new QTreeWidgetItem(m_tree, {category});
            QFont bold = parent->font(0);
            bold.setBold(true);
            parent->setFont(0, bold);
            parent->setFlags(Qt::ItemIsEnabled);
        }
        auto* item
            = new QTreeWidgetItem(parent, {module.title.isEmpty() ? module.id : module.title});
        item->setData(0, kIdRole, module.id);
        item->setCheckState(0, Qt::Unchecked);
    }
    m_tree->sortItems(0, Qt::AscendingOrder);
    m_tree->expandAll();
    m_updating = false;
    refreshStates();
}

// Check marks, tooltips and sizes from the resolver; features another one turned on (and
// core) are shown checked but cannot be unchecked here — the tooltip says what holds them.
void FeaturesPanel::refreshStates()
{
    m_updating = true;
    const FeatureResolver& resolver = m_selection->resolver();
    const QLocale locale;
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
        QTreeWidgetItem* category = m_tree->topLevelItem(c);
        for (int i = 0; i < category->childCount(); ++i) {
            QTreeWidgetItem* item = category->child(i);
            const QString id = item->data(0, kIdRole).toString();
            const bool on = resolver.isEnabled(id);
            const EnableReason reason = resolver.reason(id);
            const bool locked
                = on && (reason == EnableReason::AlwaysOn || reason == EnableReason::Selected);
            item->setCheckState(0, on ? Qt::Checked : Qt::Unchecked);
            Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
            if (!locked && m_selection->isLoaded())
                flags |= Qt::ItemIsUserCheckable;
            item->setFlags(flags);
            item->setToolTip(
                0, QStringLiteral("%1 — %2").arg(id, on ? resolver.why(id) : resolver.whyNot(id)));
            QString size;
            for (const FeatureSizeRecord& record : std::as_const(m_sizes)) {
                if (record.feature == id)
                    size = locale.formattedDataSize(qint64(record.size));
            }
            item->setText(1, on ? size : QString());
        }
    }
    m_updating = false;
    applyFilter();
    showDetails();
}

void FeaturesPanel::applyFilter()
{
    const QString needle = m_search->text().trimmed();
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
        QTreeWidgetItem* category = m_tree->topLevelItem(c);
        bool anyVisible = false;
        for (int i = 0; i < category->childCount(); ++i) {
            QTreeWidgetItem* item = category->child(i);
            const QString id = item->data(0, kIdRole).toString();
            const ModuleManifest* module = m_selection->registry().find(id);
            const bool match = needle.isEmpty() || id.contains(needle, Qt::CaseInsensitive)
                || item->text(0).contains(needle, Qt::CaseInsensitive)
                || (module && module->help.contains(needle, Qt::CaseInsensitive))
                || category->text(0).contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            anyVisible = anyVisible || match;
        }
        category->setHidden(!anyVisible);
    }
}

void FeaturesPanel::onItemChanged(QTreeWidgetItem* item)
{
    if (m_updating || !item->data(0, kIdRole).isValid())
        return;
    const QString id = item->data(0, kIdRole).toString();
    const bool wantOn = item->checkState(0) == Qt::Checked;
    if (wantOn == m_selection->resolver().isEnabled(id))
        return;
    m_tree->setCurrentItem(item);
    const FeatureChange change
        = wantOn ? m_selection->apply({id}, {}) : m_selection->apply({}, {id});
    if (!change.applied)
        refreshStates(); // put the check mark back
    showChange(change);
}

void FeaturesPanel::showChange(const FeatureChange& change)
{
    QString text = change.error.isEmpty() ? change.explanation : change.error;
    m_pendingFix = change;
    const bool fix
        = !change.applied && (!change.fixTurnOn.isEmpty() || !change.fixTurnOff.isEmpty());
    if (fix) {
        QStringList parts;
        if (!change.fixTurnOff.isEmpty())
            parts << tr("turn off %1").arg(change.fixTurnOff.join(QLatin1String(", ")));
        if (!change.fixTurnOn.isEmpty())
            parts << tr("turn on %1").arg(change.fixTurnOn.join(QLatin1String(", ")));
        const QString fixText = parts.join(tr(" and "));
        m_fix->setText(tr("Fix: %1").arg(fixText));
    }
    m_fix->setVisible(fix);
    m_message->setText(text);
    m_message->setStyleSheet(change.applied ? QString() : QStringLiteral("color: #d32f2f;"));
    m_message->setVisible(!text.isEmpty());
}

void FeaturesPanel::showNote(const QString& text)
{
    m_fix->hide();
    m_message->setStyleSheet({});
    m_message->setText(text);
    m_message->show();
}

void FeaturesPanel::applyFix()
{
    const FeatureChange fix = m_pendingFix;
    showChange(m_selection->apply(fix.fixTurnOn, fix.fixTurnOff));
}

QString FeaturesPanel::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

QTreeWidgetItem* FeaturesPanel::itemFor(const QString& id) const
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(0, kIdRole).toString() == id)
            return *it;
    }
    return nullptr;
}

void FeaturesPanel::selectFeature(const QString& id)
{
    if (QTreeWidgetItem* item = itemFor(id))
        m_tree->setCurrentItem(item);
}

void FeaturesPanel::setFeatureSizes(const QList<FeatureSizeRecord>& sizes)
{
    m_sizes = sizes;
    refreshStates();
}

} // namespace Keel::Studio

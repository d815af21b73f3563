#include "historypanel.h"

#include "charttheme.h"
#include "history/historystore.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QSplitter>
#include <QVBoxLayout>
#include <QValueAxis>

namespace Keel::Studio {

namespace {

constexpr int kPointLimit = 200; // the most recent builds and runs charted

// A line chart of values by sequence number (1 = oldest shown), so builds made seconds
// apart stay apart; the tooltip of the view carries the dates.
QChart* lineChart(const QString& title, const QString& unit, const QList<qreal>& values, const QPalette& palette)
{
    auto* series = new QLineSeries;
    series->setPointsVisible(true);
    qreal largest = 10; // an empty chart still gets whole-number ticks
    for (int i = 0; i < values.size(); ++i) {
        series->append(i + 1, values.at(i));
        largest = qMax(largest, values.at(i));
    }
    auto* chart = new QChart;
    applyChartTheme(chart, palette);
    chart->setTitle(title);
    chart->legend()->hide();
    chart->addSeries(series);
    auto* x = new QValueAxis;
    x->setRange(values.size() > 1 ? 1 : 0, qMax(2, int(values.size())));
    x->setLabelFormat(QStringLiteral("%d"));
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickInterval(qMax(1, int(values.size()) / 8));
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    auto* y = new QValueAxis;
    y->setRange(0, largest * 1.1);
    y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTitleText(unit);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    return chart;
}

QChartView* chartView(QWidget* parent)
{
    auto* view = new QChartView(parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(140);
    return view;
}

} // namespace

HistoryPanel::HistoryPanel(HistoryStore* history, QWidget* parent)
    : QWidget(parent)
    , m_history(history)
    , m_summary(new QLabel(this))
    , m_sizeView(chartView(this))
    , m_bootView(chartView(this))
{
    m_summary->setWordWrap(true);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_sizeView);
    splitter->addWidget(m_bootView);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    reload();
}

void HistoryPanel::setProject(const QString& projectDir)
{
    m_projectDir = projectDir;
    reload();
}

void HistoryPanel::reload()
{
    showBuilds();
    showRuns();
    if (!m_history)
        m_summary->setText(tr("History is off: the history database could not be opened."));
    else if (m_projectDir.isEmpty())
        m_summary->setText(tr("Open a project to see its builds and runs over time."));
    else
        m_summary->setText(tr("%1 successful %2 and %3 %4 with a boot time recorded.")
                               .arg(m_buildPoints)
                               .arg(m_buildPoints == 1 ? tr("build") : tr("builds"))
                               .arg(m_runPoints)
                               .arg(m_runPoints == 1 ? tr("run") : tr("runs")));
}

void HistoryPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) // the theme changed: redraw the charts in it
        reload();
    QWidget::changeEvent(event);
}

QString HistoryPanel::summaryText() const
{
    return m_summary->text();
}

void HistoryPanel::showBuilds()
{
    QList<qreal> kib;
    const QList<BuildRecord> builds = m_history && !m_projectDir.isEmpty()
        ? m_history->builds(m_projectDir, kPointLimit)
        : QList<BuildRecord>();
    for (auto it = builds.crbegin(); it != builds.crend(); ++it) { // oldest first
        if (it->outcome == BuildOutcome::Succeeded && it->imageSize > 0)
            kib << qreal(it->imageSize) / 1024.0;
    }
    m_buildPoints = int(kib.size());
    m_sizeView->setChart(lineChart(tr("Image size by build"), tr("KiB"), kib, palette()));
}

void HistoryPanel::showRuns()
{
    QList<qreal> ms;
    const QList<RunRecord> runs = m_history && !m_projectDir.isEmpty()
        ? m_history->runs(m_projectDir, kPointLimit)
        : QList<RunRecord>();
    for (auto it = runs.crbegin(); it != runs.crend(); ++it) {
        if (it->bootMs)
            ms << qreal(*it->bootMs);
    }
    m_runPoints = int(ms.size());
    m_bootView->setChart(lineChart(tr("Boot time by run"), tr("ms"), ms, palette()));
}

} // namespace Keel::Studio

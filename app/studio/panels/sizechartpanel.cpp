#include "sizechartpanel.h"
#include "charttheme.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QValueAxis>

namespace Keel::Studio {

SizeChartPanel::SizeChartPanel(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_view(new QChartView(this))
{
    m_summary->setWordWrap(true);
    m_view->setRenderHint(QPainter::Antialiasing);
    // A short dock scrolls the chart instead of squeezing its bars into elided labels.
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_view);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(scroll, 1);
    clear();
}

void SizeChartPanel::clear()
{
    m_features.clear();
    m_summary->setText(
        tr("Build the project (Ctrl+B) to see what each feature adds to the image."));
    m_view->setChart(new QChart); // QChartView owns and deletes the previous chart
    m_view->setMinimumHeight(0);
    m_view->chart()->legend()->hide();
    applyChartTheme(m_view->chart(), palette());
}

void SizeChartPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) // the theme changed
        applyChartTheme(m_view->chart(), palette());
    QWidget::changeEvent(event);
}

QString SizeChartPanel::summaryText() const
{
    return m_summary->text();
}

void SizeChartPanel::setSizes(quint64 imageSize, const QList<FeatureSizeRecord>& features)
{
    m_features = features;
    const QLocale locale;
    m_summary->setText(tr("Image: %1 on disk").arg(locale.formattedDataSize(qint64(imageSize))));

    // Horizontal bars draw bottom-up, so append smallest first to put the largest on top.
    // KiB on the value axis: byte counts in six digits ran into each other on a narrow dock.
    auto* set = new QBarSet(tr("KiB"));
    QStringList categories;
    quint64 largest = 1;
    for (auto it = features.crbegin(); it != features.crend(); ++it) {
        *set << qreal(it->size) / 1024;
        categories << QStringLiteral("%1 (%2)").arg(
            it->feature, locale.formattedDataSize(qint64(it->size)));
        largest = qMax(largest, it->size);
    }
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    auto* chart = new QChart;
    applyChartTheme(chart, palette());
    chart->addSeries(series);
    chart->legend()->hide();
    chart->setTitle(tr("Size by feature (KiB)"));
    auto* names = new QBarCategoryAxis;
    names->append(categories);
    chart->addAxis(names, Qt::AlignLeft);
    series->attachAxis(names);
    auto* kib = new QValueAxis;
    kib->setRange(0, qreal(largest) / 1024 * 1.05);
    kib->setTickCount(5);
    kib->applyNiceNumbers();
    kib->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(kib, Qt::AlignBottom);
    series->attachAxis(kib);
    m_view->setChart(chart);
    constexpr int kTitleAndAxisHeight = 100;
    constexpr int kBarHeight = 24;
    m_view->setMinimumHeight(kTitleAndAxisHeight + kBarHeight * int(features.size()));
}

} // namespace Keel::Studio

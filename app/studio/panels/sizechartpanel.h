// The Image Size dock: the last successful build's image size and a bar per feature (from
// builder's size report), largest first, so the cost of each kernel feature is visible.
#pragma once

#include "history/historyrecords.h"

#include <QWidget>

class QChartView;
class QLabel;

namespace Keel::Studio {

class SizeChartPanel : public QWidget {
    Q_OBJECT
public:
    explicit SizeChartPanel(QWidget* parent = nullptr);

    void setSizes(quint64 imageSize, const QList<FeatureSizeRecord>& features);
    void clear();

    QList<FeatureSizeRecord> featureSizes() const { return m_features; }
    QString summaryText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    QLabel* m_summary;
    QChartView* m_view;
    QList<FeatureSizeRecord> m_features;
};

} // namespace Keel::Studio

// The History dock: the project's image size across builds and boot time across runs, from
// the history store, as two Qt Charts line charts (oldest on the left). Reloaded when a
// project opens and after each build or run is recorded.
//
//   auto* history = new Keel::Studio::HistoryPanel(store);
//   history->setProject("/home/me/hello");
#pragma once

#include <QWidget>

class QChartView;
class QLabel;

namespace Keel::Studio {

class HistoryStore;

class HistoryPanel : public QWidget {
    Q_OBJECT
public:
    explicit HistoryPanel(HistoryStore* history, QWidget* parent = nullptr);

    void setProject(const QString& projectDir); // empty: clears
    void reload();

    int buildPointCount() const { return m_buildPoints; }
    int runPointCount() const { return m_runPoints; }
    QString summaryText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void showBuilds();
    void showRuns();

    HistoryStore* m_history;
    QString m_projectDir;
    QLabel* m_summary;
    QChartView* m_sizeView;
    QChartView* m_bootView;
    int m_buildPoints = 0;
    int m_runPoints = 0;
};

} // namespace Keel::Studio

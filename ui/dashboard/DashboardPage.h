#pragma once

#include "AreaPages.h"
#include "itemmodels/DashboardStats.h"

#include <QList>
#include <QTimer>
#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QTableWidget;
class QThread;

namespace warroom::ui {

// The Dashboard area: open cases by status and by engagement type, findings by verdict
// and by severity over the last 30 days with findings, mean times to acknowledge and to
// resolve, and the cases owing a customer action. The figures are read off the GUI
// thread; the page re-reads them when it is shown, when sync changes a case, and every
// minute while it is visible.
class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    static constexpr int RefreshIntervalMs = 60000;

    explicit DashboardPage(const AreaContext &context, QWidget *parent = nullptr);
    ~DashboardPage() override;

    const itemmodels::DashboardStats &stats() const { return m_stats; }
    bool isLoading() const { return m_loading; }

public slots:
    // Re-reads the figures on a worker thread; reloaded() follows.
    void reload();
    // Asks for a reload a moment later, so a burst of changes reads once.
    void scheduleReload();

signals:
    void reloaded();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QChartView *makeChartView(const QString &objectName, const QString &title);
    void apply();
    void styleChart(QChart *chart) const;
    void fillStatusChart();
    void fillEngagementChart();
    void fillFindingCharts();
    void fillTimes();
    void fillPending();

    AreaContext m_context;
    itemmodels::DashboardStats m_stats;
    QLabel *m_summaryLabel = nullptr;
    QLabel *m_acknowledgeLabel = nullptr;
    QLabel *m_resolveLabel = nullptr;
    QChartView *m_statusView = nullptr;
    QChartView *m_engagementView = nullptr;
    QChartView *m_verdictView = nullptr;
    QChartView *m_severityView = nullptr;
    QTableWidget *m_pendingTable = nullptr;
    QTimer m_reloadDelay;
    QTimer m_refresh;
    QList<QThread *> m_threads;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_hasStats = false;
};

} // namespace warroom::ui

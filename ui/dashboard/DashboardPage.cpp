#include "DashboardPage.h"

#include "store/Database.h"
#include "store/Workspace.h"
#include "sync/SyncEngine.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QPieSeries>
#include <QPushButton>
#include <QShowEvent>
#include <QTableWidget>
#include <QThread>
#include <QTimeZone>
#include <QVBoxLayout>
#include <QValueAxis>

namespace warroom::ui {

using namespace Qt::StringLiterals;
using domain::CaseStatus;
using itemmodels::DashboardStats;

namespace {

QString durationText(double hours)
{
    if (hours < 0)
        return QObject::tr("no data yet");
    if (hours < 1)
        return QObject::tr("%1 min").arg(qRound(hours * 60));
    if (hours < 48)
        return QObject::tr("%1 h").arg(hours, 0, 'f', 1);
    return QObject::tr("%1 d").arg(hours / 24, 0, 'f', 1);
}

QColor verdictColor(domain::Verdict verdict)
{
    switch (verdict) {
    case domain::Verdict::Unset:
        return QColor(0xce, 0x93, 0xd8);
    case domain::Verdict::Suppressed:
        return QColor(0x78, 0x90, 0x9c);
    case domain::Verdict::Queued:
        return QColor(0x2e, 0x86, 0xc1);
    case domain::Verdict::Escalated:
        return QColor(0xe5, 0x39, 0x35);
    }
    return {};
}

QColor severityColor(domain::SeverityLabel label)
{
    switch (label) {
    case domain::SeverityLabel::Informational:
        return QColor(0x90, 0xa4, 0xae);
    case domain::SeverityLabel::Low:
        return QColor(0x42, 0xa5, 0xf5);
    case domain::SeverityLabel::Medium:
        return QColor(0xff, 0xb3, 0x00);
    case domain::SeverityLabel::High:
        return QColor(0xf4, 0x51, 0x1e);
    case domain::SeverityLabel::Critical:
        return QColor(0xb7, 0x1c, 0x1c);
    }
    return {};
}

} // namespace

DashboardPage::DashboardPage(const AreaContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(u"dashboardPage"_s);

    m_summaryLabel = new QLabel(tr("Reading the workspace…"), this);
    m_summaryLabel->setObjectName(u"dashboardSummaryLabel"_s);
    auto *refresh = new QPushButton(tr("&Refresh"), this);
    refresh->setObjectName(u"dashboardRefreshPushButton"_s);
    connect(refresh, &QPushButton::clicked, this, &DashboardPage::reload);
    auto *header = new QHBoxLayout;
    header->addWidget(m_summaryLabel, 1);
    header->addWidget(refresh);

    m_statusView = makeChartView(u"openByStatusChartView"_s, tr("Open cases by status"));
    m_engagementView
        = makeChartView(u"openByEngagementChartView"_s, tr("Open cases by engagement type"));
    m_verdictView
        = makeChartView(u"findingsByVerdictChartView"_s, tr("Findings by verdict per day"));
    m_severityView
        = makeChartView(u"findingsBySeverityChartView"_s, tr("Findings by severity per day"));

    auto *times = new QGroupBox(tr("Response times"), this);
    times->setObjectName(u"responseTimesGroupBox"_s);
    m_acknowledgeLabel = new QLabel(times);
    m_acknowledgeLabel->setObjectName(u"meanTimeToAcknowledgeLabel"_s);
    m_resolveLabel = new QLabel(times);
    m_resolveLabel->setObjectName(u"meanTimeToResolveLabel"_s);
    for (QLabel *label : {m_acknowledgeLabel, m_resolveLabel}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
    }
    auto *timesLayout = new QVBoxLayout(times);
    timesLayout->addWidget(m_acknowledgeLabel);
    timesLayout->addWidget(m_resolveLabel);
    timesLayout->addStretch(1);

    auto *pending = new QGroupBox(tr("Cases owing a customer action"), this);
    pending->setObjectName(u"pendingCustomerGroupBox"_s);
    m_pendingTable = new QTableWidget(0, 4, pending);
    m_pendingTable->setObjectName(u"pendingCustomerTableWidget"_s);
    m_pendingTable->setHorizontalHeaderLabels(
        {tr("Case"), tr("Title"), tr("Status"), tr("Last update")});
    m_pendingTable->verticalHeader()->hide();
    m_pendingTable->setWordWrap(false);
    m_pendingTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_pendingTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_pendingTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_pendingTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_pendingTable->setColumnWidth(0, fontMetrics().horizontalAdvance(u"0000000000"_s) + 16);
    m_pendingTable->setColumnWidth(
        2, fontMetrics().horizontalAdvance(u"Detection and Analysis"_s) + 16);
    m_pendingTable->setColumnWidth(3, fontMetrics().horizontalAdvance(u"0000-00-00 00:00"_s) + 16);
    m_pendingTable->setToolTip(tr("Double-click a case to open it on the case board"));
    connect(m_pendingTable, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        if (m_context.showItem && m_pendingTable->item(row, 0))
            m_context.showItem(Area::CaseBoard, m_pendingTable->item(row, 0)->text());
    });
    auto *pendingLayout = new QVBoxLayout(pending);
    pendingLayout->addWidget(m_pendingTable);

    auto *grid = new QGridLayout;
    grid->addWidget(m_statusView, 0, 0);
    grid->addWidget(m_engagementView, 0, 1);
    grid->addWidget(times, 0, 2);
    grid->addWidget(m_verdictView, 1, 0);
    grid->addWidget(m_severityView, 1, 1);
    grid->addWidget(pending, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(header);
    layout->addLayout(grid, 1);

    m_reloadDelay.setSingleShot(true);
    m_reloadDelay.setInterval(300);
    connect(&m_reloadDelay, &QTimer::timeout, this, &DashboardPage::reload);
    m_refresh.setInterval(RefreshIntervalMs);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        if (isVisible())
            reload();
    });
    m_refresh.start();
    if (m_context.sync) {
        connect(
            m_context.sync, &sync::SyncEngine::caseChanged, this, &DashboardPage::scheduleReload);
        connect(
            m_context.sync, &sync::SyncEngine::pullFinished, this, &DashboardPage::scheduleReload);
    }
    apply();
    reload();
}

DashboardPage::~DashboardPage()
{
    for (QThread *thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

QChartView *DashboardPage::makeChartView(const QString &objectName, const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *view = new QChartView(chart, this);
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(170, 200);
    return view;
}

void DashboardPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!event->spontaneous() && m_hasStats)
        reload();
}

void DashboardPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        apply();
}

void DashboardPage::scheduleReload()
{
    m_reloadDelay.start();
}

void DashboardPage::reload()
{
    if (!m_context.workspace)
        return;
    const quint64 generation = ++m_generation;
    m_loading = true;
    store::Database *database = &m_context.workspace->database();
    QThread *thread = QThread::create([this, database, generation] {
        QElapsedTimer timer;
        timer.start();
        QString error;
        auto stats = std::make_shared<DashboardStats>(DashboardStats::load(*database, &error));
        database->releaseThreadConnections();
        const qint64 ms = timer.elapsed();
        QMetaObject::invokeMethod(
            this,
            [this, generation, stats, error, ms] {
                if (generation != m_generation)
                    return;
                m_loading = false;
                if (!error.isEmpty()) {
                    m_summaryLabel->setText(tr("The figures could not be read: %1").arg(error));
                    return;
                }
                m_stats = *stats;
                m_hasStats = true;
                apply();
                m_summaryLabel->setToolTip(tr("Read in %1 ms").arg(ms));
                emit reloaded();
            },
            Qt::QueuedConnection);
    });
    m_threads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_threads.removeOne(thread);
        delete thread;
    });
    thread->start();
}

void DashboardPage::styleChart(QChart *chart) const
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette().color(QPalette::Base));
    chart->setTitleBrush(palette().color(QPalette::Text));
    chart->legend()->setLabelColor(palette().color(QPalette::Text));
    QFont title = font();
    title.setBold(true);
    chart->setTitleFont(title);
    chart->legend()->setFont(font());
}

void DashboardPage::apply()
{
    for (QChartView *view : {m_statusView, m_engagementView, m_verdictView, m_severityView}) {
        view->chart()->removeAllSeries();
        for (QAbstractAxis *axis : view->chart()->axes()) {
            view->chart()->removeAxis(axis);
            delete axis;
        }
        styleChart(view->chart());
        view->setBackgroundBrush(palette().color(QPalette::Base));
    }
    if (!m_hasStats)
        return;
    m_summaryLabel->setText(tr("%1 cases, %2 open · %3 findings · updated %4")
                                .arg(m_stats.cases)
                                .arg(m_stats.openCases)
                                .arg(m_stats.findings)
                                .arg(QTime::currentTime().toString(u"HH:mm:ss"_s)));
    fillStatusChart();
    fillEngagementChart();
    fillFindingCharts();
    fillTimes();
    fillPending();
}

void DashboardPage::fillStatusChart()
{
    QChart *chart = m_statusView->chart();
    auto *set = new QBarSet(tr("Open cases"));
    set->setColor(QColor(0x2e, 0x86, 0xc1));
    set->setLabelColor(palette().color(QPalette::Text));
    QStringList categories;
    // Lifecycle order top to bottom; a horizontal bar chart draws its first category at
    // the bottom, so add them reversed.
    QList<CaseStatus> open = domain::allValues<CaseStatus>();
    open.removeAll(CaseStatus::Closed);
    std::reverse(open.begin(), open.end());
    for (CaseStatus status : open) {
        categories << domain::toString(status);
        *set << m_stats.casesByStatus[size_t(status)];
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(categories);
    y->setLabelsColor(palette().color(QPalette::Text));
    auto *x = new QValueAxis;
    int most = 1;
    for (CaseStatus status : open)
        most = qMax(most, m_stats.casesByStatus[size_t(status)]);
    x->setRange(0, most);
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(0);
    x->setTickInterval(qMax(1, most / 4));
    x->setLabelFormat(u"%d"_s);
    x->setLabelsColor(palette().color(QPalette::Text));
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(y);
    series->attachAxis(x);
    chart->legend()->hide();
}

void DashboardPage::fillEngagementChart()
{
    QChart *chart = m_engagementView->chart();
    auto *series = new QPieSeries;
    series->setHoleSize(0.35);
    const QList<QPair<QString, int>> slices {
        {domain::toString(domain::EngagementType::SecurityIncident), m_stats.openSecurityIncidents},
        {domain::toString(domain::EngagementType::Investigation), m_stats.openInvestigations}};
    const QList<QColor> colors {QColor(0xe5, 0x39, 0x35), QColor(0x2e, 0x86, 0xc1)};
    for (qsizetype i = 0; i < slices.size(); ++i) {
        QPieSlice *slice = series->append(
            u"%1: %2"_s.arg(slices[i].first).arg(slices[i].second), slices[i].second);
        slice->setColor(colors[i]);
        slice->setBorderColor(palette().color(QPalette::Base));
    }
    chart->addSeries(series);
    chart->legend()->show();
}

void DashboardPage::fillFindingCharts()
{
    // Stacked areas over the days, the first value at the bottom; a point per day at noon.
    auto fill = [&](QChart *chart, auto labelOf, auto colorOf, auto countOf, const auto &values) {
        const auto days = m_stats.findingDays.size();
        QList<double> base(days, 0.0);
        for (auto value : values) {
            int sum = 0;
            for (qsizetype d = 0; d < days; ++d)
                sum += countOf(m_stats.findingDays[d], value);
            if (sum == 0)
                continue;
            auto *lower = new QLineSeries;
            auto *upper = new QLineSeries;
            for (qsizetype d = 0; d < days; ++d) {
                const auto x
                    = double(QDateTime(m_stats.findingDays[d].day, QTime(12, 0), QTimeZone::utc())
                                 .toMSecsSinceEpoch());
                lower->append(x, base[d]);
                base[d] += countOf(m_stats.findingDays[d], value);
                upper->append(x, base[d]);
            }
            auto *area = new QAreaSeries(upper, lower);
            upper->setParent(area);
            lower->setParent(area);
            area->setName(labelOf(value));
            area->setColor(colorOf(value));
            area->setBorderColor(colorOf(value).darker(115));
            chart->addSeries(area);
        }
        double most = 1;
        for (double top : std::as_const(base))
            most = qMax(most, top);
        auto *x = new QDateTimeAxis;
        x->setFormat(u"MMM d"_s);
        x->setTickCount(6);
        x->setLabelsColor(palette().color(QPalette::Text));
        if (days > 0)
            x->setRange(QDateTime(m_stats.findingDays.first().day, QTime(12, 0), QTimeZone::utc()),
                QDateTime(m_stats.findingDays.last().day, QTime(12, 0), QTimeZone::utc()));
        auto *y = new QValueAxis;
        y->setRange(0, most);
        y->setLabelFormat(u"%d"_s);
        y->applyNiceNumbers();
        y->setLabelsColor(palette().color(QPalette::Text));
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        for (QAbstractSeries *series : chart->series()) {
            series->attachAxis(x);
            series->attachAxis(y);
        }
        chart->legend()->show();
    };
    fill(
        m_verdictView->chart(),
        [](domain::Verdict v) {
            return v == domain::Verdict::Unset ? tr("Not triaged") : domain::toString(v);
        },
        verdictColor,
        [](const DashboardStats::FindingDay &d, domain::Verdict v) {
            return d.byVerdict[size_t(v)];
        },
        QList<domain::Verdict> {domain::Verdict::Escalated, domain::Verdict::Queued,
            domain::Verdict::Suppressed, domain::Verdict::Unset});
    fill(
        m_severityView->chart(), [](domain::SeverityLabel s) { return domain::toString(s); },
        severityColor,
        [](const DashboardStats::FindingDay &d, domain::SeverityLabel s) {
            return d.bySeverity[size_t(s)];
        },
        QList<domain::SeverityLabel> {domain::SeverityLabel::Critical, domain::SeverityLabel::High,
            domain::SeverityLabel::Medium, domain::SeverityLabel::Low,
            domain::SeverityLabel::Informational});
    if (!m_stats.findingDays.isEmpty()) {
        const QString range
            = tr("%1 – %2").arg(m_stats.findingDays.first().day.toString(u"MMM d"_s),
                m_stats.findingDays.last().day.toString(u"MMM d yyyy"_s));
        m_verdictView->chart()->setTitle(tr("Findings by verdict per day, %1").arg(range));
        m_severityView->chart()->setTitle(tr("Findings by severity per day, %1").arg(range));
    }
}

void DashboardPage::fillTimes()
{
    m_acknowledgeLabel->setText(tr("<b>Mean time to acknowledge</b><br><span style=\"font-size: "
                                   "x-large\">%1</span><br>over %n case(s), creation to the first "
                                   "step out of Submitted",
        nullptr, m_stats.acknowledgedCases)
                                    .arg(durationText(m_stats.meanHoursToAcknowledge)));
    m_resolveLabel->setText(tr("<b>Mean time to resolve</b><br><span style=\"font-size: "
                               "x-large\">%1</span><br>over %n closed case(s), creation to closing",
        nullptr, m_stats.resolvedCases)
                                .arg(durationText(m_stats.meanHoursToResolve)));
}

void DashboardPage::fillPending()
{
    m_pendingTable->setRowCount(int(m_stats.pendingCustomer.size()));
    for (int row = 0; row < m_stats.pendingCustomer.size(); ++row) {
        const DashboardStats::PendingCase &c = m_stats.pendingCustomer.at(row);
        m_pendingTable->setItem(row, 0, new QTableWidgetItem(c.caseId));
        m_pendingTable->setItem(row, 1, new QTableWidgetItem(c.title));
        m_pendingTable->setItem(row, 2, new QTableWidgetItem(domain::toString(c.status)));
        m_pendingTable->setItem(
            row, 3, new QTableWidgetItem(c.lastUpdated.toUTC().toString(u"yyyy-MM-dd HH:mm"_s)));
    }
}

} // namespace warroom::ui

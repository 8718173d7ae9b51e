#pragma once

#include "AreaPages.h"

#include <QDateTime>
#include <QList>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QAction;
class QProgressBar;
class QPushButton;
class QTableView;
class QThread;
class QToolButton;
class QTimer;

namespace warroom::itemmodels {
class CaseListModel;
}
namespace warroom::sync {
class LocalChanges;
}
namespace warroom::timeline {
class TimelineModel;
struct ChainVerification;
} // namespace warroom::timeline

namespace warroom::ui {

class TimelineAxis;

// The Timeline area: pick a case, see its entries on a zoomable time axis (one lane per
// kind) above a list kept in step with it, filter by kind, author and text, check the
// hash chain, add an analyst's entry, export the timeline as CSV and import one, write
// the post-incident report and post the chain head to the case. Reading the store and
// writing files run on worker threads; the GUI thread only shows their results.
class TimelinePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelinePage)

public:
    explicit TimelinePage(const AreaContext &context, QWidget *parent = nullptr);
    ~TimelinePage() override;

    timeline::TimelineModel *model() const { return m_model; }
    TimelineAxis *axis() const { return m_axis; }
    QTableView *list() const { return m_list; }
    QString caseId() const;
    QString verificationText() const;

    // Adds an analyst's entry to the current case through the sync layer
    // (LocalChanges::addTimelineEntry: a marked comment, on the chain at once and sent to
    // the backend) and selects it once the timeline has re-read it. False with *error set.
    bool addEntry(
        const QDateTime &happenedUtc, int offsetSeconds, const QString &text, QString *error);
    // Writes the current case's whole timeline (every field) as CSV through a QSaveFile,
    // read and written on a worker; jobFinished() follows.
    void exportCsv(const QString &path);
    // Writes the current case's post-incident report: PDF, or Markdown when `path` ends
    // in .md. On a worker; jobFinished() follows.
    void exportReport(const QString &path);
    // Imports a timeline CSV (TimelineChain::toCsv's format) into the current case: each
    // entry not on the case yet becomes an analyst entry (LocalChanges, one
    // transaction, synced like any). A file with any bad record adds nothing, and the
    // message names every bad line. Read and checked on a worker; jobFinished() follows.
    void importCsv(const QString &path);
    // Verifies the chain on a worker, then posts its head to the case as a marked
    // comment through the sync layer (LocalChanges::postVerifiedHead); jobFinished().
    void postChainHead();
    bool isBusy() const { return !m_busyText.isEmpty(); }
    QString messageText() const;

public slots:
    // Opens the case's timeline.
    void showItem(const QString &caseId);
    void verifyChain();
    void addEntryInteractively();
    void exportCsvInteractively();
    void exportReportInteractively();
    void importCsvInteractively();

signals:
    // A file job or a chain-head post ended; `message` is what the page shows.
    void jobFinished(bool ok, const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct JobResult
    {
        bool ok = false;
        QString message;
        // Runs on the GUI thread after the job and may change the result (may be empty).
        std::function<void(JobResult &)> then;
    };
    void buildBars(QWidget *top, QWidget *filters);
    QToolButton *buildCaseMenu(QWidget *top);
    // Runs `work` on a worker thread (lower priority, its own store connections),
    // shows `busyText` and a busy bar meanwhile, then the result.
    void runJob(const QString &busyText, std::function<JobResult()> work);
    void finishJob(const JobResult &result);
    void updateActions();
    void casesReloaded(bool ok, const QString &error);
    void caseIdReplaced(const QString &oldId, const QString &newId);
    void caseChosen();
    void applyFilter();
    void modelLoaded();
    void showVerification(const timeline::ChainVerification &result);
    void listCurrentChanged();
    void axisCurrentChanged(qint64 seq);
    void selectSeq(qint64 seq);
    void updateCounts();
    void showMessage(const QString &text, bool problem);
    QString author() const;
    sync::LocalChanges *changes();
    void selectNewest();

    AreaContext m_context;
    itemmodels::CaseListModel *m_cases;
    timeline::TimelineModel *m_model;
    TimelineAxis *m_axis = nullptr;
    QTableView *m_list = nullptr;
    QComboBox *m_caseCombo = nullptr;
    QComboBox *m_kindCombo = nullptr;
    QComboBox *m_authorCombo = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QPushButton *m_verifyButton = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QToolButton *m_caseMenuButton = nullptr;
    QAction *m_reportAction = nullptr;
    QAction *m_postHeadAction = nullptr;
    QAction *m_importAction = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QString m_busyText;
    QList<QThread *> m_jobs;
    bool m_postHeadPending = false;
    QLabel *m_verificationLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_rangeLabel = nullptr;
    QLabel *m_messageLabel = nullptr;
    QWidget *m_statusBar = nullptr;
    QTimer *m_searchDelay = nullptr;
    QString m_pendingCaseId;
    sync::LocalChanges *m_ownChanges = nullptr; // when the window runs no sync engine
    bool m_selectNewest = false;
    bool m_syncingSelection = false;
};

} // namespace warroom::ui

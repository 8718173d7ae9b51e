#pragma once

#include "AreaPages.h"

#include <QDateTime>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
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
// hash chain, add an analyst's entry and export the timeline as CSV.
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
    // Writes the current case's whole timeline (every field) as CSV.
    bool exportCsv(const QString &path, QString *error);

public slots:
    // Opens the case's timeline.
    void showItem(const QString &caseId);
    void verifyChain();
    void addEntryInteractively();
    void exportCsvInteractively();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildBars(QWidget *top, QWidget *filters);
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

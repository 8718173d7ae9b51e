#pragma once

#include "AreaPages.h"
#include "domain/Finding.h"

#include <QWidget>

#include <atomic>
#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QThread;
class QTimer;

namespace warroom::itemmodels {
class FindingDecisions;
class FindingQueueModel;
struct FindingQueueFilter;
} // namespace warroom::itemmodels
namespace warroom::ingest {
struct ImportResult;
}

namespace warroom::ui::triage {

class FindingDetailPane;

// The analyst's queue of findings, driven from the keyboard:
//   J/K or arrows move, Space/X select, E escalate, S suppress, F false positive,
//   Q back to the queue, A assign to me (again: unassign), Ctrl+Z undo, / search,
//   Ctrl+I import, F5 show what is new. Actions apply to the selection, else the current row.
class TriageQueuePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TriageQueuePage)

public:
    explicit TriageQueuePage(const AreaContext &context, QWidget *parent = nullptr);
    ~TriageQueuePage() override;

    itemmodels::FindingQueueModel *model() const { return m_model; }
    // Who decisions are recorded for (the login name unless set).
    void setAnalyst(const QString &name) { m_analyst = name; }
    QString analyst() const { return m_analyst; }
    bool isImporting() const { return m_importThread != nullptr; }
    // Test seam: the name the next "Save filter" uses instead of asking.
    static void setNextFilterName(const QString &name);

public slots:
    void showItem(const QString &findingId);
    void importFile(const QString &path);
    void chooseFileToImport();
    void cancelImport();
    void escalateSelection();
    void suppressSelection();
    void requeueSelection();
    void markFalsePositive();
    void assignSelection();
    void undo();

signals:
    void importFinished(qint64 stored, int issues, bool cancelled, const QString &error);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildUi();
    void buildActions();
    void applyFilterFromControls();
    void setControlsFromFilter(const itemmodels::FindingQueueFilter &filter);
    QStringList targetIds() const;
    void decide(domain::Verdict verdict, const QString &rulePrefix);
    void showCurrentDetails();
    void setCurrentRow(int row);
    void updateCountLabel();
    void reloadSavedFilters();
    void saveCurrentFilter();
    void report(const QString &error);
    void onImportDone(const ingest::ImportResult &result);

    AreaContext m_context;
    QString m_analyst;
    itemmodels::FindingQueueModel *m_model = nullptr;
    std::unique_ptr<itemmodels::FindingDecisions> m_decisions;
    QTableView *m_table = nullptr;
    FindingDetailPane *m_detail = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_verdict = nullptr;
    QComboBox *m_severity = nullptr;
    QCheckBox *m_group = nullptr;
    QComboBox *m_saved = nullptr;
    QFrame *m_newBar = nullptr;
    QLabel *m_newLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_messageLabel = nullptr;
    QFrame *m_importBar = nullptr;
    QProgressBar *m_importProgress = nullptr;
    QPushButton *m_cancelImport = nullptr;
    QTimer *m_searchDelay = nullptr;
    QTimer *m_newPoll = nullptr;
    QThread *m_importThread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_importCancel;
    bool m_settingControls = false;
};

} // namespace warroom::ui::triage

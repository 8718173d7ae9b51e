#pragma once

#include "AreaPages.h"
#include "domain/Finding.h"
#include "domain/SuppressionRule.h"
#include "ingest/FindingRetriage.h"
#include "ingest/SecurityHubPullSettings.h"

#include <QPointer>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

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
class SecurityHubPuller;
} // namespace warroom::ingest
namespace warroom::store {
class Database;
}
namespace warroom::sync {
class TriageShare;
}

namespace warroom::ui::triage {

class FindingDetailPane;
class RuleEditorDialog;

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
    void setAnalyst(const QString &name);
    QString analyst() const { return m_analyst; }
    // An import or a re-triage is running.
    bool isImporting() const { return m_importThread != nullptr; }
    // Whether a rule made here (false positive) re-triages the stored findings (default on).
    void setRetriageOnRuleChange(bool on) { m_retriageOnRuleChange = on; }
    // Test seam: the name the next "Save filter" uses instead of asking.
    static void setNextFilterName(const QString &name);
    // Test seam: where the next Escalate goes instead of asking (empty: a new case).
    static void setNextEscalationTarget(const QString &caseId);
    // Escalates the findings into `caseId` (an open case), or a new case when it is empty,
    // through the workspace's sync layer; the case ID, or empty with the reason reported.
    QString escalateToCase(const QStringList &ids, const QString &caseId);
    // The text of the message line under the table.
    QString lastMessage() const;
    // Opens the rule editor (one at a time), with `proposal` added and selected when given.
    RuleEditorDialog *openRuleEditor(const std::optional<domain::SuppressionRule> &proposal = {});
    RuleEditorDialog *ruleEditor() const;
    // Findings escalated by rules go into cases when the workspace's policy says so and a
    // sync engine runs (FindingAutoEscalation); the number of findings linked.
    qint64 autoEscalate();
    // Decisions shared through warroom-server (null without a sync engine).
    sync::TriageShare *triageShare() const { return m_share; }
    // The workspace's Security Hub pull (scheduled while its settings say so).
    ingest::SecurityHubPuller *securityHubPuller() const { return m_puller; }
    // Test seam: the settings the next "Security Hub settings" saves instead of asking.
    static void setNextPullSettings(const ingest::SecurityHubPullSettings &settings);

public slots:
    void showItem(const QString &findingId);
    void importFile(const QString &path);
    void retriage(ingest::FindingRetriage::Scope scope);
    void chooseFileToImport();
    void cancelImport();
    void escalateSelection();
    void suppressSelection();
    void requeueSelection();
    void markFalsePositive();
    void assignSelection();
    void undo();
    void pullSecurityHub();
    void editSecurityHubSettings();

signals:
    void importFinished(qint64 stored, int issues, bool cancelled, const QString &error);
    void retriageFinished(qint64 changed, bool cancelled);
    void autoEscalated(int casesCreated, int casesUpdated, qint64 findingsLinked);

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
    void followCaseId(const QString &oldId, const QString &newId);
    void moveOnAfterDecision(const QStringList &ids);
    void onImportDone(const ingest::ImportResult &result);
    void applyPullSettings(const ingest::SecurityHubPullSettings &settings);
    void loadPullCredentials();
    // Asks before working on findings another console claimed; false: leave them.
    bool confirmClaimed(const QStringList &ids);
    void onSharedStateChanged(const QStringList &ids);
    // Runs `work` on a worker thread with the progress bar and Cancel; the function it
    // returns runs on the GUI thread when it is done.
    using BackgroundWork = std::function<std::function<void()>(store::Database &database,
        const std::atomic<bool> *cancel, const std::function<void(qint64, qint64)> &progress)>;
    void runInBackground(const QString &what, const BackgroundWork &work);

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
    QLabel *m_hubStatusLabel = nullptr;
    QLabel *m_shareLabel = nullptr;
    sync::TriageShare *m_share = nullptr;
    ingest::SecurityHubPuller *m_puller = nullptr;
    QFrame *m_importBar = nullptr;
    QProgressBar *m_importProgress = nullptr;
    QLabel *m_importLabel = nullptr;
    QPushButton *m_cancelImport = nullptr;
    QTimer *m_searchDelay = nullptr;
    QTimer *m_newPoll = nullptr;
    QThread *m_importThread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_importCancel;
    QPointer<RuleEditorDialog> m_ruleEditor;
    bool m_settingControls = false;
    bool m_retriageOnRuleChange = true;
};

} // namespace warroom::ui::triage

#pragma once

#include "aws/AwsEndpoint.h"
#include "domain/SuppressionRule.h"
#include "ingest/FindingRulePreview.h"
#include "triage/TriageEngine.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;
class QTimer;

namespace warroom::aws {
class AwsHttpClient;
}
namespace warroom::store {
class Database;
}

namespace warroom::ui::triage {

// The triage rules of a workspace and its policy, edited together and saved in one go:
// the ordered rules (move up/down with the buttons or Ctrl+Up/Ctrl+Down, enable with the
// check box, Delete removes, Ctrl+N adds), each with its action, terminal flag, expiry,
// hit count and criteria over the normalised fields with every operator of the engine,
// each checked while typing (a bad CIDR, a bad number, an operator the field does not
// take) with the reason beside it; trusted networks, severity thresholds and the
// auto-escalation policy. The rule being edited is previewed (FindingRulePreview, off
// the GUI thread, 250 ms after the last change): how many stored findings it matches and
// the first 50. A suppression rule can be pushed to GuardDuty as an ARCHIVE filter.
// Save writes the rules and the policy and emits saved(); the queue re-triages then.
class RuleEditorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RuleEditorDialog)

public:
    static constexpr int PreviewDelayMs = 250;

    explicit RuleEditorDialog(store::Database &database, QWidget *parent = nullptr);
    ~RuleEditorDialog() override;

    // Adds `rule` (a proposal, not saved yet) at the end and selects it.
    void propose(const domain::SuppressionRule &rule);

    QList<domain::SuppressionRule> rules() const { return m_rules; }
    warroom::triage::TriagePolicy policy() const;
    int currentRule() const;
    // The last complete preview of the rule being edited (nullopt while it runs).
    std::optional<ingest::RulePreviewResult> preview() const { return m_preview; }
    // Where "Push to GuardDuty" goes: by default the AWS credential chain's profile and
    // Region and the first detector; tests point it at moto_server.
    void setGuardDutyTarget(aws::AwsHttpClient *http, const aws::AwsClientConfig &config,
        const QString &detectorId = QString());

public slots:
    bool save();
    void addRule();
    void deleteRule();
    void moveRule(int delta);
    void pushToGuardDuty();

signals:
    void saved();
    void previewUpdated(const ingest::RulePreviewResult &result);
    void pushFinished(bool ok, const QString &message);

private:
    void buildUi();
    QWidget *buildRulesTab();
    QWidget *buildPolicyTab();
    void loadFromStore();
    void refreshList();
    void showRule(int index);
    void addCriterionRow(const domain::RuleCriterion &criterion);
    void rebuildCriteria();
    void formChanged();
    bool validateRule(int index, QStringList *problems) const;
    void showValidation();
    void validateNetworks();
    void schedulePreview();
    void showPreview(const ingest::RulePreviewResult &result);
    QString listText(int index) const;

    store::Database &m_database;
    QList<domain::SuppressionRule> m_rules;
    QStringList m_originalIds;
    int m_current = -1;
    bool m_loading = false;

    QListWidget *m_list = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QWidget *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_action = nullptr;
    QCheckBox *m_terminal = nullptr;
    QCheckBox *m_enabled = nullptr;
    QCheckBox *m_expires = nullptr;
    QDateTimeEdit *m_expiresAt = nullptr;
    QLabel *m_hits = nullptr;
    QGridLayout *m_criteriaGrid = nullptr;
    QWidget *m_criteriaBox = nullptr;
    QLabel *m_ruleError = nullptr;
    QLabel *m_previewLabel = nullptr;
    QTableWidget *m_previewTable = nullptr;
    QPushButton *m_push = nullptr;
    QLabel *m_message = nullptr;

    QTableWidget *m_networks = nullptr;
    QLabel *m_networksError = nullptr;
    QCheckBox *m_suppressBelow = nullptr;
    QDoubleSpinBox *m_suppressBelowValue = nullptr;
    QCheckBox *m_escalateAt = nullptr;
    QDoubleSpinBox *m_escalateAtValue = nullptr;
    QCheckBox *m_suppressArchived = nullptr;
    QCheckBox *m_foldRepeats = nullptr;
    QCheckBox *m_autoEscalate = nullptr;
    QComboBox *m_grouping = nullptr;
    QCheckBox *m_includeThreshold = nullptr;

    QTimer *m_previewDelay = nullptr;
    ingest::FindingRulePreview *m_previewer = nullptr;
    std::optional<ingest::RulePreviewResult> m_preview;

    aws::AwsHttpClient *m_http = nullptr; // the test's, or m_ownHttp
    aws::AwsHttpClient *m_ownHttp = nullptr;
    std::optional<aws::AwsClientConfig> m_awsConfig;
    QString m_detectorId;
};

} // namespace warroom::ui::triage

#pragma once

#include "ingest/SecurityHubPullSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace warroom::ui::triage {

// The workspace's Security Hub pull: on/off, interval, Region, endpoint, profile and
// filters (RecordState ACTIVE, lowest severity). OK stays disabled while a field is wrong.
class SecurityHubPullDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecurityHubPullDialog)

public:
    explicit SecurityHubPullDialog(
        const ingest::SecurityHubPullSettings &settings, QWidget *parent = nullptr);

    ingest::SecurityHubPullSettings settings() const;

private:
    void check();

    QCheckBox *m_enabled = nullptr;
    QSpinBox *m_interval = nullptr;
    QLineEdit *m_region = nullptr;
    QLineEdit *m_endpoint = nullptr;
    QLineEdit *m_profile = nullptr;
    QCheckBox *m_activeOnly = nullptr;
    QComboBox *m_severity = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace warroom::ui::triage

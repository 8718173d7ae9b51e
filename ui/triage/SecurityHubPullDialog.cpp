#include "SecurityHubPullDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace warroom::ui::triage {

using namespace Qt::StringLiterals;

SecurityHubPullDialog::SecurityHubPullDialog(
    const ingest::SecurityHubPullSettings &settings, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"securityHubPullDialog"_s);
    setWindowTitle(tr("Security Hub pull"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_enabled = new QCheckBox(tr("Pull findings on a schedule"), this);
    m_enabled->setObjectName(u"pullEnabledCheck"_s);
    m_enabled->setChecked(settings.enabled);
    form->addRow(m_enabled);
    m_interval = new QSpinBox(this);
    m_interval->setObjectName(u"pullIntervalSpin"_s);
    m_interval->setRange(1, 1440);
    m_interval->setSuffix(tr(" min"));
    m_interval->setValue(settings.intervalMinutes);
    form->addRow(tr("Every"), m_interval);
    m_region = new QLineEdit(settings.region, this);
    m_region->setObjectName(u"pullRegionEdit"_s);
    form->addRow(tr("Region"), m_region);
    m_endpoint = new QLineEdit(settings.endpointUrl.toString(), this);
    m_endpoint->setObjectName(u"pullEndpointEdit"_s);
    m_endpoint->setPlaceholderText(tr("The Region's Security Hub"));
    form->addRow(tr("Endpoint URL"), m_endpoint);
    m_profile = new QLineEdit(settings.profile, this);
    m_profile->setObjectName(u"pullProfileEdit"_s);
    m_profile->setPlaceholderText(tr("AWS_PROFILE or default"));
    form->addRow(tr("AWS profile"), m_profile);
    m_activeOnly = new QCheckBox(tr("Only active findings (RecordState ACTIVE)"), this);
    m_activeOnly->setObjectName(u"pullActiveOnlyCheck"_s);
    m_activeOnly->setChecked(settings.activeOnly);
    form->addRow(m_activeOnly);
    m_severity = new QComboBox(this);
    m_severity->setObjectName(u"pullSeverityCombo"_s);
    m_severity->addItem(tr("Any severity"), QString());
    for (const QString &label : ingest::SecurityHubPullSettings::severityLabels())
        m_severity->addItem(tr("%1 and above").arg(label), label);
    m_severity->setCurrentIndex(std::max(0, m_severity->findData(settings.minimumSeverity)));
    form->addRow(tr("Severity"), m_severity);
    layout->addLayout(form);
    auto *note = new QLabel(tr("Each pull asks for findings updated since the newest one the "
                               "last complete pull saw. Keys come from the AWS credential chain "
                               "(environment, then the profile); they are not stored here."),
        this);
    note->setWordWrap(true);
    layout->addWidget(note);
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"pullProblemLabel"_s);
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_region, m_endpoint, m_profile})
        connect(edit, &QLineEdit::textChanged, this, &SecurityHubPullDialog::check);
    connect(m_interval, &QSpinBox::valueChanged, this, &SecurityHubPullDialog::check);
    check();
}

ingest::SecurityHubPullSettings SecurityHubPullDialog::settings() const
{
    ingest::SecurityHubPullSettings settings;
    settings.enabled = m_enabled->isChecked();
    settings.intervalMinutes = m_interval->value();
    settings.region = m_region->text().trimmed();
    settings.endpointUrl = QUrl(m_endpoint->text().trimmed());
    settings.profile = m_profile->text().trimmed();
    settings.activeOnly = m_activeOnly->isChecked();
    settings.minimumSeverity = m_severity->currentData().toString();
    return settings;
}

void SecurityHubPullDialog::check()
{
    const QString problem = settings().problem();
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace warroom::ui::triage

#include "EscalationDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace warroom::ui::triage {

using namespace Qt::StringLiterals;

EscalationDialog::EscalationDialog(
    int findingCount, const QList<std::pair<QString, QString>> &openCases, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"escalationDialog"_s);
    setWindowTitle(tr("Escalate findings"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Escalate %n finding(s) into:", nullptr, findingCount), this);
    intro->setObjectName(u"escalationIntroLabel"_s);
    layout->addWidget(intro);
    m_newCase = new QRadioButton(
        tr("A new case (title, accounts, Regions, services and IPs from the findings)"), this);
    m_newCase->setObjectName(u"escalateNewCaseRadioButton"_s);
    m_newCase->setChecked(true);
    layout->addWidget(m_newCase);
    m_existing = new QRadioButton(tr("An open case:"), this);
    m_existing->setObjectName(u"escalateExistingCaseRadioButton"_s);
    layout->addWidget(m_existing);
    m_cases = new QComboBox(this);
    m_cases->setObjectName(u"escalateCaseComboBox"_s);
    for (const auto &[id, title] : openCases)
        m_cases->addItem(u"%1 \u2014 %2"_s.arg(id, title), id);
    m_cases->setEnabled(false);
    layout->addWidget(m_cases);
    if (openCases.isEmpty()) {
        m_existing->setEnabled(false);
        m_existing->setText(tr("An open case (there is none)"));
    }
    connect(m_existing, &QRadioButton::toggled, m_cases, &QWidget::setEnabled);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(u"escalationButtonBox"_s);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Escalate"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString EscalationDialog::chosenCaseId() const
{
    return m_existing->isChecked() ? m_cases->currentData().toString() : QString();
}

} // namespace warroom::ui::triage

#include "ResponderEditor.h"

#include "FieldErrorLabel.h"
#include "domain/Enums.h"
#include "domain/Validation.h"
#include "onboarding/OnboardingDraft.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace warroom::ui {

ResponderEditor::ResponderEditor(QWidget *parent)
    : QWidget(parent)
{
    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(u"teamTable"_s);
    m_table->setHorizontalHeaderLabels(
        {tr("Role"), tr("Name"), tr("Job title"), tr("E-mail"), tr("Notifications")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->setMinimumHeight(120);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().lineSpacing() + 8);

    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(u"responderNameEdit"_s);
    m_nameEdit->setPlaceholderText(tr("3 to 50 characters"));
    m_jobTitleEdit = new QLineEdit(this);
    m_jobTitleEdit->setObjectName(u"responderJobTitleEdit"_s);
    m_jobTitleEdit->setPlaceholderText(tr("1 to 50 characters"));
    m_emailEdit = new QLineEdit(this);
    m_emailEdit->setObjectName(u"responderEmailEdit"_s);
    m_emailEdit->setPlaceholderText(tr("name@example.com"));
    m_nameError = new FieldErrorLabel(u"responderNameError"_s, this);
    m_jobTitleError = new FieldErrorLabel(u"responderJobTitleError"_s, this);
    m_emailError = new FieldErrorLabel(u"responderEmailError"_s, this);
    m_teamError = new FieldErrorLabel(u"teamError"_s, this);

    m_preferences = new QListWidget(this);
    m_preferences->setObjectName(u"communicationPreferencesList"_s);
    m_preferences->setMaximumHeight(110);
    for (const auto type : domain::allValues<domain::CommunicationType>()) {
        auto *item = new QListWidgetItem(domain::toString(type), m_preferences);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        // Case events are what responders act on; membership events are opt-in.
        const bool caseEvent = domain::toString(type).startsWith(u"Case"_s);
        item->setCheckState(caseEvent ? Qt::Checked : Qt::Unchecked);
        item->setData(Qt::UserRole, int(type));
    }

    m_addButton = new QPushButton(tr("&Add responder"), this);
    m_addButton->setObjectName(u"addResponderButton"_s);
    m_removeButton = new QPushButton(tr("&Remove selected"), this);
    m_removeButton->setObjectName(u"removeResponderButton"_s);

    auto *form = new QFormLayout;
    auto fieldWithError = [this](QWidget *field, FieldErrorLabel *error) {
        auto *box = new QWidget(this);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        v->addWidget(field);
        v->addWidget(error);
        v->addStretch(1); // spare height below, so the field stays level with its label
        return box;
    };
    form->addRow(tr("&Name:"), fieldWithError(m_nameEdit, m_nameError));
    form->addRow(tr("&Job title:"), fieldWithError(m_jobTitleEdit, m_jobTitleError));
    form->addRow(tr("&E-mail:"), fieldWithError(m_emailEdit, m_emailError));
    form->addRow(tr("Notify &about:"), m_preferences);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_teamError);
    layout->addLayout(form);
    layout->addLayout(buttons);

    for (QLineEdit *edit : {m_nameEdit, m_jobTitleEdit, m_emailEdit})
        connect(edit, &QLineEdit::textChanged, this, [this] {
            m_formTouched = true;
            validateForm();
        });
    connect(m_addButton, &QPushButton::clicked, this, &ResponderEditor::addResponderFromForm);
    connect(m_removeButton, &QPushButton::clicked, this, &ResponderEditor::removeSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
        [this] { m_removeButton->setEnabled(!m_table->selectedItems().isEmpty()); });
    refreshTable();
    validateForm();
}

void ResponderEditor::setTeam(const QList<domain::IncidentResponder> &team)
{
    m_team = team;
    refreshTable();
    validateForm();
}

QString ResponderEditor::teamError() const
{
    onboarding::OnboardingDraft draft;
    draft.team = m_team;
    const auto errors = onboarding::validateTeam(draft);
    return errors.isEmpty() ? QString() : errors.first().message;
}

domain::IncidentResponder ResponderEditor::formResponder() const
{
    domain::IncidentResponder r;
    r.name = m_nameEdit->text().trimmed();
    r.jobTitle = m_jobTitleEdit->text().trimmed();
    r.email = m_emailEdit->text().trimmed();
    for (int i = 0; i < m_preferences->count(); ++i)
        if (m_preferences->item(i)->checkState() == Qt::Checked)
            r.communicationPreferences.append(
                domain::CommunicationType(m_preferences->item(i)->data(Qt::UserRole).toInt()));
    return r;
}

void ResponderEditor::validateForm()
{
    const auto errors = onboarding::validateResponder(formResponder(), m_team, -1);
    // Untouched empty fields are not errors yet; the button stays disabled.
    auto show = [&](FieldErrorLabel *label, QLineEdit *edit, const QString &field) {
        label->setMessage(edit->text().isEmpty() && !m_formTouched
                ? QString()
                : onboarding::firstMessage(errors, field));
    };
    show(m_nameError, m_nameEdit, u"name"_s);
    show(m_jobTitleError, m_jobTitleEdit, u"jobTitle"_s);
    show(m_emailError, m_emailEdit, u"email"_s);
    const bool full = m_team.size() >= domain::limits::TeamMax;
    m_addButton->setEnabled(errors.isEmpty() && !full);
    QString teamMessage = teamError();
    if (full)
        teamMessage = tr("The team has %1 responders, the most Security Incident Response "
                         "accepts; remove one before adding another.")
                          .arg(domain::limits::TeamMax);
    m_teamError->setMessage(teamMessage);
}

bool ResponderEditor::addResponderFromForm()
{
    m_formTouched = true;
    validateForm();
    if (m_team.size() >= domain::limits::TeamMax)
        return false;
    const domain::IncidentResponder r = formResponder();
    if (!onboarding::validateResponder(r, m_team, -1).isEmpty())
        return false;
    m_team.append(r);
    m_nameEdit->clear();
    m_jobTitleEdit->clear();
    m_emailEdit->clear();
    m_formTouched = false;
    refreshTable();
    validateForm();
    emit teamChanged();
    return true;
}

void ResponderEditor::removeSelected()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_team.size())
        return;
    m_team.removeAt(row);
    refreshTable();
    validateForm();
    emit teamChanged();
}

void ResponderEditor::refreshTable()
{
    m_table->setRowCount(int(m_team.size()));
    for (int row = 0; row < m_team.size(); ++row) {
        const auto &r = m_team.at(row);
        QStringList prefs;
        for (const auto p : r.communicationPreferences)
            prefs.append(domain::toString(p));
        const QString role = row == 0 ? tr("Primary") : row == 1 ? tr("Secondary") : QString();
        const QStringList cells {role, r.name, r.jobTitle, r.email,
            prefs.isEmpty()         ? tr("none")
                : prefs.size() == 1 ? tr("1 event")
                                    : tr("%1 events").arg(prefs.size())};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == 4)
                item->setToolTip(prefs.join(u'\n'));
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_removeButton->setEnabled(m_table->currentRow() >= 0);
}

} // namespace warroom::ui

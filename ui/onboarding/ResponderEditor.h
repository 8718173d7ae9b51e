#pragma once

#include "domain/Membership.h"

#include <QWidget>

class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace warroom::ui {

class FieldErrorLabel;

// The incident response team: a table of responders (the first two marked primary and
// secondary) and a form to add one, with live validation of each field against the
// model (name 3-50, job title 1-50, e-mail 6-254 and its pattern), no duplicates, and
// 2 to 10 responders. Used by the wizard and the Membership view.
class ResponderEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponderEditor)

public:
    explicit ResponderEditor(QWidget *parent = nullptr);

    QList<domain::IncidentResponder> team() const { return m_team; }
    void setTeam(const QList<domain::IncidentResponder> &team);
    // The team's own problem (count, duplicates), empty when the team is valid.
    QString teamError() const;
    bool isTeamValid() const { return teamError().isEmpty(); }

    // Adds the responder in the form; false (with the messages shown) when it is invalid.
    bool addResponderFromForm();

signals:
    void teamChanged();

private:
    domain::IncidentResponder formResponder() const;
    void validateForm();
    void refreshTable();
    void removeSelected();

    QList<domain::IncidentResponder> m_team;
    QTableWidget *m_table = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QLineEdit *m_jobTitleEdit = nullptr;
    QLineEdit *m_emailEdit = nullptr;
    QListWidget *m_preferences = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    FieldErrorLabel *m_nameError = nullptr;
    FieldErrorLabel *m_jobTitleError = nullptr;
    FieldErrorLabel *m_emailError = nullptr;
    FieldErrorLabel *m_teamError = nullptr;
    bool m_formTouched = false;
};

} // namespace warroom::ui

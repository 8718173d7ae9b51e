#pragma once

#include "domain/CaseRequests.h"
#include "domain/FieldError.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace warroom::ui {

class CaseActions;

// Every CreateCase field, checked as you type with the API model's own rules; the
// message sits under its field and Create stays disabled until the request is valid.
class NewCaseDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewCaseDialog)

public:
    NewCaseDialog(CaseActions *actions, QWidget *parent = nullptr);

    // The request the fields describe (clientToken left to the sync layer).
    domain::CreateCaseRequest request(domain::FieldErrors *parseErrors = nullptr) const;
    domain::FieldErrors currentErrors() const { return m_errors; }
    // The message shown under a top-level field ("title", "watchers"), empty when fine.
    QString errorText(const QString &field) const;
    QPushButton *createButton() const { return m_createButton; }

public slots:
    void validateNow();
    // Creates the case; stays open with the reasons when that fails.
    bool create();

signals:
    void caseCreated(const QString &caseId);

private:
    CaseActions *m_actions;
    QLineEdit *m_title;
    QPlainTextEdit *m_description;
    QComboBox *m_resolver;
    QComboBox *m_engagement;
    QDateTimeEdit *m_reportedStart;
    QLineEdit *m_accounts;
    QLineEdit *m_regions;
    QLineEdit *m_services;
    QPlainTextEdit *m_threatActors;
    QPlainTextEdit *m_watchers;
    QPlainTextEdit *m_tags;
    QLabel *m_problem;
    QPushButton *m_createButton;
    QHash<QString, QLabel *> m_errorLabels;
    domain::FieldErrors m_errors;
};

} // namespace warroom::ui

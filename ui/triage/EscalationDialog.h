#pragma once

#include <QDialog>
#include <QList>
#include <QString>

#include <utility>

class QComboBox;
class QRadioButton;

namespace warroom::ui::triage {

// Where escalated findings go: a new case, or one of the open cases (ID, title).
class EscalationDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EscalationDialog)

public:
    EscalationDialog(int findingCount, const QList<std::pair<QString, QString>> &openCases,
        QWidget *parent = nullptr);

    // Empty for a new case, else the chosen open case's ID.
    QString chosenCaseId() const;

private:
    QRadioButton *m_newCase = nullptr;
    QRadioButton *m_existing = nullptr;
    QComboBox *m_cases = nullptr;
};

} // namespace warroom::ui::triage

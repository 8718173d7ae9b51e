#pragma once

#include <QDateTime>
#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace warroom::ui {

// An analyst's entry: when it happened, in the time zone the analyst reads the clock
// in, and what happened. OK is enabled once there is text.
class AddTimelineEntryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddTimelineEntryDialog)

public:
    explicit AddTimelineEntryDialog(const QString &caseTitle, QWidget *parent = nullptr);

    // The happened-at time in UTC, read in the chosen zone.
    QDateTime happenedAt() const;
    QString timeZoneId() const;
    // The chosen zone's offset from UTC at the happened-at time, in seconds.
    int occurredOffset() const;
    QString text() const;

    void setHappenedAt(const QDateTime &local, const QString &zoneId);
    void setText(const QString &text);

private:
    void updateState();

    QDateTimeEdit *m_happenedEdit;
    QComboBox *m_zoneCombo;
    QPlainTextEdit *m_textEdit;
    QLabel *m_utcLabel;
    QDialogButtonBox *m_buttons;
};

} // namespace warroom::ui

#include "AddTimelineEntryDialog.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

namespace warroom::ui {

using namespace Qt::StringLiterals;

AddTimelineEntryDialog::AddTimelineEntryDialog(const QString &caseTitle, QWidget *parent)
    : QDialog(parent)
    , m_happenedEdit(new QDateTimeEdit(this))
    , m_zoneCombo(new QComboBox(this))
    , m_textEdit(new QPlainTextEdit(this))
    , m_utcLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"addTimelineEntryDialog"_s);
    setWindowTitle(tr("Add a timeline entry"));
    m_happenedEdit->setObjectName(u"happenedAtDateTimeEdit"_s);
    m_happenedEdit->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss"_s);
    m_happenedEdit->setCalendarPopup(true);
    m_happenedEdit->setTimeSpec(Qt::LocalTime);
    m_zoneCombo->setObjectName(u"timeZoneComboBox"_s);
    m_zoneCombo->setEditable(true);
    m_zoneCombo->setInsertPolicy(QComboBox::NoInsert);
    m_zoneCombo->addItem(u"UTC"_s);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
        const QString name = QString::fromUtf8(id);
        if (name != u"UTC")
            m_zoneCombo->addItem(name);
    }
    m_textEdit->setObjectName(u"entryTextEdit"_s);
    m_textEdit->setPlaceholderText(tr("What happened, e.g. \"Attacker created an access key for "
                                      "user ci-deploy\""));
    m_textEdit->setTabChangesFocus(true);
    m_utcLabel->setObjectName(u"happenedUtcLabel"_s);

    const QString zone = QString::fromUtf8(QTimeZone::systemTimeZoneId());
    const QDateTime now = QDateTime::currentDateTime();
    setHappenedAt(QDateTime(now.date(), QTime(now.time().hour(), now.time().minute())), zone);

    auto *form = new QFormLayout;
    auto *caseLabel = new QLabel(caseTitle, this);
    caseLabel->setWordWrap(true);
    form->addRow(tr("Case:"), caseLabel);
    form->addRow(tr("&Happened at:"), m_happenedEdit);
    form->addRow(tr("&Time zone:"), m_zoneCombo);
    form->addRow(QString(), m_utcLabel);
    form->addRow(tr("&Entry:"), m_textEdit);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"addEntryOkPushButton"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add entry"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_textEdit, &QPlainTextEdit::textChanged, this, &AddTimelineEntryDialog::updateState);
    connect(m_happenedEdit, &QDateTimeEdit::dateTimeChanged, this,
        &AddTimelineEntryDialog::updateState);
    connect(
        m_zoneCombo, &QComboBox::currentTextChanged, this, &AddTimelineEntryDialog::updateState);
    updateState();
    resize(520, 320);
}

QString AddTimelineEntryDialog::timeZoneId() const
{
    return m_zoneCombo->currentText().trimmed();
}

QString AddTimelineEntryDialog::text() const
{
    return m_textEdit->toPlainText().trimmed();
}

QDateTime AddTimelineEntryDialog::happenedAt() const
{
    const QTimeZone zone(timeZoneId().toUtf8());
    if (!zone.isValid())
        return {};
    const QDateTime local = m_happenedEdit->dateTime();
    return QDateTime(local.date(), local.time(), zone).toUTC();
}

int AddTimelineEntryDialog::occurredOffset() const
{
    const QTimeZone zone(timeZoneId().toUtf8());
    const QDateTime utc = happenedAt();
    return zone.isValid() && utc.isValid() ? zone.offsetFromUtc(utc) : 0;
}

void AddTimelineEntryDialog::setHappenedAt(const QDateTime &local, const QString &zoneId)
{
    m_happenedEdit->setDateTime(QDateTime(local.date(), local.time(), Qt::LocalTime));
    const int index = m_zoneCombo->findText(zoneId);
    if (index >= 0)
        m_zoneCombo->setCurrentIndex(index);
    else
        m_zoneCombo->setEditText(zoneId);
    updateState();
}

void AddTimelineEntryDialog::setText(const QString &text)
{
    m_textEdit->setPlainText(text);
}

void AddTimelineEntryDialog::updateState()
{
    const QDateTime utc = happenedAt();
    if (utc.isValid())
        m_utcLabel->setText(tr("= %1 UTC").arg(utc.toString(u"yyyy-MM-dd HH:mm:ss"_s)));
    else
        m_utcLabel->setText(tr("\"%1\" is not a time zone this computer knows.").arg(timeZoneId()));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(utc.isValid() && !text().isEmpty());
}

} // namespace warroom::ui

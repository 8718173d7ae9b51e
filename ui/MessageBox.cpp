#include "MessageBox.h"

#include <optional>

namespace warroom::ui {

namespace {

std::optional<QMessageBox::StandardButton> s_nextAnswer;
QString s_lastTitle;
QString s_lastText;

// Records what would be shown; returns the queued answer when a test set one.
std::optional<QMessageBox::StandardButton> takeAnswer(const QString &title, const QString &text)
{
    s_lastTitle = title;
    s_lastText = text;
    std::optional<QMessageBox::StandardButton> answer = s_nextAnswer;
    s_nextAnswer.reset();
    return answer;
}

} // namespace

QMessageBox::StandardButton MessageBox::show(QWidget *parent, QMessageBox::Icon icon,
    const QString &title, const QString &text, QMessageBox::StandardButtons buttons,
    QMessageBox::StandardButton defaultButton)
{
    if (const auto answer = takeAnswer(title, text))
        return *answer;
    QMessageBox box(icon, title, text, buttons, parent);
    box.setDefaultButton(defaultButton);
    return static_cast<QMessageBox::StandardButton>(box.exec());
}

QMessageBox::StandardButton MessageBox::critical(
    QWidget *parent, const QString &title, const QString &text)
{
    return show(parent, QMessageBox::Critical, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

QMessageBox::StandardButton MessageBox::warning(
    QWidget *parent, const QString &title, const QString &text)
{
    return show(parent, QMessageBox::Warning, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

QMessageBox::StandardButton MessageBox::question(QWidget *parent, const QString &title,
    const QString &text, QMessageBox::StandardButtons buttons,
    QMessageBox::StandardButton defaultButton)
{
    return show(parent, QMessageBox::Question, title, text, buttons, defaultButton);
}

void MessageBox::about(QWidget *parent, const QString &title, const QString &text)
{
    if (takeAnswer(title, text))
        return;
    QMessageBox::about(parent, title, text);
}

void MessageBox::aboutQt(QWidget *parent)
{
    if (takeAnswer(QString(), QString()))
        return;
    QMessageBox::aboutQt(parent);
}

void MessageBox::setNextAnswer(QMessageBox::StandardButton answer)
{
    s_nextAnswer = answer;
}

bool MessageBox::hasPendingAnswer()
{
    return s_nextAnswer.has_value();
}

QString MessageBox::lastTitle()
{
    return s_lastTitle;
}

QString MessageBox::lastText()
{
    return s_lastText;
}

} // namespace warroom::ui

#pragma once

#include <QMessageBox>
#include <QString>

namespace warroom::ui {

// Every message box of the UI goes through here so tests can answer it without a
// modal loop: setNextAnswer() makes the next call return at once, and the title and
// text it would have shown are kept for the test to read.
class MessageBox final
{
public:
    static QMessageBox::StandardButton critical(
        QWidget *parent, const QString &title, const QString &text);
    static QMessageBox::StandardButton warning(
        QWidget *parent, const QString &title, const QString &text);
    static QMessageBox::StandardButton question(QWidget *parent, const QString &title,
        const QString &text,
        QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No,
        QMessageBox::StandardButton defaultButton = QMessageBox::No);
    static void about(QWidget *parent, const QString &title, const QString &text);
    static void aboutQt(QWidget *parent);

    // Test seams.
    static void setNextAnswer(QMessageBox::StandardButton answer);
    static bool hasPendingAnswer();
    static QString lastTitle();
    static QString lastText();

private:
    static QMessageBox::StandardButton show(QWidget *parent, QMessageBox::Icon icon,
        const QString &title, const QString &text, QMessageBox::StandardButtons buttons,
        QMessageBox::StandardButton defaultButton);
};

} // namespace warroom::ui

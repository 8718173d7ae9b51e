#include "FieldErrorLabel.h"

#include <QEvent>

namespace warroom::ui {

FieldErrorLabel::FieldErrorLabel(const QString &objectName, QWidget *parent)
    : QLabel(parent)
{
    setObjectName(objectName);
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    applyPalette();
    setVisible(false);
}

void FieldErrorLabel::setMessage(const QString &message)
{
    setText(message);
    setVisible(!message.isEmpty());
}

void FieldErrorLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyPalette();
}

void FieldErrorLabel::applyPalette()
{
    // A red readable on both light and dark windows.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const QColor red = dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
    QPalette p = palette();
    if (p.color(QPalette::WindowText) == red)
        return;
    p.setColor(QPalette::WindowText, red);
    setPalette(p);
}

} // namespace warroom::ui

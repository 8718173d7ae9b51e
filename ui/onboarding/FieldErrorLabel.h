#pragma once

#include <QLabel>

namespace warroom::ui {

// The message shown next to a form field when its value breaks a rule of the model.
// Hidden while there is nothing to say.
class FieldErrorLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FieldErrorLabel)

public:
    explicit FieldErrorLabel(const QString &objectName, QWidget *parent = nullptr);
    void setMessage(const QString &message);
    QString message() const { return text(); }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
};

} // namespace warroom::ui

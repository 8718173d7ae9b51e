#pragma once

#include <QString>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QWidget;

// Pieces the case forms (New case, case detail) build their fields from.
namespace warroom::ui::caseform {

// A plain-text box `lines` lines high where Tab moves on.
QPlainTextEdit *textBox(QWidget *parent, const QString &objectName, int lines);
// Adds `label: field` to `form` with a hidden error label ("<field>ErrorLabel") below
// the field, and returns that label.
QLabel *addFieldRow(QFormLayout *form, const QString &label, QWidget *field, const QString &key);

} // namespace warroom::ui::caseform

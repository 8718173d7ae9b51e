#include "CaseFormWidgets.h"

#include "Theme.h"

#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace warroom::ui::caseform {

using namespace Qt::StringLiterals;

QPlainTextEdit *textBox(QWidget *parent, const QString &objectName, int lines)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setTabChangesFocus(true);
    edit->setFixedHeight(QFontMetrics(edit->font()).lineSpacing() * lines + 12);
    return edit;
}

QLabel *addFieldRow(QFormLayout *form, const QString &label, QWidget *field, const QString &key)
{
    auto *box = new QWidget(form->parentWidget());
    auto *error = new QLabel(box);
    error->setObjectName(key + u"ErrorLabel"_s);
    error->setWordWrap(true);
    QPalette p = error->palette();
    p.setColor(QPalette::WindowText,
        paletteIsDark() ? QColor(0xff, 0x8a, 0x80) : QColor(0xc6, 0x28, 0x28));
    error->setPalette(p);
    error->hide();
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(field);
    v->addWidget(error);
    form->addRow(label, box);
    return error;
}

} // namespace warroom::ui::caseform

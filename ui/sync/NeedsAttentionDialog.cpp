#include "NeedsAttentionDialog.h"

#include "MessageBox.h"
#include "sync/SyncEngine.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace warroom::ui {

using namespace Qt::StringLiterals;

namespace {

enum Column { CaseColumn, ChangeColumn, MessageColumn, AttemptsColumn, ColumnCount };
constexpr int IdRole = Qt::UserRole + 1;

// Payload members that identify the change rather than say what it changes.
bool isFixedMember(const QString &member)
{
    static const QStringList fixed {u"caseId"_s, u"commentId"_s, u"localCommentId"_s,
        u"clientToken"_s, u"localPath"_s, u"resultId"_s, u"contentLength"_s};
    return fixed.contains(member);
}

bool isLongText(const QString &member)
{
    return member == u"description"_s || member == u"body"_s || member == u"comment"_s;
}

QString changeText(const store::OutboxEntry &entry)
{
    QStringList members;
    for (auto it = entry.payload.constBegin(); it != entry.payload.constEnd(); ++it)
        if (!isFixedMember(it.key()))
            members << it.key();
    return members.isEmpty() ? entry.operation
                             : entry.operation + u" ("_s + members.join(u", "_s) + u')';
}

} // namespace

NeedsAttentionDialog::NeedsAttentionDialog(sync::SyncEngine *engine, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
{
    setObjectName(u"needsAttentionDialog"_s);
    setWindowTitle(tr("Changes that need attention"));
    auto *intro = new QLabel(tr("The backend refused these changes. Until each is retried, "
                                "edited or discarded, the later changes of its case wait."),
        this);
    intro->setWordWrap(true);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(u"refusedTree"_s);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Case"), tr("Change"), tr("Server's message"), tr("Attempts")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_message = new QLabel(this);
    m_message->setObjectName(u"refusedMessageLabel"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"refusedProblemLabel"_s);
    m_problem->setWordWrap(true);
    m_problem->hide();

    m_retry = new QPushButton(tr("Retry"), this);
    m_retry->setObjectName(u"retryButton"_s);
    m_edit = new QPushButton(tr("Edit…"), this);
    m_edit->setObjectName(u"editRefusedButton"_s);
    m_discard = new QPushButton(tr("Discard…"), this);
    m_discard->setObjectName(u"discardButton"_s);
    connect(m_retry, &QPushButton::clicked, this, &NeedsAttentionDialog::retrySelected);
    connect(m_edit, &QPushButton::clicked, this, &NeedsAttentionDialog::editSelected);
    connect(m_discard, &QPushButton::clicked, this, &NeedsAttentionDialog::discardSelected);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &NeedsAttentionDialog::showSelected);

    m_editBox = new QGroupBox(tr("Edit the change"), this);
    m_editBox->setObjectName(u"editRefusedGroupBox"_s);
    m_editForm = new QFormLayout;
    m_resend = new QPushButton(tr("Send again"), m_editBox);
    m_resend->setObjectName(u"resendButton"_s);
    auto *cancel = new QPushButton(tr("Cancel"), m_editBox);
    cancel->setObjectName(u"cancelEditButton"_s);
    connect(m_resend, &QPushButton::clicked, this, &NeedsAttentionDialog::resendEdited);
    connect(cancel, &QPushButton::clicked, this, &NeedsAttentionDialog::closeEditor);
    auto *editButtons = new QHBoxLayout;
    editButtons->addStretch(1);
    editButtons->addWidget(cancel);
    editButtons->addWidget(m_resend);
    auto *editLayout = new QVBoxLayout(m_editBox);
    editLayout->addLayout(m_editForm);
    editLayout->addLayout(editButtons);
    m_editBox->hide();

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    close->setObjectName(u"refusedButtonBox"_s);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_retry);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_discard);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_editBox);
    layout->addWidget(m_problem);
    layout->addLayout(buttons);
    resize(760, 420);

    if (m_engine)
        connect(m_engine, &sync::SyncEngine::statusChanged, this, [this] {
            if (m_editingId == 0)
                reload();
        });
    reload();
}

int NeedsAttentionDialog::refusedCount() const
{
    return m_tree->topLevelItemCount();
}

void NeedsAttentionDialog::reload()
{
    const qint64 selected = selectedId();
    m_tree->clear();
    if (!m_engine)
        return;
    for (const auto &entry : m_engine->needsAttention()) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(CaseColumn, entry.caseId);
        item->setText(ChangeColumn, changeText(entry));
        item->setText(MessageColumn, entry.lastError);
        item->setToolTip(MessageColumn, entry.lastError);
        item->setText(AttemptsColumn, QString::number(entry.attempts));
        item->setData(0, IdRole, entry.id);
    }
    if (!selectEntry(selected) && m_tree->topLevelItemCount() > 0)
        m_tree->setCurrentItem(m_tree->topLevelItem(0));
    showSelected();
}

bool NeedsAttentionDialog::selectEntry(qint64 outboxId)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        if (m_tree->topLevelItem(i)->data(0, IdRole).toLongLong() == outboxId) {
            m_tree->setCurrentItem(m_tree->topLevelItem(i));
            return true;
        }
    }
    return false;
}

qint64 NeedsAttentionDialog::selectedId() const
{
    return m_tree->currentItem() ? m_tree->currentItem()->data(0, IdRole).toLongLong() : 0;
}

void NeedsAttentionDialog::showSelected()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    for (QPushButton *b : {m_retry, m_edit, m_discard})
        b->setEnabled(item != nullptr);
    m_message->setText(item
            ? tr("Case %1, %2: %3")
                  .arg(item->text(CaseColumn), item->text(ChangeColumn), item->text(MessageColumn))
            : tr("Nothing needs attention."));
    if (m_editingId != 0 && selectedId() != m_editingId)
        closeEditor();
}

void NeedsAttentionDialog::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

bool NeedsAttentionDialog::retrySelected()
{
    const qint64 id = selectedId();
    if (!id || !m_engine)
        return false;
    QString error;
    const bool ok = m_engine->retry(id, &error);
    showProblem(ok ? QString() : error);
    reload();
    return ok;
}

bool NeedsAttentionDialog::discardSelected()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    if (!item || !m_engine)
        return false;
    const auto answer = MessageBox::question(this, tr("Discard the change?"),
        tr("%1 of case %2 will not be sent, and the case shows the backend's values again. "
           "This cannot be undone.")
            .arg(item->text(ChangeColumn), item->text(CaseColumn)));
    if (answer != QMessageBox::Yes)
        return false;
    QString error;
    const bool ok = m_engine->discard(item->data(0, IdRole).toLongLong(), &error);
    showProblem(ok ? QString() : error);
    closeEditor();
    reload();
    return ok;
}

bool NeedsAttentionDialog::editSelected()
{
    const qint64 id = selectedId();
    if (!id || !m_engine)
        return false;
    closeEditor();
    for (const auto &entry : m_engine->needsAttention()) {
        if (entry.id != id)
            continue;
        m_editingId = id;
        m_editingPayload = entry.payload;
        for (auto it = entry.payload.constBegin(); it != entry.payload.constEnd(); ++it) {
            if (isFixedMember(it.key()) || !it.value().isString())
                continue;
            QWidget *editor = nullptr;
            if (isLongText(it.key())) {
                auto *text = new QPlainTextEdit(it.value().toString(), m_editBox);
                text->setTabChangesFocus(true);
                editor = text;
            } else {
                editor = new QLineEdit(it.value().toString(), m_editBox);
            }
            editor->setObjectName(it.key() + u"PayloadEdit"_s);
            m_editForm->addRow(it.key(), editor);
            m_editors.insert(it.key(), editor);
        }
        if (m_editors.isEmpty()) {
            closeEditor();
            showProblem(tr("This change has no text to edit: retry or discard it."));
            return false;
        }
        m_editBox->show();
        showProblem(QString());
        return true;
    }
    return false;
}

bool NeedsAttentionDialog::resendEdited()
{
    if (!m_editingId || !m_engine)
        return false;
    QJsonObject payload = m_editingPayload;
    for (auto it = m_editors.constBegin(); it != m_editors.constEnd(); ++it) {
        if (auto *line = qobject_cast<QLineEdit *>(it.value()))
            payload.insert(it.key(), line->text());
        else if (auto *text = qobject_cast<QPlainTextEdit *>(it.value()))
            payload.insert(it.key(), text->toPlainText());
    }
    domain::FieldErrors errors;
    QString error;
    if (!m_engine->editRefused(m_editingId, payload, &errors, &error)) {
        showProblem(error);
        return false;
    }
    showProblem(QString());
    closeEditor();
    reload();
    return true;
}

void NeedsAttentionDialog::closeEditor()
{
    m_editingId = 0;
    m_editingPayload = {};
    m_editors.clear();
    while (m_editForm->rowCount() > 0)
        m_editForm->removeRow(0);
    m_editBox->hide();
}

} // namespace warroom::ui

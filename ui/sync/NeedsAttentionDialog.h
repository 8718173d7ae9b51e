#pragma once

#include <QDialog>
#include <QHash>
#include <QJsonObject>
#include <QPointer>

class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace warroom::sync {
class SyncEngine;
}

namespace warroom::ui {

// The changes the backend refused, each with the server's message: retry as it is,
// discard (after a confirmation), or edit what it sends (e.g. a title that failed
// validation) and send it again.
class NeedsAttentionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NeedsAttentionDialog)

public:
    NeedsAttentionDialog(sync::SyncEngine *engine, QWidget *parent);

    int refusedCount() const;
    bool selectEntry(qint64 outboxId);
    // The editor of one payload member while an entry is being edited ("title").
    QWidget *editorFor(const QString &member) const { return m_editors.value(member); }

public slots:
    void reload();
    bool retrySelected();
    bool discardSelected();
    // Opens the selected change's text members for editing.
    bool editSelected();
    // Sends the edited change; false with the problem shown when it is not valid.
    bool resendEdited();

private:
    qint64 selectedId() const;
    void showSelected();
    void closeEditor();
    void showProblem(const QString &text);

    QPointer<sync::SyncEngine> m_engine;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_discard = nullptr;
    QPushButton *m_edit = nullptr;
    QGroupBox *m_editBox = nullptr;
    QFormLayout *m_editForm = nullptr;
    QPushButton *m_resend = nullptr;
    qint64 m_editingId = 0;
    QJsonObject m_editingPayload;
    QHash<QString, QWidget *> m_editors;
};

} // namespace warroom::ui

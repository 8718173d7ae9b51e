#pragma once

#include "AreaPages.h"
#include "domain/Case.h"
#include "domain/CaseRequests.h"
#include "domain/Comment.h"
#include "domain/FieldError.h"
#include "domain/Investigation.h"

#include <QHash>
#include <QSet>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QDialog;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class QUrl;

namespace warroom::ui {

class CaseActions;

// One case: a header with status, resolver, engagement and dates; its fields to edit
// (saved as one UpdateCase with add/remove lists), caseMetadata, escalation to AWS,
// the comment thread and composer, attachments, watchers, linked findings and
// investigations. Reads the workspace store; writes through CaseActions.
class CaseDetailWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseDetailWidget)

public:
    CaseDetailWidget(
        const AreaContext &context, CaseActions *actions, const QString &caseId, QWidget *parent);

    QString caseId() const { return m_caseId; }
    // "1234567890 Title" elided for a tab.
    QString shortTitle() const;
    const std::optional<domain::Case> &loadedCase() const { return m_case; }
    const QList<domain::Comment> &comments() const { return m_comments; }

    // The UpdateCase the edit fields describe against the loaded case (only what
    // changed); `parseErrors` gets problems with the text forms.
    domain::UpdateCaseRequest pendingUpdate(domain::FieldErrors *parseErrors = nullptr) const;
    QString errorText(const QString &field) const;
    // The fields with unsaved edits that changed in the store under them (a sync) at
    // the last reload; the edits were kept.
    QStringList fieldsChangedWhileEditing() const { return m_changedUnderEdits; }

    // Test seam: the next upload asks no file dialog and takes this path.
    static void setNextUploadFile(const QString &path);
    // Test seam: the next download asks no file dialog and saves here.
    static void setNextSaveFile(const QString &path);
    // Test seam: what hands a file to the desktop (QDesktopServices::openUrl when unset).
    static void setDesktopOpener(std::function<bool(const QUrl &)> opener);
    // The file Open last handed to the desktop (for tests).
    QString lastOpenedFile() const { return m_lastOpenedFile; }
    // The last transfer progress shown (bytes), for tests.
    qint64 lastTransferDone() const { return m_lastTransferDone; }
    qint64 lastTransferTotal() const { return m_lastTransferTotal; }

public slots:
    // Reads the case again; editors with unsaved edits keep them.
    void reload();
    // The conflicts of this case (changed here and on the backend) in their dialog.
    QDialog *showConflicts();
    bool saveChanges();
    bool escalateToAws();
    bool closeCase();
    bool postComment();
    // Puts the selected comment (yours only) into the composer for editing.
    bool editSelectedComment();
    bool uploadAttachment();
    bool uploadFile(const QString &path);
    bool downloadSelectedAttachment();
    // Opens the selected attachment, fetching it into the workspace first if needed.
    bool openSelectedAttachment();
    void openSelectedFinding();
    bool sendSelectedFeedback(bool useful);

signals:
    void openInWindowRequested(const QString &caseId);

private:
    void buildHeader(QWidget *host);
    QWidget *buildDetailsTab();
    QWidget *buildCommentsTab();
    QWidget *buildAttachmentsTab();
    QWidget *buildFindingsTab();
    QWidget *buildInvestigationsTab();
    void fillHeader();
    // Fills every editor except those in `keep`, and notes what each was filled with.
    void fillFields();
    void fillFieldsExcept(const QSet<QWidget *> &keep);
    QList<std::pair<QWidget *, QString>> editors() const;
    void fillSyncState();
    void fillEditors();
    void fillComments();
    void fillAttachments();
    void fillFindings();
    void fillInvestigations();
    void validateEdits();
    void updateComposerCount();
    void showProblem(const QString &text);
    void setFieldErrors(const domain::FieldErrors &errors);
    void showTransfer(const QString &fileName, qint64 done, qint64 total);
    QString attachmentCachePath(const QString &attachmentId, const QString &fileName) const;
    void fetchAttachment(
        const QString &attachmentId, const QString &targetPath, std::function<void(bool)> then);
    void openLocalFile(const QString &path);

    AreaContext m_context;
    CaseActions *m_actions;
    QString m_caseId;
    std::optional<domain::Case> m_case;
    QList<domain::Comment> m_comments;
    QList<domain::Investigation> m_investigations;
    QString m_editingCommentId;

    QLabel *m_titleLabel = nullptr;
    QLabel *m_facts = nullptr;
    QLabel *m_dates = nullptr;
    QLabel *m_pending = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_conflictBanner = nullptr;
    QPushButton *m_resolveConflicts = nullptr;
    QLabel *m_remoteEdits = nullptr;
    QHash<QWidget *, QString> m_filledTexts;
    QStringList m_changedUnderEdits;
    bool m_discardEdits = false;
    QPushButton *m_escalate = nullptr;
    QPushButton *m_close = nullptr;
    QTabWidget *m_sections = nullptr;

    QLineEdit *m_title = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QComboBox *m_engagement = nullptr;
    QDateTimeEdit *m_reportedStart = nullptr;
    QDateTimeEdit *m_actualStart = nullptr;
    QLineEdit *m_accounts = nullptr;
    QLineEdit *m_regions = nullptr;
    QLineEdit *m_services = nullptr;
    QPlainTextEdit *m_threatActors = nullptr;
    QPlainTextEdit *m_watchers = nullptr;
    QPlainTextEdit *m_metadata = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
    QHash<QString, QLabel *> m_errorLabels;

    QListWidget *m_commentList = nullptr;
    QPlainTextEdit *m_composer = nullptr;
    QLabel *m_composerCount = nullptr;
    QPushButton *m_post = nullptr;
    QPushButton *m_editComment = nullptr;
    QPushButton *m_cancelEdit = nullptr;

    QTreeWidget *m_attachments = nullptr;
    QLabel *m_uploadStatus = nullptr;
    QPushButton *m_upload = nullptr;
    QPushButton *m_openAttachment = nullptr;
    QPushButton *m_downloadAttachment = nullptr;
    QProgressBar *m_transferProgress = nullptr;
    QString m_lastOpenedFile;
    qint64 m_lastTransferDone = -1;
    qint64 m_lastTransferTotal = -1;

    QTreeWidget *m_findings = nullptr;
    QTreeWidget *m_investigationList = nullptr;
    QPlainTextEdit *m_investigationContent = nullptr;
};

} // namespace warroom::ui

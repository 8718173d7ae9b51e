#include "CaseDetailWidget.h"

#include "Theme.h"

#include "MessageBox.h"
#include "caseboard/CaseActions.h"
#include "caseboard/CaseFieldText.h"
#include "caseboard/CaseFormWidgets.h"
#include "domain/InvestigationJson.h"
#include "domain/Validation.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/Database.h"
#include "store/SqlValues.h"
#include "store/Workspace.h"
#include "sync/CaseMerge.h"
#include "sync/SyncConflictDialog.h"
#include "sync/SyncEngine.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTextCursor>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace warroom::ui {

using namespace Qt::StringLiterals;

namespace {

QString s_nextUploadFile;
QString s_nextSaveFile;
std::function<bool(const QUrl &)> s_desktopOpener;

constexpr int CommentIdRole = Qt::UserRole + 1;
constexpr int CommentMineRole = Qt::UserRole + 2;
constexpr int ItemIdRole = Qt::UserRole + 3;
constexpr int LocalPathRole = Qt::UserRole + 4;
constexpr int AttachmentVerifiedRole = Qt::UserRole + 5;

QString timeText(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toUTC(), u"yyyy-MM-dd HH:mm"_s) + u" UTC"_s
                       : QString();
}

template<typename E> QString optionalText(const std::optional<E> &value)
{
    return value ? domain::toString(*value) : QString();
}

// Items of `after` not in `before`, in order.
template<typename T> QList<T> added(const QList<T> &before, const QList<T> &after)
{
    QList<T> out;
    for (const T &item : after)
        if (!before.contains(item) && !out.contains(item))
            out.append(item);
    return out;
}

// What an editor shows, as text, to tell whether the user changed it since it was filled.
QString editorText(const QWidget *editor)
{
    if (const auto *line = qobject_cast<const QLineEdit *>(editor))
        return line->text();
    if (const auto *text = qobject_cast<const QPlainTextEdit *>(editor))
        return text->toPlainText();
    if (const auto *combo = qobject_cast<const QComboBox *>(editor))
        return QString::number(combo->currentIndex());
    if (const auto *date = qobject_cast<const QDateTimeEdit *>(editor))
        return date->dateTime().toString(Qt::ISODate);
    return {};
}

QDateTimeEdit *dateEdit(QWidget *parent, const QString &objectName)
{
    auto *edit = new QDateTimeEdit(parent);
    edit->setObjectName(objectName);
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(u"yyyy-MM-dd HH:mm 'UTC'"_s);
    edit->setCalendarPopup(true);
    edit->setSpecialValueText(CaseDetailWidget::tr("not set"));
    edit->setMinimumDateTime(QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC));
    return edit;
}

} // namespace

void CaseDetailWidget::setNextUploadFile(const QString &path)
{
    s_nextUploadFile = path;
}

void CaseDetailWidget::setNextSaveFile(const QString &path)
{
    s_nextSaveFile = path;
}

void CaseDetailWidget::setDesktopOpener(std::function<bool(const QUrl &)> opener)
{
    s_desktopOpener = std::move(opener);
}

CaseDetailWidget::CaseDetailWidget(
    const AreaContext &context, CaseActions *actions, const QString &caseId, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_actions(actions)
    , m_caseId(caseId)
{
    setObjectName(u"caseDetailWidget"_s);
    auto *header = new QWidget(this);
    buildHeader(header);

    m_sections = new QTabWidget(this);
    m_sections->setObjectName(u"caseDetailSections"_s);
    m_sections->setDocumentMode(true);
    m_sections->addTab(buildDetailsTab(), tr("Details"));
    m_sections->addTab(buildCommentsTab(), tr("Comments"));
    m_sections->addTab(buildAttachmentsTab(), tr("Attachments"));
    m_sections->addTab(buildFindingsTab(), tr("Findings"));
    m_sections->addTab(buildInvestigationsTab(), tr("Investigations"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(header);
    layout->addWidget(m_sections, 1);

    reload();
}

QString CaseDetailWidget::shortTitle() const
{
    const QString title = m_case ? m_case->title : QString();
    const QString text = m_caseId + u' ' + title;
    return text.size() > 32 ? text.left(31) + u'…' : text;
}

void CaseDetailWidget::buildHeader(QWidget *host)
{
    m_titleLabel = new QLabel(host);
    m_titleLabel->setObjectName(u"caseTitleLabel"_s);
    QFont f = m_titleLabel->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    m_titleLabel->setFont(f);
    m_titleLabel->setWordWrap(true);
    m_titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts = new QLabel(host);
    m_facts->setObjectName(u"caseFactsLabel"_s);
    m_facts->setWordWrap(true);
    m_dates = new QLabel(host);
    m_dates->setObjectName(u"caseDatesLabel"_s);
    m_dates->setWordWrap(true);
    m_pending = new QLabel(tr("The customer owes an action on this case."), host);
    m_pending->setObjectName(u"casePendingActionLabel"_s);
    m_pending->setAutoFillBackground(true);
    m_pending->setMargin(4);
    QPalette p = m_pending->palette();
    p.setColor(QPalette::Window, QColor(0xff, 0xb3, 0x00));
    p.setColor(QPalette::WindowText, Qt::black);
    m_pending->setPalette(p);
    m_problem = new QLabel(host);
    m_problem->setObjectName(u"caseDetailProblemLabel"_s);
    m_problem->setWordWrap(true);
    m_problem->setFrameShape(QFrame::StyledPanel);
    m_problem->setMargin(4);
    m_problem->hide();

    m_escalate = new QPushButton(tr("Escalate to AWS…"), host);
    m_escalate->setObjectName(u"escalateButton"_s);
    m_escalate->setToolTip(tr("Ask the AWS Customer Incident Response Team to take over this "
                              "case. This cannot be undone."));
    connect(m_escalate, &QPushButton::clicked, this, &CaseDetailWidget::escalateToAws);
    m_close = new QPushButton(tr("Close case…"), host);
    m_close->setObjectName(u"closeCaseButton"_s);
    connect(m_close, &QPushButton::clicked, this, &CaseDetailWidget::closeCase);
    auto *window = new QPushButton(tr("Open in window"), host);
    window->setObjectName(u"openInWindowButton"_s);
    connect(window, &QPushButton::clicked, this, [this] { emit openInWindowRequested(m_caseId); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_escalate);
    buttons->addWidget(m_close);
    buttons->addStretch(1);
    buttons->addWidget(window);
    auto *layout = new QVBoxLayout(host);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_facts);
    layout->addWidget(m_dates);
    layout->addWidget(m_pending);
    layout->addLayout(buttons);
    layout->addWidget(m_problem);

    // Sync: fields changed here and on the backend, and edits a sync changed under.
    m_conflictBanner = new QLabel(host);
    m_conflictBanner->setObjectName(u"caseConflictLabel"_s);
    m_conflictBanner->setWordWrap(true);
    m_resolveConflicts = new QPushButton(tr("Resolve…"), host);
    m_resolveConflicts->setObjectName(u"resolveConflictsButton"_s);
    connect(m_resolveConflicts, &QPushButton::clicked, this, &CaseDetailWidget::showConflicts);
    auto *conflicts = new QHBoxLayout;
    conflicts->addWidget(m_conflictBanner, 1);
    conflicts->addWidget(m_resolveConflicts);
    layout->addLayout(conflicts);
    m_remoteEdits = new QLabel(host);
    m_remoteEdits->setObjectName(u"changedWhileEditingLabel"_s);
    m_remoteEdits->setWordWrap(true);
    layout->addWidget(m_remoteEdits);
    m_conflictBanner->hide();
    m_resolveConflicts->hide();
    m_remoteEdits->hide();
    if (m_context.sync)
        connect(m_context.sync, &sync::SyncEngine::conflictsChanged, this,
            &CaseDetailWidget::fillSyncState);
}

void CaseDetailWidget::fillSyncState()
{
    const auto conflicts = m_context.sync ? m_context.sync->conflictsForCase(m_caseId)
                                          : QList<store::SyncConflict>();
    QStringList fields;
    for (const auto &c : conflicts)
        fields << sync::CaseMerge::fieldLabel(c.field);
    m_conflictBanner->setText(
        tr("Changed here and on the backend: %1. Nothing of this case is sent until you "
           "choose which value stays.")
            .arg(fields.join(u", "_s)));
    m_conflictBanner->setVisible(!conflicts.isEmpty());
    m_resolveConflicts->setVisible(!conflicts.isEmpty());
    m_remoteEdits->setText(tr("Changed in the store while you were editing (your text is "
                              "kept; Revert shows the new value): %1")
                               .arg(m_changedUnderEdits.join(u", "_s)));
    m_remoteEdits->setVisible(!m_changedUnderEdits.isEmpty());
}

QDialog *CaseDetailWidget::showConflicts()
{
    if (!m_context.sync)
        return nullptr;
    auto *dialog = new SyncConflictDialog(m_context.sync, m_caseId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

QWidget *CaseDetailWidget::buildDetailsTab()
{
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_title = new QLineEdit(page);
    m_title->setObjectName(u"detailTitleEdit"_s);
    m_description = caseform::textBox(page, u"detailDescriptionEdit"_s, 4);
    m_engagement = new QComboBox(page);
    m_engagement->setObjectName(u"detailEngagementCombo"_s);
    for (auto type : domain::allValues<domain::EngagementType>())
        m_engagement->addItem(domain::toString(type), int(type));
    m_reportedStart = dateEdit(page, u"detailReportedStartEdit"_s);
    m_actualStart = dateEdit(page, u"detailActualStartEdit"_s);
    m_accounts = new QLineEdit(page);
    m_accounts->setObjectName(u"detailAccountsEdit"_s);
    m_regions = new QLineEdit(page);
    m_regions->setObjectName(u"detailRegionsEdit"_s);
    m_services = new QLineEdit(page);
    m_services->setObjectName(u"detailServicesEdit"_s);
    m_threatActors = caseform::textBox(page, u"detailThreatActorsEdit"_s, 3);
    m_threatActors->setPlaceholderText(tr("One address a line, then the user agent if known"));
    m_watchers = caseform::textBox(page, u"detailWatchersEdit"_s, 3);
    m_watchers->setPlaceholderText(tr("One a line: email, name, job title"));
    m_metadata = caseform::textBox(page, u"detailMetadataEdit"_s, 3);
    m_metadata->setPlaceholderText(tr("One a line: key=value (at most 30)"));

    auto row = [&](const QString &label, QWidget *field, const QString &key) {
        m_errorLabels.insert(key, caseform::addFieldRow(form, label, field, key));
    };
    row(tr("Title:"), m_title, u"title"_s);
    row(tr("Description:"), m_description, u"description"_s);
    row(tr("Engagement:"), m_engagement, u"engagementType"_s);
    row(tr("Reported start:"), m_reportedStart, u"reportedIncidentStartDate"_s);
    row(tr("Actual start:"), m_actualStart, u"actualIncidentStartDate"_s);
    row(tr("Impacted accounts:"), m_accounts, u"impactedAccounts"_s);
    row(tr("Impacted Regions:"), m_regions, u"impactedAwsRegions"_s);
    row(tr("Impacted services:"), m_services, u"impactedServices"_s);
    row(tr("Threat-actor IPs:"), m_threatActors, u"threatActorIpAddresses"_s);
    row(tr("Watchers:"), m_watchers, u"watchers"_s);
    row(tr("Case metadata:"), m_metadata, u"caseMetadata"_s);

    m_save = new QPushButton(tr("Save changes"), page);
    m_save->setObjectName(u"saveCaseButton"_s);
    m_revert = new QPushButton(tr("Revert"), page);
    m_revert->setObjectName(u"revertCaseButton"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    form->addRow(buttons);
    connect(m_save, &QPushButton::clicked, this, &CaseDetailWidget::saveChanges);
    connect(m_revert, &QPushButton::clicked, this, &CaseDetailWidget::fillFields);
    for (QLineEdit *e : {m_title, m_accounts, m_regions, m_services})
        connect(e, &QLineEdit::textChanged, this, &CaseDetailWidget::validateEdits);
    for (QPlainTextEdit *e : {m_description, m_threatActors, m_watchers, m_metadata})
        connect(e, &QPlainTextEdit::textChanged, this, &CaseDetailWidget::validateEdits);
    for (QDateTimeEdit *e : {m_reportedStart, m_actualStart})
        connect(e, &QDateTimeEdit::dateTimeChanged, this, &CaseDetailWidget::validateEdits);
    connect(m_engagement, &QComboBox::currentIndexChanged, this, &CaseDetailWidget::validateEdits);
    scroll->setWidget(page);
    return scroll;
}

QWidget *CaseDetailWidget::buildCommentsTab()
{
    auto *page = new QWidget;
    m_commentList = new QListWidget(page);
    m_commentList->setObjectName(u"commentsList"_s);
    m_commentList->setWordWrap(true);
    m_commentList->setAlternatingRowColors(true);
    m_commentList->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_composer = new QPlainTextEdit(page);
    m_composer->setObjectName(u"commentComposerEdit"_s);
    m_composer->setPlaceholderText(tr("Write a comment"));
    m_composer->setFixedHeight(QFontMetrics(m_composer->font()).lineSpacing() * 4 + 12);
    m_composerCount = new QLabel(page);
    m_composerCount->setObjectName(u"commentCountLabel"_s);
    m_post = new QPushButton(tr("Post comment"), page);
    m_post->setObjectName(u"postCommentButton"_s);
    m_editComment = new QPushButton(tr("Edit selected"), page);
    m_editComment->setObjectName(u"editCommentButton"_s);
    m_editComment->setEnabled(false);
    m_cancelEdit = new QPushButton(tr("Cancel edit"), page);
    m_cancelEdit->setObjectName(u"cancelCommentEditButton"_s);
    m_cancelEdit->hide();

    connect(m_composer, &QPlainTextEdit::textChanged, this, &CaseDetailWidget::updateComposerCount);
    connect(m_post, &QPushButton::clicked, this, &CaseDetailWidget::postComment);
    connect(m_editComment, &QPushButton::clicked, this, &CaseDetailWidget::editSelectedComment);
    connect(m_cancelEdit, &QPushButton::clicked, this, [this] {
        m_editingCommentId.clear();
        m_composer->clear();
        updateComposerCount();
    });
    connect(m_commentList, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        m_editComment->setEnabled(item && item->data(CommentMineRole).toBool());
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_composerCount, 1);
    buttons->addWidget(m_editComment);
    buttons->addWidget(m_cancelEdit);
    buttons->addWidget(m_post);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_commentList, 1);
    layout->addWidget(m_composer);
    layout->addLayout(buttons);
    updateComposerCount();
    return page;
}

QWidget *CaseDetailWidget::buildAttachmentsTab()
{
    auto *page = new QWidget;
    m_attachments = new QTreeWidget(page);
    m_attachments->setObjectName(u"attachmentsTree"_s);
    m_attachments->setHeaderLabels({tr("File"), tr("Status"), tr("Added by"), tr("Added")});
    m_attachments->setRootIsDecorated(false);
    m_attachments->setUniformRowHeights(true);
    m_uploadStatus = new QLabel(tr("Files up to 100 MiB; names may use letters, digits, '.', "
                                   "'_' and '-'."),
        page);
    m_uploadStatus->setObjectName(u"attachmentStatusLabel"_s);
    m_uploadStatus->setWordWrap(true);
    m_transferProgress = new QProgressBar(page);
    m_transferProgress->setObjectName(u"attachmentProgressBar"_s);
    m_transferProgress->setTextVisible(true);
    m_transferProgress->hide();
    m_upload = new QPushButton(tr("Upload…"), page);
    m_upload->setObjectName(u"uploadAttachmentButton"_s);
    m_downloadAttachment = new QPushButton(tr("Download…"), page);
    m_downloadAttachment->setObjectName(u"downloadAttachmentButton"_s);
    m_downloadAttachment->setEnabled(false);
    m_openAttachment = new QPushButton(tr("Open"), page);
    m_openAttachment->setObjectName(u"openAttachmentButton"_s);
    m_openAttachment->setEnabled(false);
    connect(m_upload, &QPushButton::clicked, this, &CaseDetailWidget::uploadAttachment);
    connect(m_attachments, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        // Only a Verified attachment can be fetched; a local copy opens without a fetch.
        const bool verified = item && item->data(0, AttachmentVerifiedRole).toBool();
        m_downloadAttachment->setEnabled(verified && m_context.sync);
        m_openAttachment->setEnabled(
            item && (verified || !item->data(0, LocalPathRole).toString().isEmpty()));
    });
    connect(m_downloadAttachment, &QPushButton::clicked, this,
        &CaseDetailWidget::downloadSelectedAttachment);
    connect(
        m_openAttachment, &QPushButton::clicked, this, &CaseDetailWidget::openSelectedAttachment);
    if (m_context.sync) {
        connect(m_context.sync, &sync::SyncEngine::transferProgress, this,
            [this](const QString &caseId, const QString &fileName, qint64 done, qint64 total) {
                if (caseId != m_caseId)
                    return;
                showTransfer(fileName, done, total);
            });
    }

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_upload);
    buttons->addWidget(m_downloadAttachment);
    buttons->addWidget(m_openAttachment);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_attachments, 1);
    layout->addWidget(m_transferProgress);
    layout->addWidget(m_uploadStatus);
    layout->addLayout(buttons);
    return page;
}

void CaseDetailWidget::showTransfer(const QString &fileName, qint64 done, qint64 total)
{
    // Percent in an int: a 100 MiB file's byte count fits, a percentage always does.
    m_transferProgress->setRange(0, 100);
    m_transferProgress->setValue(total > 0 ? int(done * 100 / total) : 0);
    m_transferProgress->setFormat(tr("%1: %p%").arg(fileName));
    m_transferProgress->setVisible(total <= 0 || done < total);
    m_lastTransferTotal = total;
    m_lastTransferDone = done;
}

QString CaseDetailWidget::attachmentCachePath(
    const QString &attachmentId, const QString &fileName) const
{
    return m_context.workspace->directory() % u"/attachments/"_s % attachmentId % u'/' % fileName;
}

void CaseDetailWidget::fetchAttachment(
    const QString &attachmentId, const QString &targetPath, std::function<void(bool)> then)
{
    QString reason;
    if (!m_actions->canWrite(&reason)) {
        showProblem(reason);
        return;
    }
    m_uploadStatus->setText(tr("Fetching %1…").arg(QFileInfo(targetPath).fileName()));
    QPointer<CaseDetailWidget> self(this);
    m_context.sync->downloadAttachment(m_caseId, attachmentId, targetPath,
        [self, targetPath, then](bool ok, const QString &message) {
            if (!self)
                return;
            self->m_transferProgress->hide();
            self->m_uploadStatus->setText(ok
                    ? self->tr("Saved %1.").arg(targetPath)
                    : self->tr("The attachment could not be fetched: %1").arg(message));
            if (then)
                then(ok);
        });
}

bool CaseDetailWidget::downloadSelectedAttachment()
{
    QTreeWidgetItem *item = m_attachments->currentItem();
    if (!item || !item->data(0, AttachmentVerifiedRole).toBool())
        return false;
    QString target = s_nextSaveFile;
    s_nextSaveFile.clear();
    if (target.isEmpty())
        target = QFileDialog::getSaveFileName(
            this, tr("Save attachment"), QDir::home().filePath(item->text(0)));
    if (target.isEmpty())
        return false;
    fetchAttachment(item->data(0, ItemIdRole).toString(), target, {});
    return true;
}

bool CaseDetailWidget::openSelectedAttachment()
{
    QTreeWidgetItem *item = m_attachments->currentItem();
    if (!item)
        return false;
    QString path = item->data(0, LocalPathRole).toString();
    if (path.isEmpty()) {
        const QString id = item->data(0, ItemIdRole).toString();
        const QString cached = attachmentCachePath(id, item->text(0));
        if (!QFileInfo::exists(cached)) {
            // Fetched once into the workspace, then opened from there.
            fetchAttachment(id, cached, [this, cached](bool ok) {
                if (ok)
                    openLocalFile(cached);
            });
            return true;
        }
        path = cached;
    }
    openLocalFile(path);
    return true;
}

void CaseDetailWidget::openLocalFile(const QString &path)
{
    m_lastOpenedFile = path;
    const QUrl url = QUrl::fromLocalFile(path);
    if (!(s_desktopOpener ? s_desktopOpener(url) : QDesktopServices::openUrl(url)))
        showProblem(tr("No application could open %1.").arg(path));
}

QWidget *CaseDetailWidget::buildFindingsTab()
{
    auto *page = new QWidget;
    m_findings = new QTreeWidget(page);
    m_findings->setObjectName(u"linkedFindingsTree"_s);
    m_findings->setHeaderLabels({tr("Severity"), tr("Finding"), tr("Account"), tr("Region")});
    m_findings->setRootIsDecorated(false);
    m_findings->setUniformRowHeights(true);
    auto *open = new QPushButton(tr("Open in triage queue"), page);
    open->setObjectName(u"openFindingButton"_s);
    connect(open, &QPushButton::clicked, this, &CaseDetailWidget::openSelectedFinding);
    connect(m_findings, &QTreeWidget::itemActivated, this, &CaseDetailWidget::openSelectedFinding);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_findings, 1);
    layout->addWidget(open, 0, Qt::AlignRight);
    return page;
}

QWidget *CaseDetailWidget::buildInvestigationsTab()
{
    auto *page = new QWidget;
    m_investigationList = new QTreeWidget(page);
    m_investigationList->setObjectName(u"investigationsTree"_s);
    m_investigationList->setHeaderLabels({tr("Investigation"), tr("Status"), tr("Feedback")});
    m_investigationList->setRootIsDecorated(false);
    m_investigationContent = new QPlainTextEdit(page);
    m_investigationContent->setObjectName(u"investigationContentView"_s);
    m_investigationContent->setReadOnly(true);
    auto *useful = new QPushButton(tr("Useful"), page);
    useful->setObjectName(u"usefulButton"_s);
    auto *notUseful = new QPushButton(tr("Not useful"), page);
    notUseful->setObjectName(u"notUsefulButton"_s);
    connect(useful, &QPushButton::clicked, this, [this] { sendSelectedFeedback(true); });
    connect(notUseful, &QPushButton::clicked, this, [this] { sendSelectedFeedback(false); });
    connect(
        m_investigationList, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
            const int i = item ? item->data(0, ItemIdRole).toInt() : -1;
            m_investigationContent->setPlainText(
                i >= 0 && i < m_investigations.size() ? m_investigations[i].content : QString());
        });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(useful);
    buttons->addWidget(notUseful);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_investigationList, 1);
    layout->addWidget(m_investigationContent, 1);
    layout->addLayout(buttons);
    return page;
}

void CaseDetailWidget::reload()
{
    if (!m_context.workspace)
        return;
    store::Database &db = m_context.workspace->database();
    QString error;
    m_case = store::CaseRepository(db.reader()).get(m_caseId, &error);
    m_comments = store::CommentRepository(db.reader()).listForCase(m_caseId, &error);
    m_investigations.clear();
    {
        QSqlQuery q(db.reader());
        q.prepare(u"SELECT investigation_id, action_type, title, content, status, last_updated, "
                  "feedback FROM investigations WHERE case_id = ? ORDER BY last_updated"_s);
        q.addBindValue(m_caseId);
        if (q.exec()) {
            while (q.next()) {
                domain::Investigation inv;
                inv.caseId = m_caseId;
                inv.investigationId = q.value(0).toString();
                inv.actionType = domain::fromString<domain::ActionType>(q.value(1).toString());
                inv.title = q.value(2).toString();
                inv.content = q.value(3).toString();
                inv.status = domain::fromString<domain::ExecutionStatus>(q.value(4).toString());
                inv.lastUpdated = store::sql::timeFromValue(q.value(5));
                domain::fromJson(store::sql::jsonObject(q.value(6)), inv.feedback);
                m_investigations.append(inv);
            }
        }
    }
    fillHeader();
    // Editors with unsaved edits keep them (a sync must not take what is being typed).
    QSet<QWidget *> edited;
    if (!std::exchange(m_discardEdits, false))
        for (const auto &[editor, label] : editors())
            if (m_filledTexts.contains(editor) && editorText(editor) != m_filledTexts.value(editor))
                edited.insert(editor);
    const auto before = m_filledTexts;
    fillFieldsExcept(edited);
    m_changedUnderEdits.clear();
    for (const auto &[editor, label] : editors()) {
        if (!edited.contains(editor))
            continue;
        // What the editor would show now, against what it showed when filled.
        if (m_filledTexts.value(editor) != before.value(editor))
            m_changedUnderEdits.append(label);
    }
    fillSyncState();
    fillComments();
    fillAttachments();
    fillFindings();
    fillInvestigations();
}

void CaseDetailWidget::fillHeader()
{
    if (!m_case) {
        m_titleLabel->setText(tr("Case %1 is not in this workspace.").arg(m_caseId));
        m_facts->clear();
        m_dates->clear();
        m_pending->hide();
        m_escalate->setEnabled(false);
        m_close->setEnabled(false);
        m_sections->setEnabled(false);
        return;
    }
    const domain::Case &c = *m_case;
    m_sections->setEnabled(true);
    m_titleLabel->setText(c.title);
    const bool aws = c.resolverType == domain::ResolverType::AWS;
    const bool closed = c.caseStatus == domain::CaseStatus::Closed;
    QStringList facts {u'#' + c.caseId, optionalText(c.caseStatus),
        aws ? tr("AWS-supported") : tr("Self-managed"), optionalText(c.engagementType)};
    if (closed && c.closureCode)
        facts.append(tr("closure: %1").arg(domain::toString(*c.closureCode)));
    facts.removeAll(QString());
    m_facts->setText(facts.join(u"  ·  "_s));
    QStringList dates {tr("Created %1").arg(timeText(c.createdDate)),
        tr("updated %1").arg(timeText(c.lastUpdatedDate))};
    if (c.reportedIncidentStartDate.isValid())
        dates.append(tr("reported start %1").arg(timeText(c.reportedIncidentStartDate)));
    if (c.actualIncidentStartDate.isValid())
        dates.append(tr("actual start %1").arg(timeText(c.actualIncidentStartDate)));
    if (c.closedDate.isValid())
        dates.append(tr("closed %1").arg(timeText(c.closedDate)));
    m_dates->setText(dates.join(u"  ·  "_s));
    m_pending->setVisible(c.pendingAction == domain::PendingAction::Customer);
    m_escalate->setEnabled(!aws && !closed);
    m_escalate->setToolTip(aws ? tr("AWS already supports this case.")
                               : tr("Ask the AWS Customer Incident Response Team to take over "
                                    "this case. This cannot be undone."));
    m_close->setEnabled(!closed);
    m_save->setEnabled(!closed);
}

QList<std::pair<QWidget *, QString>> CaseDetailWidget::editors() const
{
    return {{m_title, tr("Title")}, {m_description, tr("Description")},
        {m_engagement, tr("Engagement type")}, {m_reportedStart, tr("Reported start")},
        {m_actualStart, tr("Actual start")}, {m_accounts, tr("Impacted accounts")},
        {m_regions, tr("Impacted Regions")}, {m_services, tr("Impacted services")},
        {m_threatActors, tr("Threat actor IPs")}, {m_watchers, tr("Watchers")},
        {m_metadata, tr("Case metadata")}};
}

void CaseDetailWidget::fillFields()
{
    fillFieldsExcept({});
}

void CaseDetailWidget::fillFieldsExcept(const QSet<QWidget *> &keep)
{
    // Every editor is filled; kept ones then get the user's text back, cursor kept (the value
    // the case has is still noted, so a later reload sees whether it moved again).
    QHash<QWidget *, QString> kept;
    QHash<QWidget *, int> cursors;
    for (QWidget *editor : keep) {
        kept.insert(editor, editorText(editor));
        if (auto *text = qobject_cast<QPlainTextEdit *>(editor))
            cursors.insert(editor, text->textCursor().position());
        else if (auto *line = qobject_cast<QLineEdit *>(editor))
            cursors.insert(editor, line->cursorPosition());
    }
    fillEditors();
    for (const auto &[editor, label] : editors())
        m_filledTexts.insert(editor, editorText(editor));
    for (auto it = kept.cbegin(); it != kept.cend(); ++it) {
        const QSignalBlocker blocker(it.key());
        if (auto *line = qobject_cast<QLineEdit *>(it.key())) {
            line->setText(it.value());
            line->setCursorPosition(cursors.value(it.key()));
        } else if (auto *text = qobject_cast<QPlainTextEdit *>(it.key())) {
            text->setPlainText(it.value());
            QTextCursor cursor = text->textCursor();
            cursor.setPosition(std::min<int>(cursors.value(it.key()), int(it.value().size())));
            text->setTextCursor(cursor);
        } else if (auto *combo = qobject_cast<QComboBox *>(it.key())) {
            combo->setCurrentIndex(it.value().toInt());
        } else if (auto *date = qobject_cast<QDateTimeEdit *>(it.key())) {
            date->setDateTime(QDateTime::fromString(it.value(), Qt::ISODate));
        }
    }
    validateEdits();
}

void CaseDetailWidget::fillEditors()
{
    const domain::Case c = m_case.value_or(domain::Case {});
    const QSignalBlocker blockers[]
        = {QSignalBlocker(m_title), QSignalBlocker(m_description), QSignalBlocker(m_engagement),
            QSignalBlocker(m_reportedStart), QSignalBlocker(m_actualStart),
            QSignalBlocker(m_accounts), QSignalBlocker(m_regions), QSignalBlocker(m_services),
            QSignalBlocker(m_threatActors), QSignalBlocker(m_watchers), QSignalBlocker(m_metadata)};
    m_title->setText(c.title);
    m_description->setPlainText(c.description);
    if (c.engagementType)
        m_engagement->setCurrentIndex(m_engagement->findData(int(*c.engagementType)));
    m_reportedStart->setDateTime(c.reportedIncidentStartDate.isValid()
            ? c.reportedIncidentStartDate
            : m_reportedStart->minimumDateTime());
    m_actualStart->setDateTime(c.actualIncidentStartDate.isValid()
            ? c.actualIncidentStartDate
            : m_actualStart->minimumDateTime());
    m_accounts->setText(c.impactedAccounts.join(u", "_s));
    m_regions->setText(fieldtext::formatRegions(c.impactedAwsRegions));
    m_services->setText(c.impactedServices.join(u", "_s));
    m_threatActors->setPlainText(fieldtext::formatThreatActorIps(c.threatActorIpAddresses));
    m_watchers->setPlainText(fieldtext::formatWatchers(c.watchers));
    m_metadata->setPlainText(fieldtext::formatMetadata(c.caseMetadata));
}

domain::UpdateCaseRequest CaseDetailWidget::pendingUpdate(domain::FieldErrors *parseErrors) const
{
    domain::FieldErrors ignored;
    domain::FieldErrors &errors = parseErrors ? *parseErrors : ignored;
    domain::UpdateCaseRequest r;
    r.caseId = m_caseId;
    if (!m_case)
        return r;
    const domain::Case &c = *m_case;
    if (m_title->text().trimmed() != c.title)
        r.title = m_title->text().trimmed();
    if (m_description->toPlainText().trimmed() != c.description)
        r.description = m_description->toPlainText().trimmed();
    const auto engagement = domain::EngagementType(m_engagement->currentData().toInt());
    if (c.engagementType != engagement)
        r.engagementType = engagement;
    auto dateOf = [](const QDateTimeEdit *e) {
        return e->dateTime() == e->minimumDateTime() ? QDateTime() : e->dateTime().toUTC();
    };
    if (dateOf(m_reportedStart) != c.reportedIncidentStartDate)
        r.reportedIncidentStartDate = dateOf(m_reportedStart);
    if (dateOf(m_actualStart) != c.actualIncidentStartDate)
        r.actualIncidentStartDate = dateOf(m_actualStart);
    if (c.reportedIncidentStartDate.isValid() && !dateOf(m_reportedStart).isValid())
        errors.append({u"reportedIncidentStartDate"_s,
            tr("The reported incident start date cannot be removed, only changed.")});

    const QStringList accounts = fieldtext::splitWords(m_accounts->text());
    r.impactedAccountsToAdd = added(c.impactedAccounts, accounts);
    r.impactedAccountsToDelete = added(accounts, c.impactedAccounts);
    const auto regions = fieldtext::parseRegions(m_regions->text());
    r.impactedAwsRegionsToAdd = added(c.impactedAwsRegions, regions);
    r.impactedAwsRegionsToDelete = added(regions, c.impactedAwsRegions);
    QStringList services;
    for (const QString &s : m_services->text().split(u','))
        if (!s.trimmed().isEmpty())
            services.append(s.trimmed());
    r.impactedServicesToAdd = added(c.impactedServices, services);
    r.impactedServicesToDelete = added(services, c.impactedServices);
    const auto ips = fieldtext::parseThreatActorIps(m_threatActors->toPlainText());
    r.threatActorIpAddressesToAdd = added(c.threatActorIpAddresses, ips);
    r.threatActorIpAddressesToDelete = added(ips, c.threatActorIpAddresses);
    const auto watchers = fieldtext::parseWatchers(m_watchers->toPlainText());
    r.watchersToAdd = added(c.watchers, watchers);
    r.watchersToDelete = added(watchers, c.watchers);
    const domain::CaseMetadata metadata
        = fieldtext::parseMetadata(m_metadata->toPlainText(), u"caseMetadata"_s, errors);
    if (metadata != c.caseMetadata) {
        if (metadata.isEmpty())
            errors.append({u"caseMetadata"_s,
                tr("Case metadata can be changed but not emptied: keep at least one entry.")});
        else
            r.caseMetadata = metadata;
    }
    return r;
}

void CaseDetailWidget::validateEdits()
{
    domain::FieldErrors errors;
    const domain::UpdateCaseRequest r = pendingUpdate(&errors);
    errors += domain::validate(r);
    setFieldErrors(errors);
    domain::UpdateCaseRequest unchanged;
    unchanged.caseId = m_caseId;
    const bool changed = !(r == unchanged);
    m_save->setEnabled(
        changed && errors.isEmpty() && m_case && m_case->caseStatus != domain::CaseStatus::Closed);
    m_revert->setEnabled(changed);
}

void CaseDetailWidget::setFieldErrors(const domain::FieldErrors &errors)
{
    // UpdateCase paths name the lists as "...ToAdd" / "...ToDelete": show them on the field.
    domain::FieldErrors mapped;
    for (domain::FieldError e : errors) {
        for (const QString &suffix : {u"ToAdd"_s, u"ToDelete"_s}) {
            const QString top = fieldtext::topField(e.field);
            if (top.endsWith(suffix))
                e.field = top.chopped(suffix.size()) + e.field.mid(top.size());
        }
        mapped.append(e);
    }
    for (auto it = m_errorLabels.constBegin(); it != m_errorLabels.constEnd(); ++it) {
        const QString text = fieldtext::messagesFor(mapped, it.key());
        it.value()->setText(text);
        it.value()->setVisible(!text.isEmpty());
    }
}

QString CaseDetailWidget::errorText(const QString &field) const
{
    const QLabel *label = m_errorLabels.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void CaseDetailWidget::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

bool CaseDetailWidget::saveChanges()
{
    domain::FieldErrors errors;
    const domain::UpdateCaseRequest r = pendingUpdate(&errors);
    errors += domain::validate(r);
    if (!errors.isEmpty()) {
        setFieldErrors(errors);
        return false;
    }
    QString error;
    if (!m_actions->updateCase(r, &errors, &error)) {
        setFieldErrors(errors);
        showProblem(error.isEmpty() ? tr("The changes were not saved; see the fields.") : error);
        return false;
    }
    showProblem(QString());
    m_discardEdits = true; // saved: the editors show the case as it is now
    reload();
    return true;
}

bool CaseDetailWidget::escalateToAws()
{
    if (!m_case || m_case->resolverType == domain::ResolverType::AWS)
        return false;
    const auto answer = MessageBox::question(this, tr("Escalate to AWS"),
        tr("Hand case %1 to the AWS Customer Incident Response Team?\n\nThis cannot be undone: "
           "an AWS-supported case never returns to self-managed, and from then on AWS moves it "
           "through its statuses.")
            .arg(m_caseId),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return false;
    QString error;
    if (!m_actions->escalateToAws(m_caseId, &error)) {
        showProblem(error);
        return false;
    }
    showProblem(QString());
    reload();
    return true;
}

bool CaseDetailWidget::closeCase()
{
    if (!m_case || m_case->caseStatus == domain::CaseStatus::Closed)
        return false;
    const auto answer = MessageBox::question(this, tr("Close case"),
        tr("Close case %1?\n\n%2\n\nA closed case cannot be reopened.")
            .arg(m_caseId, m_case->title),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return false;
    QString error;
    if (!m_actions->closeCase(m_caseId, &error)) {
        showProblem(error);
        return false;
    }
    showProblem(QString());
    reload();
    return true;
}

void CaseDetailWidget::fillComments()
{
    const QString me = m_actions->principal();
    const QString keep = m_commentList->currentItem()
        ? m_commentList->currentItem()->data(CommentIdRole).toString()
        : QString();
    m_commentList->clear();
    for (const domain::Comment &c : std::as_const(m_comments)) {
        QString head = (c.creator.isEmpty() ? tr("unknown") : c.creator) + u"  ·  "_s
            + timeText(c.createdDate);
        if (c.lastUpdatedDate.isValid() && c.lastUpdatedDate != c.createdDate)
            head += u"  ·  "_s + tr("edited %1").arg(timeText(c.lastUpdatedDate));
        auto *item = new QListWidgetItem(head + u'\n' + c.body, m_commentList);
        item->setData(CommentIdRole, c.commentId);
        const bool mine = !me.isEmpty() && c.creator == me;
        item->setData(CommentMineRole, mine);
        if (c.commentId == keep)
            m_commentList->setCurrentItem(item);
    }
    m_sections->setTabText(1, tr("Comments (%1)").arg(m_comments.size()));
    updateComposerCount();
}

void CaseDetailWidget::updateComposerCount()
{
    const int used = domain::codePointLength(m_composer->toPlainText());
    const int max = domain::limits::CommentBodyMax;
    m_composerCount->setText(tr("%1 / %2 characters%3")
                                 .arg(QLocale().toString(used), QLocale().toString(max),
                                     m_editingCommentId.isEmpty()
                                         ? QString()
                                         : tr(" · editing comment %1").arg(m_editingCommentId)));
    QPalette p = palette();
    if (used > max)
        p.setColor(QPalette::WindowText,
            paletteIsDark() ? QColor(0xff, 0x8a, 0x80) : QColor(0xc6, 0x28, 0x28));
    m_composerCount->setPalette(p);
    const bool blank = m_composer->toPlainText().trimmed().isEmpty();
    m_post->setEnabled(m_case.has_value() && !blank && used <= max);
    m_post->setText(m_editingCommentId.isEmpty() ? tr("Post comment") : tr("Save comment"));
    m_cancelEdit->setVisible(!m_editingCommentId.isEmpty());
}

bool CaseDetailWidget::postComment()
{
    const QString body = m_composer->toPlainText().trimmed();
    domain::FieldErrors errors;
    domain::checkCommentBody(body, u"body"_s, errors);
    if (!errors.isEmpty()) {
        showProblem(errors.first().message);
        return false;
    }
    QString error;
    const bool ok = m_editingCommentId.isEmpty()
        ? m_actions->addComment(m_caseId, body, &error)
        : m_actions->updateComment(m_caseId, m_editingCommentId, body, &error);
    if (!ok) {
        showProblem(error); // the text stays in the composer
        return false;
    }
    showProblem(QString());
    m_editingCommentId.clear();
    m_composer->clear();
    reload();
    return true;
}

bool CaseDetailWidget::editSelectedComment()
{
    QListWidgetItem *item = m_commentList->currentItem();
    if (!item || !item->data(CommentMineRole).toBool())
        return false;
    const QString id = item->data(CommentIdRole).toString();
    for (const domain::Comment &c : std::as_const(m_comments)) {
        if (c.commentId == id) {
            m_editingCommentId = id;
            m_composer->setPlainText(c.body);
            updateComposerCount();
            m_composer->setFocus();
            return true;
        }
    }
    return false;
}

void CaseDetailWidget::fillAttachments()
{
    const QString current = m_attachments->currentItem()
        ? m_attachments->currentItem()->data(0, ItemIdRole).toString()
        : QString();
    m_attachments->clear();
    if (!m_case || !m_context.workspace)
        return;
    QHash<QString, QString> localPaths;
    QSqlQuery q(m_context.workspace->database().reader());
    q.prepare(u"SELECT attachment_id, local_path FROM attachments WHERE case_id = ?"_s);
    q.addBindValue(m_caseId);
    if (q.exec())
        while (q.next())
            localPaths.insert(q.value(0).toString(), q.value(1).toString());
    for (const domain::Attachment &a : std::as_const(m_case->caseAttachments)) {
        auto *item = new QTreeWidgetItem(m_attachments,
            {a.fileName, optionalText(a.attachmentStatus), a.creator, timeText(a.createdDate)});
        item->setData(0, ItemIdRole, a.attachmentId);
        item->setData(
            0, AttachmentVerifiedRole, a.attachmentStatus == domain::AttachmentStatus::Verified);
        const QString path = localPaths.value(a.attachmentId);
        if (!path.isEmpty() && QFileInfo::exists(path))
            item->setData(0, LocalPathRole, path);
        item->setToolTip(0, a.attachmentId);
        if (a.attachmentId == current)
            m_attachments->setCurrentItem(item);
    }
    // Uploads still waiting in the outbox: shown so the file is not attached twice.
    QSqlQuery pending(m_context.workspace->database().reader());
    pending.prepare(u"SELECT payload, state, created_at FROM outbox WHERE case_id = ? "
                    "AND operation = 'UploadAttachment' AND state != 'sent' ORDER BY id"_s);
    pending.addBindValue(m_caseId);
    int waiting = 0;
    if (pending.exec()) {
        while (pending.next()) {
            const QJsonObject payload
                = QJsonDocument::fromJson(pending.value(0).toByteArray()).object();
            const bool failed = pending.value(1).toString() == u"failed"_s;
            auto *item = new QTreeWidgetItem(m_attachments,
                {payload.value(u"fileName"_s).toString(),
                    failed ? tr("Refused (see Needs attention)") : tr("Waiting to upload"),
                    tr("you"), timeText(store::sql::timeFromValue(pending.value(2)))});
            item->setData(0, LocalPathRole, payload.value(u"localPath"_s).toString());
            ++waiting;
        }
    }
    m_sections->setTabText(2, tr("Attachments (%1)").arg(m_case->caseAttachments.size() + waiting));
    m_upload->setEnabled(m_case->caseStatus != domain::CaseStatus::Closed);
}

bool CaseDetailWidget::uploadAttachment()
{
    QString path = s_nextUploadFile;
    s_nextUploadFile.clear();
    if (path.isEmpty())
        path = QFileDialog::getOpenFileName(this, tr("Attach a file to case %1").arg(m_caseId));
    if (path.isEmpty())
        return false;
    return uploadFile(path);
}

bool CaseDetailWidget::uploadFile(const QString &path)
{
    const QFileInfo info(path);
    domain::FieldErrors errors;
    domain::checkFileName(info.fileName(), u"fileName"_s, errors);
    domain::checkContentLength(info.size(), u"contentLength"_s, errors);
    if (!info.isFile())
        errors.append({u"fileName"_s, tr("%1 is not a readable file.").arg(path)});
    if (!errors.isEmpty()) {
        QStringList messages;
        for (const auto &e : std::as_const(errors))
            messages.append(e.message);
        m_uploadStatus->setText(
            tr("%1 was not attached: %2").arg(info.fileName(), messages.join(u' ')));
        return false;
    }
    QString error;
    if (!m_actions->addAttachment(m_caseId, path, &error)) {
        m_uploadStatus->setText(tr("%1 was not attached: %2").arg(info.fileName(), error));
        return false;
    }
    m_uploadStatus->setText(tr("%1 is queued for upload.").arg(info.fileName()));
    reload();
    return true;
}

void CaseDetailWidget::fillFindings()
{
    m_findings->clear();
    if (!m_context.workspace)
        return;
    QSqlQuery q(m_context.workspace->database().reader());
    q.prepare(u"SELECT id, severity_label, title, account_id, region FROM findings "
              "WHERE case_id = ? ORDER BY severity DESC LIMIT 500"_s);
    q.addBindValue(m_caseId);
    if (!q.exec())
        return;
    int n = 0;
    while (q.next()) {
        auto *item = new QTreeWidgetItem(m_findings,
            {q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                q.value(4).toString()});
        item->setData(0, ItemIdRole, q.value(0).toString());
        item->setToolTip(1, q.value(0).toString());
        ++n;
    }
    m_sections->setTabText(3, tr("Findings (%1)").arg(n));
}

void CaseDetailWidget::openSelectedFinding()
{
    QTreeWidgetItem *item = m_findings->currentItem();
    if (!item || !m_context.showItem)
        return;
    m_context.showItem(Area::TriageQueue, item->data(0, ItemIdRole).toString());
}

void CaseDetailWidget::fillInvestigations()
{
    m_investigationList->clear();
    for (int i = 0; i < m_investigations.size(); ++i) {
        const domain::Investigation &inv = m_investigations[i];
        QString feedback;
        if (inv.feedback.usefulness)
            feedback = *inv.feedback.usefulness == domain::UsefulnessRating::Useful
                ? tr("Useful")
                : tr("Not useful");
        auto *item = new QTreeWidgetItem(
            m_investigationList, {inv.title, optionalText(inv.status), feedback});
        item->setData(0, ItemIdRole, i);
    }
    m_sections->setTabText(4, tr("Investigations (%1)").arg(m_investigations.size()));
}

bool CaseDetailWidget::sendSelectedFeedback(bool useful)
{
    QTreeWidgetItem *item = m_investigationList->currentItem();
    if (!item)
        return false;
    const int i = item->data(0, ItemIdRole).toInt();
    if (i < 0 || i >= m_investigations.size())
        return false;
    QString error;
    if (!m_actions->sendFeedback(m_caseId, m_investigations[i].investigationId,
            useful ? domain::UsefulnessRating::Useful : domain::UsefulnessRating::NotUseful,
            &error)) {
        showProblem(error);
        return false;
    }
    showProblem(QString());
    reload();
    return true;
}

} // namespace warroom::ui

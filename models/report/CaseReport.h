#pragma once

#include "domain/Case.h"
#include "domain/Comment.h"
#include "timeline/TimelineChain.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace warroom::store {
class Database;
}

namespace warroom::report {

// A case's post-incident report: summary, scope, people, the timeline (both clocks of
// every entry, with their time zones), the comments and the chain head with its
// verification and every head posted to the case. Rendered as Markdown, or as HTML
// that PdfReportWriter lays out into a PDF.
class CaseReport final
{
public:
    // Brings the case's timeline up to date with the store first (TimelineCollector),
    // then reads what the report shows. nullopt with *error when the case is unknown.
    static std::optional<CaseReport> load(
        store::Database &database, const QString &caseId, QString *error);

    const domain::Case &caseValue() const { return m_case; }
    const QList<timeline::TimelineEntry> &timeline() const { return m_entries; }
    const timeline::ChainVerification &verification() const { return m_verification; }
    QString title() const;

    QString toMarkdown() const;
    QString toHtml() const;

    // Human name of an entry kind ("analyst" -> "Analyst entry").
    static QString kindLabel(const QString &kind);
    // "2026-11-02 02:13:00 +01:00": `time` shown at `offsetSeconds` from UTC.
    static QString formatTime(const QDateTime &time, int offsetSeconds);

private:
    struct PostedHeadCheck
    {
        timeline::TimelineEntry entry;
        bool matches = false;
        bool ours = false; // posted from this workspace, so checked against its chain
        QString stamp; // the backend's timestamp of the comment, or why there is none
    };

    QList<std::pair<QString, QString>> summaryFacts() const; // label, value; set ones only
    QList<std::pair<QString, QString>> scopeFacts() const;
    QStringList watcherLines() const;
    QString happenedText(const timeline::TimelineEntry &entry) const;
    QString recordedText(const timeline::TimelineEntry &entry) const;
    QList<timeline::TimelineEntry> entriesByTime() const;
    QList<PostedHeadCheck> postedHeads() const;
    static QString headVerdict(const PostedHeadCheck &check);
    QList<domain::Comment> plainComments() const;
    QStringList authors() const;

    domain::Case m_case;
    QList<domain::Comment> m_comments;
    QList<timeline::TimelineEntry> m_entries; // chain order
    timeline::ChainVerification m_verification;
    QDateTime m_generatedAt;
    QString m_workspaceId;
    QHash<qint64, QDateTime> m_backendStamps; // chainHead seq -> its comment's backend time
};

} // namespace warroom::report

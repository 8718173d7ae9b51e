#pragma once

#include "domain/Comment.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace warroom::store {

// Comments of a case, keyed by (caseId, commentId).
class CommentRepository final
{
public:
    explicit CommentRepository(const QSqlDatabase &connection);

    bool upsert(const domain::Comment &comment, QString *error);
    std::optional<domain::Comment> get(
        const QString &caseId, const QString &commentId, QString *error = nullptr) const;
    // Oldest first.
    QList<domain::Comment> listForCase(const QString &caseId, QString *error = nullptr) const;
    qint64 countForCase(const QString &caseId, QString *error = nullptr) const;
    bool remove(const QString &caseId, const QString &commentId, QString *error);

private:
    QSqlDatabase m_connection;
};

} // namespace warroom::store

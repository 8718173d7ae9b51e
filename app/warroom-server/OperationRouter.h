#pragma once

#include "ApiError.h"
#include "OperationTable.h"

#include "aws/SigV4Signer.h"

#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QString>

#include <optional>

namespace warroom::server {

// Maps an HTTP request to a security-ir operation and its input, following the model's
// bindings: path labels (percent-decoded once), query parameters (typed per the model)
// and the JSON body. Built from operationTable() once; match() is read-only.
class OperationRouter final
{
public:
    OperationRouter();
    explicit OperationRouter(const QList<OperationSpec> &table);

    struct Match
    {
        const OperationSpec *operation = nullptr;
        QHash<QString, QString> labels; // label name -> decoded value
    };

    // `rawPath` is the path as sent (percent-encoded, no query). Nullopt when no
    // operation is bound to the method and path.
    std::optional<Match> match(QByteArrayView method, QByteArrayView rawPath) const;

    // Every input member by model member name. Nullopt with *error set for a body that
    // is not a JSON object (CANNOT_PARSE) or a query value of the wrong type.
    static std::optional<QJsonObject> buildInput(const Match &match,
        const QList<aws::QueryItem> &query, const QByteArray &body, ApiError *error);

    // The decoded path segments of a template or a raw path ("/a/b" -> {"a", "b"}).
    static QList<QByteArray> splitPath(QByteArrayView path);

private:
    struct Route
    {
        const OperationSpec *operation;
        QByteArray method;
        QList<QByteArray> segments; // literal, or "{label}"
    };
    QList<Route> m_routes;
};

} // namespace warroom::server

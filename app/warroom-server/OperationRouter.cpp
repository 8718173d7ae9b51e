#include "OperationRouter.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonParseError>

#include <limits>

namespace warroom::server {

using namespace Qt::StringLiterals;

namespace {

bool isLabel(const QByteArray &segment)
{
    return segment.size() > 2 && segment.startsWith('{') && segment.endsWith('}');
}

QString labelName(const QByteArray &segment)
{
    QByteArray name = segment.mid(1, segment.size() - 2);
    if (name.endsWith('+')) // greedy labels are matched per segment: none in this model
        name.chop(1);
    return QString::fromLatin1(name);
}

} // namespace

OperationRouter::OperationRouter()
    : OperationRouter(operationTable())
{
}

OperationRouter::OperationRouter(const QList<OperationSpec> &table)
{
    for (const OperationSpec &spec : table) {
        const QByteArray uri = QByteArray(spec.requestUri.data(), spec.requestUri.size());
        const qsizetype q = uri.indexOf('?');
        m_routes.append({&spec, QByteArray(spec.method.data(), spec.method.size()),
            splitPath(q < 0 ? QByteArrayView(uri) : QByteArrayView(uri).first(q))});
    }
}

QList<QByteArray> OperationRouter::splitPath(QByteArrayView path)
{
    QList<QByteArray> segments;
    for (const QByteArray &segment : path.toByteArray().split('/')) {
        if (!segment.isEmpty())
            segments.append(segment);
    }
    return segments;
}

std::optional<OperationRouter::Match> OperationRouter::match(
    QByteArrayView method, QByteArrayView rawPath) const
{
    const QList<QByteArray> segments = splitPath(rawPath);
    for (const Route &route : m_routes) {
        if (route.method != method || route.segments.size() != segments.size())
            continue;
        Match m {route.operation, {}};
        bool ok = true;
        for (qsizetype i = 0; ok && i < segments.size(); ++i) {
            const QByteArray &pattern = route.segments.at(i);
            if (isLabel(pattern))
                m.labels.insert(labelName(pattern),
                    QString::fromUtf8(QByteArray::fromPercentEncoding(segments.at(i))));
            else
                ok = pattern == segments.at(i);
        }
        if (ok)
            return m;
    }
    return std::nullopt;
}

std::optional<QJsonObject> OperationRouter::buildInput(
    const Match &match, const QList<aws::QueryItem> &query, const QByteArray &body, ApiError *error)
{
    QJsonObject input;
    if (!body.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            *error = ApiError::validation(parseError.error != QJsonParseError::NoError
                    ? QString(u"The request body is not valid JSON: "_s % parseError.errorString()
                        % u" at offset "_s % QString::number(parseError.offset) % u'.')
                    : u"The request body must be a JSON object."_s,
                u"CANNOT_PARSE"_s);
            return std::nullopt;
        }
        input = document.object();
    }

    for (const MemberBinding &binding : match.operation->bindings) {
        const QString member = binding.member;
        input.remove(member); // a bound member is taken from where the model binds it
        if (binding.location == MemberLocation::Uri) {
            input.insert(member, match.labels.value(QString(binding.locationName)));
            continue;
        }
        if (binding.location != MemberLocation::QueryString)
            continue; // no header-bound inputs in this model
        QList<QByteArray> values;
        const QByteArray key(binding.locationName.data(), binding.locationName.size());
        for (const auto &[name, value] : query) {
            if (name == key)
                values.append(value);
        }
        if (values.isEmpty())
            continue;
        const QString text = QString::fromUtf8(values.constLast());
        switch (binding.type) {
        case MemberType::List: {
            QJsonArray array;
            for (const QByteArray &value : std::as_const(values))
                array.append(QString::fromUtf8(value));
            input.insert(member, array);
            break;
        }
        case MemberType::Integer:
        case MemberType::Long: {
            bool ok = false;
            const qlonglong number = text.toLongLong(&ok);
            const bool fits = binding.type == MemberType::Long
                || (number >= std::numeric_limits<int>::min()
                    && number <= std::numeric_limits<int>::max());
            if (!ok || !fits) {
                const QString message = QString(u"Value '"_s % text % u"' at '"_s % member
                    % u"' failed to satisfy constraint: Member must be an integer"_s);
                *error
                    = ApiError::validation(message, u"FIELD_VALIDATION_FAILED"_s, member, message);
                return std::nullopt;
            }
            input.insert(member, number);
            break;
        }
        case MemberType::Boolean:
            if (text != u"true"_s && text != u"false"_s) {
                const QString message = QString(u"Value '"_s % text % u"' at '"_s % member
                    % u"' failed to satisfy constraint: Member must be true or false"_s);
                *error
                    = ApiError::validation(message, u"FIELD_VALIDATION_FAILED"_s, member, message);
                return std::nullopt;
            }
            input.insert(member, text == u"true"_s);
            break;
        case MemberType::String:
        case MemberType::Timestamp:
            input.insert(member, text);
            break;
        }
    }
    return input;
}

} // namespace warroom::server

#include "CtlSupport.h"

#include "aws/SecurityIrClient.h"
#include "domain/CaseJson.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>

using namespace Qt::StringLiterals;

namespace warroom::ctl {

std::shared_ptr<aws::SecurityIrClient> securityIr(const CommandContext &ctx)
{
    return std::make_shared<aws::SecurityIrClient>(ctx.http(), ctx.clientConfig());
}

void paginate(CommandContext &ctx, const QString &operation, const QString &itemsKey,
    const QString &tokenKey,
    std::function<aws::AwsReply *(const QString &token, int pageSize)> fetch)
{
    int maxItems = 0;
    int pageSize = 0;
    for (const auto &[option, target] :
        {std::pair {u"max-items"_s, &maxItems}, std::pair {u"page-size"_s, &pageSize}}) {
        if (!ctx.has(option))
            continue;
        bool ok = false;
        *target = ctx.value(option).toInt(&ok);
        if (!ok || *target < 1) {
            ctx.usageError(u"argument --%1: expected a positive integer, got \"%2\""_s.arg(
                option, ctx.value(option)));
            return;
        }
    }
    struct State
    {
        QJsonArray items;
        QJsonObject first;
        QString resumeToken;
    };
    auto state = std::make_shared<State>();
    const QString startingToken = ctx.value(u"starting-token"_s);
    auto *paginator = new aws::AwsPaginator(
        [fetch, startingToken, pageSize](const QString &token) {
            return fetch(token.isEmpty() ? startingToken : token, pageSize);
        },
        tokenKey,
        [state, itemsKey, tokenKey, maxItems](const QJsonObject &page) {
            if (state->first.isEmpty())
                state->first = page;
            const QJsonArray items = page.value(itemsKey).toArray();
            for (const QJsonValue &item : items) {
                if (maxItems > 0 && state->items.size() >= maxItems)
                    break;
                state->items.append(item);
            }
            if (maxItems > 0 && state->items.size() >= maxItems) {
                // As the AWS CLI: resume with the next page's token (items beyond
                // max-items on this page are not carried over).
                state->resumeToken = page.value(tokenKey).toString();
                return false;
            }
            return true;
        },
        [&ctx, state, itemsKey, operation](const aws::AwsError &error) {
            if (error) {
                ctx.fail(error, operation);
                return;
            }
            QJsonObject output {{itemsKey, state->items}};
            if (state->first.contains("total"_L1))
                output.insert("total"_L1, state->first.value("total"_L1));
            if (!state->resumeToken.isEmpty())
                output.insert("NextToken"_L1, state->resumeToken);
            ctx.succeed(output);
        },
        ctx.http());
    paginator->start();
}

bool parseDateOption(CommandContext &ctx, const QString &option, QDateTime &out)
{
    if (!ctx.has(option))
        return true;
    const QString text = ctx.value(option);
    bool isNumber = false;
    const double seconds = text.toDouble(&isNumber);
    if (isNumber) {
        out = QDateTime::fromMSecsSinceEpoch(qint64(seconds * 1000.0), Qt::UTC);
    } else {
        out = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!out.isValid())
            out = QDateTime::fromString(text + u"T00:00:00Z"_s, Qt::ISODate);
        if (out.isValid() && out.timeSpec() == Qt::LocalTime && !text.contains(u'+'))
            out.setTimeSpec(Qt::UTC); // a date without an offset is UTC, as in the CLI
        out = out.toUTC();
    }
    if (!out.isValid()) {
        ctx.usageError(u"argument --%1: Invalid timestamp \"%2\": use ISO 8601 "
                       u"(2026-11-01T00:00:00Z) or epoch seconds"_s.arg(option, text));
        return false;
    }
    return true;
}

namespace {

// Shorthand "a=1,b=2" or a JSON object/list; one QJsonObject per structure.
bool structures(
    CommandContext &ctx, const QString &option, const QString &bareKey, QList<QJsonObject> &out)
{
    for (const QString &value : ctx.values(option)) {
        const QString trimmed = value.trimmed();
        if (trimmed.startsWith(u'[') || trimmed.startsWith(u'{')) {
            const QJsonDocument document = QJsonDocument::fromJson(trimmed.toUtf8());
            if (document.isArray()) {
                for (const QJsonValue &element : document.array())
                    out << element.toObject();
            } else if (document.isObject()) {
                out << document.object();
            } else {
                ctx.usageError(u"argument --%1: invalid JSON: %2"_s.arg(option, value));
                return false;
            }
            continue;
        }
        QJsonObject object;
        for (const QString &pair : trimmed.split(u',', Qt::SkipEmptyParts)) {
            const qsizetype equals = pair.indexOf(u'=');
            if (equals < 0) {
                if (bareKey.isEmpty()) {
                    ctx.usageError(
                        u"argument --%1: expected key=value, got \"%2\""_s.arg(option, pair));
                    return false;
                }
                object.insert(bareKey, pair.trimmed());
                continue;
            }
            object.insert(pair.left(equals).trimmed(), pair.mid(equals + 1).trimmed());
        }
        out << object;
    }
    return true;
}

} // namespace

bool parseWatchers(CommandContext &ctx, const QString &option, QList<domain::Watcher> &out)
{
    QList<QJsonObject> objects;
    if (!structures(ctx, option, u"email"_s, objects))
        return false;
    for (const QJsonObject &object : objects) {
        domain::Watcher watcher;
        domain::FieldErrors errors;
        domain::fromJson(object, watcher, &errors);
        out << watcher;
    }
    return true;
}

bool parseThreatActors(
    CommandContext &ctx, const QString &option, QList<domain::ThreatActorIp> &out)
{
    QList<QJsonObject> objects;
    if (!structures(ctx, option, u"ipAddress"_s, objects))
        return false;
    for (const QJsonObject &object : objects) {
        domain::ThreatActorIp ip;
        domain::fromJson(object, ip);
        out << ip;
    }
    return true;
}

bool parseRegions(CommandContext &ctx, const QString &option, QList<domain::ImpactedRegion> &out)
{
    QList<QJsonObject> objects;
    if (!structures(ctx, option, u"region"_s, objects))
        return false;
    for (const QJsonObject &object : objects) {
        domain::ImpactedRegion region;
        region.region = object.value("region"_L1).toString();
        out << region;
    }
    return true;
}

bool parseTags(CommandContext &ctx, const QString &option, domain::Tags &out)
{
    for (const QString &value : ctx.values(option)) {
        const QString trimmed = value.trimmed();
        if (trimmed.startsWith(u'{')) {
            const QJsonObject object = QJsonDocument::fromJson(trimmed.toUtf8()).object();
            for (auto it = object.begin(); it != object.end(); ++it)
                out.insert(it.key(), it.value().toString());
            continue;
        }
        for (const QString &pair : trimmed.split(u',', Qt::SkipEmptyParts)) {
            const qsizetype equals = pair.indexOf(u'=');
            if (equals <= 0) {
                ctx.usageError(
                    u"argument --%1: expected key=value, got \"%2\""_s.arg(option, pair));
                return false;
            }
            out.insert(pair.left(equals), pair.mid(equals + 1));
        }
    }
    return true;
}

} // namespace warroom::ctl

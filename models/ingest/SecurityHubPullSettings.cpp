#include "SecurityHubPullSettings.h"

#include "store/Database.h"
#include "store/SettingsRepository.h"

#include <QJsonArray>
#include <QObject>

namespace warroom::ingest {

using namespace Qt::StringLiterals;

namespace {

const QString EnabledKey = u"securityhub.enabled"_s;
const QString IntervalKey = u"securityhub.intervalMinutes"_s;
const QString RegionKey = u"securityhub.region"_s;
const QString EndpointKey = u"securityhub.endpointUrl"_s;
const QString ProfileKey = u"securityhub.profile"_s;
const QString ActiveOnlyKey = u"securityhub.activeOnly"_s;
const QString SeverityKey = u"securityhub.minimumSeverity"_s;
const QString MarkKey = u"securityhub.highWaterMark"_s;

std::optional<QString> readSetting(store::Database &database, const QString &key)
{
    return store::SettingsRepository::read(database, key);
}

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

bool SecurityHubPullSettings::operator==(const SecurityHubPullSettings &other) const
{
    return enabled == other.enabled && intervalMinutes == other.intervalMinutes
        && region == other.region && endpointUrl == other.endpointUrl && profile == other.profile
        && activeOnly == other.activeOnly && minimumSeverity == other.minimumSeverity;
}

QStringList SecurityHubPullSettings::severityLabels()
{
    return {u"LOW"_s, u"MEDIUM"_s, u"HIGH"_s, u"CRITICAL"_s};
}

SecurityHubPullSettings SecurityHubPullSettings::load(store::Database &database)
{
    SecurityHubPullSettings settings;
    settings.enabled = readSetting(database, EnabledKey).value_or(QString()) == u"true"_s;
    bool ok = false;
    const int interval = readSetting(database, IntervalKey).value_or(QString()).toInt(&ok);
    if (ok && interval >= 1)
        settings.intervalMinutes = interval;
    if (const auto region = readSetting(database, RegionKey); region && !region->isEmpty())
        settings.region = *region;
    settings.endpointUrl = QUrl(readSetting(database, EndpointKey).value_or(QString()));
    settings.profile = readSetting(database, ProfileKey).value_or(QString());
    settings.activeOnly = readSetting(database, ActiveOnlyKey).value_or(u"true"_s) != u"false"_s;
    settings.minimumSeverity = readSetting(database, SeverityKey).value_or(QString());
    return settings;
}

QString SecurityHubPullSettings::problem() const
{
    if (intervalMinutes < 1 || intervalMinutes > 1440)
        return QObject::tr("Interval: between 1 and 1440 minutes.");
    if (region.trimmed().isEmpty())
        return QObject::tr("Region: required (the Region whose Security Hub is read).");
    if (!endpointUrl.isEmpty()
        && (!endpointUrl.isValid() || endpointUrl.host().isEmpty()
            || (endpointUrl.scheme() != u"https"_s && endpointUrl.scheme() != u"http"_s)))
        return QObject::tr("Endpoint URL: an http(s) URL with a host, or empty for AWS.");
    if (!minimumSeverity.isEmpty() && !severityLabels().contains(minimumSeverity))
        return QObject::tr("Minimum severity: LOW, MEDIUM, HIGH, CRITICAL or empty.");
    return {};
}

bool SecurityHubPullSettings::save(store::Database &database, QString *error) const
{
    if (const QString bad = problem(); !bad.isEmpty()) {
        if (error)
            *error = bad;
        return false;
    }
    return store::SettingsRepository::write(database,
        {{EnabledKey, enabled ? u"true"_s : u"false"_s},
            {IntervalKey, QString::number(intervalMinutes)}, {RegionKey, region.trimmed()},
            {EndpointKey, endpointUrl.toString()}, {ProfileKey, profile},
            {ActiveOnlyKey, activeOnly ? u"true"_s : u"false"_s}, {SeverityKey, minimumSeverity}},
        error);
}

QDateTime SecurityHubPullSettings::highWaterMark(store::Database &database)
{
    const auto text = readSetting(database, MarkKey);
    if (!text || text->isEmpty())
        return {};
    return QDateTime::fromString(*text, Qt::ISODateWithMs).toUTC();
}

bool SecurityHubPullSettings::setHighWaterMark(
    store::Database &database, const QDateTime &mark, QString *error)
{
    return store::SettingsRepository::write(
        database, {{MarkKey, mark.isValid() ? isoTime(mark) : QString()}}, error);
}

QJsonObject SecurityHubPullSettings::filters(const QDateTime &since, const QDateTime &until) const
{
    QJsonObject filters;
    if (activeOnly)
        filters.insert(u"RecordState"_s,
            QJsonArray {QJsonObject {{u"Value"_s, u"ACTIVE"_s}, {u"Comparison"_s, u"EQUALS"_s}}});
    if (!minimumSeverity.isEmpty()) {
        QJsonArray labels;
        const QStringList all = severityLabels();
        for (qsizetype i = all.indexOf(minimumSeverity); i >= 0 && i < all.size(); ++i)
            labels.append(QJsonObject {{u"Value"_s, all.at(i)}, {u"Comparison"_s, u"EQUALS"_s}});
        filters.insert(u"SeverityLabel"_s, labels);
    }
    if (since.isValid())
        filters.insert(u"UpdatedAt"_s,
            QJsonArray {QJsonObject {{u"Start"_s, isoTime(since)}, {u"End"_s, isoTime(until)}}});
    return filters;
}

bool SecurityHubPullSettings::accepts(const QJsonObject &asff) const
{
    if (activeOnly) {
        const QString state = asff.value(u"RecordState"_s).toString();
        if (!state.isEmpty() && state != u"ACTIVE"_s)
            return false;
    }
    if (!minimumSeverity.isEmpty()) {
        const QString label = asff.value(u"Severity"_s).toObject().value(u"Label"_s).toString();
        if (severityLabels().indexOf(label) < severityLabels().indexOf(minimumSeverity))
            return false;
    }
    return true;
}

} // namespace warroom::ingest

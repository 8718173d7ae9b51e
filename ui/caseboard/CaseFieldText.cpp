#include "CaseFieldText.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace warroom::ui::fieldtext {

using namespace Qt::StringLiterals;

namespace {

QStringList lines(const QString &text)
{
    QStringList out;
    for (const QString &line : text.split(u'\n')) {
        const QString t = line.trimmed();
        if (!t.isEmpty())
            out.append(t);
    }
    return out;
}

template<typename Entry, typename Parse>
QList<Entry> keyValueLines(
    const QString &text, const QString &field, domain::FieldErrors &errors, const Parse &make)
{
    QList<Entry> out;
    const QStringList all = lines(text);
    for (int i = 0; i < all.size(); ++i) {
        const int eq = all[i].indexOf(u'=');
        if (eq <= 0) {
            errors.append({field + u'[' + QString::number(i) + u']',
                u"Write each entry as key=value (line "_s + QString::number(i + 1) + u")."_s});
            continue;
        }
        out.append(make(all[i].left(eq).trimmed(), all[i].mid(eq + 1).trimmed()));
    }
    return out;
}

} // namespace

QStringList splitWords(const QString &text)
{
    static const QRegularExpression separators(u"[,\\s]+"_s);
    return text.split(separators, Qt::SkipEmptyParts);
}

QList<domain::Watcher> parseWatchers(const QString &text)
{
    QList<domain::Watcher> out;
    for (const QString &line : lines(text)) {
        const QStringList parts = line.split(u',');
        domain::Watcher w;
        w.email = parts.value(0).trimmed();
        w.name = parts.value(1).trimmed();
        w.jobTitle = parts.mid(2).join(u',').trimmed();
        out.append(w);
    }
    return out;
}

QString formatWatchers(const QList<domain::Watcher> &watchers)
{
    QStringList out;
    for (const domain::Watcher &w : watchers) {
        QString line = w.email;
        if (!w.name.isEmpty() || !w.jobTitle.isEmpty())
            line += u", "_s + w.name;
        if (!w.jobTitle.isEmpty())
            line += u", "_s + w.jobTitle;
        out.append(line);
    }
    return out.join(u'\n');
}

QString apiIpAddress(const QString &text)
{
    // The API wants IPv6 in full eight-group upper-case form; people type "2001:db8::1".
    QHostAddress address;
    if (!text.contains(u':') || !address.setAddress(text)
        || address.protocol() != QAbstractSocket::IPv6Protocol)
        return text;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    QStringList groups;
    for (int i = 0; i < 16; i += 2)
        groups.append(QString::number((bytes[i] << 8) | bytes[i + 1], 16).toUpper());
    return groups.join(u':');
}

QList<domain::ThreatActorIp> parseThreatActorIps(const QString &text)
{
    QList<domain::ThreatActorIp> out;
    for (const QString &line : lines(text)) {
        const qsizetype space = line.indexOf(u' ');
        domain::ThreatActorIp ip;
        ip.ipAddress = apiIpAddress(space < 0 ? line : line.left(space));
        ip.userAgent = space < 0 ? QString() : line.mid(space + 1).trimmed();
        out.append(ip);
    }
    return out;
}

QString formatThreatActorIps(const QList<domain::ThreatActorIp> &ips)
{
    QStringList out;
    for (const domain::ThreatActorIp &ip : ips)
        out.append(ip.userAgent.isEmpty() ? ip.ipAddress : ip.ipAddress + u' ' + ip.userAgent);
    return out.join(u'\n');
}

QList<domain::ImpactedRegion> parseRegions(const QString &text)
{
    QList<domain::ImpactedRegion> out;
    for (const QString &r : splitWords(text))
        out.append({r});
    return out;
}

QString formatRegions(const QList<domain::ImpactedRegion> &regions)
{
    QStringList out;
    for (const domain::ImpactedRegion &r : regions)
        out.append(r.region);
    return out.join(u", "_s);
}

domain::Tags parseTags(const QString &text, const QString &field, domain::FieldErrors &errors)
{
    domain::Tags tags;
    const auto pairs = keyValueLines<std::pair<QString, QString>>(text, field, errors,
        [](const QString &k, const QString &v) { return std::pair<QString, QString>(k, v); });
    for (const auto &p : pairs)
        tags.insert(p.first, p.second);
    return tags;
}

QString formatTags(const domain::Tags &tags)
{
    QStringList out;
    for (auto it = tags.constBegin(); it != tags.constEnd(); ++it)
        out.append(it.key() + u'=' + it.value());
    return out.join(u'\n');
}

domain::CaseMetadata parseMetadata(
    const QString &text, const QString &field, domain::FieldErrors &errors)
{
    return keyValueLines<domain::CaseMetadataEntry>(
        text, field, errors, [](const QString &k, const QString &v) {
            return domain::CaseMetadataEntry {k, v};
        });
}

QString formatMetadata(const domain::CaseMetadata &metadata)
{
    QStringList out;
    for (const domain::CaseMetadataEntry &e : metadata)
        out.append(e.key + u'=' + e.value);
    return out.join(u'\n');
}

QString topField(const QString &path)
{
    qsizetype end = path.size();
    for (QChar c : {u'[', u'.'}) {
        const qsizetype at = path.indexOf(c);
        if (at >= 0)
            end = qMin(end, at);
    }
    return path.left(end);
}

QString messagesFor(const domain::FieldErrors &errors, const QString &field)
{
    static const QRegularExpression item(u"^[^\\[]*\\[(\\d+)\\]"_s);
    QStringList out;
    for (const domain::FieldError &e : errors) {
        if (topField(e.field) != field)
            continue;
        const QRegularExpressionMatch m = item.match(e.field);
        QString message = e.message;
        if (m.hasMatch() && !message.startsWith(u"Write each"_s))
            message = u"Line "_s + QString::number(m.captured(1).toInt() + 1) + u": "_s + message;
        if (!out.contains(message))
            out.append(message);
    }
    return out.join(u'\n');
}

} // namespace warroom::ui::fieldtext

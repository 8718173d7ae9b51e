#include "AwsConfigFile.h"

#include <QtCore/QFile>

using namespace Qt::StringLiterals;

namespace warroom::aws {

AwsConfigFile AwsConfigFile::load(const QString &path, Kind kind)
{
    QFile file(path);
    if (!file.exists()) {
        AwsConfigFile empty;
        empty.m_path = path;
        return empty;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        AwsConfigFile unreadable;
        unreadable.m_path = path;
        unreadable.m_exists = true;
        unreadable.m_error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return unreadable;
    }
    AwsConfigFile result = parse(file.readAll(), kind, path);
    result.m_exists = true;
    return result;
}

AwsConfigFile AwsConfigFile::parse(const QByteArray &text, Kind kind, const QString &path)
{
    AwsConfigFile result;
    result.m_path = path;
    QHash<QString, QString> *section = nullptr; // null: outside a profile section
    QString lastKey;
    int lineNumber = 0;
    for (const QByteArray &rawLine : text.split('\n')) {
        ++lineNumber;
        const QString line = QString::fromUtf8(rawLine).remove(u'\r');
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#') || trimmed.startsWith(u';'))
            continue;
        if (trimmed.startsWith(u'[')) {
            lastKey.clear();
            section = nullptr;
            if (!trimmed.endsWith(u']')) {
                if (result.m_error.isEmpty())
                    result.m_error
                        = u"%1 line %2: section header without ']'"_s.arg(path).arg(lineNumber);
                continue;
            }
            QString name = trimmed.mid(1, trimmed.size() - 2).trimmed();
            if (kind == Kind::Config) {
                if (name.startsWith(u"profile "_s) || name.startsWith(u"profile\t"_s))
                    name = name.mid(8).trimmed();
                else if (name != u"default"_s)
                    continue; // sso-session, services...: not a profile
            }
            if (name.isEmpty())
                continue;
            if (!result.m_profiles.contains(name))
                result.m_order.append(name);
            section = &result.m_profiles[name];
            continue;
        }
        if (!section)
            continue;
        if ((line.startsWith(u' ') || line.startsWith(u'\t')) && !lastKey.isEmpty()) {
            // A nested setting ("s3 =\n  max_concurrent_requests = 10"): keep it verbatim.
            (*section)[lastKey] += u'\n' + trimmed;
            continue;
        }
        const qsizetype eq = trimmed.indexOf(u'=');
        const qsizetype colon = trimmed.indexOf(u':');
        const qsizetype separator = eq < 0 ? colon : colon < 0 ? eq : std::min(eq, colon);
        if (separator <= 0) {
            if (result.m_error.isEmpty())
                result.m_error = u"%1 line %2: expected key = value"_s.arg(path).arg(lineNumber);
            continue;
        }
        lastKey = trimmed.left(separator).trimmed().toLower();
        section->insert(lastKey, trimmed.mid(separator + 1).trimmed());
    }
    return result;
}

QStringList AwsConfigFile::profiles() const
{
    return m_order;
}

} // namespace warroom::aws

#include "CaseBackend.h"

#include <QTimer>

namespace warroom::sync {

using namespace Qt::StringLiterals;

QString BackendError::toString() const
{
    QString text = type.isEmpty() ? message : QString(type % u": "_s % message);
    QStringList fields;
    for (const auto &field : fieldList)
        fields << QString(field.field % u": "_s % field.message);
    if (!fields.isEmpty())
        text += QString(u" ("_s % fields.join(u"; "_s) % u")"_s);
    return text;
}

CaseBackend::CaseBackend(QObject *parent)
    : QObject(parent)
{
}

CaseBackend::~CaseBackend() = default;

void CaseBackend::waitForChanges(qint64, int, std::function<void(const ChangeFeedResult &)> done)
{
    QTimer::singleShot(0, this, [done] {
        ChangeFeedResult result;
        result.error = BackendError {u"UnsupportedOperation"_s,
            u"This backend has no change feed."_s, {}, 0, false, false, {}};
        done(result);
    });
}

} // namespace warroom::sync

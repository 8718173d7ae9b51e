#include "GuardDutyFilterPush.h"

#include "GuardDutyClient.h"
#include "GuardDutyFilterCriteria.h"

#include <QtCore/QJsonArray>

using namespace Qt::StringLiterals;

namespace warroom::aws {

GuardDutyFilterPush::GuardDutyFilterPush(
    AwsHttpClient *http, const AwsClientConfig &config, QObject *parent)
    : QObject(parent)
    , m_client(std::make_unique<GuardDutyClient>(http, config))
{
}

GuardDutyFilterPush::~GuardDutyFilterPush() = default;

void GuardDutyFilterPush::fail(const QString &message)
{
    emit finished(false, false, m_name, message);
}

void GuardDutyFilterPush::push(const domain::SuppressionRule &rule, const QString &detectorId)
{
    m_rule = rule;
    m_name = GuardDutyFilterCriteria::filterName(rule);
    const GuardDutyFilterCriteria criteria(rule);
    if (!criteria.ok()) {
        QMetaObject::invokeMethod(
            this,
            [this, refusals = criteria.refusals()] {
                fail(tr("GuardDuty cannot express this rule:\n") + refusals.join(u'\n'));
            },
            Qt::QueuedConnection);
        return;
    }
    if (!detectorId.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, detectorId] { withDetector(detectorId); }, Qt::QueuedConnection);
        return;
    }
    QPointer<GuardDutyFilterPush> self(this);
    m_client->listDetectors(QString(), [self](const AwsOutcome<QJsonObject> &outcome) {
        if (!self)
            return;
        if (!outcome.ok()) {
            self->fail(tr("Could not list GuardDuty detectors: %1").arg(outcome.error.toString()));
            return;
        }
        const QString first = outcome.json.value("detectorIds"_L1).toArray().at(0).toString();
        if (first.isEmpty())
            self->fail(tr("GuardDuty has no detector in this Region."));
        else
            self->withDetector(first);
    });
}

void GuardDutyFilterPush::withDetector(const QString &detectorId)
{
    const GuardDutyFilterCriteria criteria(m_rule);
    const QString description = GuardDutyFilterCriteria::filterDescription(m_rule);
    QPointer<GuardDutyFilterPush> self(this);
    m_client->getFilter(detectorId, m_name,
        [self, detectorId, criteria, description](const AwsOutcome<QJsonObject> &existing) {
            if (!self)
                return;
            // A Service error (BadRequest / not found) means no filter of that name yet.
            if (!existing.ok() && existing.error.kind != AwsError::Kind::Service) {
                self->fail(tr("Could not read the GuardDuty filter %1: %2")
                               .arg(self->m_name, existing.error.toString()));
                return;
            }
            const bool update = existing.ok();
            auto done = [self, update](const AwsOutcome<QJsonObject> &outcome) {
                if (!self)
                    return;
                if (!outcome.ok()) {
                    self->fail((update ? tr("UpdateFilter %1 failed: %2")
                                       : tr("CreateFilter %1 failed: %2"))
                                   .arg(self->m_name, outcome.error.toString()));
                    return;
                }
                emit self->finished(true, update, self->m_name,
                    (update ? tr("GuardDuty filter %1 updated (ARCHIVE).")
                            : tr("GuardDuty filter %1 created (ARCHIVE)."))
                        .arg(self->m_name));
            };
            if (update)
                self->m_client->updateFilter(detectorId, self->m_name, criteria.findingCriteria(),
                    u"ARCHIVE"_s, description, 0, done);
            else
                self->m_client->createFilter(detectorId, self->m_name, criteria.findingCriteria(),
                    u"ARCHIVE"_s, description, 0, done);
        });
}

} // namespace warroom::aws

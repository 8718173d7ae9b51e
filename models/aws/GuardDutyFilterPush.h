#pragma once

#include "AwsEndpoint.h"
#include "domain/SuppressionRule.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>

#include <memory>

namespace warroom::aws {

class AwsHttpClient;
class GuardDutyClient;

// Pushes a suppression rule to GuardDuty as an ARCHIVE filter named after the rule
// (GuardDutyFilterCriteria): the detector is the one given, else the first of
// ListDetectors; GetFilter tells whether the filter exists, then UpdateFilter replaces
// it or CreateFilter makes it. A rule GuardDuty cannot express is refused before any
// call. Reports once through finished().
class GuardDutyFilterPush final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardDutyFilterPush)

public:
    GuardDutyFilterPush(
        AwsHttpClient *http, const AwsClientConfig &config, QObject *parent = nullptr);
    ~GuardDutyFilterPush() override;

    void push(const domain::SuppressionRule &rule, const QString &detectorId = QString());

signals:
    // ok: the filter exists with the rule's criteria; updated: it existed before.
    void finished(bool ok, bool updated, const QString &filterName, const QString &message);

private:
    void withDetector(const QString &detectorId);
    void fail(const QString &message);

    std::unique_ptr<GuardDutyClient> m_client;
    domain::SuppressionRule m_rule;
    QString m_name;
};

} // namespace warroom::aws

#pragma once

#include "domain/SuppressionRule.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonObject>
#include <QtCore/QStringList>

namespace warroom::aws {

// A suppression rule as a GuardDuty ARCHIVE filter: its FindingCriteria
// ({"criterion": {"type": {"eq": [...]}, ...}}) and a filter name GuardDuty accepts.
// GuardDuty matches whole values only and ANDs one condition per field, so a rule is
// refused (with one reason per criterion) when it has a prefix or contains test, a CIDR
// block, a field GuardDuty filters do not have, two conditions on one field, a source
// other than GuardDuty, or an action other than Suppress.
class GuardDutyFilterCriteria final
{
    Q_DECLARE_TR_FUNCTIONS(GuardDutyFilterCriteria)

public:
    explicit GuardDutyFilterCriteria(const domain::SuppressionRule &rule);

    bool ok() const { return m_refusals.isEmpty(); }
    // Why the rule cannot be a GuardDuty filter (one line per criterion refused).
    const QStringList &refusals() const { return m_refusals; }
    const QJsonObject &findingCriteria() const { return m_criteria; }
    // "warroom-<rule id>" reduced to GuardDuty's 3-64 characters [A-Za-z0-9_.-].
    static QString filterName(const domain::SuppressionRule &rule);
    // The rule's name and description within GuardDuty's 512 characters.
    static QString filterDescription(const domain::SuppressionRule &rule);

private:
    void add(const QString &key, const QString &condition, const QJsonValue &value);
    void translate(const domain::RuleCriterion &criterion, const domain::SuppressionRule &rule);

    QJsonObject m_criteria;
    QStringList m_refusals;
};

} // namespace warroom::aws

#include "GuardDutyFilterCriteria.h"

#include <QtCore/QHash>
#include <QtCore/QJsonArray>
#include <QtCore/QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace warroom::aws {

using domain::RuleOperator;

namespace {

// The GuardDuty criterion key of a resource ID, from the rule's resourceType (or the
// shape of the ID when the rule does not name a type).
QString resourceIdKey(const domain::SuppressionRule &rule, const QString &resourceId)
{
    QString type;
    for (const domain::RuleCriterion &c : rule.criteria)
        if (c.field == "resourceType"_L1 && c.op == RuleOperator::Equals)
            type = c.value;
    if (type.isEmpty()) {
        if (resourceId.startsWith("i-"_L1))
            type = u"Instance"_s;
        else if (resourceId.startsWith("AKIA"_L1) || resourceId.startsWith("ASIA"_L1))
            type = u"AccessKey"_s;
    }
    if (type.compare("Instance"_L1, Qt::CaseInsensitive) == 0)
        return u"resource.instanceDetails.instanceId"_s;
    if (type.compare("AccessKey"_L1, Qt::CaseInsensitive) == 0)
        return u"resource.accessKeyDetails.accessKeyId"_s;
    if (type.compare("S3Bucket"_L1, Qt::CaseInsensitive) == 0)
        return u"resource.s3BucketDetails.name"_s;
    return {};
}

} // namespace

GuardDutyFilterCriteria::GuardDutyFilterCriteria(const domain::SuppressionRule &rule)
{
    if (rule.action != domain::RuleAction::Suppress)
        m_refusals.append(tr("Only a suppression rule can become an ARCHIVE filter."));
    if (rule.criteria.isEmpty())
        m_refusals.append(tr("The rule has no criteria: the filter would archive "
                             "every finding."));
    for (const domain::RuleCriterion &criterion : rule.criteria)
        translate(criterion, rule);
    if (!m_refusals.isEmpty())
        m_criteria = {};
}

void GuardDutyFilterCriteria::add(
    const QString &key, const QString &condition, const QJsonValue &value)
{
    QJsonObject criterion = m_criteria.value("criterion"_L1).toObject();
    if (criterion.contains(key)) {
        m_refusals.append(
            tr("GuardDuty takes one condition per field; \u201c%1\u201d has two.").arg(key));
        return;
    }
    criterion.insert(key, QJsonObject {{condition, value}});
    m_criteria.insert("criterion"_L1, criterion);
}

void GuardDutyFilterCriteria::translate(
    const domain::RuleCriterion &criterion, const domain::SuppressionRule &rule)
{
    const QString &field = criterion.field;
    const auto refuse = [&](const QString &why) {
        m_refusals.append(
            u"%1 %2 \u201c%3\u201d: "_s.arg(field, domain::toString(criterion.op), criterion.value)
            + why);
    };
    if (criterion.op == RuleOperator::Prefix || criterion.op == RuleOperator::Contains) {
        refuse(tr("GuardDuty filters match whole values only (no prefix or contains)."));
        return;
    }
    if (criterion.op == RuleOperator::InCidr) {
        refuse(tr("GuardDuty filters have no CIDR blocks."));
        return;
    }
    const bool equality
        = criterion.op == RuleOperator::Equals || criterion.op == RuleOperator::NotEquals;
    const QString eq = criterion.op == RuleOperator::Equals ? u"eq"_s : u"neq"_s;
    if (field == "source"_L1) {
        const bool guardDuty = criterion.value.compare("GuardDuty"_L1, Qt::CaseInsensitive) == 0;
        if (!equality || guardDuty != (criterion.op == RuleOperator::Equals))
            refuse(tr("a GuardDuty filter only sees GuardDuty findings."));
        return; // source = GuardDuty: every finding a filter sees
    }
    if (field == "severityScore"_L1) {
        static const QHash<RuleOperator, QString> conditions {{RuleOperator::GreaterThan, u"gt"_s},
            {RuleOperator::GreaterOrEqual, u"gte"_s}, {RuleOperator::LessThan, u"lt"_s},
            {RuleOperator::LessOrEqual, u"lte"_s}};
        bool ok = false;
        const double number = criterion.value.toDouble(&ok);
        if (!conditions.contains(criterion.op))
            refuse(tr("GuardDuty compares severity with >, >=, < or <= only."));
        else if (!ok || number != std::floor(number))
            refuse(tr("GuardDuty compares severity with whole numbers only."));
        else
            add(u"severity"_s, conditions.value(criterion.op), qint64(number));
        return;
    }
    if (!equality) {
        refuse(tr("GuardDuty compares numbers on severity only."));
        return;
    }
    const QJsonArray values {criterion.value};
    if (field == "type"_L1)
        add(u"type"_s, eq, values);
    else if (field == "accountId"_L1)
        add(u"accountId"_s, eq, values);
    else if (field == "region"_L1)
        add(u"region"_s, eq, values);
    else if (field == "id"_L1)
        add(u"id"_s, eq, QJsonArray {criterion.value.section(u'/', -1)}); // the finding's own ID
    else if (field == "resourceType"_L1)
        add(u"resource.resourceType"_s, eq, values);
    else if (field == "archived"_L1)
        add(u"service.archived"_s, eq, QJsonArray {criterion.value.toLower()});
    else if (field == "resourceId"_L1) {
        const QString key = resourceIdKey(rule, criterion.value);
        if (key.isEmpty())
            refuse(tr("GuardDuty filters know instance, access key and S3 bucket IDs "
                      "only; add resourceType equals Instance, AccessKey or S3Bucket."));
        else
            add(key, eq, values);
    } else
        refuse(tr("GuardDuty filters have no field for %1.").arg(field));
}

QString GuardDutyFilterCriteria::filterName(const domain::SuppressionRule &rule)
{
    static const QRegularExpression notAllowed(u"[^A-Za-z0-9_.-]"_s);
    QString name = u"warroom-"_s + rule.id;
    name.replace(notAllowed, u"-"_s);
    return name.left(64);
}

QString GuardDutyFilterCriteria::filterDescription(const domain::SuppressionRule &rule)
{
    QString text = rule.name;
    if (!rule.description.isEmpty())
        text += u" \u2014 "_s + rule.description;
    return text.left(512);
}

} // namespace warroom::aws

#include "CaseService.h"

using namespace Qt::StringLiterals;

namespace warroom::caseservice {

struct CaseService::Private
{
    ServiceConfig config;
};

CaseService::CaseService(std::unique_ptr<Private> p)
    : d(std::move(p))
{
}

CaseService::~CaseService() = default;

std::unique_ptr<CaseService> CaseService::open(
    const ServiceConfig &config, const QString &databaseUrl, QString *error)
{
    Q_UNUSED(databaseUrl)
    auto p = std::make_unique<Private>();
    p->config = config;
    if (error)
        error->clear();
    return std::unique_ptr<CaseService>(new CaseService(std::move(p)));
}

QStringList CaseService::operations()
{
    return {u"BatchGetMemberAccountDetails"_s, u"CancelMembership"_s, u"CloseCase"_s,
        u"CreateCase"_s, u"CreateCaseComment"_s, u"CreateMembership"_s, u"GetCase"_s,
        u"GetCaseAttachmentDownloadUrl"_s, u"GetCaseAttachmentUploadUrl"_s, u"GetMembership"_s,
        u"ListCaseEdits"_s, u"ListCases"_s, u"ListComments"_s, u"ListInvestigations"_s,
        u"ListMemberships"_s, u"ListTagsForResource"_s, u"SendFeedback"_s, u"TagResource"_s,
        u"UntagResource"_s, u"UpdateCase"_s, u"UpdateCaseComment"_s, u"UpdateCaseStatus"_s,
        u"UpdateMembership"_s, u"UpdateResolverType"_s};
}

int CaseService::successStatus(const QString &operation)
{
    static const QStringList created = {u"CreateCase"_s, u"CreateCaseComment"_s,
        u"CreateMembership"_s, u"GetCaseAttachmentUploadUrl"_s, u"GetCaseAttachmentDownloadUrl"_s,
        u"UpdateCaseStatus"_s};
    if (!operations().contains(operation))
        return 0;
    if (created.contains(operation))
        return 201;
    if (operation == u"TagResource"_s)
        return 204;
    return 200;
}

ServiceResult CaseService::call(
    const QString &operation, const QJsonObject &input, const Principal &caller)
{
    Q_UNUSED(input)
    Q_UNUSED(caller)
    if (!operations().contains(operation))
        return ServiceResult::failure(ServiceError::unknownOperation(operation));
    return ServiceResult::failure(ServiceError::internal(u"Not implemented yet."_s));
}

QList<CaseService::Change> CaseService::changesAfter(qint64, int, QString *error)
{
    if (error)
        *error = u"Not implemented yet."_s;
    return {};
}

qint64 CaseService::latestChange(QString *error)
{
    if (error)
        *error = u"Not implemented yet."_s;
    return -1;
}

QString CaseService::attachmentPathPrefix()
{
    return u"/attachments/"_s;
}

bool CaseService::acceptUpload(const QString &, const QByteArray &, QString *error)
{
    if (error)
        *error = u"Not implemented yet."_s;
    return false;
}

std::optional<QByteArray> CaseService::download(const QString &, QString *, QString *error)
{
    if (error)
        *error = u"Not implemented yet."_s;
    return std::nullopt;
}

bool CaseService::addInvestigation(const QString &, const domain::Investigation &, QString *error)
{
    if (error)
        *error = u"Not implemented yet."_s;
    return false;
}

void CaseService::releaseThreadConnection()
{
}

const ServiceConfig &CaseService::config() const
{
    return d->config;
}

} // namespace warroom::caseservice

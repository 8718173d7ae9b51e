#include "StsClient.h"

#include <QtCore/QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace warroom::aws {

StsClient::StsClient(AwsHttpClient *http, const AwsClientConfig &config)
    : AwsServiceClient(http, AwsServiceInfo::sts(), config)
{
}

std::optional<CallerIdentity> StsClient::parseCallerIdentity(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    CallerIdentity identity;
    bool inResult = false;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QStringView name = reader.name();
            if (name == u"GetCallerIdentityResult")
                inResult = true;
            else if (inResult && name == u"UserId")
                identity.userId = reader.readElementText().trimmed();
            else if (inResult && name == u"Account")
                identity.account = reader.readElementText().trimmed();
            else if (inResult && name == u"Arn")
                identity.arn = reader.readElementText().trimmed();
        } else if (token == QXmlStreamReader::EndElement
            && reader.name() == u"GetCallerIdentityResult") {
            inResult = false;
        }
    }
    if (reader.hasError() || identity.arn.isEmpty())
        return std::nullopt;
    return identity;
}

AwsReply *StsClient::getCallerIdentity(AwsCallback<CallerIdentity> done)
{
    AwsReply *reply = callQuery(u"GetCallerIdentity"_s);
    QObject::connect(reply, &AwsReply::finished, reply, [reply, done] {
        AwsOutcome<CallerIdentity> outcome;
        outcome.error = reply->error();
        outcome.httpStatus = reply->httpStatus();
        if (outcome.ok()) {
            if (const auto identity = parseCallerIdentity(reply->body())) {
                outcome.value = *identity;
                outcome.json = QJsonObject {{"UserId"_L1, identity->userId},
                    {"Account"_L1, identity->account}, {"Arn"_L1, identity->arn}};
            } else {
                outcome.error.kind = AwsError::Kind::Protocol;
                outcome.error.type = u"ResponseParserError"_s;
                outcome.error.message = u"GetCallerIdentity returned no Arn"_s;
                outcome.error.httpStatus = reply->httpStatus();
                outcome.error.raw = reply->body();
            }
        }
        if (done)
            done(outcome);
    });
    return reply;
}

std::optional<Credentials> StsClient::parseAssumeRole(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    Credentials keys;
    bool inCredentials = false;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QStringView name = reader.name();
            if (name == u"Credentials")
                inCredentials = true;
            else if (inCredentials && name == u"AccessKeyId")
                keys.accessKeyId = reader.readElementText().trimmed();
            else if (inCredentials && name == u"SecretAccessKey")
                keys.secretAccessKey = reader.readElementText().trimmed();
            else if (inCredentials && name == u"SessionToken")
                keys.sessionToken = reader.readElementText().trimmed();
            else if (inCredentials && name == u"Expiration")
                keys.expiration
                    = QDateTime::fromString(reader.readElementText().trimmed(), Qt::ISODateWithMs);
        } else if (token == QXmlStreamReader::EndElement && reader.name() == u"Credentials") {
            inCredentials = false;
        }
    }
    if (reader.hasError() || !keys.isValid())
        return std::nullopt;
    return keys;
}

AwsReply *StsClient::assumeRole(const QString &roleArn, const QString &sessionName,
    int durationSeconds, AwsCallback<Credentials> done)
{
    AwsReply *reply = callQuery(u"AssumeRole"_s,
        {{"RoleArn", roleArn.toUtf8()}, {"RoleSessionName", sessionName.toUtf8()},
            {"DurationSeconds", QByteArray::number(durationSeconds)}});
    QObject::connect(reply, &AwsReply::finished, reply, [reply, roleArn, done] {
        AwsOutcome<Credentials> outcome;
        outcome.error = reply->error();
        outcome.httpStatus = reply->httpStatus();
        if (outcome.ok()) {
            if (auto keys = parseAssumeRole(reply->body())) {
                keys->source = u"AssumeRole "_s + roleArn;
                outcome.value = *keys;
            } else {
                outcome.error.kind = AwsError::Kind::Protocol;
                outcome.error.type = u"ResponseParserError"_s;
                outcome.error.message = u"AssumeRole returned no credentials"_s;
                outcome.error.httpStatus = reply->httpStatus();
                outcome.error.raw = reply->body();
            }
        }
        if (done)
            done(outcome);
    });
    return reply;
}

} // namespace warroom::aws

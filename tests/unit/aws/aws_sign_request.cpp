// Helper for tests/python/check_sigv4_with_botocore.py.
//
//   aws_sign_request            prints, as JSON, requests signed by SigV4Signer (header
//                               signing and presigned URLs) with everything botocore
//                               needs to sign the same request again;
//   aws_sign_request --verify   reads requests signed by botocore (JSON on stdin) and
//                               prints whether SigV4Signer::verify accepts each one.

#include "aws/Credentials.h"
#include "aws/SigV4Signer.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QUrl>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace warroom::aws;

namespace {

struct SampleRequest
{
    QString name;
    QByteArray method;
    QString url; // path labels already encoded, as a rest-json client sends them
    QList<HttpHeader> headers;
    QByteArray body;
    QString sessionToken;
    bool presign = false;
};

QList<SampleRequest> samples()
{
    const QString base = u"http://127.0.0.1:18765"_s;
    const QString arn = u"arn%3Aaws%3Asecurity-ir%3Aus-east-1%3A123456789012%3Acase%2F1234567890"_s;
    const QList<HttpHeader> json {{"Content-Type", "application/json"}};
    return {
        {u"ListTagsForResource (recorded vector)"_s, "GET", base + u"/v1/tags/"_s + arn, {}, {}, {},
            false},
        {u"CreateCase with a JSON body"_s, "POST", base + u"/v1/create-case"_s, json,
            R"({"title":"Crypto-mining on i-0abc","resolverType":"Self","clientToken":"c0ffee"})",
            {}, false},
        {u"UntagResource with repeated query keys"_s, "DELETE",
            base + u"/v1/tags/"_s + arn + u"?tagKeys=team&tagKeys=cost%20centre&tagKeys=a%2Bb"_s,
            {}, {}, {}, false},
        {u"GetFindingMetrics with ISO-8601 query values"_s, "GET",
            u"https://security-ir.eu-west-1.api.aws/v1/membership/m-abcdef0123/finding-metrics"
            "?startDate=2026-11-01T00%3A00%3A00Z&endDate=2026-11-21T00%3A00%3A00Z"_s,
            {}, {}, {}, false},
        {u"UpdateCaseComment with temporary credentials"_s, "PUT",
            base + u"/v1/cases/1234567890/update-case-comment/123456"_s, json,
            "{\"body\":\"Contained. Next: rotate keys \u2013 done\"}",
            u"IQoJb3JpZ2luX2VjEXAMPLE/TOKEN+with=specials"_s, false},
        {u"User-Agent is not signed"_s, "POST", base + u"/v1/list-cases"_s,
            {{"Content-Type", "application/json"}, {"User-Agent", "warroom/0.1 Qt/6.4"}},
            R"({"maxResults":25})", {}, false},
        {u"Unicode and spaces in a label"_s, "GET",
            base + u"/v1/cases/caf%C3%A9%20x%2F..%2Fy/get-case"_s, {}, {}, {}, false},
        {u"Presigned download URL"_s, "GET",
            base + u"/v1/cases/1234567890/get-presigned-url/att-1?versionId=v%201"_s, {}, {}, {},
            true},
        {u"Presigned URL with temporary credentials"_s, "GET",
            base + u"/v1/cases/1234567890/get-presigned-url/att-2"_s, {}, {},
            u"FwoGZXIvYXdzEXAMPLE/TOKEN+x="_s, true},
    };
}

const QString AccessKey = u"AKIDEXAMPLE"_s;
const QString Secret = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s;
const QDateTime SigningTime(QDate(2026, 11, 22), QTime(1, 29, 41), Qt::UTC);

QJsonArray headersToJson(const QList<HttpHeader> &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonArray {QString::fromUtf8(name), QString::fromUtf8(value)});
    return array;
}

QJsonArray signSamples()
{
    QJsonArray out;
    for (const SampleRequest &sample : samples()) {
        const QUrl url(sample.url, QUrl::StrictMode);
        const QByteArray region
            = url.host().startsWith(u"security-ir.eu-west-1"_s) ? "eu-west-1" : "us-east-1";
        Credentials credentials;
        credentials.accessKeyId = AccessKey;
        credentials.secretAccessKey = Secret;
        credentials.sessionToken = sample.sessionToken;
        const SigV4Signer signer(region, "security-ir");
        const SigV4Request request
            = SigV4Request::fromUrl(sample.method, url, sample.headers, sample.body);

        QJsonObject json {{u"name"_s, sample.name},
            {u"method"_s, QString::fromLatin1(sample.method)}, {u"url"_s, sample.url},
            {u"headers"_s, headersToJson(sample.headers)},
            {u"body"_s, QString::fromUtf8(sample.body)}, {u"region"_s, QString::fromLatin1(region)},
            {u"service"_s, u"security-ir"_s}, {u"access_key"_s, AccessKey},
            {u"secret_key"_s, Secret}, {u"token"_s, sample.sessionToken},
            {u"time"_s, SigningTime.toString(Qt::ISODate)}, {u"presign"_s, sample.presign}};
        if (sample.presign) {
            const SigV4Presigned presigned = signer.presign(request, credentials, SigningTime);
            if (!presigned.isValid()) {
                std::fprintf(
                    stderr, "%s: %s\n", qPrintable(sample.name), qPrintable(presigned.error));
                return {};
            }
            QUrl signedUrl = url;
            signedUrl.setQuery(QString::fromLatin1(presigned.query), QUrl::StrictMode);
            json.insert(u"expires"_s, 3600);
            json.insert(u"presigned_url"_s, signedUrl.toString(QUrl::FullyEncoded));
            json.insert(u"canonical_request"_s, QString::fromUtf8(presigned.canonicalRequest));
            json.insert(u"signature"_s, QString::fromLatin1(presigned.signature));
        } else {
            const SigV4Signature signature = signer.sign(request, credentials, SigningTime);
            if (!signature.isValid()) {
                std::fprintf(
                    stderr, "%s: %s\n", qPrintable(sample.name), qPrintable(signature.error));
                return {};
            }
            json.insert(u"added_headers"_s, headersToJson(signature.headersToAdd));
            json.insert(u"authorization"_s, QString::fromLatin1(signature.authorization));
            json.insert(u"canonical_request"_s, QString::fromUtf8(signature.canonicalRequest));
            json.insert(u"signature"_s, QString::fromLatin1(signature.signature));
        }
        out.append(json);
    }
    return out;
}

QJsonArray verifyRequests(const QJsonArray &requests)
{
    QJsonArray out;
    for (const QJsonValue &value : requests) {
        const QJsonObject json = value.toObject();
        QList<HttpHeader> headers;
        for (const QJsonValue &header : json.value(u"headers"_s).toArray()) {
            const QJsonArray pair = header.toArray();
            headers.append({pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8()});
        }
        const QUrl url(json.value(u"url"_s).toString(), QUrl::StrictMode);
        const SigV4Request request
            = SigV4Request::fromUrl(json.value(u"method"_s).toString().toLatin1(), url, headers,
                QByteArray::fromBase64(json.value(u"body_base64"_s).toString().toLatin1()));
        SigV4VerifyOptions options;
        options.expectedService = "security-ir";
        options.now = QDateTime::fromString(json.value(u"now"_s).toString(), Qt::ISODate);
        const SigV4Verification verification = SigV4Signer::verify(
            request, json.value(u"secret_key"_s).toString().toUtf8(), options);
        out.append(QJsonObject {{u"name"_s, json.value(u"name"_s)},
            {u"valid"_s, verification.isValid()}, {u"error"_s, verification.error},
            {u"canonical_request"_s, QString::fromUtf8(verification.canonicalRequest)}});
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QJsonArray result;
    if (app.arguments().contains(u"--verify"_s)) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly))
            return 2;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(input.readAll(), &error);
        if (!document.isArray()) {
            std::fprintf(
                stderr, "expected a JSON array on stdin: %s\n", qPrintable(error.errorString()));
            return 2;
        }
        result = verifyRequests(document.array());
    } else {
        result = signSamples();
        if (result.isEmpty())
            return 1;
    }
    const QByteArray text = QJsonDocument(result).toJson(QJsonDocument::Indented);
    std::fwrite(text.constData(), 1, static_cast<size_t>(text.size()), stdout);
    return 0;
}

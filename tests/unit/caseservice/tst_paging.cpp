#include <QtTest/QtTest>

#include "ServiceFixture.h"

using namespace warroom::caseservice;
using namespace warroom::caseservice::testing;
using namespace Qt::StringLiterals;

class TestCaseServicePaging final : public QObject
{
    Q_OBJECT

private slots:
    void pagesWhileCasesAreAdded();
    void defaultAndMaximumPageSize();
    void maxResultsOutOfRange_data();
    void maxResultsOutOfRange();
    void tamperedTokens_data();
    void tamperedTokens();
    void tokenOfAnotherListing();
    void tokenSharedAcrossInstances();
    void commentsAndEditsPages();
};

void TestCaseServicePaging::pagesWhileCasesAreAdded()
{
    ServiceFixture f;
    QSet<QString> existing;
    for (int i = 0; i < 23; ++i)
        existing.insert(f.createCase(caseInput(u"Case "_s + QString::number(i))));
    QCOMPARE(existing.size(), 23);

    QStringList seen;
    QString token;
    int pages = 0;
    do {
        QJsonObject input {{u"maxResults"_s, 5}};
        if (!token.isEmpty())
            input.insert(u"nextToken"_s, token);
        const ServiceResult r = f.call(u"ListCases"_s, input);
        QVERIFY2(r.ok(), qPrintable(r.error ? r.error->message : QString()));
        const QJsonArray items = r.body.value(u"items"_s).toArray();
        QVERIFY(items.size() <= 5);
        for (const auto &item : items)
            seen.append(item.toObject().value(u"caseId"_s).toString());
        QCOMPARE(r.body.value(u"total"_s).toInteger(), qint64(23 + 2 * pages));
        token = r.body.value(u"nextToken"_s).toString();
        // Two new cases between pages.
        f.createCase(caseInput(u"Late A"_s));
        f.createCase(caseInput(u"Late B"_s));
        ++pages;
        QVERIFY(pages < 100);
    } while (!token.isEmpty());

    const QSet<QString> seenSet(seen.cbegin(), seen.cend());
    QCOMPARE(seenSet.size(), seen.size()); // no duplicates
    for (const QString &id : existing)
        QVERIFY2(seenSet.contains(id), qPrintable(id + u" missed"_s)); // nothing missed
}

void TestCaseServicePaging::defaultAndMaximumPageSize()
{
    ServiceFixture f;
    for (int i = 0; i < 27; ++i)
        f.createCase();
    const ServiceResult byDefault = f.call(u"ListCases"_s, {});
    QCOMPARE(byDefault.body.value(u"items"_s).toArray().size(), 10);
    QVERIFY(byDefault.body.contains(u"nextToken"_s));
    const ServiceResult max = f.call(u"ListCases"_s, {{u"maxResults"_s, 25}});
    QCOMPARE(max.body.value(u"items"_s).toArray().size(), 25);
    const ServiceResult rest = f.call(
        u"ListCases"_s, {{u"maxResults"_s, 25}, {u"nextToken"_s, max.body.value(u"nextToken"_s)}});
    QCOMPARE(rest.body.value(u"items"_s).toArray().size(), 2);
    QVERIFY(!rest.body.contains(u"nextToken"_s));
    // maxResults as query-string text (ListInvestigations' members travel that way).
    QCOMPARE(
        f.call(u"ListCases"_s, {{u"maxResults"_s, u"3"_s}}).body.value(u"items"_s).toArray().size(),
        3);
}

void TestCaseServicePaging::maxResultsOutOfRange_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("0") << QJsonValue(0);
    QTest::newRow("26") << QJsonValue(26);
    QTest::newRow("-1") << QJsonValue(-1);
    QTest::newRow("fraction") << QJsonValue(2.5);
    QTest::newRow("text") << QJsonValue(u"ten"_s);
}

void TestCaseServicePaging::maxResultsOutOfRange()
{
    QFETCH(QJsonValue, value);
    ServiceFixture f;
    const ServiceResult r = f.call(u"ListCases"_s, {{u"maxResults"_s, value}});
    QCOMPARE(errorType(r), u"ValidationException"_s);
    QVERIFY(errorFields(r).contains(u"maxResults"_s));
}

void TestCaseServicePaging::tamperedTokens_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("payload changed") << 0;
    QTest::newRow("signature changed") << 1;
    QTest::newRow("garbage") << 2;
    QTest::newRow("forged with another key") << 3;
}

void TestCaseServicePaging::tamperedTokens()
{
    QFETCH(int, kind);
    ServiceFixture f;
    for (int i = 0; i < 6; ++i)
        f.createCase();
    const QString token
        = f.call(u"ListCases"_s, {{u"maxResults"_s, 2}}).body.value(u"nextToken"_s).toString();
    QVERIFY(!token.isEmpty());
    const qsizetype dot = token.indexOf(u'.');
    QVERIFY(dot > 0);
    QString bad;
    if (kind == 0) {
        // Move the position back to the start: same shape, different payload.
        const QByteArray payload
            = QByteArray::fromBase64(token.left(dot).toLatin1(), QByteArray::Base64UrlEncoding);
        QJsonObject json = QJsonDocument::fromJson(payload).object();
        json.insert(u"k"_s, QJsonArray {0, u"0"_s});
        bad = QString::fromLatin1(
                  QJsonDocument(json)
                      .toJson(QJsonDocument::Compact)
                      .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
            + token.mid(dot);
    } else if (kind == 1) {
        bad = token;
        const QChar last = bad.at(bad.size() - 2);
        bad[bad.size() - 2] = last == u'A' ? u'B' : u'A';
    } else if (kind == 2) {
        bad = u"not-a-token"_s;
    } else {
        ServiceConfig other;
        other.signingKey = QByteArray(32, 'k');
        ServiceFixture g(other);
        for (int i = 0; i < 3; ++i)
            g.createCase();
        bad = g.call(u"ListCases"_s, {{u"maxResults"_s, 1}}).body.value(u"nextToken"_s).toString();
        QVERIFY(!bad.isEmpty());
    }
    const ServiceResult r = f.call(u"ListCases"_s, {{u"maxResults"_s, 2}, {u"nextToken"_s, bad}});
    QCOMPARE(errorType(r), u"InvalidTokenException"_s);
    QCOMPARE(r.httpStatus, 423);
    // The genuine token still works.
    QVERIFY(f.call(u"ListCases"_s, {{u"maxResults"_s, 2}, {u"nextToken"_s, token}}).ok());
}

void TestCaseServicePaging::tokenOfAnotherListing()
{
    ServiceFixture f;
    const QString a = f.createCase();
    const QString b = f.createCase();
    for (int i = 0; i < 3; ++i)
        QVERIFY(f.call(u"CreateCaseComment"_s, {{u"caseId"_s, a}, {u"body"_s, u"c"_s}}).ok());
    const QString token = f.call(u"ListComments"_s, {{u"caseId"_s, a}, {u"maxResults"_s, 1}})
                              .body.value(u"nextToken"_s)
                              .toString();
    QVERIFY(!token.isEmpty());
    QCOMPARE(errorType(f.call(u"ListComments"_s, {{u"caseId"_s, b}, {u"nextToken"_s, token}})),
        u"InvalidTokenException"_s);
    QCOMPARE(
        errorType(f.call(u"ListCases"_s, {{u"nextToken"_s, token}})), u"InvalidTokenException"_s);
    QVERIFY(f.call(u"ListComments"_s, {{u"caseId"_s, a}, {u"nextToken"_s, token}}).ok());
}

void TestCaseServicePaging::tokenSharedAcrossInstances()
{
    ServiceFixture f;
    for (int i = 0; i < 4; ++i)
        f.createCase();
    const ServiceResult first = f.call(u"ListCases"_s, {{u"maxResults"_s, 2}});
    QString error;
    auto other = CaseService::open(ServiceConfig(), u"sqlite:"_s + f.path(), &error);
    QVERIFY2(other, qPrintable(error));
    const ServiceResult second = other->call(u"ListCases"_s,
        {{u"maxResults"_s, 2}, {u"nextToken"_s, first.body.value(u"nextToken"_s)}}, alice());
    QVERIFY(second.ok());
    QCOMPARE(second.body.value(u"items"_s).toArray().size(), 2);
    QVERIFY(second.body.value(u"items"_s).toArray().at(0)
        != first.body.value(u"items"_s).toArray().at(0));
}

void TestCaseServicePaging::commentsAndEditsPages()
{
    ServiceFixture f;
    const QString id = f.createCase();
    for (int i = 0; i < 12; ++i)
        QVERIFY(f.call(u"CreateCaseComment"_s,
                     {{u"caseId"_s, id}, {u"body"_s, QString(u"Comment "_s + QString::number(i))}})
                    .ok());
    QStringList bodies;
    QString token;
    do {
        QJsonObject in {{u"caseId"_s, id}, {u"maxResults"_s, 5}};
        if (!token.isEmpty())
            in.insert(u"nextToken"_s, token);
        const ServiceResult r = f.call(u"ListComments"_s, in);
        QCOMPARE(r.body.value(u"total"_s).toInt(), 12);
        for (const auto &item : r.body.value(u"items"_s).toArray())
            bodies.append(item.toObject().value(u"body"_s).toString());
        token = r.body.value(u"nextToken"_s).toString();
    } while (!token.isEmpty());
    QCOMPARE(bodies.size(), 12);
    QCOMPARE(QSet<QString>(bodies.cbegin(), bodies.cend()).size(), 12);

    const ServiceResult edits
        = f.call(u"ListCaseEdits"_s, {{u"caseId"_s, id}, {u"maxResults"_s, 4}});
    QCOMPARE(edits.body.value(u"total"_s).toInt(), 13); // CreateCase + 12 comments
    QCOMPARE(edits.body.value(u"items"_s).toArray().size(), 4);
    QCOMPARE(f.edits(id).size(), 13);
}

QTEST_GUILESS_MAIN(TestCaseServicePaging)
#include "tst_paging.moc"

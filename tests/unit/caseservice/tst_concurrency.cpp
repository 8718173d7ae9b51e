#include <QtTest/QtTest>

#include "ServiceFixture.h"

#include <QtCore/QMutex>
#include <QtCore/QThread>

#include <atomic>

using namespace warroom::caseservice;
using namespace warroom::caseservice::testing;
using namespace Qt::StringLiterals;

class TestCaseServiceConcurrency final : public QObject
{
    Q_OBJECT

private slots:
    void eightWriters();
    void twoInstancesOneDatabase();
};

// 8 threads x 250 operations: each thread creates cases and adds watchers to one shared
// case. Nothing may be lost: every create succeeds with a unique ID, every watcher added
// to the shared case is there at the end, and every change left its edit.
void TestCaseServiceConcurrency::eightWriters()
{
    ServiceFixture f;
    const QString shared = f.createCase(caseInput(u"Shared"_s));
    constexpr int threads = 8;
    constexpr int perThread = 250;
    constexpr int updatesPerThread = 3; // the watchers limit is 30 on one case
    QMutex mutex;
    QStringList ids;
    QStringList failures;
    std::atomic<int> commentCount {0};
    QList<QThread *> workers;
    for (int t = 0; t < threads; ++t) {
        workers.append(QThread::create([&, t] {
            const Principal me {u"AKIA"_s + QString::number(t),
                u"arn:aws:iam::123456789012:user/worker"_s + QString::number(t), Role::Full};
            QStringList mine;
            for (int i = 0; i < perThread; ++i) {
                ServiceResult r;
                if (i < updatesPerThread) {
                    r = f.service->call(u"UpdateCase"_s,
                        {{u"caseId"_s, shared},
                            {u"watchersToAdd"_s,
                                QJsonArray {QJsonObject {{u"email"_s,
                                    QString(u"w"_s + QString::number(t) + u"-"_s
                                        + QString::number(i) + u"@example.com"_s)}}}}},
                        me);
                } else if (i % 5 == 0) {
                    r = f.service->call(u"CreateCaseComment"_s,
                        {{u"caseId"_s, shared}, {u"body"_s, u"note"_s}}, me);
                    if (r.ok())
                        ++commentCount;
                } else {
                    r = f.service->call(u"CreateCase"_s,
                        caseInput(u"T"_s + QString::number(t) + u'-' + QString::number(i)), me);
                    if (r.ok())
                        mine.append(r.body.value(u"caseId"_s).toString());
                }
                if (!r.ok()) {
                    QMutexLocker lock(&mutex);
                    failures.append(r.error->type + u": "_s + r.error->message);
                }
            }
            f.service->releaseThreadConnection();
            QMutexLocker lock(&mutex);
            ids += mine;
        }));
    }
    for (QThread *w : workers)
        w->start();
    for (QThread *w : workers) {
        QVERIFY(w->wait(240000));
        delete w;
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 5).join(u'\n')));

    int creates = 0, comments = 0;
    for (int i = 0; i < perThread; ++i) {
        if (i < updatesPerThread)
            continue;
        if (i % 5 == 0)
            ++comments;
        else
            ++creates;
    }
    QCOMPARE(ids.size(), threads * creates);
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size()); // unique IDs
    QCOMPARE(f.call(u"ListCases"_s, {}).body.value(u"total"_s).toInteger(),
        qint64(threads * creates + 1));
    QCOMPARE(commentCount.load(), threads * comments);

    // No lost update on the shared case.
    const QJsonArray watchers = f.getCase(shared).value(u"watchers"_s).toArray();
    QCOMPARE(watchers.size(), threads * updatesPerThread);
    // Every change logged: creation + one edit per watcher update + one per comment.
    const ServiceResult edits = f.call(u"ListCaseEdits"_s, {{u"caseId"_s, shared}});
    QCOMPARE(
        edits.body.value(u"total"_s).toInt(), 1 + threads * updatesPerThread + threads * comments);
    const ServiceResult commentList = f.call(u"ListComments"_s, {{u"caseId"_s, shared}});
    QCOMPARE(commentList.body.value(u"total"_s).toInt(), threads * comments);
    // And the change feed saw every change, in order.
    QString error;
    QCOMPARE(f.service->latestChange(&error),
        qint64(1 + threads * (creates + comments + updatesPerThread)));
}

void TestCaseServiceConcurrency::twoInstancesOneDatabase()
{
    ServiceFixture f;
    QString error;
    auto second = CaseService::open(ServiceConfig(), u"sqlite:"_s + f.path(), &error);
    QVERIFY2(second, qPrintable(error));
    const QString shared = f.createCase();
    QStringList failures;
    QMutex mutex;
    auto work = [&](CaseService *service, int worker) {
        for (int i = 0; i < 40; ++i) {
            const ServiceResult r = service->call(u"CreateCaseComment"_s,
                {{u"caseId"_s, shared},
                    {u"body"_s,
                        QString(u"w"_s + QString::number(worker) + u'-' + QString::number(i))}},
                alice());
            if (!r.ok()) {
                QMutexLocker lock(&mutex);
                failures.append(r.error->message);
            }
        }
        service->releaseThreadConnection();
    };
    QThread *a = QThread::create(work, f.service.get(), 0);
    QThread *b = QThread::create(work, second.get(), 1);
    a->start();
    b->start();
    QVERIFY(a->wait(120000));
    QVERIFY(b->wait(120000));
    delete a;
    delete b;
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    QCOMPARE(f.call(u"ListComments"_s, {{u"caseId"_s, shared}}).body.value(u"total"_s).toInt(), 80);
    QCOMPARE(
        f.call(u"ListCaseEdits"_s, {{u"caseId"_s, shared}}).body.value(u"total"_s).toInt(), 81);
}

QTEST_GUILESS_MAIN(TestCaseServiceConcurrency)
#include "tst_concurrency.moc"

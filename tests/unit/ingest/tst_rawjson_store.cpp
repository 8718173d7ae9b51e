// Raw JSON of findings stored compressed (store/RawJsonCodec): a dictionary trained on the
// first findings of an import, stored once in the workspace; every finding read back with
// exactly the JSON it came with (the file's line), old TEXT rows beside new BLOB rows, a
// small import left as text, invalid UTF-8 repaired as the text store does, and a clear
// error for a missing dictionary or a damaged frame.

#include "demo/DemoOrganization.h"
#include "demo/FindingGenerator.h"
#include "ingest/FindingImporter.h"
#include "store/Database.h"
#include "store/FindingRepository.h"
#include "store/RawJsonCodec.h"
#include "store/Workspace.h"
#include "triage/TriageEngine.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;

class TestRawJsonStore final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFindings(const QString &name, int count, quint64 seed)
    {
        demo::FindingGenerator generator(demo::DemoOrganization::standard(), seed);
        generator.setReferenceTime(QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC));
        QFile file(m_dir.filePath(name));
        QString error;
        if (!file.open(QIODevice::WriteOnly)
            || !generator.write(
                file, count, demo::FindingGenerator::Format::GuardDutyJsonLines, &error))
            qFatal("cannot write the findings file");
        return file.fileName();
    }

    // Each finding (by ARN, its id in the store) with its line; the last line wins.
    static QHash<QString, QByteArray> linesById(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QHash<QString, QByteArray> lines;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (line.isEmpty())
                continue;
            lines.insert(QJsonDocument::fromJson(line).object().value("arn"_L1).toString(), line);
        }
        return lines;
    }

    std::unique_ptr<store::Workspace> workspace(const QString &name)
    {
        QString error;
        auto ws = store::Workspace::open(m_dir.filePath(name), &error);
        if (!ws)
            qFatal("cannot open the workspace: %s", qPrintable(error));
        return ws;
    }

    static qint64 scalar(store::Database &database, const QString &sql)
    {
        QSqlQuery query(database.reader());
        if (!query.exec(sql) || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

    static ingest::ImportResult import(store::Database &database, const QString &path)
    {
        triage::TriageEngine engine({}, triage::TriagePolicy());
        ingest::FindingImporter importer(database, engine);
        return importer.importFile(path);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void importStoresCompressedAndReadsBackEveryLine()
    {
        auto ws = workspace(u"ws-big"_s);
        const QString path = writeFindings(u"big.jsonl"_s, 3000, 5);
        const auto result = import(ws->database(), path);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(scalar(ws->database(), u"SELECT COUNT(*) FROM raw_dictionaries"_s), 1);
        const qint64 rows = scalar(ws->database(), u"SELECT COUNT(*) FROM findings"_s);
        const qint64 blobs
            = scalar(ws->database(), u"SELECT COUNT(*) FROM findings WHERE typeof(raw) = 'blob'"_s);
        QVERIFY2(blobs == rows, qPrintable(u"%1 of %2 compressed"_s.arg(blobs).arg(rows)));
        // Stored bytes against the JSON they hold.
        const qint64 stored = scalar(ws->database(), u"SELECT SUM(length(raw)) FROM findings"_s);
        const auto lines = linesById(path);
        QCOMPARE(lines.size(), rows);
        qint64 text = 0;
        store::FindingRepository repository(ws->database().reader());
        for (auto it = lines.cbegin(); it != lines.cend(); ++it) {
            QString error;
            const auto finding = repository.get(it.key(), &error);
            QVERIFY2(finding, qPrintable(error));
            QCOMPARE(finding->rawJson, it.value());
            text += it.value().size();
        }
        qInfo("raw JSON: %lld bytes as text, %lld stored (%.1f x)", text, stored,
            double(text) / double(stored));
        QVERIFY(stored * 3 < text);

        // A second import uses the stored dictionary instead of training another.
        const QString more = writeFindings(u"more.jsonl"_s, 500, 6);
        QVERIFY(import(ws->database(), more).ok());
        QCOMPARE(scalar(ws->database(), u"SELECT COUNT(*) FROM raw_dictionaries"_s), 1);
        const auto moreLines = linesById(more);
        const auto again = repository.get(moreLines.cbegin().key());
        QVERIFY(again);
        QCOMPARE(again->rawJson, moreLines.cbegin().value());
    }

    void smallImportStaysTextAndLaterRowsCompress()
    {
        auto ws = workspace(u"ws-small"_s);
        const QString small = writeFindings(u"small.jsonl"_s, 50, 7);
        QVERIFY(import(ws->database(), small).ok());
        QCOMPARE(scalar(ws->database(), u"SELECT COUNT(*) FROM raw_dictionaries"_s), 0);
        QCOMPARE(
            scalar(ws->database(), u"SELECT COUNT(*) FROM findings WHERE typeof(raw) <> 'text'"_s),
            0);
        // A bigger import trains the dictionary: old rows stay TEXT, both read back.
        const QString big = writeFindings(u"big2.jsonl"_s, 1200, 8);
        QVERIFY(import(ws->database(), big).ok());
        QCOMPARE(scalar(ws->database(), u"SELECT COUNT(*) FROM raw_dictionaries"_s), 1);
        QVERIFY(
            scalar(ws->database(), u"SELECT COUNT(*) FROM findings WHERE typeof(raw) = 'text'"_s)
            >= 45);
        QVERIFY(
            scalar(ws->database(), u"SELECT COUNT(*) FROM findings WHERE typeof(raw) = 'blob'"_s)
            >= 1100);
        store::FindingRepository repository(ws->database().reader());
        for (const QString &path : {small, big}) {
            const auto lines = linesById(path);
            for (auto it = lines.cbegin(); it != lines.cend(); ++it) {
                const auto finding = repository.get(it.key());
                QVERIFY(finding);
                QCOMPARE(finding->rawJson, it.value());
            }
        }
    }

    void packerRepairsInvalidUtf8AndSkipsWhatDoesNotShrink()
    {
        QList<QByteArray> samples;
        for (int i = 0; i < 300; ++i)
            samples.append(R"({"schemaVersion":"2.0","type":"Recon:EC2/PortProbeUnprotectedPort",)"
                           R"("resource":{"instanceDetails":{"instanceId":"i-)"
                + QByteArray::number(i * 7919, 16) + R"("}},"severity":)"
                + QByteArray::number(i % 9) + "}");
        auto dictionary = store::RawJsonDictionary::train(samples);
        QVERIFY(dictionary);
        QVERIFY(!store::RawJsonDictionary::train(samples.mid(0, 20))); // too few
        store::RawJsonPacker packer(dictionary);
        QVERIFY(packer.pack("{}").isEmpty()); // nothing to gain: stays text
        const QByteArray broken = samples.first() + "\xff\xfe";
        const QByteArray packed = packer.pack(broken);
        QVERIFY(!packed.isEmpty());

        auto ws = workspace(u"ws-codec"_s);
        QString error;
        QVERIFY2(ws->database().write(
                     [&](QSqlDatabase &c, QString *e) {
                         return store::rawjson::saveDictionary(c, *dictionary, e);
                     },
                     &error),
            qPrintable(error));
        const auto json = store::rawjson::unpack(ws->database().reader(), packed, &error);
        QVERIFY2(json, qPrintable(error));
        QCOMPARE(*json, QString::fromUtf8(broken).toUtf8());

        // A frame whose dictionary the workspace lacks, and a damaged frame.
        auto other = workspace(u"ws-codec-other"_s);
        QVERIFY(!store::rawjson::unpack(other->database().reader(), packed, &error));
        QVERIFY2(error.contains(u"dictionary"_s) && error.contains(u"lacks"_s), qPrintable(error));
        QByteArray damaged = packed;
        damaged[damaged.size() / 2] = char(damaged.at(damaged.size() / 2) ^ 0x5a);
        damaged.chop(3);
        QVERIFY(!store::rawjson::unpack(ws->database().reader(), damaged, &error));
        QVERIFY2(!error.isEmpty(), "no error for a damaged frame");
        QVERIFY(!store::rawjson::unpack(ws->database().reader(), "not zstd", &error));
        QVERIFY2(error.contains(u"not a zstd frame"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestRawJsonStore)
#include "tst_rawjson_store.moc"

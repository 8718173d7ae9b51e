// Realism checks of the generated findings against the public reference samples in
// ../shared/reference/findings (registered only when that folder is present).
#include "demo/DemoOrganization.h"
#include "demo/FindingGenerator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QtTest>

using namespace Qt::StringLiterals;
using warroom::demo::DemoOrganization;
using warroom::demo::FindingGenerator;

class TestGeneratorReference final : public QObject
{
    Q_OBJECT

private:
    static QByteArray readReference(const QString &name)
    {
        QFile file(QStringLiteral(WARROOM_REFERENCE_FINDINGS) + u'/' + name);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read reference file");
        return file.readAll();
    }

    static void collectKeys(const QJsonObject &object, const QString &prefix, QSet<QString> *keys)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString path = prefix + it.key();
            keys->insert(path);
            if (it.value().isObject())
                collectKeys(it.value().toObject(), path + u'.', keys);
        }
    }

private slots:
    void typesAreRealGuardDutyTypes()
    {
        QSet<QString> known;
        const QList<QByteArray> rows = readReference(u"guardduty-finding-types.csv"_s).split('\n');
        for (qsizetype i = 1; i < rows.size(); ++i) {
            if (!rows.at(i).isEmpty())
                known.insert(QString::fromUtf8(rows.at(i).split(',').first()));
        }
        QVERIFY(known.size() > 150);
        FindingGenerator generator(DemoOrganization::standard(), 3);
        for (int i = 0; i < 3000; ++i) {
            const QString type = generator.guardDutyFinding().value(u"type"_s).toString();
            QVERIFY2(known.contains(type), qPrintable(type));
        }
    }

    void fieldNamesMatchRealFindings()
    {
        // Every field path the generator writes (to depth 3) occurs in some real sample.
        QSet<QString> sampleKeys;
        const QJsonArray samples
            = QJsonDocument::fromJson(readReference(u"guardduty-samples.json"_s)).array();
        QVERIFY(samples.size() > 30);
        for (const QJsonValue &sample : samples)
            collectKeys(sample.toObject(), QString(), &sampleKeys);
        FindingGenerator generator(DemoOrganization::standard(), 5);
        QSet<QString> unknown;
        for (int i = 0; i < 2000; ++i) {
            QSet<QString> keys;
            collectKeys(generator.guardDutyFinding(), QString(), &keys);
            for (const QString &key : std::as_const(keys)) {
                if (key.count(u'.') < 3 && !sampleKeys.contains(key))
                    unknown.insert(key);
            }
        }
        QVERIFY2(unknown.isEmpty(), qPrintable(QStringList(unknown.values()).join(u", "_s)));
    }

    void asffFieldNamesMatchRealFindings()
    {
        QSet<QString> sampleKeys;
        const QJsonArray samples
            = QJsonDocument::fromJson(readReference(u"securityhub-asff-samples.json"_s)).array();
        for (const QJsonValue &sample : samples) {
            for (const QString &key : sample.toObject().keys())
                sampleKeys.insert(key);
        }
        FindingGenerator generator(DemoOrganization::standard(), 9);
        for (int i = 0; i < 500; ++i) {
            for (const QString &key : generator.securityHubFinding().keys())
                QVERIFY2(sampleKeys.contains(key), qPrintable(key));
        }
    }
};

QTEST_GUILESS_MAIN(TestGeneratorReference)
#include "tst_generatorreference.moc"

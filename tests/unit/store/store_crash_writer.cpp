// Opens the workspace in argv[1] and commits batches of findings until killed,
// printing "committed <batch>" right after each commit. Used by tst_store_crash.

#include "store/Database.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <cstdio>

using namespace Qt::StringLiterals;
using warroom::store::Database;
using warroom::store::Workspace;

namespace {

constexpr int RowsPerBatch = 250;

QString rawJson(qint64 batch, int row)
{
    // About 1 KB, like a real finding.
    return u"{\"batch\":%1,\"row\":%2,\"padding\":\"%3\"}"_s.arg(batch).arg(row).arg(
        QString(1000, QChar(u'a' + static_cast<char16_t>(row % 26))));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: store_crash_writer WORKSPACE_DIR\n");
        return 2;
    }
    QString error;
    std::unique_ptr<Workspace> workspace = Workspace::open(QString::fromLocal8Bit(argv[1]), &error);
    if (!workspace) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(error));
        return 1;
    }
    Database &database = workspace->database();

    qint64 batch = 0;
    {
        QSqlQuery query(database.reader());
        if (query.exec(u"SELECT COALESCE(MAX(CAST(verdict_rule AS INTEGER)), 0) FROM findings"_s)
            && query.next())
            batch = query.value(0).toLongLong();
    }
    std::printf("started\n");
    std::fflush(stdout);
    for (;;) {
        ++batch;
        const QString tag = QString::number(batch);
        const bool ok = database.write(
            [&](QSqlDatabase &connection, QString *writeError) {
                QSqlQuery insert(connection);
                insert.prepare(u"INSERT INTO findings (id, type, title, description, "
                               u"severity, account_id, region, resource_id, fingerprint, "
                               u"verdict_rule, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
                for (int row = 0; row < RowsPerBatch; ++row) {
                    insert.addBindValue(u"batch-%1-row-%2"_s.arg(batch).arg(row));
                    insert.addBindValue(u"Recon:EC2/PortProbeUnprotectedPort"_s);
                    insert.addBindValue(u"Port probe %1"_s.arg(row));
                    insert.addBindValue(u"Unprotected port on instance i-%1"_s.arg(row));
                    insert.addBindValue(static_cast<double>(row % 90) / 10.0);
                    insert.addBindValue(u"1234567890%1"_s.arg(row % 10));
                    insert.addBindValue(u"eu-west-1"_s);
                    insert.addBindValue(u"i-%1"_s.arg(row));
                    insert.addBindValue(u"fp-%1"_s.arg(row));
                    insert.addBindValue(tag);
                    insert.addBindValue(rawJson(batch, row));
                    if (!warroom::store::execQuery(insert, writeError))
                        return false;
                }
                return true;
            },
            &error);
        if (!ok) {
            std::fprintf(stderr, "write failed: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("committed %lld\n", batch);
        std::fflush(stdout);
    }
}

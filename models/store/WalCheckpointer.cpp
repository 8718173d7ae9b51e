#include "WalCheckpointer.h"

#include "StoreLogging.h"

#include <QFile>

#include <algorithm>

#include <sqlite3.h>

namespace warroom::store {

WalCheckpointer::WalCheckpointer(const QString &path)
    : m_path(path)
    , m_thread([this] { run(); })
{
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void WalCheckpointer::attach(sqlite3 *connection)
{
    sqlite3_wal_hook(connection, &WalCheckpointer::walHook, this);
}

qint64 WalCheckpointer::framesCopied() const
{
    std::lock_guard lock(m_mutex);
    return m_framesCopied;
}

int WalCheckpointer::walHook(void *self, sqlite3 *connection, const char *database, int pages)
{
    if (pages >= FallBehindPages) // the checkpointer cannot keep up (or readers hold it back)
        sqlite3_wal_checkpoint_v2(
            connection, database, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    else if (pages >= AutoCheckpointPages)
        static_cast<WalCheckpointer *>(self)->request();
    return SQLITE_OK;
}

void WalCheckpointer::request()
{
    {
        std::lock_guard lock(m_mutex);
        m_requested = true;
    }
    m_wake.notify_one();
}

void WalCheckpointer::run()
{
    sqlite3 *connection = nullptr;
    std::unique_lock lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [this] { return m_requested || m_stopping; });
        if (m_stopping)
            break;
        m_requested = false;
        lock.unlock();
        if (!connection
            && sqlite3_open_v2(QFile::encodeName(m_path).constData(), &connection,
                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
                != SQLITE_OK) {
            qCWarning(lcStore) << "checkpointer: cannot open" << m_path << ":"
                               << sqlite3_errmsg(connection);
            sqlite3_close(connection);
            connection = nullptr;
        } else if (connection && !m_walOpen) {
            // A connection checkpoints nothing until it has read the database and so
            // opened its log.
            m_walOpen = sqlite3_exec(connection, "PRAGMA schema_version", nullptr, nullptr, nullptr)
                == SQLITE_OK;
        }
        int result = SQLITE_OK;
        int copied = 0;
        if (connection)
            result = sqlite3_wal_checkpoint_v2(
                connection, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, &copied);
        if (result != SQLITE_OK && result != SQLITE_BUSY)
            qCWarning(lcStore) << "checkpoint of" << m_path << "failed:" << sqlite3_errstr(result);
        lock.lock();
        m_framesCopied += std::max(0, copied);
    }
    lock.unlock();
    sqlite3_close(connection);
}

} // namespace warroom::store

#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace warroom::store {

// Checkpoints a WAL database on a thread of its own, so the thread that commits (an
// import's writer above all) does not copy the log back into the database itself: the
// write connections' WAL hook asks for a checkpoint after a commit that leaves the log
// over AutoCheckpointPages, as SQLite's own auto-checkpoint would, and go on writing.
// A log that grows past FallBehindPages anyway is checkpointed by the committing thread.
class WalCheckpointer final
{
    Q_DISABLE_COPY_MOVE(WalCheckpointer)

public:
    static constexpr int AutoCheckpointPages = 1000; // SQLite's default
    // One bulk batch of findings can leave 20,000 pages: a few of them.
    static constexpr int FallBehindPages = 64 * 1024;

    explicit WalCheckpointer(const QString &path);
    ~WalCheckpointer(); // stops the thread

    // Replaces `connection`'s auto-checkpoint with requests to this checkpointer.
    void attach(sqlite3 *connection);

    // WAL frames this thread's checkpoints copied into the database so far.
    qint64 framesCopied() const;

private:
    static int walHook(void *self, sqlite3 *connection, const char *database, int pages);
    void request();
    void run();

    const QString m_path;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_requested = false;
    bool m_stopping = false;
    qint64 m_framesCopied = 0;
    bool m_walOpen = false; // the thread's own
    std::thread m_thread;
};

} // namespace warroom::store

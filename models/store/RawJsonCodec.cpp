#include "RawJsonCodec.h"

#include "Database.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <zdict.h>
#include <zstd.h>

#include <vector>

namespace warroom::store {

using namespace Qt::StringLiterals;

namespace {

// Big enough for what a service's findings share, small enough to train in tens of ms.
constexpr size_t DictionaryCapacity = 16 * 1024;
constexpr int CompressionLevel = 1;

// Dictionaries by their bytes: each is parsed once a process, whichever workspace holds it.
QMutex g_cacheMutex;
QHash<QByteArray, std::shared_ptr<const RawJsonDictionary>> g_cache;

struct DecompressionContextDeleter
{
    void operator()(ZSTD_DCtx *context) const { ZSTD_freeDCtx(context); }
};

ZSTD_DCtx *threadDecompressionContext()
{
    thread_local std::unique_ptr<ZSTD_DCtx, DecompressionContextDeleter> context(ZSTD_createDCtx());
    return context.get();
}

} // namespace

std::shared_ptr<const RawJsonDictionary> RawJsonDictionary::train(const QList<QByteArray> &samples)
{
    if (samples.size() < MinimumSamples)
        return nullptr;
    QByteArray joined;
    std::vector<size_t> sizes;
    const qsizetype used = std::min<qsizetype>(samples.size(), MaximumSamples);
    sizes.reserve(static_cast<size_t>(used));
    for (qsizetype i = 0; i < used; ++i) {
        joined.append(samples.at(i));
        sizes.push_back(static_cast<size_t>(samples.at(i).size()));
    }
    QByteArray dictionary(static_cast<qsizetype>(DictionaryCapacity), Qt::Uninitialized);
    const size_t size = ZDICT_trainFromBuffer(dictionary.data(), DictionaryCapacity,
        joined.constData(), sizes.data(), static_cast<unsigned>(sizes.size()));
    if (ZDICT_isError(size))
        return nullptr;
    dictionary.truncate(static_cast<qsizetype>(size));
    return fromBytes(dictionary);
}

std::shared_ptr<const RawJsonDictionary> RawJsonDictionary::fromBytes(const QByteArray &bytes)
{
    QMutexLocker locker(&g_cacheMutex);
    if (auto cached = g_cache.value(bytes))
        return cached;
    const unsigned id = ZDICT_getDictID(bytes.constData(), static_cast<size_t>(bytes.size()));
    if (id == 0)
        return nullptr; // not a dictionary with a header (raw content is not accepted)
    std::shared_ptr<RawJsonDictionary> dictionary(new RawJsonDictionary);
    dictionary->m_bytes = bytes;
    dictionary->m_id = id;
    dictionary->m_compress
        = ZSTD_createCDict(bytes.constData(), static_cast<size_t>(bytes.size()), CompressionLevel);
    dictionary->m_decompress
        = ZSTD_createDDict(bytes.constData(), static_cast<size_t>(bytes.size()));
    if (!dictionary->m_compress || !dictionary->m_decompress)
        return nullptr;
    g_cache.insert(bytes, dictionary);
    return dictionary;
}

RawJsonDictionary::~RawJsonDictionary()
{
    ZSTD_freeCDict(m_compress);
    ZSTD_freeDDict(m_decompress);
}

RawJsonPacker::RawJsonPacker(std::shared_ptr<const RawJsonDictionary> dictionary)
    : m_dictionary(std::move(dictionary))
{
    if (m_dictionary)
        m_context = ZSTD_createCCtx();
}

RawJsonPacker::~RawJsonPacker()
{
    ZSTD_freeCCtx(m_context);
}

QByteArray RawJsonPacker::pack(const QByteArray &json)
{
    if (!m_dictionary || !m_context || json.isEmpty())
        return {};
    const bool valid = QByteArrayView(json).isValidUtf8();
    const QByteArray repaired = valid ? QByteArray() : QString::fromUtf8(json).toUtf8();
    const QByteArray &text = valid ? json : repaired;
    QByteArray frame(static_cast<qsizetype>(ZSTD_compressBound(static_cast<size_t>(text.size()))),
        Qt::Uninitialized);
    const size_t size = ZSTD_compress_usingCDict(m_context, frame.data(),
        static_cast<size_t>(frame.size()), text.constData(), static_cast<size_t>(text.size()),
        m_dictionary->compressionDictionary());
    if (ZSTD_isError(size) || static_cast<qsizetype>(size) >= text.size())
        return {};
    frame.truncate(static_cast<qsizetype>(size));
    return frame;
}

namespace rawjson {

std::shared_ptr<const RawJsonDictionary> currentDictionary(
    const QSqlDatabase &connection, QString *error)
{
    QSqlQuery query(connection);
    if (!query.exec(u"SELECT dictionary FROM raw_dictionaries "
                    u"ORDER BY created_at DESC, dict_id DESC LIMIT 1"_s)) {
        if (error)
            *error = query.lastError().text();
        return nullptr;
    }
    if (!query.next())
        return nullptr;
    return RawJsonDictionary::fromBytes(query.value(0).toByteArray());
}

bool saveDictionary(
    const QSqlDatabase &connection, const RawJsonDictionary &dictionary, QString *error)
{
    QSqlQuery query(connection);
    query.prepare(u"INSERT OR IGNORE INTO raw_dictionaries (dict_id, dictionary, created_at) "
                  u"VALUES (?, ?, ?)"_s);
    query.addBindValue(static_cast<qint64>(dictionary.id()));
    query.addBindValue(dictionary.bytes());
    query.addBindValue(QDateTime::currentSecsSinceEpoch());
    return execQuery(query, error);
}

std::optional<QByteArray> unpack(
    const QSqlDatabase &connection, const QByteArray &stored, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<QByteArray> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const unsigned long long size
        = ZSTD_getFrameContentSize(stored.constData(), static_cast<size_t>(stored.size()));
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN
        || size > 256ULL * 1024 * 1024)
        return fail(u"the stored raw JSON is not a zstd frame"_s);
    const unsigned id
        = ZSTD_getDictID_fromFrame(stored.constData(), static_cast<size_t>(stored.size()));
    std::shared_ptr<const RawJsonDictionary> dictionary;
    if (id != 0) {
        QSqlQuery query(connection);
        query.prepare(u"SELECT dictionary FROM raw_dictionaries WHERE dict_id = ?"_s);
        query.addBindValue(static_cast<qint64>(id));
        if (!query.exec())
            return fail(query.lastError().text());
        if (!query.next())
            return fail(u"the raw JSON needs dictionary %1, which the workspace lacks"_s.arg(id));
        dictionary = RawJsonDictionary::fromBytes(query.value(0).toByteArray());
        if (!dictionary)
            return fail(u"dictionary %1 of the workspace cannot be read"_s.arg(id));
    }
    QByteArray json(static_cast<qsizetype>(size), Qt::Uninitialized);
    const size_t done = dictionary
        ? ZSTD_decompress_usingDDict(threadDecompressionContext(), json.data(),
            static_cast<size_t>(json.size()), stored.constData(),
            static_cast<size_t>(stored.size()), dictionary->decompressionDictionary())
        : ZSTD_decompressDCtx(threadDecompressionContext(), json.data(),
            static_cast<size_t>(json.size()), stored.constData(),
            static_cast<size_t>(stored.size()));
    if (ZSTD_isError(done))
        return fail(u"the stored raw JSON is damaged (%1)"_s.arg(
            QString::fromLatin1(ZSTD_getErrorName(done))));
    if (done != size)
        return fail(
            u"the stored raw JSON is damaged (%1 bytes instead of %2)"_s.arg(done).arg(size));
    return json;
}

} // namespace rawjson

} // namespace warroom::store

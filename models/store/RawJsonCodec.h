#pragma once

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>

#include <memory>
#include <optional>

struct ZSTD_CCtx_s;
struct ZSTD_CDict_s;
struct ZSTD_DDict_s;

namespace warroom::store {

// Findings keep their raw JSON compressed with zstd and a dictionary trained on the
// workspace's own findings: findings of one service repeat their keys, types and ARNs, so
// a stored GuardDuty finding takes about a seventh of its JSON (a finding of 2 KB, 0.3
// KB), and a million findings a few hundred MB less than their text. A workspace without a
// dictionary yet (fewer findings than it takes to train one) stores the JSON as TEXT; a
// stored BLOB is one zstd frame that names its dictionary, kept in raw_dictionaries.
class RawJsonDictionary final
{
    Q_DISABLE_COPY_MOVE(RawJsonDictionary)

public:
    // Samples it takes to train a dictionary, and the most it reads.
    static constexpr int MinimumSamples = 200;
    static constexpr int MaximumSamples = 1000;

    // Null when the samples are too few or too alike to train on.
    static std::shared_ptr<const RawJsonDictionary> train(const QList<QByteArray> &samples);
    // Null when `bytes` is not a zstd dictionary.
    static std::shared_ptr<const RawJsonDictionary> fromBytes(const QByteArray &bytes);
    ~RawJsonDictionary();

    quint32 id() const { return m_id; }
    const QByteArray &bytes() const { return m_bytes; }
    ZSTD_CDict_s *compressionDictionary() const { return m_compress; }
    ZSTD_DDict_s *decompressionDictionary() const { return m_decompress; }

private:
    RawJsonDictionary() = default;

    QByteArray m_bytes;
    quint32 m_id = 0;
    ZSTD_CDict_s *m_compress = nullptr;
    ZSTD_DDict_s *m_decompress = nullptr;
};

// One thread's compressor.
class RawJsonPacker final
{
    Q_DISABLE_COPY_MOVE(RawJsonPacker)

public:
    // A null dictionary packs nothing: every JSON is stored as text.
    explicit RawJsonPacker(std::shared_ptr<const RawJsonDictionary> dictionary);
    ~RawJsonPacker();

    bool hasDictionary() const { return m_dictionary != nullptr; }
    // The zstd frame to store as a BLOB, or an empty array to store the JSON as TEXT
    // (no dictionary, or a JSON too short to gain). What unpack() gives back equals the
    // text store: invalid UTF-8 is repaired as QString::fromUtf8 does.
    QByteArray pack(const QByteArray &json);

private:
    std::shared_ptr<const RawJsonDictionary> m_dictionary;
    ZSTD_CCtx_s *m_context = nullptr;
};

namespace rawjson {

// The workspace's newest dictionary, null when it has none (or on error, with `error`).
std::shared_ptr<const RawJsonDictionary> currentDictionary(
    const QSqlDatabase &connection, QString *error = nullptr);
// Inside a Database::write; a dictionary already stored is left as it is.
bool saveDictionary(
    const QSqlDatabase &connection, const RawJsonDictionary &dictionary, QString *error);
// The JSON of a stored BLOB, decompressed with the dictionary it names.
std::optional<QByteArray> unpack(
    const QSqlDatabase &connection, const QByteArray &stored, QString *error = nullptr);

} // namespace rawjson

} // namespace warroom::store

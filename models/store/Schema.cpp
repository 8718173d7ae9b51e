#include "Schema.h"

namespace warroom::store {

using namespace Qt::StringLiterals;

namespace {

// Timestamps are epoch seconds (INTEGER, REAL when they carry milliseconds), list-valued fields
// JSON text. Columns the case board or the triage queue sort or filter on are indexed; an index on
// a rowid table ends with the rowid, so (column, rowid) keyset windows use it as is.
QStringList schemaVersion1()
{
    return {
        uR"sql(CREATE TABLE settings (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT))sql"_s,

        uR"sql(CREATE TABLE cases (
            case_id TEXT PRIMARY KEY NOT NULL,
            case_arn TEXT,
            title TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            case_status TEXT NOT NULL DEFAULT '',
            engagement_type TEXT NOT NULL DEFAULT '',
            resolver_type TEXT NOT NULL DEFAULT '',
            pending_action TEXT NOT NULL DEFAULT '',
            closure_code TEXT NOT NULL DEFAULT '',
            reported_incident_start INTEGER,
            actual_incident_start INTEGER,
            created_date INTEGER,
            last_updated_date INTEGER,
            closed_date INTEGER,
            impacted_accounts TEXT NOT NULL DEFAULT '[]',
            impacted_regions TEXT NOT NULL DEFAULT '[]',
            impacted_services TEXT NOT NULL DEFAULT '[]',
            threat_actor_ips TEXT NOT NULL DEFAULT '[]',
            watchers TEXT NOT NULL DEFAULT '[]',
            case_metadata TEXT NOT NULL DEFAULT '[]',
            tags TEXT NOT NULL DEFAULT '{}',
            dirty INTEGER NOT NULL DEFAULT 0,
            sync_state TEXT NOT NULL DEFAULT '',
            remote_last_updated INTEGER,
            local_updated_at INTEGER))sql"_s,
        u"CREATE INDEX cases_status ON cases (case_status)"_s,
        u"CREATE INDEX cases_last_updated ON cases (last_updated_date)"_s,
        u"CREATE INDEX cases_created ON cases (created_date)"_s,
        u"CREATE INDEX cases_dirty ON cases (dirty) WHERE dirty <> 0"_s,

        uR"sql(CREATE TABLE comments (
            case_id TEXT NOT NULL REFERENCES cases (case_id) ON DELETE CASCADE,
            comment_id TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT '',
            creator TEXT NOT NULL DEFAULT '',
            created_date INTEGER,
            last_updated_date INTEGER,
            last_updated_by TEXT NOT NULL DEFAULT '',
            dirty INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (case_id, comment_id)))sql"_s,
        u"CREATE INDEX comments_created ON comments (case_id, created_date)"_s,

        // Append-only: the same edit pulled twice is stored once.
        uR"sql(CREATE TABLE case_edits (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id TEXT NOT NULL REFERENCES cases (case_id) ON DELETE CASCADE,
            event_timestamp INTEGER,
            principal TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL DEFAULT '',
            UNIQUE (case_id, event_timestamp, principal, action, message)))sql"_s,
        u"CREATE INDEX case_edits_time ON case_edits (case_id, event_timestamp)"_s,
        uR"sql(CREATE TRIGGER case_edits_append_only BEFORE UPDATE ON case_edits
            BEGIN SELECT RAISE(ABORT, 'case edits are append-only'); END)sql"_s,

        uR"sql(CREATE TABLE attachments (
            case_id TEXT NOT NULL REFERENCES cases (case_id) ON DELETE CASCADE,
            attachment_id TEXT NOT NULL,
            file_name TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            attachment_status TEXT NOT NULL DEFAULT '',
            creator TEXT NOT NULL DEFAULT '',
            created_date INTEGER,
            local_path TEXT,
            PRIMARY KEY (case_id, attachment_id)))sql"_s,

        uR"sql(CREATE TABLE investigations (
            case_id TEXT NOT NULL REFERENCES cases (case_id) ON DELETE CASCADE,
            investigation_id TEXT NOT NULL,
            action_type TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            content TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            last_updated INTEGER,
            feedback TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (case_id, investigation_id)))sql"_s,

        // Tags of any resource (cases and memberships by ARN).
        uR"sql(CREATE TABLE tags (
            resource_arn TEXT NOT NULL,
            tag_key TEXT NOT NULL,
            tag_value TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (resource_arn, tag_key)))sql"_s,

        // The local, append-only timeline hash chain of each case.
        uR"sql(CREATE TABLE timeline (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            occurred_at INTEGER,
            recorded_at INTEGER NOT NULL,
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL))sql"_s,
        u"CREATE INDEX timeline_case ON timeline (case_id, seq)"_s,

        uR"sql(CREATE TABLE findings (
            id TEXT PRIMARY KEY NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            product_name TEXT NOT NULL DEFAULT '',
            type TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            severity REAL NOT NULL DEFAULT 0,
            severity_label TEXT NOT NULL DEFAULT '',
            account_id TEXT NOT NULL DEFAULT '',
            region TEXT NOT NULL DEFAULT '',
            resource_type TEXT NOT NULL DEFAULT '',
            resource_id TEXT NOT NULL DEFAULT '',
            remote_ips TEXT NOT NULL DEFAULT '[]',
            first_seen INTEGER,
            last_seen INTEGER,
            created_at INTEGER,
            updated_at INTEGER,
            count INTEGER NOT NULL DEFAULT 1,
            archived INTEGER NOT NULL DEFAULT 0,
            workflow_state TEXT NOT NULL DEFAULT '',
            fingerprint TEXT NOT NULL DEFAULT '',
            verdict TEXT NOT NULL DEFAULT '',
            verdict_rule TEXT NOT NULL DEFAULT '',
            case_id TEXT,
            raw TEXT NOT NULL DEFAULT '{}'))sql"_s,
        u"CREATE INDEX findings_source ON findings (source)"_s,
        u"CREATE INDEX findings_type ON findings (type)"_s,
        u"CREATE INDEX findings_severity ON findings (severity)"_s,
        u"CREATE INDEX findings_account ON findings (account_id)"_s,
        u"CREATE INDEX findings_region ON findings (region)"_s,
        u"CREATE INDEX findings_resource_type ON findings (resource_type)"_s,
        u"CREATE INDEX findings_first_seen ON findings (first_seen)"_s,
        u"CREATE INDEX findings_last_seen ON findings (last_seen)"_s,
        u"CREATE INDEX findings_updated_at ON findings (updated_at)"_s,
        u"CREATE INDEX findings_workflow ON findings (workflow_state)"_s,
        u"CREATE INDEX findings_fingerprint ON findings (fingerprint)"_s,
        u"CREATE INDEX findings_verdict ON findings (verdict)"_s,
        u"CREATE INDEX findings_case ON findings (case_id) WHERE case_id IS NOT NULL"_s,

        // Full-text search over findings, kept in step by triggers (external content).
        uR"sql(CREATE VIRTUAL TABLE findings_fts USING fts5 (
            title, description, type, resource_id,
            content = 'findings', content_rowid = 'rowid'))sql"_s,
        uR"sql(CREATE TRIGGER findings_fts_insert AFTER INSERT ON findings BEGIN
            INSERT INTO findings_fts (rowid, title, description, type, resource_id)
            VALUES (new.rowid, new.title, new.description, new.type, new.resource_id);
            END)sql"_s,
        uR"sql(CREATE TRIGGER findings_fts_delete AFTER DELETE ON findings BEGIN
            INSERT INTO findings_fts (findings_fts, rowid, title, description, type, resource_id)
            VALUES ('delete', old.rowid, old.title, old.description, old.type, old.resource_id);
            END)sql"_s,
        uR"sql(CREATE TRIGGER findings_fts_update
            AFTER UPDATE OF title, description, type, resource_id ON findings BEGIN
            INSERT INTO findings_fts (findings_fts, rowid, title, description, type, resource_id)
            VALUES ('delete', old.rowid, old.title, old.description, old.type, old.resource_id);
            INSERT INTO findings_fts (rowid, title, description, type, resource_id)
            VALUES (new.rowid, new.title, new.description, new.type, new.resource_id);
            END)sql"_s,

        // Suppression rules, run in `position` order.
        uR"sql(CREATE TABLE rules (
            id TEXT PRIMARY KEY NOT NULL,
            position INTEGER NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            enabled INTEGER NOT NULL DEFAULT 1,
            json TEXT NOT NULL DEFAULT '{}',
            updated_at INTEGER))sql"_s,
        u"CREATE INDEX rules_position ON rules (position)"_s,

        uR"sql(CREATE TABLE membership (
            membership_id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL DEFAULT '',
            region TEXT NOT NULL DEFAULT '',
            membership_name TEXT NOT NULL DEFAULT '',
            membership_arn TEXT NOT NULL DEFAULT '',
            membership_status TEXT NOT NULL DEFAULT '',
            customer_type TEXT NOT NULL DEFAULT '',
            activation_time INTEGER,
            deactivation_time INTEGER,
            number_of_accounts_covered INTEGER,
            opt_in_features TEXT NOT NULL DEFAULT '[]',
            json TEXT NOT NULL DEFAULT '{}'))sql"_s,
        uR"sql(CREATE TABLE membership_responders (
            membership_id TEXT NOT NULL REFERENCES membership (membership_id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            job_title TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            json TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (membership_id, position)))sql"_s,
        uR"sql(CREATE TABLE membership_ous (
            membership_id TEXT NOT NULL REFERENCES membership (membership_id) ON DELETE CASCADE,
            ou_id TEXT NOT NULL,
            PRIMARY KEY (membership_id, ou_id)))sql"_s,

        // The organisation tree (demo or from AWS Organizations): roots, OUs, accounts.
        uR"sql(CREATE TABLE org_nodes (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('root', 'ou', 'account')),
            parent_id TEXT,
            name TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            arn TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0))sql"_s,
        u"CREATE INDEX org_nodes_parent ON org_nodes (parent_id, position)"_s,

        // Changes waiting for the backend, written in the same transaction as the
        // change itself. state: pending, sent, failed (rejected; shown to the user).
        uR"sql(CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id TEXT NOT NULL DEFAULT '',
            operation TEXT NOT NULL,
            payload TEXT NOT NULL DEFAULT '{}',
            client_token TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sent', 'failed')),
            next_attempt_at INTEGER NOT NULL DEFAULT 0,
            sent_at INTEGER))sql"_s,
        u"CREATE INDEX outbox_state ON outbox (state, case_id, id)"_s,
    };
}

// The analyst a finding is assigned to in the triage queue. The partial index holds only
// assigned findings, so ingest (which never assigns) does not pay for it.
QStringList schemaVersion2()
{
    return {
        u"ALTER TABLE findings ADD COLUMN assignee TEXT NOT NULL DEFAULT ''"_s,
        u"CREATE INDEX findings_assignee ON findings (assignee) WHERE assignee <> ''"_s,
    };
}

// Ingest writes every index of `findings`; these three were read by nothing (the queue sorts
// and filters on severity, type, account, Region, resource type, last seen, verdict, source
// and assignee; repeats use the fingerprint; cases the case ID), so they go.
QStringList schemaVersion3()
{
    return {
        u"DROP INDEX IF EXISTS findings_first_seen"_s,
        u"DROP INDEX IF EXISTS findings_updated_at"_s,
        u"DROP INDEX IF EXISTS findings_workflow"_s,
    };
}

// The timeline's source keys: which datum (a case edit, a comment, a local change...) each
// timeline entry was made from, so the same datum arriving again (a re-pull, a restart)
// is not appended twice. Not part of the hash chain: several keys may name one entry (a
// provisional comment ID and the backend's, a local change and the backend's edit of it).
QStringList schemaVersion4()
{
    return {
        uR"sql(CREATE TABLE timeline_sources (
            case_id TEXT NOT NULL,
            source_key TEXT NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (case_id, source_key)) WITHOUT ROWID)sql"_s,
    };
}

// Sync conflicts: the backend's copy of each case as of the last pull (the base that says
// which fields moved on the backend since), and the fields changed on both sides that
// wait for the user. A case with an open conflict sends nothing until it is resolved.
QStringList schemaVersion5()
{
    return {
        uR"sql(CREATE TABLE sync_base (
            case_id TEXT PRIMARY KEY NOT NULL,
            remote TEXT NOT NULL DEFAULT '{}'))sql"_s,
        uR"sql(CREATE TABLE sync_conflicts (
            case_id TEXT NOT NULL,
            field TEXT NOT NULL,
            base_value TEXT NOT NULL DEFAULT 'null',
            local_value TEXT NOT NULL DEFAULT 'null',
            remote_value TEXT NOT NULL DEFAULT 'null',
            detected_at INTEGER NOT NULL,
            PRIMARY KEY (case_id, field)))sql"_s,
    };
}

// Findings: every earlier version of a finding that an update replaced (an import or a
// Security Hub pull of the same id with other content), kept by a trigger so every write
// path keeps history and new findings pay nothing. Shared triage (warroom-server's
// x-warroom triage extension): the claim and decision the server holds for each finding,
// as of the last pull of its triage state.
QStringList schemaVersion6()
{
    return {
        uR"sql(CREATE TABLE finding_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            finding_id TEXT NOT NULL,
            replaced_at INTEGER NOT NULL,
            updated_at INTEGER,
            last_seen INTEGER,
            count INTEGER NOT NULL DEFAULT 1,
            severity REAL NOT NULL DEFAULT 0,
            title TEXT NOT NULL DEFAULT '',
            workflow_state TEXT NOT NULL DEFAULT '',
            archived INTEGER NOT NULL DEFAULT 0,
            raw TEXT NOT NULL DEFAULT '{}'))sql"_s,
        u"CREATE INDEX finding_history_finding ON finding_history (finding_id, id)"_s,
        uR"sql(CREATE TRIGGER findings_keep_history AFTER UPDATE OF raw ON findings
            WHEN old.raw IS NOT new.raw BEGIN
            INSERT INTO finding_history (finding_id, replaced_at, updated_at, last_seen, count,
                severity, title, workflow_state, archived, raw)
            VALUES (old.id, CAST(strftime('%s', 'now') AS INTEGER), old.updated_at,
                old.last_seen, old.count, old.severity, old.title, old.workflow_state,
                old.archived, old.raw);
            END)sql"_s,
        uR"sql(CREATE TABLE triage_shared (
            finding_id TEXT PRIMARY KEY NOT NULL,
            sequence INTEGER NOT NULL DEFAULT 0,
            claim_console TEXT NOT NULL DEFAULT '',
            claim_analyst TEXT NOT NULL DEFAULT '',
            claim_principal TEXT NOT NULL DEFAULT '',
            claimed_at INTEGER,
            claim_expires_at INTEGER,
            decision TEXT NOT NULL DEFAULT ''))sql"_s,
    };
}

// The zstd dictionaries the raw JSON of findings is compressed with (RawJsonCodec): each
// stored BLOB names its dictionary by the ID the dictionary carries. Rows written before
// keep their TEXT.
QStringList schemaVersion7()
{
    return {
        uR"sql(CREATE TABLE raw_dictionaries (
            dict_id INTEGER PRIMARY KEY NOT NULL,
            dictionary BLOB NOT NULL,
            created_at INTEGER NOT NULL))sql"_s,
    };
}

} // namespace

QStringList schemaMigration(int version)
{
    switch (version) {
    case 1:
        return schemaVersion1();
    case 2:
        return schemaVersion2();
    case 3:
        return schemaVersion3();
    case 4:
        return schemaVersion4();
    case 5:
        return schemaVersion5();
    case 6:
        return schemaVersion6();
    case 7:
        return schemaVersion7();
    default:
        return {};
    }
}

} // namespace warroom::store

package io.jenkins.plugins.tiers.ledger;

/**
 * The SQL of {@link PostgresLedger}, with the schema (a checked, quoted identifier) filled in once;
 * every value goes as a parameter.
 */
final class PostgresStatements {
    final String lockApplication;
    final String createApplication;
    final String eventsByIds;
    final String insertEvent;
    final String upsertCandidate;
    final String saveState;
    final String saveAppended;
    final String eventTypes;
    final String eventsOfTypes;
    final String state;
    final String stateIfNewer;
    final String events;
    final String eventsOfVersions;
    final String recentCandidates;
    final String searchCandidates;
    final String candidatesByFirstSeq;
    final String deleteEvents;
    final String deleteEmptyCandidates;
    final String countEvents;
    final String deleteAllEvents;
    final String deleteAllCandidates;

    PostgresStatements(String s) {
        lockApplication = "SELECT last_seq FROM " + s + ".ledger_application WHERE application = ? FOR UPDATE";
        createApplication = "INSERT INTO " + s + ".ledger_application (application) VALUES (?) ON CONFLICT DO NOTHING";
        eventsByIds = "SELECT event_id, body, seq FROM " + s + ".ledger_event WHERE application = ? AND event_id ="
                + " ANY(?)";
        insertEvent = "INSERT INTO " + s + ".ledger_event (application, seq, event_id, type, version, revision,"
                + " rolled_back_from, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        upsertCandidate = "INSERT INTO " + s + ".ledger_candidate AS c (application, version, revision,"
                + " first_seq, last_seq) VALUES (?, ?, ?, ?, ?) ON CONFLICT (application, version) DO UPDATE"
                + " SET last_seq = excluded.last_seq, revision = coalesce(c.revision, excluded.revision)";
        saveState = "UPDATE " + s + ".ledger_application SET last_seq = ?, state = ?, event_types ="
                + " coalesce((SELECT array_agg(DISTINCT type) FROM " + s + ".ledger_event WHERE application = ?),"
                + " '{}') WHERE application = ?";
        saveAppended = "UPDATE " + s + ".ledger_application SET last_seq = ?, state = ?, event_types ="
                + " ARRAY(SELECT DISTINCT t FROM unnest(event_types || ?::text[]) AS t) WHERE application = ?";
        eventTypes = "SELECT event_types FROM " + s + ".ledger_application WHERE application = ?";
        eventsOfTypes = "SELECT seq, body FROM " + s + ".ledger_event WHERE application = ? AND type = ANY(?)"
                + " ORDER BY seq LIMIT ?";
        state = "SELECT state FROM " + s + ".ledger_application WHERE application = ?";
        stateIfNewer = "SELECT last_seq, CASE WHEN last_seq = ? THEN NULL ELSE state END FROM " + s
                + ".ledger_application WHERE application = ?";
        events = "SELECT seq, body FROM " + s + ".ledger_event WHERE application = ? ORDER BY seq";
        eventsOfVersions = "SELECT seq, body FROM " + s + ".ledger_event WHERE application = ? AND version ="
                + " ANY(?) UNION SELECT seq, body FROM " + s + ".ledger_event WHERE application = ? AND"
                + " rolled_back_from = ANY(?) ORDER BY 1";
        recentCandidates =
                "SELECT version FROM " + s + ".ledger_candidate WHERE application = ? ORDER BY last_seq DESC LIMIT ?";
        searchCandidates = "SELECT version FROM " + s + ".ledger_candidate WHERE application = ? AND"
                + " (strpos(lower(version), ?) > 0 OR starts_with(lower(revision), ?)) ORDER BY last_seq DESC";
        candidatesByFirstSeq =
                "SELECT version FROM " + s + ".ledger_candidate WHERE application = ? ORDER BY first_seq";
        deleteEvents =
                "DELETE FROM " + s + ".ledger_event WHERE application = ? AND NOT (version = ANY(?))" + " AND seq <> ?";
        deleteEmptyCandidates = "DELETE FROM " + s + ".ledger_candidate c WHERE c.application = ? AND NOT"
                + " EXISTS (SELECT 1 FROM " + s + ".ledger_event e WHERE e.application = ? AND e.version ="
                + " c.version)";
        countEvents = "SELECT count(*) FROM " + s + ".ledger_event WHERE application = ?";
        deleteAllEvents = "DELETE FROM " + s + ".ledger_event WHERE application = ?";
        deleteAllCandidates = "DELETE FROM " + s + ".ledger_candidate WHERE application = ?";
    }
}

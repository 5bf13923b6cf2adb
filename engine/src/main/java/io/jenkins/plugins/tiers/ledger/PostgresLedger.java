package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The ledger of one application in a PostgreSQL schema that any number of controllers and {@code
 * tiers} processes share. How it is stored: one row per event ({@code ledger_event}, its JSON line
 * as the file ledger writes it, plus the columns the queries need), one row per candidate ({@code
 * ledger_candidate}, for the recent, one-candidate and search queries) and one row per application
 * ({@code ledger_application}: the last sequence number and the live state as of it). What the
 * ledger means — the projection, the compaction rule, what an append or a copy accepts, what makes
 * a candidate's path — is {@link Projection}, {@link Retention}, {@link OneApplication}, {@link
 * CopyCheck}, {@link CandidateEvents} and {@link SearchText}, shared with {@link FileLedger}.
 *
 * <p>An append locks its application's row ({@code SELECT … FOR UPDATE}), takes the next sequence
 * number, inserts the event, updates its candidate, folds it into the live state and commits: the
 * row lock serialises appenders of one application only, so sequence numbers are gapless (a rolled
 * back transaction consumes none, unlike a database sequence) and the live state is always that of
 * the last event. Each event is stored with an id ({@link LedgerEvent#id()}, or one chosen here for
 * the duration of the call): an append retried after its connection was lost finds it and returns
 * it rather than storing it twice.
 *
 * <p>Every read checks the application's last sequence number first, so events appended by another
 * process are seen by the next call, and the parsed live state is reused while that number holds.
 * The {@link DataSource} is the caller's (a pool in the CLI, the Jenkins database in the plugin)
 * and should set connect and socket timeouts; statements here have their own timeout.
 */
public final class PostgresLedger implements Ledger {

    private static final Logger LOGGER = Logger.getLogger(PostgresLedger.class.getName());

    /** Tries of an append or read that lost its connection after getting it. */
    static final int ATTEMPTS = 3;

    /** Rows fetched per round trip by {@link #scan}: constant memory on any number of events. */
    static final int FETCH_SIZE = 500;

    /** Events inserted per JDBC batch by {@link #copyFrom}. */
    private static final int COPY_CHUNK = 500;

    private static final int DEFAULT_QUERY_TIMEOUT_SECONDS = 30;

    private final DataSource dataSource;
    private final String where;
    private final String application;
    private final int queryTimeoutSeconds;
    private final Probe probe;
    /** What {@link #close} closes: a pool opened for this ledger alone, else nothing. */
    private AutoCloseable owned;

    private final LedgerCodec codec = new LedgerCodec();
    private final PostgresStatements sql;

    private final ReentrantLock lock = new ReentrantLock();
    /** Group commit of this instance's concurrent appends. */
    private final AppendBatches<Request> batches;
    // guarded by lock: the live state as of cachedSeq, and the projection it came from while no append holds it
    private long cachedSeq = -1;
    private Projection cachedProjection;
    private LiveState cachedLive;
    private List<String> cachedTierOrder = List.of();

    /** A point in an append's transaction where tests break the connection. */
    interface Probe {
        Probe NONE = c -> {};

        void beforeCommit(Connection c) throws SQLException;
    }

    private PostgresLedger(
            DataSource dataSource, String where, String schema, String application, int timeout, Probe probe) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.where = Objects.requireNonNull(where, "where");
        this.application = application;
        this.queryTimeoutSeconds = timeout;
        this.probe = probe;
        this.sql = new PostgresStatements(PostgresSchema.quote(schema));
        this.batches = new AppendBatches<>(where);
    }

    /**
     * Opens the ledger of {@code application} in {@code location}'s schema, creating or migrating the
     * schema's tables first.
     *
     * @throws LedgerException naming the database when it cannot be reached or refuses
     */
    public static PostgresLedger open(DataSource dataSource, PostgresLocation location, String application) {
        return open(dataSource, location.toString(), location.schema(), application);
    }

    /**
     * As {@link #open(DataSource, PostgresLocation, String)}, for a data source configured elsewhere
     * (Jenkins): {@code where} names it in messages and must hold no password.
     */
    public static PostgresLedger open(DataSource dataSource, String where, String schema, String application) {
        return open(dataSource, where, schema, application, DEFAULT_QUERY_TIMEOUT_SECONDS, Probe.NONE);
    }

    static PostgresLedger open(
            DataSource dataSource, String where, String schema, String application, int timeout, Probe probe) {
        if (application == null || application.isBlank()) {
            throw new IllegalArgumentException("application name must not be blank");
        }
        PostgresLedger ledger = new PostgresLedger(dataSource, where, schema, application, timeout, probe);
        ledger.run("prepare the ledger tables in", c -> PostgresSchema.migrate(c, schema));
        return ledger;
    }

    @Override
    public Optional<String> application() {
        return Optional.of(application);
    }

    /** The database and schema, as messages name them. */
    public String where() {
        return where;
    }

    // ---------------------------------------------------------------- append

    @Override
    public LedgerEvent append(LedgerEvent event) {
        Objects.requireNonNull(event, "event");
        if (!application.equals(event.application())) {
            throw OneApplication.refusedAppend(where, event, application);
        }
        // chosen once, before the first try, so that a retry after a lost acknowledgement finds it
        String id = event.id() != null ? event.id() : UUID.randomUUID().toString();
        return batches.append(new Request(event, id), batch -> {
            List<Request> requests = batch.stream().map(slot -> slot.request).toList();
            List<LedgerEvent> stored = run("append to", c -> appendOnce(c, requests));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).stored(stored.get(i));
            }
        });
    }

    /** One append: the event and the id it is stored under. */
    private record Request(LedgerEvent event, String id) {}

    /**
     * Appends the batch in one transaction under the application's row lock; an event whose id is
     * already stored (a retry) is not stored again. The events as stored, in the batch's order. The
     * round trips do not grow with the batch: one query finds the ids already stored, and the new
     * events and their candidates go as two JDBC batches, so that a batch of many appenders costs
     * little more than one append.
     */
    private List<LedgerEvent> appendOnce(Connection c, List<Request> batch) throws SQLException {
        c.setAutoCommit(false);
        try {
            long last = lockApplication(c);
            Map<String, LedgerEvent> byId = storedWithIds(c, batch);
            Projection projection = null;
            List<LedgerEvent> added = new ArrayList<>(batch.size());
            List<String> addedIds = new ArrayList<>(batch.size());
            List<LedgerEvent> stored = new ArrayList<>(batch.size());
            Set<String> types = new HashSet<>();
            for (Request p : batch) {
                LedgerEvent already = byId.get(p.id());
                if (already == null) {
                    if (projection == null) {
                        Projection taken = takeProjection(last);
                        projection = taken != null ? taken : readProjection(c);
                    }
                    already = p.event().withSeq(++last);
                    added.add(already);
                    addedIds.add(p.id());
                    projection.apply(already, -1);
                    types.add(already.type().name());
                    byId.put(p.id(), already);
                }
                stored.add(already);
            }
            if (projection == null) {
                c.rollback(); // every one was a retry of an append already stored
                return stored;
            }
            insertEvents(c, added, addedIds);
            Array addedTypes = c.createArrayOf("text", types.toArray());
            try (PreparedStatement st = prepare(c, sql.saveAppended)) {
                st.setLong(1, last);
                st.setString(2, stateOf(projection));
                st.setArray(3, addedTypes);
                st.setString(4, application);
                st.executeUpdate();
            } finally {
                addedTypes.free();
            }
            probe.beforeCommit(c);
            c.commit();
            remember(last, projection);
            return stored;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    /** Locks the application's row, creating it on the first append; its last sequence number. */
    private long lockApplication(Connection c) throws SQLException {
        for (int i = 0; i < 2; i++) {
            try (PreparedStatement st = prepare(c, sql.lockApplication)) {
                st.setString(1, application);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement st = prepare(c, sql.createApplication)) {
                st.setString(1, application);
                st.executeUpdate();
            }
        }
        throw new SQLException("the row of application " + application + " vanished while locking it");
    }

    /** The events of the batch already stored (appends retried after a lost acknowledgement), by id. */
    private Map<String, LedgerEvent> storedWithIds(Connection c, List<Request> batch) throws SQLException {
        Map<String, LedgerEvent> byId = new HashMap<>();
        Array ids = c.createArrayOf(
                "text", batch.stream().map(Request::id).distinct().toArray());
        try (PreparedStatement st = prepare(c, sql.eventsByIds)) {
            st.setString(1, application);
            st.setArray(2, ids);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    byId.put(rs.getString(1), parse(rs.getString(2), rs.getLong(3)));
                }
            }
        } finally {
            ids.free();
        }
        return byId;
    }

    /** Inserts a chunk of the events being copied, and empties it. */
    private void insertChunk(Connection c, List<LedgerEvent> chunk, List<String> ids) {
        try {
            insertEvents(c, chunk, ids);
        } catch (SQLException ex) {
            throw new CopyFailure(ex);
        }
        chunk.clear();
        ids.clear();
    }

    /** Inserts the events, and creates or advances their candidates, in two JDBC batches. */
    private void insertEvents(Connection c, List<LedgerEvent> events, List<String> ids) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement st = prepare(c, sql.insertEvent)) {
            for (int i = 0; i < events.size(); i++) {
                LedgerEvent e = events.get(i);
                st.setString(1, application);
                st.setLong(2, e.seq());
                st.setString(3, ids.get(i));
                st.setString(4, e.type().name());
                st.setString(5, e.version());
                st.setString(6, e.candidate().revision());
                st.setString(7, e.rolledBackFrom());
                st.setString(8, line(e));
                st.addBatch();
            }
            st.executeBatch();
        }
        try (PreparedStatement st = prepare(c, sql.upsertCandidate)) {
            for (LedgerEvent e : events) {
                st.setString(1, application);
                st.setString(2, e.version());
                st.setString(3, e.candidate().revision());
                st.setLong(4, e.seq());
                st.setLong(5, e.seq());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private String line(LedgerEvent e) {
        byte[] bytes = codec.toLine(e);
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- the live state

    @Override
    public LiveState liveState() {
        return run("read", c -> {
            long known = cachedSeq();
            try (PreparedStatement st = prepare(c, sql.stateIfNewer)) {
                st.setLong(1, known);
                st.setString(2, application);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return LiveState.EMPTY;
                    }
                    long seq = rs.getLong(1);
                    String state = rs.getString(2);
                    if (state == null) {
                        LiveState live = cachedLiveAt(seq);
                        if (live != null) {
                            return live;
                        }
                        return remember(seq, readProjection(c));
                    }
                    Projection restored = restore(state);
                    if (restored == null) {
                        Projection folded = foldEvents(c);
                        return remember(folded.seq, folded);
                    }
                    return remember(seq, restored);
                }
            }
        });
    }

    @Override
    public List<String> tierOrder() {
        liveState();
        lock.lock();
        try {
            return cachedTierOrder;
        } finally {
            lock.unlock();
        }
    }

    private long cachedSeq() {
        lock.lock();
        try {
            return cachedSeq;
        } finally {
            lock.unlock();
        }
    }

    private LiveState cachedLiveAt(long seq) {
        lock.lock();
        try {
            return cachedSeq == seq ? cachedLive : null;
        } finally {
            lock.unlock();
        }
    }

    /** The cached projection if it is as of {@code seq}, taken out so no reader sees it change. */
    private Projection takeProjection(long seq) {
        lock.lock();
        try {
            if (cachedSeq != seq || cachedProjection == null) {
                return null;
            }
            Projection p = cachedProjection;
            cachedProjection = null;
            return p;
        } finally {
            lock.unlock();
        }
    }

    /** Caches what {@code projection} says as of {@code seq}, unless something newer is cached. */
    private LiveState remember(long seq, Projection projection) {
        LiveState live = projection.liveState();
        lock.lock();
        try {
            if (seq >= cachedSeq) {
                cachedSeq = seq;
                cachedProjection = projection;
                cachedLive = live;
                cachedTierOrder = List.copyOf(projection.tierOrder());
            }
            return live;
        } finally {
            lock.unlock();
        }
    }

    private Projection readProjection(Connection c) throws SQLException {
        try (PreparedStatement st = prepare(c, sql.state)) {
            st.setString(1, application);
            try (ResultSet rs = st.executeQuery()) {
                String state = rs.next() ? rs.getString(1) : null;
                Projection restored = state == null ? emptyProjection() : restore(state);
                return restored != null ? restored : foldEvents(c);
            }
        }
    }

    private Projection emptyProjection() {
        Projection p = new Projection(0);
        p.application = application;
        return p;
    }

    private String stateOf(Projection p) {
        try {
            return codec.mapper().writeValueAsString(p.save(0, "postgresql", null));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the live state", e);
        }
    }

    /** The saved live state; null (with a warning) when it cannot be read, to be folded from the events. */
    private Projection restore(String state) {
        try {
            Projection.Snapshot snapshot = codec.mapper().readValue(state, Projection.Snapshot.class);
            if (snapshot == null || snapshot.schema() != Projection.SNAPSHOT_SCHEMA) {
                return null; // written by another version: folded afresh
            }
            Projection p = Projection.restore(snapshot, 0);
            p.application = application;
            return p;
        } catch (IOException | RuntimeException e) {
            LOGGER.warning(where + ": the saved live state of \"" + application
                    + "\" is unreadable; folding it from the events (" + e.getMessage() + ")");
            return null;
        }
    }

    /**
     * Folds the live state afresh from the events, trusting no saved state, and saves it: the log
     * is the truth, the state a cache of it.
     */
    public LiveState rebuild() {
        return run("rebuild the live state in", c -> {
            c.setAutoCommit(false);
            try {
                long last = lockApplication(c);
                Projection p = foldEvents(c);
                saveState(c, last, p);
                c.commit();
                invalidate();
                return remember(last, p);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        });
    }

    /** Saves the state as of {@code seq} and the event types the application holds, read afresh. */
    private void saveState(Connection c, long seq, Projection p) throws SQLException {
        try (PreparedStatement st = prepare(c, sql.saveState)) {
            st.setLong(1, seq);
            st.setString(2, stateOf(p));
            st.setString(3, application);
            st.setString(4, application);
            st.executeUpdate();
        }
    }

    private Projection foldEvents(Connection c) throws SQLException {
        Projection p = emptyProjection();
        streamEvents(c, sql.events, st -> st.setString(1, application), (e, seq) -> p.apply(e, -1), s -> {});
        return p;
    }

    // ---------------------------------------------------------------- history

    @Override
    public List<CandidatePath> lastCandidates(int count) {
        if (count <= 0) {
            return List.of();
        }
        return run("read", c -> {
            List<String> versions = new ArrayList<>();
            try (PreparedStatement st = prepare(c, sql.recentCandidates)) {
                st.setString(1, application);
                st.setInt(2, count);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        versions.add(rs.getString(1));
                    }
                }
            }
            return paths(c, versions);
        });
    }

    @Override
    public Optional<CandidatePath> candidate(String version) {
        return run("read", c -> paths(c, List.of(version)).stream().findFirst());
    }

    @Override
    public List<CandidatePath> search(String text) {
        SearchText search = SearchText.of(text);
        if (search.isEmpty()) {
            return List.of();
        }
        return run("read", c -> {
            List<String> versions = new ArrayList<>();
            try (PreparedStatement st = prepare(c, sql.searchCandidates)) {
                st.setString(1, application);
                st.setString(2, search.needle());
                st.setString(3, search.needle());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        versions.add(rs.getString(1));
                    }
                }
            }
            return paths(c, versions);
        });
    }

    /** The paths of {@code versions}, in that order, each from its own events and the rollbacks away from it. */
    private List<CandidatePath> paths(Connection c, List<String> versions) throws SQLException {
        if (versions.isEmpty()) {
            return List.of();
        }
        CandidateEvents gathered = new CandidateEvents();
        versions.forEach(gathered::want);
        Array array = c.createArrayOf("text", versions.toArray());
        try {
            streamEvents(
                    c,
                    sql.eventsOfVersions,
                    st -> {
                        st.setString(1, application);
                        st.setArray(2, array);
                        st.setString(3, application);
                        st.setArray(4, array);
                    },
                    (event, seq) -> gathered.add(event),
                    s -> {});
        } finally {
            array.free();
        }
        return gathered.paths(tierOrder());
    }

    // ---------------------------------------------------------------- reading everything

    @Override
    public ScanResult scan(Consumer<LedgerEvent> consumer) {
        return run("read", c -> {
            List<String> skipped = new ArrayList<>();
            long[] count = {0};
            streamEvents(
                    c,
                    sql.events,
                    st -> st.setString(1, application),
                    (e, seq) -> {
                        consumer.accept(e);
                        count[0]++;
                    },
                    skipped::add);
            return new ScanResult(count[0], skipped, false);
        });
    }

    /**
     * The events this code cannot read (a newer version's event type), one message each naming the
     * database, application and sequence number; a gate blocks while there is any. The
     * application's row lists every event type it ever held, so this is one indexed read unless a
     * type is unknown here.
     */
    @Override
    public List<String> unaccounted() {
        return run("read", c -> {
            List<String> unknown = new ArrayList<>();
            try (PreparedStatement st = prepare(c, sql.eventTypes)) {
                st.setString(1, application);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        Array types = rs.getArray(1);
                        for (Object type : (Object[]) types.getArray()) {
                            if (!KNOWN_TYPES.contains(String.valueOf(type))) {
                                unknown.add(String.valueOf(type));
                            }
                        }
                        types.free();
                    }
                }
            }
            if (unknown.isEmpty()) {
                return List.of();
            }
            List<String> named = new ArrayList<>();
            Array array = c.createArrayOf("text", unknown.toArray());
            try {
                streamEvents(
                        c,
                        sql.eventsOfTypes,
                        st -> {
                            st.setString(1, application);
                            st.setArray(2, array);
                            st.setInt(3, Projection.UNACCOUNTED_NAMED);
                        },
                        (e, seq) -> {},
                        named::add);
            } finally {
                array.free();
            }
            return List.copyOf(named);
        });
    }

    private static final Set<String> KNOWN_TYPES =
            Set.copyOf(Arrays.stream(EventType.values()).map(Enum::name).toList());

    /** Sets the parameters of a query. */
    private interface Parameters {
        void set(PreparedStatement st) throws SQLException;
    }

    /** Receives one readable event and its sequence number. */
    private interface EventSink {
        void accept(LedgerEvent event, long seq);
    }

    /**
     * Streams the {@code (seq, body)} rows of {@code query} through a cursor, {@link #FETCH_SIZE} at
     * a time; rows that are not events this code reads go to {@code unreadable}, named.
     */
    private void streamEvents(
            Connection c, String query, Parameters parameters, EventSink sink, Consumer<String> unreadableRows)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // pgjdbc streams with a cursor only inside a transaction
        try (PreparedStatement st = prepare(c, query)) {
            st.setFetchSize(FETCH_SIZE);
            parameters.set(st);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    LedgerEvent e;
                    try {
                        e = codec.fromLine(rs.getString(2));
                    } catch (IOException ex) {
                        unreadableRows.accept(where + " application \"" + application + "\" seq " + seq
                                + ": not a ledger event: " + ex.getMessage());
                        continue;
                    }
                    sink.accept(e.seq() == seq ? e : e.withSeq(seq), seq);
                }
            }
            if (autoCommit) {
                c.commit();
            }
        } finally {
            if (autoCommit) {
                rollbackQuietly(c);
                c.setAutoCommit(true);
            }
        }
    }

    private LedgerEvent parse(String body, long seq) throws SQLException {
        try {
            return codec.fromLine(body).withSeq(seq);
        } catch (IOException e) {
            throw new SQLException("event " + seq + " is unreadable: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- copying

    /**
     * Inserts {@code source}'s events with their sequence numbers and ids in one transaction, so a
     * copy that fails half-way leaves nothing; with {@code replace}, the application's events here
     * are deleted in that same transaction.
     */
    @Override
    public long copyFrom(Ledger source, boolean replace) {
        return run("copy into", c -> {
            c.setAutoCommit(false);
            try {
                lockApplication(c);
                long before = count(c);
                if (before > 0 && !replace) {
                    throw new LedgerException(
                            where,
                            "already holds " + before + " event(s) of \"" + application
                                    + "\"; refusing to copy over them (replace them?)");
                }
                for (String delete : List.of(sql.deleteAllEvents, sql.deleteAllCandidates)) {
                    try (PreparedStatement st = prepare(c, delete)) {
                        st.setString(1, application);
                        st.executeUpdate();
                    }
                }
                Projection p = emptyProjection();
                CopyCheck copied = new CopyCheck(where, application);
                List<LedgerEvent> chunk = new ArrayList<>(COPY_CHUNK);
                List<String> chunkIds = new ArrayList<>(COPY_CHUNK);
                try {
                    source.scan(e -> {
                        copied.accept(e);
                        chunk.add(e);
                        chunkIds.add(e.id() != null ? e.id() : UUID.randomUUID().toString());
                        if (chunk.size() == COPY_CHUNK) {
                            insertChunk(c, chunk, chunkIds);
                        }
                        p.apply(e, -1);
                    });
                    insertChunk(c, chunk, chunkIds);
                } catch (CopyFailure f) {
                    throw f.sql;
                }
                saveState(c, copied.last(), p);
                c.commit();
                invalidate();
                remember(copied.last(), p);
                return copied.copied();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        });
    }

    /** Carries an insert's failure out of the source's scan. */
    private static final class CopyFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial") // never serialised: caught in the method that throws it
        final SQLException sql;

        CopyFailure(SQLException sql) {
            super(sql);
            this.sql = sql;
        }
    }

    // ---------------------------------------------------------------- retention

    @Override
    public CompactionResult compact(int keepCandidates) {
        Retention.checked(keepCandidates);
        return run("compact", c -> {
            c.setAutoCommit(false);
            try {
                long last = lockApplication(c);
                List<String> unread = new ArrayList<>();
                Projection before = emptyProjection();
                streamEvents(
                        c,
                        sql.events,
                        st -> st.setString(1, application),
                        (e, seq) -> before.apply(e, -1),
                        unread::add);
                if (!unread.isEmpty()) {
                    throw new LedgerException(
                            where,
                            "cannot compact: " + unread.size() + " event(s) cannot be read (" + unread.get(0)
                                    + "); upgrade Deployment Tiers first");
                }
                List<String> byFirst = new ArrayList<>();
                try (PreparedStatement st = prepare(c, sql.candidatesByFirstSeq)) {
                    st.setString(1, application);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            byFirst.add(rs.getString(1));
                        }
                    }
                }
                Set<String> keep = Retention.keptVersions(before.liveState(), byFirst, keepCandidates);
                long count = count(c);
                Array kept = c.createArrayOf("text", keep.toArray());
                try {
                    try (PreparedStatement st = prepare(c, sql.deleteEvents)) {
                        st.setString(1, application);
                        st.setArray(2, kept);
                        st.setLong(3, last);
                        st.executeUpdate();
                    }
                } finally {
                    kept.free();
                }
                try (PreparedStatement st = prepare(c, sql.deleteEmptyCandidates)) {
                    st.setString(1, application);
                    st.setString(2, application);
                    st.executeUpdate();
                }
                Projection after = foldEvents(c);
                saveState(c, last, after);
                long remaining = count(c);
                c.commit();
                invalidate();
                remember(last, after);
                return new CompactionResult(count, remaining, 0);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        });
    }

    private long count(Connection c) throws SQLException {
        try (PreparedStatement st = prepare(c, sql.countEvents)) {
            st.setString(1, application);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** How many events the ledger holds, by one indexed count. */
    public long size() {
        return run("read", this::count);
    }

    private void invalidate() {
        lock.lock();
        try {
            cachedSeq = -1;
            cachedProjection = null;
            cachedLive = null;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- connections

    /** Work on one connection. */
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection of the pool, again on a fresh one (up to {@link #ATTEMPTS}
     * times) when the connection broke under it; a database that cannot be reached at all fails at
     * once, after the data source's connect timeout.
     */
    private <T> T run(String what, Work<T> work) {
        SQLException failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Connection c;
            try {
                c = dataSource.getConnection();
            } catch (SQLException e) {
                throw new LedgerException(where, "cannot " + what + " the ledger: the database cannot be reached", e);
            }
            try (c) {
                return work.run(c);
            } catch (SQLException e) {
                failure = e;
                if (!connectionLost(e)) {
                    break;
                }
                invalidate();
                pause(attempt);
            }
        }
        throw new LedgerException(where, "cannot " + what + " the ledger of \"" + application + "\"", failure);
    }

    /** Whether the connection broke (class 08, an administrator's termination, a server restart). */
    static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("40001")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private PreparedStatement prepare(Connection c, String query) throws SQLException {
        PreparedStatement st = c.prepareStatement(query);
        try {
            st.setQueryTimeout(queryTimeoutSeconds);
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            // the connection is gone; the server rolled the transaction back itself
        }
    }

    /**
     * Hands {@code pool} to this ledger, to be closed with it: for a process that opened a pool
     * for this ledger alone (the CLI).
     *
     * @return this ledger
     */
    public PostgresLedger owning(AutoCloseable pool) {
        this.owned = pool;
        return this;
    }

    /** Closes the pool handed over with {@link #owning}; a data source of the caller's stays open. */
    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new LedgerException(where, "cannot close the connection pool", e);
            }
        }
    }

    /**
     * The applications with a ledger in {@code location}'s schema, in name order; none when the
     * schema or its tables do not exist yet.
     */
    public static List<String> applications(DataSource dataSource, PostgresLocation location) {
        String query = "SELECT application FROM " + PostgresSchema.quote(location.schema())
                + ".ledger_application ORDER BY application";
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(query);
                ResultSet rs = st.executeQuery()) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return List.of(); // no table or no schema: nothing recorded yet
            }
            throw new LedgerException(location.toString(), "cannot list the applications", e);
        }
    }

    @Override
    public String toString() {
        return "ledger of \"" + application + "\" in " + where;
    }
}

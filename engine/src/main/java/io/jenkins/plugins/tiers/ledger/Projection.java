package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.BlueGreen.Idle;
import io.jenkins.plugins.tiers.strategy.Canary;
import io.jenkins.plugins.tiers.strategy.Slot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable fold of the log into the live state, the meaning of the ledger shared by every store:
 * owned by one {@link FileLedger} under its lock and saved as its snapshot, or by a {@link
 * PostgresLedger} transaction and saved in the application's row. For the file store it also keeps
 * a bounded index of recent candidates (the byte offset of each one's first event); a store that
 * indexes candidates itself opens it with an index capacity of 0.
 */
final class Projection {

    /** Passed-verdict evidence kept per tier for candidates not yet deployed there. */
    static final int EVIDENCE_PER_TIER = 64;
    /** Waiting candidates kept per tier; beyond this the oldest waits are forgotten. */
    static final int WAITING_PER_TIER = 1000;

    /** Lines set aside that are named one by one; beyond these they are only counted. */
    static final int UNACCOUNTED_NAMED = 100;

    /**
     * Event ids remembered to store a retried append once: a retry comes within seconds, these
     * cover thousands of appends. A store with a unique index on ids needs none.
     */
    static final int RECENT_IDS = 10_000;

    long seq;
    long lines;
    /** Lines set aside: unreadable, or with an impossible or out-of-order sequence number. */
    int skippedLines;
    /** The first of those lines, with why. */
    final List<UnaccountedLine> unaccounted = new ArrayList<>();
    /** The highest plausible sequence number held by a line set aside, so that it is never reused. */
    long reserved;

    /** The application the projection is of; null until the ledger knows it (an unbound, empty one). */
    String application;
    /** Events of another application, ignored (their sequence numbers still count). */
    int foreignLines;
    /** The first of those events, with whose they are. */
    final List<UnaccountedLine> foreign = new ArrayList<>();

    boolean indexComplete = true;
    final int indexCapacity;
    final LinkedHashMap<String, TierProjection> tiers = new LinkedHashMap<>();
    final LinkedHashMap<String, IndexEntry> index = new LinkedHashMap<>();
    /** Fingerprints of versions evicted from the index, so one coming back is known to have older events. */
    final Set<Long> evicted = new HashSet<>();
    /** The sequence number of each recent event that has an id, oldest first (file store only). */
    final LinkedHashMap<String, Long> recentIds = new LinkedHashMap<>();

    Projection(int indexCapacity) {
        this.indexCapacity = indexCapacity;
    }

    /**
     * The recent-candidate index entry: where the candidate's events start in the log (-1 when
     * unknown because it came back after being evicted) and its latest event.
     */
    record IndexEntry(String version, String revision, long firstSeq, long firstOffset, long lastSeq) {}

    /** One tier's part of the projection. */
    static final class TierProjection {
        LiveCandidate live;
        final LinkedHashMap<String, WaitingCandidate> waiting = new LinkedHashMap<>();
        final LinkedHashMap<String, EvidenceSummary> passedEvidence = new LinkedHashMap<>();
        /** The slots, once a blue-green event was recorded for the tier. */
        BlueGreen slots;
        /** The last canary, once a canary event was recorded for the tier. */
        Canary canary;
    }

    /** Counts and names a line set aside, and keeps its sequence number from being reused. */
    void setAside(UnaccountedLine line) {
        skippedLines++;
        if (unaccounted.size() < UNACCOUNTED_NAMED) {
            unaccounted.add(line);
        }
        if (line.seq() > 0 && line.seq() <= SequenceCheck.MAX_SEQ) {
            reserved = Math.max(reserved, line.seq());
        }
    }

    /**
     * Passes over an event of another application: it changes nothing of this one's state, but its
     * sequence number is taken, so the order check goes on after it and no append reuses it.
     */
    void ignoreForeign(LedgerEvent e, UnaccountedLine line) {
        seq = e.seq();
        foreignLines++;
        if (foreign.size() < UNACCOUNTED_NAMED) {
            foreign.add(line);
        }
    }

    /** The sequence number the next append gets. */
    long nextSeq() {
        return Math.max(seq, reserved) + 1;
    }

    void apply(LedgerEvent e, long offset) {
        seq = e.seq();
        if (indexCapacity > 0) {
            indexCandidate(e, offset);
            if (e.id() != null) {
                recentIds.put(e.id(), e.seq());
                trim(recentIds, RECENT_IDS);
            }
        }
        fold(e);
    }

    /** Records the candidate of {@code e} as the most recently active one, starting at {@code offset}. */
    private void indexCandidate(LedgerEvent e, long offset) {
        String version = e.version();
        // least recently active first: re-inserting moves a candidate to the end
        IndexEntry entry = index.remove(version);
        if (entry == null) {
            // a version seen before but evicted has older events than this one: its start is unknown
            boolean seenBefore = !indexComplete && evicted.contains(fingerprint(version));
            index.put(
                    version,
                    new IndexEntry(version, e.candidate().revision(), e.seq(), seenBefore ? -1 : offset, e.seq()));
            if (index.size() > indexCapacity) {
                Iterator<String> eldest = index.keySet().iterator();
                evicted.add(fingerprint(eldest.next()));
                eldest.remove();
                indexComplete = false;
            }
        } else {
            String revision =
                    entry.revision() != null ? entry.revision() : e.candidate().revision();
            index.put(version, new IndexEntry(version, revision, entry.firstSeq(), entry.firstOffset(), e.seq()));
        }
    }

    /** Folds {@code e} into its tier's live candidate, waiting candidates, evidence, slots and canary. */
    private void fold(LedgerEvent e) {
        String version = e.version();
        TierProjection tier = tiers.computeIfAbsent(e.tier(), t -> new TierProjection());
        switch (e.type()) {
            case GATE_VERDICT -> {
                VerdictStatus status = e.status();
                if (status == VerdictStatus.WAITING) {
                    WaitingCandidate before = tier.waiting.get(version);
                    List<String> reasons =
                            e.verdict().reasons().stream().map(Finding::message).toList();
                    tier.waiting.put(
                            version,
                            new WaitingCandidate(
                                    e.candidate(), before == null ? e.time() : before.since(), e.seq(), reasons));
                    trim(tier.waiting, WAITING_PER_TIER);
                } else {
                    tier.waiting.remove(version);
                }
                tier.passedEvidence.remove(version);
                if (status == VerdictStatus.PASSED && e.evidence() != null) {
                    tier.passedEvidence.put(version, e.evidence());
                    trim(tier.passedEvidence, EVIDENCE_PER_TIER);
                }
            }
            case DEPLOYMENT_STARTED, DEPLOYMENT_FAILED, SLOT_DEPLOYED -> rollout(tier, e);
            case CANARY_STEP_REACHED, CANARY_ABORTED -> rollout(tier, e);
            case DEPLOYMENT_SUCCEEDED, ROLLED_BACK, SWITCHED, SWITCHED_BACK, CANARY_COMPLETED -> {
                rollout(tier, e);
                tier.waiting.remove(version);
                EvidenceSummary evidence = tier.passedEvidence.get(version);
                if (evidence == null
                        && tier.live != null
                        && tier.live.candidate().version().equals(version)) {
                    evidence = tier.live.admittedWith();
                }
                tier.live = new LiveCandidate(e.candidate(), e.time(), e.actor(), e.seq(), e.rollsBack(), evidence);
            }
            default -> {
                // started and failed deployments, approvals and overrides leave the live state alone
            }
        }
    }

    /**
     * Folds the strategy part of an event into the tier's slots and canary. The log is the truth:
     * each event is applied as the fact it records, even where the state machines would have
     * refused it (a log written by hand or by two processes at once), so the projection never
     * loses an event; the machines guard what is written, not what is read.
     */
    private static void rollout(TierProjection tier, LedgerEvent e) {
        Candidate c = e.candidate();
        Candidate active = tier.slots != null ? tier.slots.active() : tier.live == null ? null : tier.live.candidate();
        Slot slot = e.slot() == null ? null : Slot.parse(e.slot()).orElse(null);
        switch (e.type()) {
            case DEPLOYMENT_STARTED -> {
                if (slot != null) {
                    tier.slots = new BlueGreen(slot.other(), active, c, Idle.DEPLOYING);
                } else if (e.steps() != null) {
                    tier.canary = new Canary(e.steps(), c, active, 0, Canary.Status.IN_PROGRESS, null);
                }
            }
            case DEPLOYMENT_FAILED -> {
                if (slot != null) {
                    tier.slots = new BlueGreen(slot.other(), active, c, Idle.FAILED);
                }
            }
            case SLOT_DEPLOYED -> tier.slots = new BlueGreen(slot.other(), active, c, Idle.AWAITING_SWITCH);
            case SWITCHED, SWITCHED_BACK -> {
                Candidate before = active != null && !active.version().equals(c.version()) ? active : null;
                Idle role =
                        before == null ? Idle.EMPTY : e.type() == EventType.SWITCHED ? Idle.PREVIOUS : Idle.WITHDRAWN;
                tier.slots = new BlueGreen(slot, c, before, role);
            }
            case CANARY_STEP_REACHED, CANARY_ABORTED, CANARY_COMPLETED -> {
                Candidate over = tier.canary != null
                                && tier.canary.candidate() != null
                                && tier.canary.candidate().version().equals(c.version())
                        ? tier.canary.over()
                        : active;
                Canary.Status status = e.type() == EventType.CANARY_STEP_REACHED
                        ? Canary.Status.IN_PROGRESS
                        : e.type() == EventType.CANARY_ABORTED ? Canary.Status.ABORTED : Canary.Status.COMPLETED;
                tier.canary = new Canary(e.steps(), c, over, e.step(), status, abortReason(e));
            }
            case DEPLOYMENT_SUCCEEDED, ROLLED_BACK -> {
                // a direct deployment or rollback in a blue-green tier replaces what the active slot serves
                if (tier.slots != null) {
                    tier.slots = new BlueGreen(tier.slots.activeSlot(), c, tier.slots.idle(), tier.slots.idleRole());
                }
            }
            default -> {
                // verdicts, approvals and overrides do not touch the slots or the canary
            }
        }
    }

    private static String abortReason(LedgerEvent e) {
        if (e.type() != EventType.CANARY_ABORTED) {
            return null;
        }
        if (e.reason() != null) {
            return e.reason();
        }
        return e.verdict() == null
                ? null
                : e.verdict().reasons().stream()
                        .map(Finding::message)
                        .findFirst()
                        .orElse(null);
    }

    private static IllegalStateException missing(String what) {
        return new IllegalStateException(what + " is missing");
    }

    /** A 64-bit FNV-1a hash; a collision only sends a query to the full scan, never gives a wrong answer. */
    static long fingerprint(String version) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < version.length(); i++) {
            h ^= version.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static <V> void trim(LinkedHashMap<String, V> map, int max) {
        Iterator<String> it = map.keySet().iterator();
        while (map.size() > max) {
            it.next();
            it.remove();
        }
    }

    LiveState liveState() {
        List<TierState> states = new ArrayList<>();
        tiers.forEach((id, t) ->
                states.add(new TierState(id, t.live, new ArrayList<>(t.waiting.values()), t.slots, t.canary)));
        return new LiveState(seq, states, skippedLines);
    }

    List<String> tierOrder() {
        return new ArrayList<>(tiers.keySet());
    }

    /** The version of the saved form; a snapshot of another version is rebuilt. */
    static final int SNAPSHOT_SCHEMA = 5;

    /**
     * The saved form, with the log size and file identity it reflects and the application it was
     * built for (a snapshot of another application's view of the log is rebuilt).
     */
    record Snapshot(
            int schema,
            String application,
            long seq,
            long logSize,
            String logKey,
            long lines,
            int skippedLines,
            boolean indexComplete,
            List<SavedTier> tiers,
            List<IndexEntry> index,
            long[] evicted,
            long reserved,
            List<UnaccountedLine> unaccounted,
            int foreignLines,
            List<UnaccountedLine> foreign,
            String logDigest,
            String seal,
            Map<String, Long> recentIds) {

        /** The same snapshot with another seal. */
        Snapshot withSeal(String seal) {
            return new Snapshot(
                    schema,
                    application,
                    seq,
                    logSize,
                    logKey,
                    lines,
                    skippedLines,
                    indexComplete,
                    tiers,
                    index,
                    evicted,
                    reserved,
                    unaccounted,
                    foreignLines,
                    foreign,
                    logDigest,
                    seal,
                    recentIds);
        }
    }

    /** One tier in the saved form. */
    record SavedTier(
            String tier,
            LiveCandidate live,
            List<WaitingCandidate> waiting,
            Map<String, EvidenceSummary> passedEvidence,
            BlueGreen slots,
            Canary canary) {}

    /** The saved form, unsealed, of the log prefix of {@code logSize} bytes whose SHA-256 is {@code logDigest}. */
    Snapshot save(long logSize, String logKey, String logDigest) {
        List<SavedTier> saved = new ArrayList<>();
        tiers.forEach((id, t) -> saved.add(new SavedTier(
                id,
                t.live,
                new ArrayList<>(t.waiting.values()),
                new LinkedHashMap<>(t.passedEvidence),
                t.slots,
                t.canary)));
        return new Snapshot(
                SNAPSHOT_SCHEMA,
                application,
                seq,
                logSize,
                logKey,
                lines,
                skippedLines,
                indexComplete,
                saved,
                new ArrayList<>(index.values()),
                evicted.stream().mapToLong(Long::longValue).toArray(),
                reserved,
                new ArrayList<>(unaccounted),
                foreignLines,
                new ArrayList<>(foreign),
                logDigest,
                null,
                new LinkedHashMap<>(recentIds));
    }

    /**
     * The projection a snapshot holds.
     *
     * @throws IllegalStateException when a part is missing (a null where an entry must be)
     */
    static Projection restore(Snapshot s, int indexCapacity) {
        if (s.tiers() == null || s.index() == null) {
            throw missing("tiers and index");
        }
        for (SavedTier t : s.tiers()) {
            if (t == null || t.tier() == null) {
                throw missing("a tier");
            }
            if (t.waiting() != null && t.waiting().contains(null)) {
                throw missing("a waiting candidate of " + t.tier());
            }
        }
        for (IndexEntry entry : s.index()) {
            if (entry == null || entry.version() == null) {
                throw missing("an index entry");
            }
        }
        if (s.unaccounted() != null && s.unaccounted().contains(null)) {
            throw missing("a line set aside");
        }
        if (s.foreign() != null && s.foreign().contains(null)) {
            throw missing("an ignored event of another application");
        }
        Projection p = new Projection(indexCapacity);
        p.seq = s.seq();
        p.lines = s.lines();
        p.skippedLines = s.skippedLines();
        p.indexComplete = s.indexComplete();
        p.reserved = s.reserved();
        if (s.unaccounted() != null) {
            p.unaccounted.addAll(s.unaccounted());
        }
        p.application = s.application();
        p.foreignLines = s.foreignLines();
        if (s.foreign() != null) {
            p.foreign.addAll(s.foreign());
        }
        for (SavedTier t : s.tiers()) {
            TierProjection tier = new TierProjection();
            tier.live = t.live();
            if (t.waiting() != null) {
                t.waiting().forEach(w -> tier.waiting.put(w.candidate().version(), w));
            }
            if (t.passedEvidence() != null) {
                tier.passedEvidence.putAll(t.passedEvidence());
            }
            tier.slots = t.slots();
            tier.canary = t.canary();
            p.tiers.put(t.tier(), tier);
        }
        if (s.evicted() != null) {
            for (long fp : s.evicted()) {
                p.evicted.add(fp);
            }
        }
        for (IndexEntry entry : s.index()) {
            p.index.put(entry.version(), entry);
        }
        if (s.recentIds() != null) {
            p.recentIds.putAll(s.recentIds());
        }
        Iterator<String> eldest = p.index.keySet().iterator();
        while (p.index.size() > indexCapacity) {
            p.evicted.add(fingerprint(eldest.next()));
            eldest.remove();
            p.indexComplete = false;
        }
        return p;
    }
}

package io.jenkins.plugins.tiers.store;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.tiers.gate.PromotionQueue;
import io.jenkins.plugins.tiers.gate.PromotionQueue.Claim;
import io.jenkins.plugins.tiers.gate.PromotionQueue.Claimant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serialises promotions per application and tier across every run of this controller: one
 * deployment at a time, the newest run wins, an older one is refused (see the engine's {@link
 * PromotionQueue}). Waiting runs are woken through a {@link Waiter}; waiters live in memory only,
 * so a step that was waiting when the controller stopped claims again when it resumes.
 */
@Extension
public final class PromotionLocks {

    private static final Logger LOGGER = Logger.getLogger(PromotionLocks.class.getName());

    private final Map<String, PromotionQueue> queues = new HashMap<>();
    private final Map<String, Waiter> waiters = new HashMap<>();

    /** A run waiting for its turn. Called outside any lock; implementations must not block. */
    public interface Waiter {
        /** The tier is yours now. */
        void granted();

        /** A newer run took your place; give up. */
        void superseded(Claimant newer);
    }

    public static PromotionLocks get() {
        return ExtensionList.lookupSingleton(PromotionLocks.class);
    }

    private static String key(String application, String tier) {
        return application + '\u0000' + tier;
    }

    private static String waiterKey(String application, String tier, String claimant) {
        return key(application, tier) + '\u0000' + claimant;
    }

    /**
     * Asks to deploy into {@code tier}. When the answer is {@code QUEUED}, {@code waiter} hears
     * later whether the run may go or was superseded.
     */
    public Claim claim(String application, String tier, Claimant claimant, Waiter waiter) {
        Claim claim;
        Waiter superseded = null;
        synchronized (this) {
            claim = queues.computeIfAbsent(key(application, tier), k -> new PromotionQueue())
                    .claim(claimant);
            if (claim.result() == PromotionQueue.Result.QUEUED) {
                waiters.put(waiterKey(application, tier, claimant.id()), waiter);
            }
            if (claim.superseded().isPresent()) {
                superseded = waiters.remove(
                        waiterKey(application, tier, claim.superseded().get().id()));
            }
        }
        if (superseded != null) {
            Waiter loser = superseded;
            tell(() -> loser.superseded(claimant));
        }
        return claim;
    }

    /** Ends the claim of {@code claimantId} on {@code tier} and wakes the run waiting behind it. */
    public void release(String application, String tier, String claimantId) {
        Waiter next = null;
        synchronized (this) {
            String key = key(application, tier);
            PromotionQueue queue = queues.get(key);
            if (queue == null) {
                return;
            }
            waiters.remove(waiterKey(application, tier, claimantId));
            Optional<Claimant> granted = queue.release(claimantId);
            if (granted.isPresent()) {
                next = waiters.remove(waiterKey(application, tier, granted.get().id()));
            }
            if (queue.isIdle()) {
                queues.remove(key);
            }
        }
        if (next != null) {
            Waiter w = next;
            tell(w::granted);
        }
    }

    /** Puts back a run that was deploying when the controller stopped; false if another run holds the tier. */
    public synchronized boolean restore(String application, String tier, Claimant claimant) {
        return queues.computeIfAbsent(key(application, tier), k -> new PromotionQueue())
                .restore(claimant);
    }

    /** The run deploying into {@code tier} now, if any. */
    public synchronized Optional<Claimant> holder(String application, String tier) {
        PromotionQueue queue = queues.get(key(application, tier));
        return queue == null ? Optional.empty() : queue.holder();
    }

    private static void tell(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException x) {
            LOGGER.log(Level.WARNING, "A run waiting for a tier could not be told its turn", x);
        }
    }
}

package io.jenkins.plugins.tiers.render;

import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.Canary;
import io.jenkins.plugins.tiers.strategy.Slot;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One card per tier, in ladder order: what is live there, since when, deployed by whom, how many
 * candidates wait at its gate, and the latest attempt to enter it when that attempt is in trouble
 * (blocked, waiting, failed, rolled back) — what a release manager reads first.
 */
public final class TierCardsRenderer implements PageFragment {

    private static final int VERSION_LENGTH = 40;
    private static final int REASON_LENGTH = 160;

    @Override
    public void renderTo(ProgressView view, StringBuilder out) {
        TimeFormat time = view.timeFormat();
        out.append("<div class=\"tiers tiers-cards\">");
        if (view.tiers().isEmpty()) {
            out.append("<p class=\"tiers-empty\">No tiers are defined yet.</p></div>");
            return;
        }
        out.append("<ol class=\"tiers-card-list\">");
        for (TierView tier : view.tiers()) {
            card(view, tier, time, out);
        }
        out.append("</ol></div>");
    }

    private static void card(ProgressView view, TierView tier, TimeFormat time, StringBuilder out) {
        Optional<TierCard> card = view.cardOf(tier.id());
        LiveCandidate live = card.map(TierCard::live).orElse(null);
        int waiting = card.map(TierCard::waiting).orElse(0);
        Optional<Attempt> trouble = latestTrouble(view.journeys(), tier.id(), live);

        out.append("<li class=\"tiers-card tiers-kind-").append(tier.kind().word());
        if (trouble.isPresent()) {
            out.append(" tiers-card-").append(trouble.get().step().kind().cssName());
        }
        out.append("\"><div class=\"tiers-card-head\"><span class=\"tiers-card-name\">");
        Optional<String> url = Markup.safeUrl(tier.url());
        if (url.isPresent()) {
            out.append("<a href=\"");
            Markup.attr(out, url.get()).append("\">");
            Markup.text(out, tier.displayName()).append("</a>");
        } else {
            Markup.text(out, tier.displayName());
        }
        out.append("</span> <span class=\"tiers-card-kind\">")
                .append(tier.kind().word())
                .append("</span></div>");
        if (live == null) {
            out.append("<p class=\"tiers-card-version tiers-muted\">nothing deployed yet</p>");
        } else {
            out.append("<p class=\"tiers-card-version\">");
            Optional<String> href = view.links().linkTo(live.build());
            if (live.version().length() > VERSION_LENGTH) {
                out.append("<span title=\"");
                Markup.attr(out, live.version()).append("\">");
            } else {
                out.append("<span>");
            }
            if (href.isPresent()) {
                out.append("<a href=\"");
                Markup.attr(out, href.get()).append("\">");
            }
            Markup.text(out, Markup.shorten(live.version(), VERSION_LENGTH));
            out.append(href.isPresent() ? "</a>" : "").append("</span></p>");
            out.append("<p class=\"tiers-card-meta\">live since <time datetime=\"")
                    .append(TimeFormat.iso(live.since()))
                    .append("\">");
            Markup.text(out, time.shortTime(live.since())).append("</time> (");
            Duration age = Duration.between(live.since(), view.now());
            out.append(TimeFormat.duration(age)).append(" ago)");
            if (live.deployedBy() != null && !live.deployedBy().isBlank()) {
                out.append(" by ");
                Markup.text(out, Markup.shorten(live.deployedBy(), 60));
            }
            out.append("</p>");
        }
        String strategy = card.map(TierCard::strategy).orElse(null);
        BlueGreen slots = card.map(TierCard::slots).orElse(null);
        Canary canary = card.map(TierCard::canary).orElse(null);
        if (slots != null) {
            slots(slots, out);
        } else if (canary != null && canary.status() != Canary.Status.NONE) {
            canary(canary, out);
        }
        if (strategy != null && slots == null) {
            // words, not only colour: "green active: 2.4; blue idle: 2.3 previous", "canary 25% (step 2 of 3)"
            out.append("<p class=\"tiers-card-strategy\">");
            Markup.text(out, Markup.shorten(strategy, REASON_LENGTH)).append("</p>");
        }
        out.append("<p class=\"tiers-card-wait");
        if (waiting > 0) {
            out.append(" tiers-has-waiting\">")
                    .append(StepKind.WAITING.symbol())
                    .append(' ')
                    .append(waiting)
                    .append(waiting == 1 ? " candidate waits" : " candidates wait")
                    .append(" at the gate</p>");
        } else {
            out.append(" tiers-muted\">nothing waiting at the gate</p>");
        }
        if (trouble.isPresent()) {
            Attempt a = trouble.get();
            Step s = a.step();
            out.append("<p class=\"tiers-card-trouble tiers-k-")
                    .append(s.kind().cssName())
                    .append("\"><strong>")
                    .append(s.kind().symbol())
                    .append(' ');
            Markup.text(out, Markup.shorten(a.version(), VERSION_LENGTH))
                    .append(' ')
                    .append(s.kind().word())
                    .append("</strong> <time datetime=\"")
                    .append(TimeFormat.iso(s.at()))
                    .append("\">");
            Markup.text(out, time.shortTime(s.at())).append("</time>");
            if (s.reason() != null) {
                out.append("<br/>");
                Markup.text(out, Markup.shorten(s.reason(), REASON_LENGTH));
            }
            out.append("</p>");
        }
        out.append("</li>");
    }

    /**
     * The two slots as badges, the active one first: each names its colour and says in words
     * whether it is live or idle and what it holds, so the colour of the badge is never needed.
     */
    static void slots(BlueGreen slots, StringBuilder out) {
        out.append("<ul class=\"tiers-slots\" aria-label=\"blue-green slots\">");
        slot(slots.activeSlot(), true, slots.active(), null, out);
        slot(slots.idleSlot(), false, slots.idle(), slots.idleRole(), out);
        out.append("</ul>");
    }

    private static void slot(Slot slot, boolean active, Candidate holds, BlueGreen.Idle role, StringBuilder out) {
        out.append("<li class=\"tiers-slot tiers-slot-")
                .append(slot.label())
                .append(active ? " tiers-slot-active" : " tiers-slot-idle")
                .append("\"><span class=\"tiers-slot-colour\">")
                .append(slot.label())
                .append("</span> <span class=\"tiers-slot-role\">")
                .append(active ? "\u25CF live" : "\u25CB idle")
                .append("</span> ");
        if (holds == null) {
            out.append("<span class=\"tiers-muted\">empty</span>");
        } else {
            out.append("<span class=\"tiers-slot-version\">");
            Markup.text(out, Markup.shorten(holds.version(), VERSION_LENGTH)).append("</span>");
            if (role != null) {
                out.append(" <span class=\"tiers-slot-what\">")
                        .append(role.label())
                        .append("</span>");
            }
        }
        out.append("</li>");
    }

    /**
     * The canary as a bar of its steps: the filled part is the weight the candidate receives now,
     * a tick marks each step; below it, each step's weight with a symbol and a word for reached,
     * current, aborted or ahead, so the bar's colours are never needed to read it.
     */
    static void canary(Canary canary, StringBuilder out) {
        List<Integer> steps = canary.steps();
        int weight = canary.status() == Canary.Status.COMPLETED ? 100 : canary.weight();
        String state =
                switch (canary.status()) {
                    case IN_PROGRESS -> "in-progress";
                    case ABORTED -> "aborted";
                    case COMPLETED -> "completed";
                    case NONE -> "none";
                };
        out.append("<div class=\"tiers-canary tiers-canary-").append(state).append("\">");
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tiers-canary-bar\" viewBox=\"0 0 100 8\"")
                .append(" preserveAspectRatio=\"none\" aria-hidden=\"true\">")
                .append("<rect class=\"tiers-canary-track\" width=\"100\" height=\"8\"/>");
        if (weight > 0) {
            out.append("<rect class=\"tiers-canary-fill\" width=\"")
                    .append(weight)
                    .append("\" height=\"8\"/>");
        }
        for (int w : steps.subList(0, steps.size() - 1)) {
            out.append("<line class=\"tiers-canary-tick\" x1=\"")
                    .append(w)
                    .append("\" x2=\"")
                    .append(w)
                    .append("\" y1=\"0\" y2=\"8\"/>");
        }
        out.append("</svg><ol class=\"tiers-canary-steps\">");
        // An abort before any step was reached is shown at the first step, the one it never passed.
        int abortedAt = Math.max(1, canary.reached());
        for (int i = 1; i <= steps.size(); i++) {
            String cls;
            String text;
            if (canary.status() == Canary.Status.ABORTED && i == abortedAt) {
                cls = "aborted";
                text = "\u2715 " + steps.get(i - 1) + "% aborted";
            } else if (canary.status() == Canary.Status.IN_PROGRESS && i == canary.reached()) {
                cls = "current";
                text = "\u25B6 " + steps.get(i - 1) + "% now";
            } else if (i <= canary.reached() && !(canary.status() == Canary.Status.ABORTED && i > abortedAt)) {
                cls = "reached";
                text = "\u2713 " + steps.get(i - 1) + "%";
            } else {
                cls = "ahead";
                text = steps.get(i - 1) + "%";
            }
            out.append("<li class=\"tiers-canary-")
                    .append(cls)
                    .append("\">")
                    .append(text)
                    .append("</li>");
        }
        out.append("</ol></div>");
    }

    /**
     * The latest step at this tier, when it is a blocked, waiting, failed or rolled-back attempt by
     * a candidate other than the live one (or the rollback of any candidate).
     */
    static Optional<Attempt> latestTrouble(List<Journey> journeys, String tierId, LiveCandidate live) {
        Step latestStep = null;
        String latestVersion = null;
        for (Journey j : journeys) {
            for (Step s : j.steps()) {
                if (s.tierId().equals(tierId) && (latestStep == null || s.at().isAfter(latestStep.at()))) {
                    latestStep = s;
                    latestVersion = j.version();
                }
            }
        }
        if (latestStep == null) {
            return Optional.empty();
        }
        Attempt latest = new Attempt(latestVersion, latestStep);
        StepKind kind = latest.step().kind();
        if (kind == StepKind.ROLLED_BACK) {
            return Optional.of(latest);
        }
        boolean isLive = live != null && live.version().equals(latest.version());
        if ((kind.isTrouble() || kind == StepKind.WAITING) && !isLive) {
            return Optional.of(latest);
        }
        return Optional.empty();
    }

    /** A step with the version of the candidate it belongs to. */
    record Attempt(String version, Step step) {}
}

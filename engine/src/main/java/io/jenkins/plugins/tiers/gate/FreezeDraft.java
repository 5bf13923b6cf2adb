package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.DraftText;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A freeze window as a form writes it: weekly ({@code days}, {@code from}, {@code to}) or dated
 * ({@code start}, {@code end}), in the local time of {@code zone}. {@link #toWindow()} reads it.
 *
 * @param name what people call it, or blank
 * @param zone a time-zone id ({@code Europe/Paris}), or blank for UTC
 * @param days for a weekly window: days separated by commas, or ranges ({@code fri-mon})
 * @param from for a weekly window: the local start time ({@code 18:00})
 * @param to for a weekly window: the local end time, on the next day when not after {@code from}
 * @param start for a dated window: a local date-time ({@code 2026-12-24T00:00}) or a date
 * @param end for a dated window: a local date-time, or a date whose whole day is included
 */
public record FreezeDraft(String name, String zone, String days, String from, String to, String start, String end)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The freeze window.
     *
     * @throws InvalidDefinitionException naming the field at fault
     */
    public FreezeWindow toWindow() {
        DraftText.checkText("name", name);
        ZoneId zoneId = FreezeText.zone("zone", zone);
        boolean weekly = !DraftText.blank(days) || !DraftText.blank(from) || !DraftText.blank(to);
        boolean dated = !DraftText.blank(start) || !DraftText.blank(end);
        if (weekly == dated) {
            throw new InvalidDefinitionException(
                    "",
                    weekly
                            ? "give either days, from and to (weekly) or start and end (dated), not both"
                            : "give days, from and to for a weekly window, or start and end for a dated one");
        }
        if (weekly) {
            return FreezeText.weekly(
                    name, zoneId, FreezeText.days("days", days), required("from", from), required("to", to));
        }
        LocalDateTime begins = FreezeText.dateTime("start", required("start", start), false);
        LocalDateTime ends = FreezeText.dateTime("end", required("end", end), true);
        if (!ends.isAfter(begins)) {
            throw new InvalidDefinitionException("end", "the freeze must end after it starts (" + begins + ")");
        }
        return new DateFreeze(name, zoneId, begins, ends);
    }

    private static String required(String field, String text) {
        if (DraftText.blank(text)) {
            throw new InvalidDefinitionException(field, "is needed");
        }
        return text.trim();
    }
}

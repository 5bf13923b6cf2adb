package io.jenkins.plugins.tiers.progress;

import java.time.LocalDate;
import java.util.List;

/**
 * Successful deployments into one tier within the window, in total, per day on average, and per
 * calendar day in the figures' time zone (so a chart's days match the reader's days, DST included).
 *
 * @param tier the tier id
 * @param deployments successful deployments in the window
 * @param perDay deployments divided by the window's length in days of 24 hours
 * @param days one entry per calendar day the window touches, oldest first
 */
public record DeploymentFrequency(String tier, int deployments, double perDay, List<DailyCount> days) {

    public DeploymentFrequency {
        days = List.copyOf(days);
    }

    /** Deployments on one calendar day. */
    public record DailyCount(LocalDate date, int deployments) {}
}

package io.jenkins.plugins.tiers.render;

import io.jenkins.plugins.tiers.model.BuildRef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How a build becomes a link. Links in the progress view only ever come from this template, so a
 * user-written string can never become an {@code href}. Placeholders: {@code {job}} (the job's full
 * name, each segment percent-encoded, joined by {@code /}), {@code {jobUrl}} (the Jenkins form
 * {@code job/a/job/b}) and {@code {number}}.
 *
 * @param pattern the template, for example {@code ../../{jobUrl}/{number}/}; {@code null} or blank
 *     for no links
 */
public record LinkTemplate(String pattern) {

    /** No links at all. */
    public static final LinkTemplate NONE = new LinkTemplate(null);

    public LinkTemplate {
        if (pattern == null || pattern.isBlank()) {
            pattern = null;
        } else if (Markup.safeUrl(expand(pattern, "job", "job/job", "1")).isEmpty()) {
            throw new IllegalArgumentException(
                    "link template must be an http(s) or relative URL with {job}, {jobUrl} and {number}: " + pattern);
        }
    }

    /** The link to a build, or empty when there is no template or no build. */
    public Optional<String> linkTo(BuildRef build) {
        if (pattern == null || build == null) {
            return Optional.empty();
        }
        StringBuilder job = new StringBuilder();
        StringBuilder jobUrl = new StringBuilder();
        for (String segment : build.job().split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            String encoded = URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
            if (job.length() > 0) {
                job.append('/');
                jobUrl.append('/');
            }
            job.append(encoded);
            jobUrl.append("job/").append(encoded);
        }
        return Markup.safeUrl(expand(pattern, job.toString(), jobUrl.toString(), Integer.toString(build.number())));
    }

    private static String expand(String pattern, String job, String jobUrl, String number) {
        return pattern.replace("{jobUrl}", jobUrl).replace("{job}", job).replace("{number}", number);
    }
}

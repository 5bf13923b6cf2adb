/**
 * The live-code progress view: HTML fragments with inline SVG (tier cards, promotion flow chart,
 * lead-time chart, DORA tiles, promotion matrix) and a self-contained static page composed of
 * them. Renderers read only a {@link io.jenkins.plugins.tiers.render.ProgressView}, an immutable
 * view model filled from the ledger and progress figures by an adapter; every user-written string
 * passes through {@link io.jenkins.plugins.tiers.render.Markup}, links come only from a
 * {@link io.jenkins.plugins.tiers.render.LinkTemplate} or checked http(s)/relative URLs, and the
 * output is well-formed XHTML without JavaScript, inline handlers or style attributes, so it passes
 * a strict Content-Security-Policy. Styles are in the {@code tiers.css} resource beside this
 * package; colours default to the Jenkins design-library variables.
 */
package io.jenkins.plugins.tiers.render;

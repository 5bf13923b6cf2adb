package io.jenkins.plugins.tiers.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.tiers.model.DraftChecks;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The ladders administrators define for jobs to reuse by name, in Manage Jenkins → System and in
 * Configuration as Code ({@code unclassified: namedLadders: ladders: ...}).
 */
@Extension
@Symbol("namedLadders")
public class NamedLaddersConfiguration extends GlobalConfiguration {

    private List<NamedLadder> ladders = new ArrayList<>();

    public NamedLaddersConfiguration() {
        load();
    }

    /** The one instance Jenkins holds. */
    public static NamedLaddersConfiguration get() {
        return ExtensionList.lookupSingleton(NamedLaddersConfiguration.class);
    }

    public List<NamedLadder> getLadders() {
        return List.copyOf(ladders);
    }

    /**
     * Replaces the ladders, refusing a definition the engine would not accept (so a broken ladder
     * never reaches a running gate) and duplicate names.
     */
    @DataBoundSetter
    public void setLadders(List<NamedLadder> ladders) {
        List<NamedLadder> checked = ladders == null ? new ArrayList<>() : new ArrayList<>(ladders);
        Set<String> names = new HashSet<>();
        Set<String> owned = new HashSet<>();
        for (int i = 0; i < checked.size(); i++) {
            NamedLadder ladder = checked.get(i);
            String prefix = "ladders[" + i + "]";
            Optional<String> badName = DraftChecks.ladderName(ladder.getName());
            if (badName.isPresent()) {
                throw new InvalidDefinitionException(prefix + ".name", badName.get());
            }
            if (!names.add(ladder.getName())) {
                throw new InvalidDefinitionException(
                        prefix + ".name", "\"" + ladder.getName() + "\" names two ladders");
            }
            for (String application : ladder.applicationNames()) {
                if (!owned.add(application)) {
                    throw new InvalidDefinitionException(
                            prefix + ".applications", Messages.NamedLaddersConfiguration_OwnedTwice(application));
                }
            }
            try {
                ladder.toDraft(ladder.getName()).toLadder();
            } catch (InvalidDefinitionException e) {
                throw e.within(prefix);
            }
        }
        this.ladders = checked;
        save();
    }

    /** The ladder with this name, if an administrator defined one. */
    public Optional<NamedLadder> ladder(@CheckForNull String name) {
        return ladders.stream().filter(l -> Objects.equals(l.getName(), name)).findFirst();
    }

    /** The ladder that owns {@code application}, if one does. */
    public Optional<NamedLadder> owning(String application) {
        return ladders.stream()
                .filter(l -> l.applicationNames().contains(application))
                .findFirst();
    }

    /** The names, in the order defined, for drop-down lists and messages. */
    public List<String> names() {
        return ladders.stream().map(NamedLadder::getName).toList();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        // f:repeatableProperty does not call the setter once every entry is removed.
        List<NamedLadder> before = ladders;
        ladders = new ArrayList<>();
        try {
            req.bindJSON(this, json);
        } catch (RuntimeException e) {
            ladders = before;
            InvalidDefinitionException invalid = invalidCause(e);
            if (invalid == null) {
                throw e;
            }
            throw new FormException(invalid.getMessage(), invalid, "ladders");
        }
        if (ladders.isEmpty()) {
            save();
        }
        return true;
    }

    /** Stapler wraps what a setter throws; the engine's message is what the form should show. */
    @CheckForNull
    static InvalidDefinitionException invalidCause(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof InvalidDefinitionException invalid) {
                return invalid;
            }
        }
        return null;
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.NamedLaddersConfiguration_DisplayName();
    }
}

package io.jenkins.plugins.tiers.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.credentialsbinding.MultiBinding;
import org.jenkinsci.plugins.credentialsbinding.impl.FileBinding;
import org.jenkinsci.plugins.credentialsbinding.impl.StringBinding;
import org.jenkinsci.plugins.credentialsbinding.impl.UsernamePasswordMultiBinding;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * Binds a tier's credentials for the body of {@code deployTo} only, through the
 * credentials-binding plugin's bindings (so lookup, usage tracking and file clean-up are theirs)
 * and masks their values in the body's log with its secret patterns. A secret text goes to {@code
 * VARIABLE}, a username and password to {@code VARIABLE_USR} and {@code VARIABLE_PSW} (as
 * declarative's {@code credentials()} does), a secret file's path to {@code VARIABLE}.
 */
final class TierCredentials {

    private TierCredentials() {}

    /** Values bound for one body, and how to undo the binding afterwards. */
    static final class Bound implements Serializable {
        private static final long serialVersionUID = 1L;

        private final Map<String, Secret> secrets;
        private final Map<String, String> publicValues;
        private final MultiBinding.Unbinder unbinder;

        Bound(Map<String, String> secretValues, Map<String, String> publicValues, MultiBinding.Unbinder unbinder) {
            Map<String, Secret> s = new LinkedHashMap<>();
            secretValues.forEach((k, v) -> s.put(k, Secret.fromString(v)));
            this.secrets = s;
            this.publicValues = new LinkedHashMap<>(publicValues);
            this.unbinder = unbinder;
        }

        /** The variables of the binding, for the log (never their values). */
        Set<String> variables() {
            Set<String> all = new TreeSet<>(secrets.keySet());
            all.addAll(publicValues.keySet());
            return all;
        }

        EnvironmentExpander expander() {
            return new Expander(secrets, publicValues);
        }

        TaskListenerDecorator masking(String charsetName) {
            return new Masking(Secret.fromString(pattern().pattern()), charsetName);
        }

        /** {@code text} with every bound secret replaced, before it is written anywhere else (the ledger). */
        String mask(String text) {
            Pattern p = pattern();
            return p.pattern().isEmpty() ? text : p.matcher(text).replaceAll("****");
        }

        private Pattern pattern() {
            List<String> plain = new ArrayList<>();
            secrets.values().forEach(s -> plain.add(s.getPlainText()));
            return SecretPatterns.getAggregateSecretPattern(plain);
        }

        void unbind(
                Run<?, ?> run, @CheckForNull FilePath workspace, @CheckForNull Launcher launcher, TaskListener listener)
                throws IOException, InterruptedException {
            unbinder.unbind(run, workspace, launcher, listener);
        }
    }

    /**
     * Looks the credentials up in the context of {@code run} and binds them.
     *
     * @throws AbortException naming the credentials when they cannot be found, are of a kind that
     *     cannot be bound, or need a workspace the step does not have
     */
    static Bound bind(
            String credentialsId,
            String variable,
            Run<?, ?> run,
            @CheckForNull FilePath workspace,
            @CheckForNull Launcher launcher,
            TaskListener listener)
            throws IOException, InterruptedException {
        StandardCredentials found = CredentialsProvider.findCredentialById(
                credentialsId, StandardCredentials.class, run, Collections.<DomainRequirement>emptyList());
        if (found == null) {
            throw new AbortException(Messages.TierCredentials_NotFound(credentialsId));
        }
        MultiBinding<?> binding;
        if (found instanceof StringCredentials) {
            binding = new StringBinding(variable, credentialsId);
        } else if (found instanceof StandardUsernamePasswordCredentials) {
            binding = new UsernamePasswordMultiBinding(variable + "_USR", variable + "_PSW", credentialsId);
        } else if (found instanceof FileCredentials) {
            if (workspace == null || launcher == null) {
                throw new AbortException(Messages.TierCredentials_NeedsWorkspace(credentialsId));
            }
            binding = new FileBinding(variable, credentialsId);
        } else {
            throw new AbortException(Messages.TierCredentials_UnsupportedKind(
                    credentialsId, found.getDescriptor().getDisplayName()));
        }
        MultiBinding.MultiEnvironment environment = binding.bind(run, workspace, launcher, listener);
        return new Bound(environment.getSecretValues(), environment.getPublicValues(), environment.getUnbinder());
    }

    /** Puts the bound values into the body's environment and marks the secret ones as sensitive. */
    private static final class Expander extends EnvironmentExpander {
        private static final long serialVersionUID = 1L;

        private final Map<String, Secret> secrets;
        private final Map<String, String> publicValues;

        Expander(Map<String, Secret> secrets, Map<String, String> publicValues) {
            this.secrets = new LinkedHashMap<>(secrets);
            this.publicValues = new LinkedHashMap<>(publicValues);
        }

        @Override
        public void expand(@NonNull EnvVars env) {
            secrets.forEach((k, v) -> env.override(k, v.getPlainText()));
            publicValues.forEach(env::override);
        }

        @NonNull
        @Override
        public Set<String> getSensitiveVariables() {
            return Collections.unmodifiableSet(secrets.keySet());
        }
    }

    /** Masks the bound secrets, in every encoding credentials-binding knows, in the body's log. */
    private static final class Masking extends TaskListenerDecorator {
        private static final long serialVersionUID = 1L;

        private final Secret pattern;
        private final String charsetName;

        Masking(Secret pattern, String charsetName) {
            this.pattern = pattern;
            this.charsetName = charsetName;
        }

        @NonNull
        @Override
        public OutputStream decorate(@NonNull OutputStream logger) {
            return new SecretPatterns.MaskingOutputStream(
                    logger, () -> Pattern.compile(pattern.getPlainText()), charsetName);
        }
    }
}

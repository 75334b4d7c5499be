package jgrad.notebooks;

import com.google.common.collect.ImmutableList;
import java.lang.module.ModuleFinder;
import java.util.Properties;
import jgrad.plots.Plots;

/**
 * The options of the JVM that runs snippets: the notebook runner's JShell VM (so
 * {@code NotebooksTest} too) and interactive jshell's remote VM in {@code ./notebook} (see
 * {@link JShellLauncher}). One place, so that every way of running jgrad's notebooks runs
 * snippets the same way:
 *
 * <ul>
 *   <li>{@code --add-modules=jdk.incubator.vector}, for jgrad's Vector API kernels (when the
 *       Java runtime has that module; the JVM then prints a warning that it uses an incubator
 *       module, which the runner drops);
 *   <li>{@code -Djava.awt.headless=true}, so that plots are drawn without a display;
 *   <li>the system properties {@value #THREADS_PROPERTY} (jgrad's compute threads),
 *       {@value Plots#FIGURES_PROPERTY} (where notebooks write figures) and {@value
 *       #PROGRESS_PROPERTY} (the training progress bar), passed on when set in the JVM that
 *       starts the snippet VM ({@code ./notebook} sets them from the environment variables {@code
 *       JGRAD_THREADS}, {@code NOTEBOOK_FIGURES} and {@code JGRAD_PROGRESS}).
 * </ul>
 */
final class SnippetVmOptions {

    /** The incubator module of the Vector API. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** The system property holding the number of jgrad's compute threads. */
    static final String THREADS_PROPERTY = "jgrad.threads";

    /** The warning a JVM prints at start when it resolves an incubator module. */
    static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: ";

    /** The system property of the training progress bar ({@code TrainingProgress.PROPERTY}). */
    static final String PROGRESS_PROPERTY = "jgrad.progress";

    private static final ImmutableList<String> PASSED_ON =
            ImmutableList.of(THREADS_PROPERTY, Plots.FIGURES_PROPERTY, PROGRESS_PROPERTY);

    private SnippetVmOptions() {
    }

    /** The options for a snippet VM started from this JVM, with its system properties. */
    static ImmutableList<String> forThisJvm() {
        return of(System.getProperties());
    }

    /**
     * The options for a snippet VM started from a JVM with these system properties.
     *
     * @param properties the starting JVM's system properties; those in {@link #PASSED_ON} that
     *     are set (and not blank) are passed on
     */
    static ImmutableList<String> of(Properties properties) {
        ImmutableList.Builder<String> options = ImmutableList.builder();
        if (ModuleFinder.ofSystem().find(VECTOR_MODULE).isPresent()) {
            options.add("--add-modules=" + VECTOR_MODULE);
        }
        options.add("-Djava.awt.headless=true");
        for (String property : PASSED_ON) {
            String value = properties.getProperty(property);
            if (value != null && !value.isBlank()) {
                options.add("-D" + property + "=" + value);
            }
        }
        return options.build();
    }
}

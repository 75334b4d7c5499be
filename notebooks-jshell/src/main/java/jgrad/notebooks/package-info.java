/**
 * JShell notebooks: {@link jgrad.notebooks.NotebookRunner} evaluates a {@code .jsh} notebook
 * through the {@code jdk.jshell} API, snippet by snippet, in a JVM of its own and within a time
 * limit, and stops at the first snippet that does not compile, throws, refers to something never
 * defined, or ends its JVM.
 *
 * <p>Every notebook starts with the imports in {@code notebooks-jshell/startup.jsh}; the
 * {@code ./notebook} launcher at the repository root runs a notebook ({@code ./notebook
 * train-digits.jsh}) or opens interactive jshell with the same imports ({@code ./notebook}),
 * through {@link jgrad.notebooks.JShellLauncher}: values in full, Tab-Tab javadoc of jgrad's
 * classes. Snippets run, in both, with the options of {@code SnippetVmOptions} (the Vector API
 * module, headless AWT, {@code jgrad.threads}, {@code jgrad.figures}).
 */
package jgrad.notebooks;

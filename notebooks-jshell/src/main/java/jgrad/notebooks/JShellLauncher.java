package jgrad.notebooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.collect.ImmutableMap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import jdk.jshell.tool.JavaShellToolBuilder;

/**
 * Interactive jshell as {@code ./notebook} opens it: JShell's own tool (prompt, history, Tab
 * completion, {@code /vars}, {@code /list}, {@code /methods}, {@code /open}, {@code /save}, ...)
 * with three changes for jgrad:
 *
 * <ul>
 *   <li><b>Values in full.</b> JShell's feedback modes cut a value longer than 80 characters (a
 *       declaration's) or 1000 (an expression's) to {@code tensor([[0.80..., ... ape=[4, 4],
 *       dtype=float64)}. The tool starts in the feedback mode {@value #MODE}, a copy of
 *       {@code normal} without truncation ({@code /set feedback normal} goes back). JShell reads
 *       its startup scripts before it defines any mode, so a {@code /set} line there cannot do
 *       this; instead the mode is made once by a silent JShell tool and handed to the real one
 *       as a retained setting, through {@link JavaShellToolBuilder#persistence(Map)}: every
 *       other setting and the input history stay in JShell's own preferences, while the mode
 *       is kept in memory only. The made mode is cached in the file named by
 *       {@value #MODE_CACHE_PROPERTY}, if set, for this Java runtime version.
 *   <li><b>Documentation on Tab-Tab</b> for jgrad's classes. JShell looks for javadoc only in
 *       the JDK's {@code lib/src.zip}, whatever the class path holds; the launcher adds the
 *       sources jars (or folders) named by {@value #SOURCES_PROPERTY}, through the hook JShell
 *       keeps for its own tests ({@code SourceCodeAnalysisImpl.availableSourcesOverride}), which
 *       needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}. Without it, or on a JDK
 *       without that hook, jshell runs as usual and a note says that the documentation is off.
 *   <li><b>The snippet VM's options</b> of {@link SnippetVmOptions} (the Vector API module,
 *       headless AWT, {@code jgrad.threads} and {@code jgrad.figures}), passed with {@code -R}.
 * </ul>
 *
 * <pre>{@code
 * java --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED -Djgrad.notebook.sources=target/sources \
 *     -cp CLASSPATH jgrad.notebooks.JShellLauncher --class-path CLASSPATH --startup DEFAULT \
 *     --startup notebooks-jshell/startup.jsh
 * }</pre>
 *
 * <p>Other arguments are jshell's own and are passed on unchanged.
 */
public final class JShellLauncher {

    /** The feedback mode the tool starts in: {@code normal}, without truncation. */
    public static final String MODE = "jgrad";

    /** The system property listing sources jars or folders, separated by the path separator. */
    public static final String SOURCES_PROPERTY = "jgrad.notebook.sources";

    /** The system property naming the file that caches the made feedback mode. */
    public static final String MODE_CACHE_PROPERTY = "jgrad.notebook.modeCache";

    // JShell's preferences node and the keys of its retained modes and feedback mode.
    private static final String PREFERENCES_NODE = "tool/JShell";
    private static final String MODES_KEY = "MODE2";
    private static final String FEEDBACK_KEY = "FEEDBACK";
    // Longest value shown in full: Integer.MAX_VALUE, as JShell parses the length as an int.
    private static final String NO_TRUNCATION = Integer.toString(Integer.MAX_VALUE);

    private JShellLauncher() {
    }

    /**
     * Starts interactive jshell with {@code args} and exits with its exit status.
     *
     * @param args jshell's arguments
     * @throws Exception if the tool fails unexpectedly
     */
    public static void main(String[] args) throws Exception {
        Optional<String> docsOff = installSources(sourcesFromProperty());
        docsOff.ifPresent(reason -> System.err.println(
                "notebook: Tab-Tab documentation of jgrad's classes is off: " + reason));
        Map<String, String> retained = feedbackMode(modeCacheFromProperty());
        int status = JavaShellToolBuilder.builder()
                .persistence(new OverlayPreferences(
                        Preferences.userRoot().node(PREFERENCES_NODE), retained))
                .start(arguments(args));
        System.exit(status);
    }

    /**
     * jshell's arguments: {@code args} after the snippet VM's options as {@code -R} options.
     */
    static String[] arguments(String[] args) {
        List<String> all = new ArrayList<>();
        for (String option : SnippetVmOptions.forThisJvm()) {
            all.add("-R" + option);
        }
        all.addAll(List.of(args));
        return all.toArray(new String[0]);
    }

    /**
     * The retained settings that make the tool start in feedback mode {@value #MODE}: the
     * encoded mode ({@code MODE2}) and the feedback mode's name ({@code FEEDBACK}), read from
     * {@code cache} when it was written by this Java runtime version, else made by a silent
     * JShell tool and written to {@code cache} (atomically; a cache that cannot be written is
     * skipped).
     *
     * @param cache the cache file, if any
     * @throws IllegalStateException if the tool does not make the mode
     */
    static ImmutableMap<String, String> feedbackMode(Optional<Path> cache) {
        String version = Runtime.version().toString();
        if (cache.isPresent() && Files.isRegularFile(cache.get())) {
            try {
                String text = Files.readString(cache.get(), UTF_8);
                int newline = text.indexOf('\n');
                if (newline > 0 && text.substring(0, newline).equals(version)) {
                    return retained(text.substring(newline + 1));
                }
            } catch (IOException e) {
                // Made again below.
            }
        }
        String encoded = makeMode();
        cache.ifPresent(file -> writeQuietly(file, version + "\n" + encoded));
        return retained(encoded);
    }

    private static ImmutableMap<String, String> retained(String encodedModes) {
        return ImmutableMap.of(MODES_KEY, encodedModes, FEEDBACK_KEY, MODE);
    }

    /** Runs a silent JShell tool (local execution, no startup) that defines and retains the mode. */
    private static String makeMode() {
        Map<String, String> store = new HashMap<>();
        String commands = String.join("\n",
                "/set mode " + MODE + " normal -command",
                "/set truncation " + MODE + " " + NO_TRUNCATION,
                "/set mode " + MODE + " -retain",
                "/exit", "");
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(transcript, true, UTF_8);
        try {
            JavaShellToolBuilder.builder()
                    .persistence(store)
                    .in(new ByteArrayInputStream(commands.getBytes(UTF_8)), null)
                    .out(sink, sink, sink)
                    .err(sink, sink)
                    .start("--no-startup", "--execution", "local");
        } catch (Exception e) {
            throw new IllegalStateException("notebook: could not make the feedback mode " + MODE
                    + ":\n" + transcript.toString(UTF_8), e);
        }
        String encoded = store.get(MODES_KEY);
        if (encoded == null || encoded.isEmpty()) {
            throw new IllegalStateException("notebook: jshell did not retain the feedback mode "
                    + MODE + ":\n" + transcript.toString(UTF_8));
        }
        return encoded;
    }

    private static void writeQuietly(Path file, String text) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
            try {
                Files.writeString(temporary, text, UTF_8);
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | UncheckedIOException e) {
            // Only a cache: the mode is made again next time.
        }
    }

    /**
     * Makes JShell's documentation look in {@code sources} (sources jars or folders) as well as
     * in the JDK's {@code lib/src.zip}.
     *
     * @return why the documentation of these sources is off, or empty when it is on
     */
    static Optional<String> installSources(List<Path> sources) {
        List<Path> locations = new ArrayList<>(jdkSources());
        for (Path source : sources) {
            if (Files.exists(source)) {
                locations.add(source);
            }
        }
        try {
            Field override = Class.forName("jdk.jshell.SourceCodeAnalysisImpl")
                    .getDeclaredField("availableSourcesOverride");
            override.setAccessible(true);
            override.set(null, List.copyOf(locations));
            return Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.of("this JDK's jshell has no hook for more sources (" + e
                    + "); run with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED");
        }
    }

    /** The source roots JShell itself would use: those of the JDK's {@code src.zip}. */
    private static List<Path> jdkSources() {
        Path home = Path.of(System.getProperty("java.home"));
        Path zip = home.resolve("lib").resolve("src.zip");
        if (!Files.isReadable(zip) && home.getParent() != null) {
            zip = home.getParent().resolve("src.zip");
        }
        if (!Files.isReadable(zip)) {
            return List.of();
        }
        try {
            // Kept open for the life of the tool, as JShell keeps its own.
            FileSystem zipFiles = FileSystems.newFileSystem(zip);
            Path root = zipFiles.getRootDirectories().iterator().next();
            if (Files.exists(root.resolve("java/lang/Object.java"))) {
                return List.of(zip);
            }
            List<Path> modules = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
                for (Path entry : entries) {
                    if (Files.isDirectory(entry)) {
                        modules.add(entry);
                    }
                }
            }
            return modules;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static List<Path> sourcesFromProperty() {
        String value = System.getProperty(SOURCES_PROPERTY, "");
        List<Path> sources = new ArrayList<>();
        for (String entry : value.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            if (Files.isDirectory(path) && !Files.exists(path.resolve("jgrad"))) {
                // A folder of sources jars.
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(path, "*.jar")) {
                    jars.forEach(sources::add);
                } catch (IOException e) {
                    // Skipped: documentation is a convenience.
                }
            } else {
                sources.add(path);
            }
        }
        return sources;
    }

    private static Optional<Path> modeCacheFromProperty() {
        String value = System.getProperty(MODE_CACHE_PROPERTY, "");
        return value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /**
     * JShell's preferences with some keys overlaid in memory: reads of an overlaid key see the
     * overlay, writes to it stay in memory; every other key is read from and written to
     * {@code base}, so history and retained settings persist as in plain jshell.
     */
    static final class OverlayPreferences extends AbstractMap<String, String> {

        private final Preferences base;
        private final Map<String, String> overlay;

        OverlayPreferences(Preferences base, Map<String, String> overlay) {
            this.base = base;
            this.overlay = new HashMap<>(overlay);
        }

        @Override
        public String get(Object key) {
            String name = (String) key;
            return overlay.containsKey(name) ? overlay.get(name) : base.get(name, null);
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public String put(String key, String value) {
            String previous = get(key);
            if (overlay.containsKey(key)) {
                overlay.put(key, value);
            } else {
                base.put(key, value);
            }
            return previous;
        }

        @Override
        public String remove(Object key) {
            String name = (String) key;
            String previous = get(name);
            if (overlay.containsKey(name)) {
                overlay.remove(name);
            } else {
                base.remove(name);
            }
            return previous;
        }

        @Override
        public void clear() {
            overlay.clear();
            try {
                base.clear();
            } catch (BackingStoreException e) {
                throw new IllegalStateException("cannot clear jshell's preferences", e);
            }
        }

        @Override
        public Set<String> keySet() {
            Set<String> keys = new LinkedHashSet<>(overlay.keySet());
            try {
                keys.addAll(List.of(base.keys()));
            } catch (BackingStoreException e) {
                throw new IllegalStateException("cannot read jshell's preferences", e);
            }
            return keys;
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            Set<Map.Entry<String, String>> entries = new LinkedHashSet<>();
            for (String key : keySet()) {
                String value = get(key);
                if (value != null) {
                    entries.add(new SimpleImmutableEntry<>(key, value));
                }
            }
            return entries;
        }

        /** The overlaid keys and their values, for tests. */
        ImmutableMap<String, String> overlay() {
            return ImmutableMap.copyOf(overlay);
        }
    }
}

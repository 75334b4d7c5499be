package jgrad.notebooks;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Run in a JVM of its own by {@link JShellLauncherTest}, with the launcher's
 * {@code --add-opens}: installs the sources given as arguments the way {@link JShellLauncher}
 * does and prints what Tab-Tab would show for {@code Tensor.scalar(}: the signature, then the
 * javadoc (or {@code NO JAVADOC}).
 */
final class DocumentationProbe {

    private DocumentationProbe() {
    }

    public static void main(String[] args) {
        Optional<String> off = JShellLauncher.installSources(
                List.of(args).stream().map(Path::of).toList());
        off.ifPresent(reason -> System.out.println("OFF " + reason));
        String classPath = System.getProperty("java.class.path");
        try (JShell shell = JShell.builder().executionEngine("local")
                .compilerOptions("--class-path", classPath).build()) {
            shell.addToClasspath(classPath);
            shell.eval("import jgrad.core.*;");
            String input = "Tensor.scalar(";
            for (SourceCodeAnalysis.Documentation documentation :
                    shell.sourceCodeAnalysis().documentation(input, input.length(), true)) {
                System.out.println(documentation.signature());
                System.out.println(documentation.javadoc() == null
                        ? "NO JAVADOC" : documentation.javadoc());
            }
        }
    }
}

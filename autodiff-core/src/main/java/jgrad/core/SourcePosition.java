package jgrad.core;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Where a stack frame of user code is, in terms its reader can map back to what they wrote: the
 * source file and line ({@code "MyTest.java:42"}) for compiled code; for code typed into JShell,
 * the line within the snippet ({@code "jshell snippet, line 3"}). Used by jgrad's diagnostics that
 * name a place in user code: anomaly detection ({@link Autodiff#detectAnomaly}) and gradient
 * checks ({@code jgrad.check}), so that both name it the same way.
 *
 * <p>JShell compiles each snippet into a wrapper class {@code REPL.$JShell$N} whose frames name a
 * generated file, {@code $JShell$N.java}, and a line of the wrapper, which its user never sees
 * (and which JShell's display shortens to {@code java:7}). The {@code #9:3} in JShell's stack
 * traces is not in the frame: the JShell tool rewrites the trace afterwards, from its own map of
 * snippets, in the tool's VM; the VM that runs the snippet (where jgrad runs) has only the wrapper
 * class (checked on JDK 17 and 25, remote and local execution alike). The snippet's number is
 * therefore not known here, but its line is: the wrapper copies the snippet's text from a line
 * that depends on the snippet's kind, which the wrapper's members tell (a statement or a method
 * or class declaration from line 5, a variable's initializer from line 7, an expression from
 * line 8, as JDK 9 to 25 lay wrappers out). A variable declaration whose initializer starts on a
 * later line than its name is counted from the initializer's line.
 */
public final class SourcePosition {

    /** The package JShell compiles snippets into. */
    private static final String JSHELL_PACKAGE = "REPL";
    /** The prefix of JShell's wrapper classes. */
    private static final String JSHELL_WRAPPER = "$JShell$";

    private SourcePosition() {}

    /**
     * {@code "MyTest.java:42"}; {@code "jshell snippet, line 3"} (with {@code " (in name)"} for a
     * method or class the snippet declares) for a JShell snippet; {@code "com.example.Gen.apply,
     * line 12"} for a frame without a source file name.
     *
     * @throws NullPointerException if {@code frame} is null
     */
    public static String of(StackWalker.StackFrame frame) {
        String className = frame.getClassName();
        if (isJShell(className)) {
            return jshell(frame);
        }
        String file = frame.getFileName();
        if (file == null || file.isEmpty()) {
            return className + "." + frame.getMethodName() + ", " + line(frame.getLineNumber());
        }
        return file + ":" + frame.getLineNumber();
    }

    /** Whether {@code className} is a JShell snippet's wrapper class or a class nested in one. */
    public static boolean isJShell(String className) {
        return className.startsWith(JSHELL_PACKAGE + "." + JSHELL_WRAPPER)
                || className.startsWith(JSHELL_WRAPPER);
    }

    private static String line(int line) {
        return line > 0 ? "line " + line : "line unknown";
    }

    private static String jshell(StackWalker.StackFrame frame) {
        Class<?> wrapper = null;
        try {
            wrapper = frame.getDeclaringClass();
            while (wrapper.getEnclosingClass() != null) {
                wrapper = wrapper.getEnclosingClass();
            }
        } catch (UnsupportedOperationException e) {
            wrapper = null; // a walker without RETAIN_CLASS_REFERENCE: the class is not known
        }
        String method = frame.getMethodName();
        boolean snippetBody = method.startsWith("do_it$") || method.startsWith("lambda$")
                || method.equals("<clinit>");
        String in = snippetBody ? "" : " (in " + method + ")";
        int firstLine = wrapper == null ? -1 : firstLine(wrapper);
        int line = frame.getLineNumber();
        if (firstLine < 0 || line < firstLine) {
            return "jshell snippet" + in + ", line " + line + " of its wrapper class";
        }
        return "jshell snippet, line " + (line - firstLine + 1) + in;
    }

    /**
     * The wrapper line holding the snippet's first line: 5 for a statement (a {@code do_it$}
     * method and no fields) and for declarations of methods and classes (no {@code do_it$}); 7
     * for a variable (a field, and {@code do_it$} or, for {@code var}, {@code do_it$Aux}); 8 for
     * an expression (its value in a field {@code $1}, {@code $2}, ...); -1 if the members fit none
     * of these.
     */
    private static int firstLine(Class<?> wrapper) {
        boolean doIt = false;
        boolean aux = false;
        for (Method method : wrapper.getDeclaredMethods()) {
            doIt |= method.getName().equals("do_it$");
            aux |= method.getName().equals("do_it$Aux");
        }
        if (!doIt) {
            return 5;
        }
        if (aux) {
            return 7;
        }
        int fields = 0;
        boolean value = false;
        for (Field field : wrapper.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                fields++;
                value |= field.getName().matches("\\$\\d+");
            }
        }
        if (fields == 0) {
            return 5;
        }
        if (fields == 1) {
            return value ? 8 : 7;
        }
        return -1;
    }
}

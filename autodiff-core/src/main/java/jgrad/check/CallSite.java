package jgrad.check;

import com.google.common.collect.ImmutableSet;
import java.util.Optional;
import jgrad.core.SourcePosition;

/** Where a check was created: the first caller outside the checking library's own classes. */
final class CallSite {

    /** The library's classes (nested classes and lambdas count as their outer class). */
    private static final ImmutableSet<String> LIBRARY = ImmutableSet.of(
            "jgrad.check.GradCheck", "jgrad.check.GradChecker", "jgrad.check.GradCheckReport",
            "jgrad.check.CallSite", "jgrad.check.Differences", "jgrad.check.jqwik.GradProperties");

    private static final StackWalker WALKER =
            StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private CallSite() {}

    /**
     * {@code "MyTest.java:42"}, {@code "jshell snippet, line 3"} in JShell, as {@link
     * SourcePosition#of} names it; "unknown" if no frame is outside the library.
     */
    static String caller() {
        Optional<StackWalker.StackFrame> frame = WALKER.walk(frames -> frames
                .filter(f -> !LIBRARY.contains(outer(f.getClassName())))
                .findFirst());
        return frame.map(SourcePosition::of).orElse("unknown");
    }

    private static String outer(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }
}

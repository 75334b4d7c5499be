package jgrad.core;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what one {@link System.Logger} (backed by java.util.logging) publishes while open, for
 * tests of warnings: {@code try (LogCapture log = LogCapture.of("jgrad.core.Autodiff")) {...}}.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private LogCapture(String name) {
        // Held in a field: java.util.logging keeps loggers only weakly.
        logger = Logger.getLogger(name);
        logger.addHandler(handler);
    }

    /** Starts capturing the logger named {@code name}. */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /** The records published so far, oldest first; the list is live. */
    public List<LogRecord> records() {
        return records;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}

package jgrad.core;

/**
 * Thrown in anomaly detection ({@link Autodiff#detectAnomaly}, or {@code -Djgrad.anomaly=true})
 * by the first operation that produces NaN or an infinity from finite inputs. The message names
 * the operation, where user code created it, the input shapes and their value ranges, and in the
 * backward pass the operation whose vjp was running.
 */
public final class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    AnomalyException(String message) {
        super(message);
    }
}

package io.quotewire.stack;

/** A problem the user can act on; the launcher prints its message, not a stack trace. */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}

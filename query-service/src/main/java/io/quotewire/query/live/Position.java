package io.quotewire.query.live;

/**
 * A position in the feed: the inserting transaction's id and the row's sequence number, ordered by both. Written
 * {@code tx.seq}, as the SSE event id.
 */
record Position(long tx, long seq) implements Comparable<Position> {

    static final Position START = new Position(0, 0);

    /** {@code tx.seq}, or an {@link IllegalArgumentException} saying what is wrong. */
    static Position parse(String id) {
        int dot = id == null ? -1 : id.indexOf('.');
        if (dot < 1 || dot == id.length() - 1) {
            throw new IllegalArgumentException("an event id is two whole numbers joined by a dot (as the events' ids), not '"
                    + id + "'");
        }
        try {
            return new Position(Long.parseLong(id.substring(0, dot)), Long.parseLong(id.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an event id is two whole numbers joined by a dot, not '" + id + "'");
        }
    }

    @Override
    public int compareTo(Position o) {
        int c = Long.compare(tx, o.tx);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public String toString() {
        return tx + "." + seq;
    }
}

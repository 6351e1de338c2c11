package io.quotewire.nlp;

import io.quotewire.contract.Fixtures;

/** The two sample articles of the contract, as ingest-service publishes them: the "date YYYY-MM-DD" line removed. */
public final class Seeds {

    /** The first outlet's article on the 2020-08-20 meeting. */
    public static final String FIRST = Fixtures.SAMPLES.get(0);
    /** The second outlet's article on the same meeting. */
    public static final String SECOND = Fixtures.SAMPLES.get(1);

    private Seeds() {
    }

    public static String text(String name) {
        return Fixtures.sampleText(name);
    }
}

package io.quotewire.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a clustering of documents into stories matches the gold events, as {@code ../shared/eval/story_score.py}
 * defines it: BCubed precision, recall and F1 (per document, averaged) and pairwise precision, recall and F1
 * (over pairs of documents put together). A document the system has no story for is a story of its own.
 */
public record StoryScores(double bcubedP, double bcubedR, double bcubedF1, double pairP, double pairR, double pairF1,
        int documents, int goldStories, int systemStories) {

    public static StoryScores of(Map<String, String> gold, Map<String, String> system) {
        List<String> docs = List.copyOf(gold.keySet());
        Map<String, String> sys = new HashMap<>();
        int missing = 0;
        for (String d : docs) {
            String s = system.get(d);
            sys.put(d, s != null ? "s:" + s : "missing:" + missing++);
        }
        Map<String, Integer> goldSize = new HashMap<>(), sysSize = new HashMap<>(), both = new HashMap<>();
        for (String d : docs) {
            goldSize.merge(gold.get(d), 1, Integer::sum);
            sysSize.merge(sys.get(d), 1, Integer::sum);
            both.merge(gold.get(d) + "\u0000" + sys.get(d), 1, Integer::sum);
        }
        double p = 0, r = 0;
        for (String d : docs) {
            int common = both.get(gold.get(d) + "\u0000" + sys.get(d));
            p += (double) common / sysSize.get(sys.get(d));
            r += (double) common / goldSize.get(gold.get(d));
        }
        p /= docs.size();
        r /= docs.size();
        long goldPairs = goldSize.values().stream().mapToLong(StoryScores::pairs).sum();
        long sysPairs = sysSize.values().stream().mapToLong(StoryScores::pairs).sum();
        long commonPairs = both.values().stream().mapToLong(StoryScores::pairs).sum();
        double pp = sysPairs == 0 ? 0 : (double) commonPairs / sysPairs;
        double pr = goldPairs == 0 ? 0 : (double) commonPairs / goldPairs;
        return new StoryScores(p, r, f1(p, r), pp, pr, f1(pp, pr), docs.size(), goldSize.size(), sysSize.size());
    }

    /** Each figure's mean over several clusterings of the same documents (the stream in several orders). */
    public static StoryScores mean(List<StoryScores> runs) {
        int n = runs.size();
        return new StoryScores(runs.stream().mapToDouble(StoryScores::bcubedP).sum() / n,
                runs.stream().mapToDouble(StoryScores::bcubedR).sum() / n,
                runs.stream().mapToDouble(StoryScores::bcubedF1).sum() / n,
                runs.stream().mapToDouble(StoryScores::pairP).sum() / n,
                runs.stream().mapToDouble(StoryScores::pairR).sum() / n,
                runs.stream().mapToDouble(StoryScores::pairF1).sum() / n, runs.get(0).documents(), runs.get(0).goldStories(),
                (int) Math.round(runs.stream().mapToInt(StoryScores::systemStories).average().orElse(0)));
    }

    private static long pairs(int n) {
        return (long) n * (n - 1) / 2;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
        return String.format("docs=%d gold_stories=%d system_stories=%d%npairwise P=%.3f R=%.3f F1=%.3f%nBCubed P=%.3f R=%.3f F1=%.3f",
                documents, goldStories, systemStories, pairP, pairR, pairF1, bcubedP, bcubedR, bcubedF1);
    }
}

package io.sparkrnn.caption;

import java.util.ArrayList;
import java.util.List;

/**
 * What a scene shows: item class {@code a} in a relation to item class {@code b}. It is both the
 * caption ("an ankle boot left of a bag") and the group of the captions table, so that a held-out
 * combination never appears in training: a captioner that writes it for a test scene has
 * composed words it saw only in other combinations.
 */
public record SceneCombination(int a, Relation relation, int b) implements Comparable<SceneCombination> {
    /** Where item a is relative to item b. */
    public enum Relation {
        /** A in the left half, B in the right, both vertically centred. */
        LEFT_OF("left of"),
        /** A in the top half, B in the bottom, both horizontally centred. */
        ABOVE("above");

        private final String words;

        Relation(String words) {
            this.words = words;
        }

        /** The words of the caption and the group: "left of", "above". */
        public String words() {
            return words;
        }
    }

    /** Every (A, relation, B) over the classes, A = B included: classes^2 x 2. */
    public static List<SceneCombination> all(List<Integer> classes) {
        List<SceneCombination> all = new ArrayList<>();
        for (Relation r : Relation.values()) {
            for (int a : classes) {
                for (int b : classes) {
                    all.add(new SceneCombination(a, r, b));
                }
            }
        }
        return all;
    }

    /** The caption: "a sneaker left of a bag", "an ankle boot above a dress". */
    public String caption() {
        return FashionClasses.withArticle(a) + " " + relation.words() + " " + FashionClasses.withArticle(b);
    }

    /** The group key of the captions table: "sneaker|left of|bag". */
    public String group() {
        return FashionClasses.name(a) + "|" + relation.words() + "|" + FashionClasses.name(b);
    }

    @Override
    public int compareTo(SceneCombination o) {
        int c = relation.compareTo(o.relation);
        c = c != 0 ? c : Integer.compare(a, o.a);
        return c != 0 ? c : Integer.compare(b, o.b);
    }
}

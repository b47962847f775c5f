package io.sparkrnn.lm;


import java.io.Serializable;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into the model's tokens. Tokens never cross a line break, so text cut at line
 * boundaries (as Spark's partitions are) tokenizes exactly as the whole text would.
 */
public interface Tokenizer extends Serializable {

    /** Calls {@code out} with each token of {@code text}, in order. */
    void tokenize(CharSequence text, Consumer<String> out);

    static Tokenizer of(LmConfig.Level level) {
        return level == LmConfig.Level.CHAR ? new Chars() : new Words();
    }

    /** One token per Unicode code point (a surrogate pair is one token). */
    final class Chars implements Tokenizer {
        private static final long serialVersionUID = 1L;

        @Override
        public void tokenize(CharSequence text, Consumer<String> out) {
            int i = 0;
            int n = text.length();
            while (i < n) {
                int cp = Character.codePointAt(text, i);
                int len = Character.charCount(cp);
                out.accept(text.subSequence(i, i + len).toString());
                i += len;
            }
        }
    }

    /**
     * Words (letters and digits, with inner apostrophes as in "don't"), single punctuation
     * marks, and line breaks; other white space only separates tokens.
     */
    final class Words implements Tokenizer {
        private static final long serialVersionUID = 1L;
        private static final Pattern TOKEN =
                Pattern.compile("\\n|[\\p{L}\\p{N}]+(?:['\u2019][\\p{L}\\p{N}]+)*|[^\\s]");

        @Override
        public void tokenize(CharSequence text, Consumer<String> out) {
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                out.accept(m.group());
            }
        }
    }
}

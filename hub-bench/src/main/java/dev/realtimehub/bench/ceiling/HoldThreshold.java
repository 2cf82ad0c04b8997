package dev.realtimehub.bench.ceiling;

/**
 * How many unwritable subscribers the ceiling tolerates before it holds its publishers: a fixed count ({@code N}), or
 * a share of the connected subscribers ({@code P%}; {@code 50%} holds while the typical subscriber is unwritable, the
 * rule the hub applies to its typical backlog).
 *
 * @param count publishes wait while more than this many are unwritable (when {@code percent} is negative)
 * @param percent publishes wait while more than this share of the connected subscribers is unwritable (0..100), or -1
 */
public record HoldThreshold(int count, int percent) {

    /** Hold while any subscriber is unwritable. */
    public static final HoldThreshold ANY = new HoldThreshold(0, -1);

    public HoldThreshold {
        if (percent < 0 && count < 0) {
            throw new IllegalArgumentException("--hold-above: expected a count ≥ 0 but was " + count);
        }
        if (percent > 100) {
            throw new IllegalArgumentException("--hold-above: expected a share of 0% to 100% but was " + percent + "%");
        }
    }

    /** Parses {@code N} or {@code P%}; a message naming {@code --hold-above} otherwise. */
    public static HoldThreshold parse(String text) {
        String value = text.strip();
        try {
            if (value.endsWith("%")) {
                int percent = Integer.parseInt(value.substring(0, value.length() - 1).strip());
                if (percent < 0) {
                    throw new IllegalArgumentException("--hold-above: expected a share of 0% to 100% but was " + text);
                }
                return new HoldThreshold(0, percent);
            }
            return new HoldThreshold(Integer.parseInt(value), -1);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--hold-above: expected a count (e.g. 100) or a share of the subscribers"
                    + " (e.g. 50%) but was '" + text + "'");
        }
    }

    /** The most unwritable subscribers that do not hold publishes, with {@code connected} subscribers connected. */
    int limit(int connected) {
        return percent < 0 ? count : (int) ((long) connected * percent / 100);
    }

    @Override
    public String toString() {
        return percent < 0 ? Integer.toString(count) : percent + "%";
    }
}

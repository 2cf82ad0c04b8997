package dev.realtimehub.bench.soak;

/**
 * How far a series may move and still count as flat: {@code relative} of its early level plus {@code absolute} (in
 * the series' unit), so that small absolute noise on a small value (a few file descriptors) is not called growth.
 *
 * <p>Immutable.
 */
record Tolerance(double relative, double absolute) {

    Tolerance {
        if (!(relative >= 0) || !(absolute >= 0)) {
            throw new IllegalArgumentException("relative and absolute must be >= 0, were " + relative + " and "
                    + absolute);
        }
    }

    /** The movement allowed from {@code early}. */
    double allowedFrom(double early) {
        return relative * Math.abs(early) + absolute;
    }
}

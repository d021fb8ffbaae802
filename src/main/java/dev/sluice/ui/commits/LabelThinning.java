package dev.sluice.ui.commits;

import java.util.BitSet;
import java.util.function.IntToDoubleFunction;

/**
 * Which labels along a line to draw so that none overlaps another: the ones that must stay (the
 * first, the last, the highlighted) always, then, left to right, each that clears its drawn
 * neighbours. Pure arithmetic over measured widths, so it is tested without a toolkit.
 */
final class LabelThinning {

    private LabelThinning() {
    }

    /**
     * @param left  each label's left edge, ascending
     * @param width each label's measured width
     * @param gap   the least space between two labels drawn
     * @param must  the labels drawn whatever they overlap
     * @return the labels to draw
     */
    static BitSet keep(double[] left, double[] width, double gap, BitSet must) {
        return keep(left, i -> width[i], gap, must);
    }

    /**
     * As {@link #keep(double[], double[], double, BitSet)}, measuring a label only when it is drawn or clears its
     * left neighbour: a version line of a hundred thousand versions measured each of them every pulse.
     */
    static BitSet keep(double[] left, IntToDoubleFunction width, double gap, BitSet must) {
        int n = left.length;
        BitSet keep = new BitSet(n);
        keep.or(must);
        double lastRight = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (keep.get(i)) {
                lastRight = Math.max(lastRight, left[i] + width.applyAsDouble(i));
                continue;
            }
            if (left[i] < lastRight + gap) {
                continue; // does not clear its left neighbour: its width does not matter
            }
            int nextMust = must.nextSetBit(i + 1);
            double w = width.applyAsDouble(i);
            if (nextMust < 0 || left[i] + w + gap <= left[nextMust]) {
                keep.set(i);
                lastRight = left[i] + w;
            }
        }
        return keep;
    }
}

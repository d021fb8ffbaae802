package dev.sluice.ui.commits;

import java.util.BitSet;

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
        int n = left.length;
        BitSet keep = new BitSet(n);
        keep.or(must);
        double lastRight = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (keep.get(i)) {
                lastRight = Math.max(lastRight, left[i] + width[i]);
                continue;
            }
            int nextMust = must.nextSetBit(i + 1);
            boolean clearsLeft = left[i] >= lastRight + gap;
            boolean clearsRight = nextMust < 0 || left[i] + width[i] + gap <= left[nextMust];
            if (clearsLeft && clearsRight) {
                keep.set(i);
                lastRight = left[i] + width[i];
            }
        }
        return keep;
    }
}

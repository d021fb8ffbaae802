package dev.sluice.ui.commits;

/** Sorts positions by a primitive key without boxing: millions of attempts, two int arrays. */
final class StableIndexSort {

    private StableIndexSort() {
    }

    /** The positions 0..keys.length-1 in ascending order of key; equal keys keep their order. */
    static int[] byKey(long[] keys) {
        int n = keys.length;
        int[] order = new int[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            sorted &= i == 0 || keys[i - 1] <= keys[i];
        }
        if (sorted) {
            return order; // the usual case: attempts were recorded as they started
        }
        int[] from = order;
        int[] to = new int[n];
        for (int width = 1; width < n; width *= 2) { // bottom-up merge sort: stable, n log n
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                for (int k = lo; k < hi; k++) {
                    to[k] = a < mid && (b >= hi || keys[from[a]] <= keys[from[b]]) ? from[a++] : from[b++];
                }
            }
            int[] swap = from;
            from = to;
            to = swap;
        }
        return from;
    }
}

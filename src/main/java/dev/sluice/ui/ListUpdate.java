package dev.sluice.ui;

import java.util.List;
import javafx.collections.ObservableList;

/**
 * Brings an observable list (a table's items) to new contents by replacing only the run of items
 * between the common prefix and the common suffix. {@code setAll} on every refresh made the table
 * rebuild and restyle every visible cell each pulse, even when one row was added at the end.
 */
public final class ListUpdate {

    /** Up to this many changed rows are set one by one; more go as one removal and one addition. */
    private static final int FEW = 16;

    private ListUpdate() {
    }

    /** Makes {@code target} equal to {@code fresh}, firing one change for the differing middle (none when equal). */
    public static <T> void replace(ObservableList<T> target, List<T> fresh) {
        int oldSize = target.size();
        int newSize = fresh.size();
        int prefix = 0;
        int most = Math.min(oldSize, newSize);
        while (prefix < most && target.get(prefix).equals(fresh.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < most - prefix && target.get(oldSize - 1 - suffix).equals(fresh.get(newSize - 1 - suffix))) {
            suffix++;
        }
        if (prefix == oldSize && prefix == newSize) {
            return;
        }
        List<T> middle = fresh.subList(prefix, newSize - suffix);
        if (oldSize - suffix - prefix == middle.size() && middle.size() <= FEW) {
            for (int i = 0; i < middle.size(); i++) {
                target.set(prefix + i, middle.get(i));
            }
        } else if (prefix == 0 && suffix == 0) {
            target.setAll(fresh);
        } else {
            if (oldSize - suffix > prefix) {
                target.remove(prefix, oldSize - suffix);
            }
            if (!middle.isEmpty()) {
                target.addAll(prefix, middle);
            }
        }
    }
}

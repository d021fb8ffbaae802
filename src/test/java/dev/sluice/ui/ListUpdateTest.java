package dev.sluice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** A table's items reach the new contents with changes only where they differ. */
class ListUpdateTest {

    private final ObservableList<String> rows = FXCollections.observableArrayList("a", "b", "c", "d");
    private final List<String> changes = new ArrayList<>();

    ListUpdateTest() {
        rows.addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                changes.add(c.getFrom() + ":" + c.getRemovedSize() + "-" + c.getAddedSize());
            }
        });
    }

    @Test
    void equalContentsFireNothing() {
        ListUpdate.replace(rows, List.of("a", "b", "c", "d"));
        assertEquals(List.of(), changes);
    }

    @Test
    void anAppendedRowIsOneAddition() {
        ListUpdate.replace(rows, List.of("a", "b", "c", "d", "e"));
        assertEquals(List.of("a", "b", "c", "d", "e"), rows);
        assertEquals(List.of("4:0-1"), changes);
    }

    @Test
    void aChangedRowInTheMiddleIsReplacedAlone() {
        ListUpdate.replace(rows, List.of("a", "B", "c", "d"));
        assertEquals(List.of("a", "B", "c", "d"), rows);
        assertEquals(List.of("1:1-1"), changes);
    }

    @Test
    void insertionsAndRemovalsTouchOnlyTheMiddle() {
        ListUpdate.replace(rows, List.of("a", "x", "y", "d"));
        ListUpdate.replace(rows, List.of("a", "d"));
        ListUpdate.replace(rows, List.of("z"));
        assertEquals(List.of("z"), rows);
        assertEquals(List.of("1:1-1", "2:1-1", "1:2-0", "0:2-1"), changes);
    }
}

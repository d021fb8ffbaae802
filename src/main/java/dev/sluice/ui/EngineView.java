package dev.sluice.ui;

import dev.sluice.event.Engine;
import dev.sluice.ui.commits.CommitsView;
import dev.sluice.ui.commits.CommitsViewModel;
import dev.sluice.ui.loops.LoopsView;
import dev.sluice.ui.loops.LoopsViewModel;
import dev.sluice.ui.timeline.TimelineView;
import dev.sluice.ui.timeline.TimelineViewModel;
import dev.sluice.ui.windows.WindowsView;
import dev.sluice.ui.windows.WindowsViewModel;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.scene.Parent;

/**
 * One engine's view: its tab's title and tooltip, its View class (loaded from its FXML) and its
 * ViewModel on the session's {@link ViewPort}. {@link #ALL} is the registration: the shell makes a
 * tab per entry, in this order, so adding an engine's view is its own package and one line there.
 *
 * @param <V> the View (an FXML controller)
 * @param <M> its ViewModel
 */
public record EngineView<V, M>(Engine engine, String title, String tooltip, Class<V> view,
                               Function<ViewPort, M> viewModel, BiConsumer<V, M> bind) {

    /** Every engine's view, in tab order (after the timeline, which shows them all). */
    public static final List<EngineView<?, ?>> ALL = List.of(
            new EngineView<>(Engine.S3, "Event loops (S3)",
                    "S3: threads grouped by client, client lifetimes, each request's path",
                    LoopsView.class, LoopsViewModel::new, LoopsView::bind),
            new EngineView<>(Engine.FLIGHT, "HTTP/2 windows (Flight)",
                    "Flight: HTTP/2 receive and send windows per connection and stream",
                    WindowsView.class, WindowsViewModel::new, WindowsView::bind),
            new EngineView<>(Engine.DELTA, "Commits (Delta)",
                    "Delta: each writer's commit attempts, conflicts and the verify result",
                    CommitsView.class, CommitsViewModel::new, CommitsView::bind));

    /** The timeline: every engine on one clock (the console's first tab, the compare window's too). */
    public static final EngineView<TimelineView, TimelineViewModel> TIMELINE = new EngineView<>(Engine.APP, "Timeline",
            "All engines on one clock: activity, findings and marks side by side", TimelineView.class,
            TimelineViewModel::new, TimelineView::bind);

    /** A built view: its tab's content and its ViewModel. */
    public record Built(EngineView<?, ?> spec, Parent root, Object viewModel) { }

    /** Loads the View, makes its ViewModel on {@code port} and binds them; FX thread. */
    public Built build(ViewPort port) {
        ViewLoader.Loaded<V> loaded = ViewLoader.load(view);
        M model = viewModel.apply(port);
        bind.accept(loaded.view(), model);
        return new Built(this, loaded.root(), model);
    }
}

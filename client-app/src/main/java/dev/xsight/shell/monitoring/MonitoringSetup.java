package dev.xsight.shell.monitoring;

import dev.xsight.shell.ShellView;
import dev.xsight.shell.ShellViewModel;
import dev.xsight.shell.pipeline.PipelineViewModel;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseEvent;

/**
 * Wires the monitoring tools into a shell: the scopes panel beside the viewer, the guide overlay over the picture,
 * the mouse → picture-pixel mapping of the pixel probe, and loaded FDLs into the framing guides.
 */
public final class MonitoringSetup {
    private MonitoringSetup() {
    }

    /**
     * @param start the tools on at start (the CLI's {@code demo --scopes --overlay})
     * @param compute where the scopes are counted
     */
    public static MonitoringViewModel attach(ShellViewModel vm, ShellView view, PipelineViewModel display,
            MonitoringOptions start, ScopeFeed.Compute compute) {
        MonitoringViewModel m = new MonitoringViewModel(vm, compute);
        view.setScopesPanel(new ScopePanel(m));
        GuideOverlay guides = new GuideOverlay(m);
        view.setViewerOverlay(guides, null);
        display.setFramingSink(m::setFraming);
        Node picture = view.picture();
        double[] last = {Double.NaN, Double.NaN};
        Runnable probe = () -> {
            int[] px = pixelAt(view, m, last[0], last[1]);
            m.probeAt(px[0], px[1]);
        };
        // A filter on the viewer, so the probe also works while the drawing layer lies over the picture.
        picture.getParent().addEventFilter(MouseEvent.MOUSE_MOVED, e -> {
            last[0] = e.getSceneX();
            last[1] = e.getSceneY();
            probe.run();
        });
        picture.getParent().addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> {
            last[0] = e.getSceneX();
            last[1] = e.getSceneY();
            probe.run();
        });
        picture.getParent().addEventFilter(MouseEvent.MOUSE_EXITED, e -> {
            last[0] = Double.NaN;
            probe.run();
        });
        // Live pictures change under a still cursor: read the probe again for every new picture.
        vm.timecodeProperty().addListener((o, was, is) -> probe.run());
        m.probeProperty().addListener((o, was, is) -> probe.run());
        m.apply(start);
        if (start.fdl() != null) {
            display.load(start.fdl());
        }
        return m;
    }

    /**
     * The shown picture's pixel under scene point ({@code sx}, {@code sy}): the image view keeps the picture's
     * aspect ratio, so its layout bounds are the picture itself (the letterbox is the viewer around it) and the
     * scale is the bounds over the picture size. {-1, -1} outside or before the first picture.
     */
    static int[] pixelAt(ShellView view, MonitoringViewModel m, double sx, double sy) {
        int[] size = m.shownSize();
        if (size == null || Double.isNaN(sx)) {
            return new int[] {-1, -1};
        }
        Point2D p = view.picture().sceneToLocal(sx, sy);
        Bounds b = view.picture().getLayoutBounds();
        if (p == null || b.getWidth() <= 0 || b.getHeight() <= 0) {
            return new int[] {-1, -1};
        }
        double fx = (p.getX() - b.getMinX()) / b.getWidth(), fy = (p.getY() - b.getMinY()) / b.getHeight();
        if (fx < 0 || fy < 0 || fx >= 1 || fy >= 1) {
            return new int[] {-1, -1};
        }
        return new int[] {(int) (fx * size[0]), (int) (fy * size[1])};
    }
}

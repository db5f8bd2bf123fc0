package dev.berth.gui.upgrade;

import atlantafx.base.theme.Styles;
import dev.berth.config.diff.ComposeChange;
import dev.berth.gui.common.Messages;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The semantic compose summary of an upgrade, grouped: images, services, ports, volumes,
 * environment, networks. Values come masked from the diff. Node id: {@code #upgrade-compose}; each
 * group {@code #compose-<group>}.
 */
final class ComposeSummary extends VBox {

    /** The groups, in the order shown. */
    enum Group {
        IMAGES,
        SERVICES,
        PORTS,
        VOLUMES,
        ENVIRONMENT,
        NETWORKS
    }

    ComposeSummary(List<ComposeChange> changes, Messages m) {
        super(8);
        setId("upgrade-compose");
        getStyleClass().add("compose-summary");
        Map<Group, List<String>> lines = lines(changes, m);
        if (lines.isEmpty()) {
            Label none = new Label(m.get("compose.none"));
            none.getStyleClass().add(Styles.TEXT_MUTED);
            getChildren().add(none);
            return;
        }
        for (var e : lines.entrySet()) {
            String g = e.getKey().name().toLowerCase(Locale.ROOT);
            Label title = new Label(m.get("compose.group." + g));
            title.getStyleClass().add(Styles.TEXT_BOLD);
            VBox box = new VBox(3, title);
            box.setId("compose-" + g);
            for (String line : e.getValue()) {
                Label l = new Label("• " + line);
                l.setWrapText(true);
                l.getStyleClass().add("monospace");
                box.getChildren().add(l);
            }
            getChildren().add(box);
        }
    }

    /** Each change as a line in the user's language, by group. */
    static Map<Group, List<String>> lines(List<ComposeChange> changes, Messages m) {
        Map<Group, List<String>> out = new EnumMap<>(Group.class);
        for (ComposeChange c : changes) {
            Group g = switch (c) {
                case ComposeChange.ImageChanged x -> Group.IMAGES;
                case ComposeChange.ServiceAdded x -> Group.SERVICES;
                case ComposeChange.ServiceRemoved x -> Group.SERVICES;
                case ComposeChange.PortsChanged x -> Group.PORTS;
                case ComposeChange.MountsChanged x -> Group.VOLUMES;
                case ComposeChange.VolumeAdded x -> Group.VOLUMES;
                case ComposeChange.VolumeRemoved x -> Group.VOLUMES;
                case ComposeChange.EnvironmentChanged x -> Group.ENVIRONMENT;
                case ComposeChange.NetworkAdded x -> Group.NETWORKS;
                case ComposeChange.NetworkRemoved x -> Group.NETWORKS;
            };
            out.computeIfAbsent(g, k -> new ArrayList<>()).add(line(c, m));
        }
        return out;
    }

    static String line(ComposeChange c, Messages m) {
        return switch (c) {
            case ComposeChange.ImageChanged x -> m.get("compose.image", x.service(), x.before(), x.after());
            case ComposeChange.ServiceAdded x -> m.get("compose.service.added", x.service(), x.image());
            case ComposeChange.ServiceRemoved x -> m.get("compose.service.removed", x.service(), x.image());
            case ComposeChange.PortsChanged x ->
                m.get("compose.ports", x.service(), joined(x.removed()), joined(x.added()));
            case ComposeChange.MountsChanged x ->
                m.get("compose.mounts", x.service(), joined(x.removed()), joined(x.added()));
            case ComposeChange.VolumeAdded x -> m.get("compose.volume.added", x.name());
            case ComposeChange.VolumeRemoved x -> m.get("compose.volume.removed", x.name());
            case ComposeChange.EnvironmentChanged x ->
                x.before().isEmpty()
                        ? m.get(
                                "compose.env.added",
                                x.service(),
                                x.key(),
                                x.after().orElse(""))
                        : x.after().isEmpty()
                                ? m.get("compose.env.removed", x.service(), x.key())
                                : m.get(
                                        "compose.env.changed",
                                        x.service(),
                                        x.key(),
                                        x.before().get(),
                                        x.after().get());
            case ComposeChange.NetworkAdded x -> m.get("compose.network.added", x.name());
            case ComposeChange.NetworkRemoved x -> m.get("compose.network.removed", x.name());
        };
    }

    private static String joined(List<String> items) {
        return items.isEmpty() ? "—" : String.join(", ", items);
    }
}

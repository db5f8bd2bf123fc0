package dev.berth.release.apps;

import dev.berth.release.Version;
import java.util.List;
import java.util.Optional;

/**
 * An install recognised as a known app.
 *
 * @param profile the app's built-in profile
 * @param confidence how sure the match is: the strongest rule that matched
 * @param reasons what matched, for people ("image mattermost/mattermost-team-edition:10.5.2")
 * @param version the app's version, when the profile says where to read it and the install has it
 */
public record Match(Profile profile, Confidence confidence, List<String> reasons, Optional<Version> version) {

    public Match {
        reasons = List.copyOf(reasons);
    }

    /**
     * One line for the user: {@code Recognised: Mattermost 10.5.2} for a high-confidence match,
     * {@code Probably Plane v0.28.0} for a medium one, {@code Possibly OpenIM} for a weak one; the
     * version is left out when unknown.
     */
    public String display() {
        String lead = switch (confidence) {
            case HIGH -> "Recognised: ";
            case MEDIUM -> "Probably ";
            case LOW -> "Possibly ";
        };
        return lead + profile.name() + version.map(v -> " " + v.raw()).orElse("");
    }
}

package dev.berth.release;

import java.util.List;
import java.util.Optional;

/**
 * A template the release ships and the file the user keeps from it: {@code .env.example → .env},
 * {@code deployments/templates/openim.yaml → config/config.yaml}. Berth creates the user file from
 * the template on install and merges template changes into it on upgrade.
 *
 * @param template path of the template in the release, relative to its root
 * @param file path of the user's file in the install folder, relative to it
 * @param format how the pair is merged; from the manifest or inferred from the file name
 * @param movedFrom where this pair lived in earlier releases, newest first
 */
public record TemplateSpec(String template, String file, TemplateFormat format, List<TemplateSpec.Location> movedFrom) {

    public TemplateSpec {
        movedFrom = List.copyOf(movedFrom);
    }

    /**
     * An earlier location of a template pair. A plain string in the manifest is an earlier path of
     * the user's file; a mapping may name the earlier template path, the earlier file path or both.
     *
     * @param template the template's path in an earlier release, if it differed
     * @param file the user file's path in an earlier install, if it differed
     */
    public record Location(Optional<String> template, Optional<String> file) {}
}

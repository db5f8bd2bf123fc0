package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.Settings;
import dev.berth.gui.home.InstallRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Format;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The bundles stay complete and consistent as texts are added: the app's own ({@code messages}) and
 * the engine's ({@code texts}, which the app renders through {@link Messages#text}).
 */
class MessagesTest {
    private static final Map<String, String> BUNDLES = Map.of(
            "en", "messages.properties",
            "zh_CN", "messages_zh_CN.properties",
            "fr", "messages_fr.properties",
            "ja", "messages_ja.properties");

    /** The folder and base name of each family of bundles. */
    private static final List<String> FAMILIES = List.of("/dev/berth/gui/messages", "/dev/berth/engine/texts");

    /** Values that are the same in every language (names, examples, pure placeholders). */
    private static final Set<String> SAME_EVERYWHERE = Set.of(
            "app.name",
            "app.title",
            "home.state",
            "home.app",
            "settings.scan.prompt",
            "settings.section.docker",
            "hosts.key.prompt",
            "hosts.result.failed",
            "wizard.step",
            "about.runtime",
            "unit.bytes",
            "unit.kb",
            "unit.mb",
            "unit.gb",
            "unit.tb",
            "size.kb",
            "size.mb",
            "size.gb",
            "size.tb",
            "home.col.version",
            "about.version",
            "nav.access",
            "secret.hidden.access",
            "duration.seconds",
            "duration.minutes",
            "duration.hours",
            "diff.counts",
            "plan.check.ok",
            "plan.step",
            "upgrade.env.default",
            "upgrade.conflict.where",
            "upgrade.backup.database",
            "restore.details",
            "env.field.access",
            "restore.col.date",
            "restore.part.volume",
            "compose.group.images",
            "compose.group.services",
            "compose.group.volumes",
            "logs.service",
            "env.badge.secret",
            "env.type.port",
            "release.prompt.git",
            "run.item.bytes",
            "run.item.count",
            // the engine's: a step and the version of its hop
            "step.of.version");

    private static Properties load(String file) throws IOException {
        return load("/dev/berth/gui/messages", file);
    }

    /** A bundle of {@code family} by its file name in {@link #BUNDLES} ("messages_fr.properties"). */
    private static Properties load(String family, String file) throws IOException {
        String path = family + file.substring("messages".length());
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyBundleHasExactlyTheKeysOfTheEnglishOne() throws IOException {
        for (String family : FAMILIES) {
            everyBundleHasExactlyTheKeysOfTheEnglishOne(family);
        }
    }

    private static void everyBundleHasExactlyTheKeysOfTheEnglishOne(String family) throws IOException {
        Set<String> english = load(family, BUNDLES.get("en")).stringPropertyNames();
        for (var e : BUNDLES.entrySet()) {
            Set<String> keys = load(family, e.getValue()).stringPropertyNames();
            Set<String> missing = new TreeSet<>(english);
            missing.removeAll(keys);
            Set<String> extra = new TreeSet<>(keys);
            extra.removeAll(english);
            assertThat(missing).as(family + ": keys missing in " + e.getKey()).isEmpty();
            assertThat(extra).as(family + ": keys only in " + e.getKey()).isEmpty();
        }
    }

    @Test
    void everyPatternParsesAndUsesTheSameArgumentsAsTheEnglishOne() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String family : FAMILIES) {
            Properties english = load(family, BUNDLES.get("en"));
            for (var e : BUNDLES.entrySet()) {
                Properties p = load(family, e.getValue());
                for (String key : p.stringPropertyNames()) {
                    Set<Integer> args = arguments(p.getProperty(key));
                    Set<Integer> expected = arguments(english.getProperty(key, ""));
                    if (!args.equals(expected)) {
                        wrong.add(e.getKey() + " " + key + ": " + args + " but English has " + expected);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Argument indexes a pattern uses, through MessageFormat itself (nested choice patterns too). */
    private static Set<Integer> arguments(String pattern) {
        MessageFormat f = new MessageFormat(pattern, Locale.ROOT);
        Set<Integer> used = new TreeSet<>();
        Format[] byArg = f.getFormatsByArgumentIndex();
        // getFormatsByArgumentIndex has one slot per index up to the highest used one.
        // 1 against 7 too: a count used only in a plural choice ("is"/"are") shows only there.
        for (int i = 0; i < byArg.length; i++) {
            Object[] probe = new Object[byArg.length];
            for (int j = 0; j < probe.length; j++) {
                probe[j] = j == i ? 7 : 3;
            }
            String a = f.format(probe);
            probe[i] = 8;
            String b = f.format(probe);
            probe[i] = 1;
            if (!a.equals(b) || !a.equals(f.format(probe))) {
                used.add(i);
            }
        }
        return used;
    }

    @Test
    void noPatternHasAStraySingleQuoteThatMessageFormatWouldSwallow() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String family : FAMILIES) {
            for (var e : BUNDLES.entrySet()) {
                Properties p = load(family, e.getValue());
                for (String key : p.stringPropertyNames()) {
                    String v = p.getProperty(key);
                    if (v.replace("''", "").contains("'")) {
                        wrong.add(e.getKey() + " " + key);
                    }
                }
            }
        }
        assertThat(wrong).as("write ’ or '' instead of '").isEmpty();
    }

    @Test
    void translationsAreRealNotCopiesOfTheEnglishText() throws IOException {
        Map<String, List<String>> copied = new TreeMap<>();
        for (String family : FAMILIES) {
            Properties english = load(family, BUNDLES.get("en"));
            for (var e : BUNDLES.entrySet()) {
                if (e.getKey().equals("en")) {
                    continue;
                }
                Properties p = load(family, e.getValue());
                for (String key : p.stringPropertyNames()) {
                    if (!SAME_EVERYWHERE.contains(key) && p.getProperty(key).equals(english.getProperty(key))) {
                        copied.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(key);
                    }
                }
            }
        }
        assertThat(copied).isEmpty();
    }

    @Test
    void keysBuiltFromEnumsAllExist() throws IOException {
        Properties english = load(BUNDLES.get("en"));
        List<String> needed = new ArrayList<>();
        for (Settings.Kind k : Settings.Kind.values()) {
            needed.add("problem." + k.name().toLowerCase(Locale.ROOT));
        }
        for (Page p : Page.values()) {
            if (p.inNavigation()) {
                needed.add("nav." + p.id());
                needed.add("nav." + p.id() + ".help");
            }
        }
        for (InstallRow.RunState s : InstallRow.RunState.values()) {
            needed.add("state." + s.name().toLowerCase(Locale.ROOT));
        }
        for (InstallRow.Health h : InstallRow.Health.values()) {
            needed.add("health." + h.name().toLowerCase(Locale.ROOT));
        }
        for (ProgressModel.StepState s : ProgressModel.StepState.values()) {
            needed.add("progress.step." + s.name().toLowerCase(Locale.ROOT));
        }
        for (Settings.Theme t : Settings.Theme.values()) {
            needed.add("settings.theme." + t.key());
        }
        for (dev.berth.gui.settings.HostsViewModel.Auth a : dev.berth.gui.settings.HostsViewModel.Auth.values()) {
            needed.add("hosts.auth." + a.name().toLowerCase(Locale.ROOT));
        }
        for (dev.berth.gui.settings.HostProbe.Failure f : dev.berth.gui.settings.HostProbe.Failure.values()) {
            needed.add("hosts.failure." + f.name().toLowerCase(Locale.ROOT));
        }
        for (ReleaseChoice.Kind k : ReleaseChoice.Kind.values()) {
            String n = k.name().toLowerCase(Locale.ROOT);
            needed.addAll(List.of("release.kind." + n, "release.kind." + n + ".help", "release.prompt." + n));
        }
        for (dev.berth.release.apps.Confidence c : dev.berth.release.apps.Confidence.values()) {
            needed.add("release.match." + c.name().toLowerCase(Locale.ROOT));
        }
        for (dev.berth.config.env.VariableType t : dev.berth.config.env.VariableType.values()) {
            needed.add("env.type." + t.name().toLowerCase(Locale.ROOT));
        }
        for (EnvField.ProblemKind k : EnvField.ProblemKind.values()) {
            needed.add("env.problem." + k.name().toLowerCase(Locale.ROOT));
        }
        for (dev.berth.gui.install.InstallViewModel.TargetProblem t :
                dev.berth.gui.install.InstallViewModel.TargetProblem.values()) {
            needed.add("install.target." + t.name().toLowerCase(Locale.ROOT));
        }
        for (FileDiff.Change c : FileDiff.Change.values()) {
            needed.add("diff.change." + c.name().toLowerCase(Locale.ROOT));
        }
        for (dev.berth.engine.Plan.Check.Status st : dev.berth.engine.Plan.Check.Status.values()) {
            needed.add("plan.check." + st.name().toLowerCase(Locale.ROOT));
        }
        for (dev.berth.engine.RunStatus st : dev.berth.engine.RunStatus.values()) {
            needed.add("run.outcome." + st.name().toLowerCase(Locale.ROOT));
        }
        for (BackupAccess.PartKind k : BackupAccess.PartKind.values()) {
            needed.add("restore.part." + k.name().toLowerCase(Locale.ROOT));
        }
        for (dev.berth.engine.Plan.Kind k : dev.berth.engine.Plan.Kind.values()) {
            needed.add("resume.kind." + k.name().toLowerCase(Locale.ROOT));
        }
        for (String g : List.of("images", "services", "ports", "volumes", "environment", "networks")) {
            needed.add("compose.group." + g);
        }
        for (String a : List.of("upgrade", "configure", "backup", "restore", "folder", "logs")) {
            needed.addAll(List.of("home.action." + a, "home.action." + a + ".help"));
        }
        for (String c : List.of("take", "keep", "edit")) {
            needed.add("upgrade.conflict." + c + ".help");
        }
        assertThat(english.stringPropertyNames()).containsAll(needed);
    }

    @Test
    void everyNavigationLabelHasAMnemonic() throws IOException {
        for (var e : BUNDLES.entrySet()) {
            Properties p = load(e.getValue());
            for (Page page : Page.values()) {
                if (!page.inNavigation()) {
                    continue;
                }
                assertThat(p.getProperty("nav." + page.id()))
                        .as(e.getKey() + " " + page)
                        .contains("_");
            }
        }
    }

    @Test
    void bundlesLoadForEachLanguageAndEnglishIsTheFallbackNotTheSystemLanguage() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.JAPAN);
            assertThat(Messages.forLocale(Locale.ENGLISH).get("home.demo")).isEqualTo("Try the demo app");
            assertThat(Messages.forLocale(Locale.GERMAN).get("home.demo")).isEqualTo("Try the demo app");
            assertThat(Messages.forLocale(Locale.SIMPLIFIED_CHINESE).get("home.demo"))
                    .isEqualTo("试用演示应用");
            assertThat(Messages.forLocale(Locale.forLanguageTag("zh-Hans-CN")).get("home.demo"))
                    .isEqualTo("试用演示应用");
            assertThat(Messages.forLocale(Locale.FRANCE).get("home.demo")).isEqualTo("Essayer l’application de démo");
            assertThat(Messages.forLocale(Locale.JAPANESE).get("home.demo")).isEqualTo("デモアプリを試す");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void textsWithoutArgumentsComeOutExactlyAsMessageFormatWouldGiveThem() throws IOException {
        for (var e : BUNDLES.entrySet()) {
            Locale locale = e.getKey().equals("en")
                    ? Locale.ENGLISH
                    : Locale.forLanguageTag(e.getKey().replace('_', '-'));
            Messages m = Messages.forLocale(locale);
            Properties p = load(e.getValue());
            for (String key : p.stringPropertyNames()) {
                String pattern = p.getProperty(key);
                if (arguments(pattern).isEmpty()) {
                    assertThat(m.get(key))
                            .as(e.getKey() + " " + key)
                            .isEqualTo(new MessageFormat(pattern, locale).format(new Object[0]));
                }
            }
        }
    }

    @Test
    void mnemonicMarkersAreRemovedForScreenReaders() {
        assertThat(Messages.withoutMnemonic("_Home")).isEqualTo("Home");
        assertThat(Messages.withoutMnemonic("Para_mètres")).isEqualTo("Paramètres");
        assertThat(Messages.withoutMnemonic("主页(_H)")).isEqualTo("主页");
        assertThat(Messages.withoutMnemonic("Docker 主机(_D)")).isEqualTo("Docker 主机");
        assertThat(Messages.withoutMnemonic("Berth について(_A)")).isEqualTo("Berth について");
    }

    @Test
    void argumentsAreFormattedInTheBundlesLanguage() {
        assertThat(Messages.forLocale(Locale.FRENCH).get("unit.mb", 1.5)).isEqualTo("1,5 Mo");
        assertThat(Messages.forLocale(Locale.ENGLISH).get("unit.mb", 1.5)).isEqualTo("1.5 MB");
        assertThat(Messages.forLocale(Locale.ENGLISH).get("settings.status.invalid", 1))
                .isEqualTo("One value needs fixing before you can save.");
        assertThat(Messages.forLocale(Locale.ENGLISH).get("settings.status.invalid", 3))
                .isEqualTo("3 values need fixing before you can save.");
    }
}

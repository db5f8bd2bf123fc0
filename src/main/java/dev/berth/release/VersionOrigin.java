package dev.berth.release;

/** Where a release's version was read from, strongest first. */
public enum VersionOrigin {
    /** {@code version:} in {@code berth.yaml}. */
    MANIFEST,
    /** The folder name, archive name or git tag. */
    SOURCE_NAME,
    /** The tag shared by the app's images in the compose file. */
    IMAGE_TAG,
    /** Nothing looked like a version; the source's name is used as it is. */
    UNKNOWN
}

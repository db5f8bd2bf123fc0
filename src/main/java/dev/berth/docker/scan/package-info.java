/**
 * Discovery of installs: every compose project the engine knows through container labels, plus
 * folders with compose files that have no containers, with their data (bind mounts, named
 * volumes, the env variables that name data folders), sizes and warnings.
 */
package dev.berth.docker.scan;

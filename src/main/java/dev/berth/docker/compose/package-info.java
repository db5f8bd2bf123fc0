/**
 * Runs the compose command line: {@code docker compose} (v2) or {@code docker-compose} (v1),
 * detected with their versions. Commands are typed records that know which flags each
 * generation accepts, so a v2-only flag never reaches v1 (which would print its help and exit 0).
 */
package dev.berth.docker.compose;

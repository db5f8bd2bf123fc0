/**
 * The one adapter to the Docker engine (docker-java) and the compose command line. Nothing outside
 * this package imports docker-java; callers see plain records, listeners and exceptions whose
 * messages say what failed, what state things are in and what to do.
 *
 * <p>{@link dev.berth.docker.DockerEngine} is the entry point: {@link
 * dev.berth.docker.DockerEngine#connect()} finds the engine the way the Docker CLI would and
 * lists every place it tried when none answers.
 */
package dev.berth.docker;

package dev.berth.gui.common;

/**
 * No Docker engine answered. The message is the docker adapter's: a first line saying so, then
 * one line per place tried ({@code - unix:///var/run/docker.sock: connection refused}).
 */
public class DockerUnreachableException extends Exception {
    public DockerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}

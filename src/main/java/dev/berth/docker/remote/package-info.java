/**
 * Remote hosts over SSH (Apache MINA SSHD): files through the server's SFTP {@link
 * java.nio.file.FileSystem}, commands through SSH exec ({@link
 * dev.berth.docker.remote.SshCommandRunner}), the Docker API through a forwarded channel to the
 * server's Docker socket ({@link dev.berth.docker.remote.DockerSocketForward}). Nothing is installed
 * on the server but Docker and compose. See docs/adr/0007-ssh-remote.md.
 */
package dev.berth.docker.remote;

package dev.berth.docker;

/** Turns docker-java's exceptions into the engine's own sentence. */
final class Messages {
    private Messages() {}

    /**
     * The engine's {@code message} from an error answer ({@code Status 404: {"message":"..."}}),
     * else the exception's message.
     */
    static String engineMessage(Throwable t) {
        String msg = t.getMessage() == null ? t.toString() : t.getMessage();
        if (t instanceof com.github.dockerjava.api.exception.DockerException) {
            int brace = msg.indexOf('{');
            if (brace >= 0) {
                return RawApi.errorMessage(msg.substring(brace));
            }
        }
        return msg.strip();
    }
}

package dev.berth.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

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
                try {
                    JsonNode n = RawApi.JSON.readTree(msg.substring(brace));
                    if (n.hasNonNull("message")) {
                        return n.get("message").asText().strip();
                    }
                } catch (IOException e) {
                    return msg.strip();
                }
            }
        }
        return msg.strip();
    }
}

package io.jenkins.plugins.tiers.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns events into ledger lines and back: one compact JSON object per line, ISO-8601 times,
 * absent fields omitted, unknown fields ignored so that older code reads newer ledgers.
 */
public final class LedgerCodec {

    private final ObjectMapper mapper;

    public LedgerCodec() {
        mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    /** The configured mapper, for other ledger files (the live-state snapshot). */
    ObjectMapper mapper() {
        return mapper;
    }

    /** One line, UTF-8, ending with a newline. JSON escapes every control character in strings. */
    public byte[] toLine(LedgerEvent event) {
        try {
            byte[] json = mapper.writeValueAsBytes(event);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise ledger event " + event.type(), e);
        }
    }

    /**
     * Reads one line (without its newline).
     *
     * @throws IOException when the line is not a ledger event, with Jackson's reason
     */
    public LedgerEvent fromLine(byte[] bytes, int offset, int length) throws IOException {
        try {
            return mapper.readValue(bytes, offset, length, LedgerEvent.class);
        } catch (InvalidFormatException e) {
            if (e.getTargetType() == EventType.class) {
                // written by a newer version: set aside and counted like any unreadable line, so a
                // gate blocks on it rather than passing over what may be a refusal
                throw new IOException("unknown event type \"" + e.getValue() + "\" (written by a newer version?)", e);
            }
            throw new IOException(firstLine(e), e);
        } catch (IOException | RuntimeException e) {
            throw new IOException(firstLine(e), e);
        }
    }

    /** Reads one line given as a string. */
    public LedgerEvent fromLine(String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return fromLine(bytes, 0, bytes.length);
    }

    /** The {@code seq} of a line that is JSON but not a readable event, or 0. */
    long seqOf(byte[] bytes, int offset, int length) {
        try {
            JsonNode node = mapper.readTree(bytes, offset, length);
            return node != null && node.path("seq").canConvertToLong()
                    ? node.path("seq").asLong()
                    : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

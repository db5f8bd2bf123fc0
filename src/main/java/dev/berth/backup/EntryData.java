package dev.berth.backup;

import java.nio.ByteBuffer;

/**
 * A file entry's data in pieces as the verify pass reads it: views of the decoder's buffers, no
 * copies. Each piece is the caller's to consume (its position may be moved) until the next call.
 */
interface EntryData {
    /** The next piece, or null after the entry's last byte. */
    ByteBuffer next() throws BackupException;
}

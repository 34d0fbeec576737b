/**
 * A check of the LSP base protocol's framing on a byte stream (`Content-Length: N\r\n\r\n` then N
 * bytes), watching the same stream as the JSON-RPC reader. That reader reports a bad header and then waits
 * for bytes that never make sense again, so a garbled stream leaves a live server that never
 * answers and says nothing. Here a framing error is named precisely, once, and the host ends the
 * process: the client sees the server exit and restarts it.
 */

/** Longest header block accepted; real headers are under 100 bytes. */
const MAX_HEADER_BYTES = 8 * 1024;
/** Largest message body accepted (an 8 MiB file opened in the editor, JSON-escaped, fits). */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

/** Why a stream cannot be read as LSP messages; the message is meant for the log. */
export class FramingError extends Error {
  override readonly name = 'FramingError';
}

/**
 * Reads the header block `headers` (without the blank line) and returns the body length, or throws
 * a {@link FramingError} saying what is wrong.
 */
export function contentLengthOf(headers: string): number {
  let length: number | undefined;
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new FramingError(`malformed header line ${JSON.stringify(line)}`);
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    // Digits only: parseInt would accept "12abc", "-5" and "1e9".
    if (!/^\d{1,10}$/.test(value)) {
      throw new FramingError(`Content-Length is not a byte count: ${JSON.stringify(value)}`);
    }
    length = Number(value);
  }
  if (length === undefined) throw new FramingError('a message header has no Content-Length');
  // The smallest JSON-RPC message, `{}`, has two bytes.
  if (length < 2) throw new FramingError(`Content-Length ${length} is too small for a message`);
  if (length > MAX_BODY_BYTES) {
    throw new FramingError(`Content-Length ${length} is larger than ${MAX_BODY_BYTES} bytes`);
  }
  return length;
}

/**
 * Follows the framing of a byte stream chunk by chunk, without keeping more than one header's
 * bytes; {@link FramingCheck.push} throws a {@link FramingError} at the first violation.
 */
export class FramingCheck {
  /** Header bytes seen so far for the message being read (only while reading a header). */
  private header: Buffer = Buffer.alloc(0);
  /** Body bytes still to pass before the next header. */
  private bodyLeft = 0;

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - at);
        this.bodyLeft -= take;
        at += take;
        continue;
      }
      // In a header: look for the blank line that ends it, across chunk borders.
      const seen = this.header.length;
      const joined = Buffer.concat([this.header, chunk.subarray(at)]);
      const end = joined.indexOf('\r\n\r\n');
      if (end === -1) {
        if (joined.length > MAX_HEADER_BYTES) {
          throw new FramingError(
            `no end of header after ${MAX_HEADER_BYTES} bytes (a header ends with \\r\\n\\r\\n)`,
          );
        }
        this.header = joined;
        return;
      }
      if (end > MAX_HEADER_BYTES) {
        throw new FramingError(`a header of ${end} bytes is longer than ${MAX_HEADER_BYTES}`);
      }
      this.bodyLeft = contentLengthOf(joined.subarray(0, end).toString('latin1'));
      // Bytes of `joined` past the blank line belong to the body (and maybe later messages).
      at += end + 4 - seen;
      this.header = Buffer.alloc(0);
    }
  }
}

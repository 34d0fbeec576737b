import { inflateRawSync } from 'node:zlib';

/** One member of a zip archive, as listed in its central directory. */
export interface ZipEntry {
  /** Path inside the archive, with forward slashes. */
  readonly name: string;
  /** Size of the member once extracted, in bytes. */
  readonly size: number;
  /** Extracts the member (stored or deflated; the only methods vsce writes). */
  read(): Buffer;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/**
 * Lists the members of a zip archive held in memory.
 *
 * A .vsix is a plain zip; reading its central directory here keeps the packaging test independent
 * of an `unzip` binary. ZIP64 and multi-disk archives are not supported: a .vsix is far below the
 * sizes that need them. Format: https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT
 */
export function readZip(archive: Buffer): ZipEntry[] {
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment.
  let eocd = -1;
  for (let i = archive.length - 22; i >= Math.max(0, archive.length - 22 - 0xffff); i--) {
    if (archive.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end-of-central-directory record');
  const count = archive.readUInt16LE(eocd + 10);
  let offset = archive.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (archive.readUInt32LE(offset) !== CENTRAL_SIGNATURE) {
      throw new Error(`corrupt central directory at byte ${offset}`);
    }
    const method = archive.readUInt16LE(offset + 10);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const size = archive.readUInt32LE(offset + 24);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const localOffset = archive.readUInt32LE(offset + 42);
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({
      name,
      size,
      read: () => {
        if (archive.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) {
          throw new Error(`corrupt local header for ${name}`);
        }
        // The local header repeats name and extra field, possibly with a different extra length.
        const start =
          localOffset +
          30 +
          archive.readUInt16LE(localOffset + 26) +
          archive.readUInt16LE(localOffset + 28);
        const data = archive.subarray(start, start + compressedSize);
        if (method === 0) return Buffer.from(data);
        if (method === 8) return inflateRawSync(data);
        throw new Error(`${name}: unsupported compression method ${method}`);
      },
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Bytes from disk to text. Cisco logs are mostly ASCII, but Windows servers write Latin-1 and some
 * files start with a byte-order mark. Valid UTF-8 is decoded as UTF-8; anything else as Latin-1,
 * which maps every byte to one character, so no byte is lost and offsets stay predictable.
 */
export function decodeLogBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-16le' | 'latin1' } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  const body =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('latin1').decode(body), encoding: 'latin1' };
  }
}

/** Drops a leading byte-order mark from text that arrived already decoded. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

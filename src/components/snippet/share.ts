/**
 * Code in a link: a block's code, deflated (the browser's own CompressionStream) and base64url-encoded into the
 * URL fragment, `#code/<snippet id>/<payload>`. The fragment never reaches a server. Decoding is bounded, so a
 * malformed, truncated or huge link is refused with a reason instead of hanging or filling memory.
 */
import { words, type Words } from '~/runtime/protocol/words';
import { pageLang } from '../client/words';
const PREFIX = '#code/';
/** The longest payload a link may carry, and the most code it may unpack to. */
export const MAX_LINK_CHARS = 64 * 1024;
export const MAX_CODE_CHARS = 100 * 1024;

/** Why a link's code cannot be used, in words the page says (share-link.ts). */
export class LinkError extends Error {
  readonly words: Words;
  constructor(reason: Words) {
    super(reason.key);
    this.words = reason;
  }
}

const count = (n: number) => n.toLocaleString(pageLang());

export async function encodeCode(code: string): Promise<string> {
  const stream = new Blob([code]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export async function decodeCode(payload: string): Promise<string> {
  if (payload.length > MAX_LINK_CHARS)
    throw new LinkError(words('snippet.link.tooLong', { length: count(payload.length), max: count(MAX_LINK_CHARS) }));
  if (!/^[A-Za-z0-9_-]*$/.test(payload)) throw new LinkError(words('snippet.link.badCharacters'));
  let binary: string;
  try {
    binary = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    throw new LinkError(words('snippet.link.notBase64'));
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let code = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      code += decoder.decode(value, { stream: true });
      if (code.length > MAX_CODE_CHARS) {
        void reader.cancel();
        throw new LinkError(words('snippet.link.codeTooLong', { max: count(MAX_CODE_CHARS) }));
      }
    }
    code += decoder.decode();
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError(words('snippet.link.damaged'));
  }
  return code;
}

/** The link to this page that opens `snippetId` with `code`. */
export async function linkFor(snippetId: string, code: string): Promise<string> {
  return `${location.origin}${location.pathname}${PREFIX}${snippetId}/${await encodeCode(code)}`;
}

/** The payload the page's fragment holds for `snippetId`, or null if the link is for another block (or none). */
export function payloadFor(snippetId: string, hash = location.hash): string | null {
  if (!hash.startsWith(`${PREFIX}${snippetId}/`)) return null;
  return hash.slice(PREFIX.length + snippetId.length + 1);
}

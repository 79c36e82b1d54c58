/**
 * Control characters (C0 and DEL): CR/LF would let a sender name, address, host or campaign name smuggle extra
 * SMTP commands or mail headers. Matching them is this pattern's whole point.
 */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

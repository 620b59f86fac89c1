/**
 * Text a server wrote (`debug`, messages) on its way to a terminal, a window or the audit log:
 * known secrets are blanked out first, in the forms a server may echo them (as sent, URL-encoded,
 * base64), then control characters go (a hostile server's ESC/CSI/OSC 52 sequences), and only
 * then is it shortened, so a secret cut in half by the limit cannot leak its first half.
 */
export const MAX_SERVER_TEXT = 500;

export const REDACTED = '[redacted]';

/** The spellings of a secret a server might echo back. */
function formsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    bytes.toString('base64'),
    bytes.toString('base64url'),
    bytes.toString('base64').replace(/=+$/, ''),
    JSON.stringify(secret).slice(1, -1),
  ];
  // Longest first, so a form that contains another is blanked whole.
  return [...new Set(forms)].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    for (const form of formsOf(secret)) out = out.split(form).join(REDACTED);
  }
  return out;
}

/**
 * No C0 control (a line break or tab becomes a space, the rest goes), no DEL, no C1 (0x80-0x9f,
 * which some terminals read as CSI/OSC too).
 */
export function stripControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\t\n\r]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

export function cleanServerText(
  text: string,
  secrets: readonly string[] = [],
  max = MAX_SERVER_TEXT,
): string {
  return [...stripControls(redactSecrets(text, secrets))].slice(0, max).join('');
}

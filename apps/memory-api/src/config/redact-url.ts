/** The URL with its password (and a lone username that may be a token) replaced, safe to log. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '<unparsable url>';
  }
  if (url.password) url.password = '***';
  else if (url.username) url.username = '***';
  return url.toString();
}

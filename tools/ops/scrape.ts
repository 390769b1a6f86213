/** Fetches a `/metrics` page as text; throws with the URL and the reason when it cannot. */
export async function fetchMetrics(url: string, timeoutMs = 5000): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'text/plain;version=0.0.4' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const reason = error instanceof Error ? (error.cause ?? error).toString() : String(error);
    throw new Error(`cannot fetch ${url}: ${reason}`);
  }

  if (!response.ok) throw new Error(`cannot fetch ${url}: HTTP ${response.status}`);
  return response.text();
}

// `msdemo smoke`, the web page's part: the page's HTML at `/` and the first asset
// it names, from the same origin as the API (the local gateway; on AWS, the
// CloudFront URL once a step serves the page there).
import { networkProblem, SMOKE_TIMEOUT_MS, type SmokeCall, type SmokeCallId } from "./smoke.js";

/** An asset the page names, as the build writes it: /assets/<name>-<hash>.(js|css). */
const ASSET = /(?:src|href)="\/?(assets\/[A-Za-z0-9_-]+\.(?:js|css))"/;

async function timed(
  name: SmokeCallId,
  url: URL,
  check: (status: number, type: string, body: string) => string | undefined,
): Promise<{ call: SmokeCall; body?: string }> {
  const started = performance.now();
  const path = url.pathname.slice(1);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(SMOKE_TIMEOUT_MS) });
    const body = await response.text();
    const problem =
      response.status !== 200
        ? "unexpected-status"
        : check(response.status, response.headers.get("content-type") ?? "", body);
    const call: SmokeCall = {
      name,
      method: "GET",
      path,
      expected: 200,
      status: response.status,
      ok: !problem,
      ms: performance.now() - started,
      ...(problem ? { note: problem } : {}),
    };
    return { call, body };
  } catch (error) {
    return {
      call: {
        name,
        method: "GET",
        path,
        expected: 200,
        status: null,
        ok: false,
        ms: performance.now() - started,
        note: networkProblem(error),
      },
    };
  }
}

export async function checkPage(baseUrl: string): Promise<SmokeCall[]> {
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  const page = await timed("page", new URL(base), (_status, type, body) =>
    type.startsWith("text/html") && ASSET.test(body) ? undefined : "not-the-page",
  );
  const asset = page.body?.match(ASSET)?.[1];
  if (!page.call.ok || !asset) return [page.call];
  const loaded = await timed("asset", new URL(asset, base), (_status, type) =>
    /^(text\/javascript|text\/css)\b/.test(type) ? undefined : "wrong-type",
  );
  return [page.call, loaded.call];
}

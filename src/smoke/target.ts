// Where `msdemo smoke` goes: --url, else the stack's web page (CloudFront serves
// the page and the API on one origin, so the whole journey goes through it),
// else its API Gateway URL, else the local gateway. The page is checked wherever
// it is served: locally and through CloudFront, not on API Gateway alone.
import type { StackState } from "../state/store.js";

export function smokeTarget(
  steps: StackState["steps"] | undefined,
  flagUrl: string | undefined,
  localUrl: string,
): { url: string; withPage: boolean } {
  const apiUrl = steps?.gateway?.outputs.apiUrl;
  const pageUrl = steps?.site?.outputs.url;
  const fromState = typeof pageUrl === "string" ? pageUrl : typeof apiUrl === "string" ? apiUrl : undefined;
  const url = flagUrl ?? fromState ?? localUrl;
  return { url, withPage: url !== apiUrl };
}

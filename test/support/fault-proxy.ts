// A fault-injecting HTTP proxy in front of moto_server: it stands for what the
// network and AWS do that moto never does. Each request is forwarded unless a
// rule claims it; a rule may lose the response (AWS did the work, the client
// never hears: the SDK retries a create AWS already made), answer itself (an
// error moto cannot produce), or let something else happen first.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { AwsClients } from "../../src/aws/clients.js";
import { type Moto, startMoto } from "./moto.js";

export interface ProxiedCall {
  /** The AWS action: `Action=` of a query call, else the JSON target, else METHOD path. */
  action: string;
  method: string;
  path: string;
  body: string;
}

export type Fault =
  /** Forward, let moto act, then drop the connection before the client reads the answer. */
  | { kind: "lose-response" }
  /** Answer with this status and body; moto never sees the call. */
  | { kind: "answer"; status: number; body: string; headers?: Record<string, string> }
  /** Let `act` (another run, say) finish first, then forward the call. */
  | { kind: "meanwhile"; act: () => Promise<void> };

export type FaultRule = (call: ProxiedCall) => Fault | undefined;

export interface FaultProxy {
  url: string;
  /** Every call that passed, in order. */
  calls: ProxiedCall[];
  /** Rules, tried in order; the first that returns a fault applies. */
  rules: FaultRule[];
  clients(region?: string): AwsClients;
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function actionOf(req: IncomingMessage, body: string): string {
  const query = /(?:^|&)Action=([A-Za-z0-9]+)/.exec(body) ?? /[?&]Action=([A-Za-z0-9]+)/.exec(req.url ?? "");
  if (query?.[1]) return query[1];
  const target = req.headers["x-amz-target"];
  if (typeof target === "string") return target.split(".").pop() ?? target;
  return `${req.method} ${(req.url ?? "").split("?")[0]}`;
}

/** Fails a rule's first `times` matches, then lets the rest through. */
export function firstTimes(times: number, match: (call: ProxiedCall) => boolean, fault: Fault): FaultRule {
  let left = times;
  return (call) => {
    if (left <= 0 || !match(call)) return undefined;
    left -= 1;
    return fault;
  };
}

export async function startFaultProxy(moto: Moto): Promise<FaultProxy> {
  const calls: ProxiedCall[] = [];
  const rules: FaultRule[] = [];
  const made: AwsClients[] = [];
  const server: Server = createServer(async (req, res) => {
    const payload = await readBody(req);
    const call: ProxiedCall = {
      action: actionOf(req, payload.toString()),
      method: req.method ?? "GET",
      path: req.url ?? "/",
      body: payload.toString(),
    };
    calls.push(call);
    let fault: Fault | undefined;
    for (const rule of rules) {
      fault = rule(call);
      if (fault) break;
    }
    if (fault?.kind === "answer") {
      res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers });
      res.end(fault.body);
      return;
    }
    if (fault?.kind === "meanwhile") await fault.act();
    const answer = await fetch(`${moto.url}${req.url}`, {
      method: call.method,
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([k, v]) => typeof v === "string" && k !== "host"),
      ) as Record<string, string>,
      ...(payload.length > 0 ? { body: new Uint8Array(payload) } : {}),
    });
    const answerBody = Buffer.from(await answer.arrayBuffer());
    if (fault?.kind === "lose-response") {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(answerBody);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    rules,
    clients(region = moto.region) {
      const clients = new AwsClients({ region, endpointUrl: url, maxAttempts: 3 });
      made.push(clients);
      return clients;
    },
    async stop() {
      for (const c of made) c.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * moto with a fault proxy in front, started once for the file's tests; before
 * each test moto is reset and the proxy's rules and calls are cleared.
 */
export function motoBehindProxy(): { readonly moto: Moto; readonly proxy: FaultProxy } {
  const held: { moto?: Moto; proxy?: FaultProxy } = {};
  beforeAll(async () => {
    held.moto = await startMoto();
    held.proxy = await startFaultProxy(held.moto);
  });
  afterAll(async () => {
    await held.proxy?.stop();
    await held.moto?.stop();
  });
  beforeEach(async () => {
    await held.moto!.reset();
    held.proxy!.rules.length = 0;
    held.proxy!.calls.length = 0;
  });
  return {
    get moto() {
      return held.moto!;
    },
    get proxy() {
      return held.proxy!;
    },
  };
}

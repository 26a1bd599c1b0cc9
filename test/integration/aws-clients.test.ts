import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/aws/clients.js";
import { explainAwsError } from "../../src/aws/errors.js";
import { type Moto, startMoto } from "../support/moto.js";

describe("AWS client factory against moto_server", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());

  it("reaches STS GetCallerIdentity through the endpoint override", async () => {
    const identity = await moto.clients().sts.send(new GetCallerIdentityCommand({}));
    // moto's fixed test account.
    expect(identity.Account).toBe("123456789012");
    expect(identity.Arn).toMatch(/^arn:aws:sts::123456789012:/);
  });

  it("gives every client the same region and endpoint", async () => {
    const clients = moto.clients();
    for (const client of [
      clients.ec2,
      clients.rds,
      clients.eks,
      clients.ecr,
      clients.apigateway,
      clients.logs,
      clients.cloudwatch,
    ]) {
      expect(await client.config.region()).toBe("us-east-1");
      const endpoint = await client.config.endpoint?.();
      expect(endpoint?.port).toBe(moto.port);
    }
  });

  it("turns a refused connection into a hint about the endpoint", async () => {
    const clients = new AwsClients({
      region: "us-east-1",
      endpointUrl: "http://127.0.0.1:9",
      maxAttempts: 1,
    });
    const error = await clients.sts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
    const explained = explainAwsError(error);
    expect(explained.message).toMatch(/connect/i);
    expect(explained.hint).toMatch(/endpoint/);
    clients.destroy();
  });
});

describe("cancelling AWS calls", () => {
  it("a call waiting on a silent endpoint ends as soon as the run's signal aborts", async () => {
    // An endpoint that accepts the request and never answers, like a throttled or stuck API.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    const clients = new AwsClients({
      region: "us-east-1",
      endpointUrl: `http://127.0.0.1:${port}`,
      maxAttempts: 1,
    });
    process.env.AWS_ACCESS_KEY_ID ??= "x";
    process.env.AWS_SECRET_ACCESS_KEY ??= "y";
    const controller = new AbortController();
    clients.abortOn(controller.signal);
    const call = clients.sts.send(new GetCallerIdentityCommand({})).catch((error: unknown) => error);
    setTimeout(() => controller.abort(), 200);
    const error = (await call) as Error;
    // The endpoint never answers: only the abort can have ended the call.
    expect(error.name).toBe("AbortError");
    clients.destroy();
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });
});

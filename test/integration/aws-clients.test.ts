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
    for (const client of [clients.ec2, clients.rds, clients.eks, clients.ecr, clients.apigateway]) {
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

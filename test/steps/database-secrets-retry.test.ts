// Recreating the stack right after teardown. Teardown deletes the secrets with
// ForceDeleteWithoutRecovery, which AWS completes asynchronously: until it has,
// CreateSecret and RestoreSecret of that name answer InvalidRequestException.
// moto deletes at once, so a fault-injecting proxy in front of moto gives those
// answers; moto does everything else.
import { ListSecretsCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { databaseStep } from "../../src/steps/database.js";
import { type Fault, firstTimes, motoBehindProxy } from "../support/fault-proxy.js";
import { stepRun, testConfig } from "../support/step-harness.js";
import { networkDone } from "./database-network.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const JWT = "msdemo/node-microservices-demo/jwt";
const STILL_DELETING: Fault = {
  kind: "answer",
  status: 400,
  headers: { "content-type": "application/x-amz-json-1.1" },
  body: JSON.stringify({
    __type: "InvalidRequestException",
    message:
      "You can't create this secret because a secret with this name is already scheduled for deletion.",
  }),
};
const isJwtCall = (action: string) => (call: { action: string; body: string }) =>
  call.action === action && call.body.includes(JWT);

const emulators = motoBehindProxy();

async function applyDatabase() {
  const config = testConfig();
  const aws = emulators.proxy.clients();
  const run = stepRun(config, aws, (await networkDone(config, aws)).state);
  await run.apply(databaseStep);
  const secrets = (await emulators.moto.clients().secrets.send(new ListSecretsCommand({}))).SecretList ?? [];
  return { run, names: secrets.map((s) => s.Name).sort() };
}

describe("secrets right after a forced delete", () => {
  it("CreateSecret refused while the old one goes away: retried with backoff, saying so, then made", async () => {
    emulators.proxy.rules.push(firstTimes(2, isJwtCall("CreateSecret"), STILL_DELETING));
    const { run, names } = await applyDatabase();
    expect(names).toEqual(["msdemo/node-microservices-demo/db", JWT]);
    expect(emulators.proxy.calls.filter(isJwtCall("CreateSecret"))).toHaveLength(3);
    const notes = run.events.flatMap((e) => (e.type === "step-progress" ? [e.message] : []));
    expect(
      notes.filter((m) => m.startsWith(`secret ${JWT}: the one of that name deleted moments ago`)),
    ).toHaveLength(2);
  });

  it("a secret still listed as deleted whose restore is refused: looked up again and created once it is gone", async () => {
    // Listed as deleted to observe (the plan says "restore") and to the run's own
    // first lookup; gone after that.
    let describedDeleted = 0;
    emulators.proxy.rules.push((call) => {
      if (describedDeleted < 2 && isJwtCall("DescribeSecret")(call)) {
        describedDeleted++;
        return {
          kind: "answer",
          status: 200,
          headers: { "content-type": "application/x-amz-json-1.1" },
          body: JSON.stringify({
            ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${JWT}-AbCdEf`,
            Name: JWT,
            DeletedDate: Date.now() / 1000,
            Tags: [],
          }),
        };
      }
      return undefined;
    });
    emulators.proxy.rules.push(firstTimes(1, (c) => c.action === "RestoreSecret", STILL_DELETING));
    const { names } = await applyDatabase();
    expect(names).toContain(JWT);
    expect(emulators.proxy.calls.filter((c) => c.action === "RestoreSecret")).toHaveLength(1);
    expect(emulators.proxy.calls.filter(isJwtCall("CreateSecret"))).toHaveLength(1);
  });

  it("any other refusal is not retried", async () => {
    emulators.proxy.rules.push(
      firstTimes(1, isJwtCall("CreateSecret"), {
        ...STILL_DELETING,
        body: JSON.stringify({ __type: "EncryptionFailure", message: "the KMS key is disabled" }),
      }),
    );
    await expect(applyDatabase()).rejects.toThrow(/the KMS key is disabled/);
    expect(emulators.proxy.calls.filter(isJwtCall("CreateSecret"))).toHaveLength(1);
  });
});

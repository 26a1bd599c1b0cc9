// The PostgreSQL version: RDS's default minor of major 17, asked at plan time
// with DescribeDBEngineVersions (DefaultOnly). moto has no such call, so a
// fault-injecting proxy in front of moto answers it as RDS would (a newer
// default than msdemo's fallback); moto does everything else. Without the
// proxy, moto's own refusal stands for an endpoint that cannot say.
import { DescribeDBInstancesCommand } from "@aws-sdk/client-rds";
import { beforeEach, describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import type { Config } from "../../src/config.js";
import { databaseStep } from "../../src/steps/database.js";
import { motoBehindProxy } from "../support/fault-proxy.js";
import { stepRun, testConfig } from "../support/step-harness.js";
import { networkDone } from "./database-network.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const DEFAULT_17 = `<DescribeDBEngineVersionsResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
  <DescribeDBEngineVersionsResult>
    <DBEngineVersions>
      <DBEngineVersion><Engine>postgres</Engine><EngineVersion>17.7</EngineVersion></DBEngineVersion>
    </DBEngineVersions>
  </DescribeDBEngineVersionsResult>
  <ResponseMetadata><RequestId>7f0e5d0c-0000-0000-0000-000000000000</RequestId></ResponseMetadata>
</DescribeDBEngineVersionsResponse>`;

const emulators = motoBehindProxy();
/** RDS answers DescribeDBEngineVersions; moto has no such call. */
function answerDefaultVersion() {
  emulators.proxy.rules.push((call) =>
    call.action === "DescribeDBEngineVersions"
      ? { kind: "answer", status: 200, body: DEFAULT_17, headers: { "content-type": "text/xml" } }
      : undefined,
  );
}

async function planAndApply(config: Config, aws: AwsClients) {
  const run = stepRun(config, aws, (await networkDone(config, aws)).state);
  const plan = await run.plan(databaseStep);
  await run.apply(databaseStep);
  const [instance] = (await aws.rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? [];
  return { run, plan: plan.find((c) => c.name === "pgdb-rds")!, instance: instance! };
}

describe("the PostgreSQL version", () => {
  beforeEach(answerDefaultVersion);
  it("is RDS's default minor of 17, shown in the plan and created", async () => {
    const { plan, instance } = await planAndApply(testConfig(), emulators.proxy.clients());
    expect(plan.detail).toContain("PostgreSQL 17.7 (RDS's default for PostgreSQL 17)");
    expect(instance.EngineVersion).toBe("17.7");
    const asked = emulators.proxy.calls.filter((c) => c.action === "DescribeDBEngineVersions");
    expect(asked.length).toBeGreaterThan(0);
    for (const call of asked) {
      expect(call.body).toContain("Engine=postgres");
      expect(call.body).toContain("EngineVersion=17");
      expect(call.body).toContain("DefaultOnly=true");
    }
  });

  it("--db-engine-version wins, without asking RDS", async () => {
    const { plan, instance } = await planAndApply(
      testConfig({ dbEngineVersion: "17.5" }),
      emulators.proxy.clients(),
    );
    expect(plan.detail).toContain("PostgreSQL 17.5 (--db-engine-version)");
    expect(instance.EngineVersion).toBe("17.5");
    expect(emulators.proxy.calls.filter((c) => c.action === "DescribeDBEngineVersions")).toEqual([]);
  });

  it("an endpoint that cannot say (moto alone): msdemo's last known minor, said in the plan and as a warning", async () => {
    const { plan, instance, run } = await planAndApply(testConfig(), emulators.moto.clients());
    expect(plan.detail).toContain("PostgreSQL 17.6 (RDS did not name its default");
    expect(instance.EngineVersion).toBe("17.6");
    expect(run.events).toContainEqual(
      expect.objectContaining({
        type: "step-warning",
        message: expect.stringContaining("17.6 (RDS did not name"),
      }),
    );
  });

  it("a malformed --db-engine-version is refused before any AWS call", () => {
    expect(() => testConfig({ dbEngineVersion: "seventeen" })).toThrow(
      /--db-engine-version|PostgreSQL version/,
    );
  });
});

// The classic load balancers of LoadBalancer Services: names from DNS names,
// and "gone" as AWS (moto_server) reports it.
import {
  CreateLoadBalancerCommand,
  DeleteLoadBalancerCommand,
  ElasticLoadBalancingClient,
} from "@aws-sdk/client-elastic-load-balancing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientConfig } from "../../src/aws/clients.js";
import { loadBalancerGone, loadBalancerName } from "../../src/kube/elb.js";
import { type Moto, startMoto } from "../support/moto.js";

describe("loadBalancerName", () => {
  it("takes the first label without its -<digits> suffix", () => {
    expect(loadBalancerName("a1b2c3d4e5f60718293a4b5c6d7e8f90-1234567890.us-east-1.elb.amazonaws.com")).toBe(
      "a1b2c3d4e5f60718293a4b5c6d7e8f90",
    );
    expect(loadBalancerName("internal-a1b2c3-42.eu-west-1.elb.amazonaws.com")).toBe("a1b2c3");
    expect(loadBalancerName("my-lb-name-987.cn-north-1.elb.amazonaws.com.cn")).toBe("my-lb-name");
  });

  it("is undefined for what is not a classic ELB name", () => {
    expect(loadBalancerName("203.0.113.7")).toBeUndefined();
    expect(loadBalancerName("k8s-msdemo-auth-0123456789abcdef.elb.us-east-1.amazonaws.com")).toBeUndefined();
    expect(loadBalancerName("example.com")).toBeUndefined();
  });
});

describe("loadBalancerGone against moto_server", () => {
  let moto: Moto;
  let elb: ElasticLoadBalancingClient;

  beforeAll(async () => {
    moto = await startMoto();
    elb = new ElasticLoadBalancingClient(
      clientConfig({ region: moto.region, endpointUrl: moto.url, maxAttempts: 2 }),
    );
  });
  afterAll(async () => {
    elb?.destroy();
    await moto?.stop();
  });

  it("is false while AWS lists the load balancer, true once it is deleted or never existed", async () => {
    const name = "a0123456789abcdef0123456789abcde";
    await elb.send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: name,
        Listeners: [{ Protocol: "TCP", LoadBalancerPort: 3000, InstancePort: 31000 }],
        AvailabilityZones: ["us-east-1a"],
      }),
    );
    // AWS names it `<name>-<digits>.<region>.elb.amazonaws.com` (moto leaves the digits out).
    const hostname = `${name}-1234567890.us-east-1.elb.amazonaws.com`;
    expect(await loadBalancerGone(elb, hostname)).toBe(false);
    await elb.send(new DeleteLoadBalancerCommand({ LoadBalancerName: name }));
    expect(await loadBalancerGone(elb, hostname)).toBe(true);
    expect(await loadBalancerGone(elb, "aneverexisted-1234567890.us-east-1.elb.amazonaws.com")).toBe(true);
  });
});

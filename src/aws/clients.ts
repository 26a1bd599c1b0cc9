// One factory for every AWS SDK client: the same region, profile, endpoint
// override and retry policy reach all of them. Clients are made on first use.
// Only command modules (loaded lazily by the CLI) import this file, so
// `msdemo --help` never loads the SDK.
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { CloudFrontClient } from "@aws-sdk/client-cloudfront";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ECRClient } from "@aws-sdk/client-ecr";
import { EKSClient } from "@aws-sdk/client-eks";
import { ElasticLoadBalancingClient } from "@aws-sdk/client-elastic-load-balancing";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { IAMClient } from "@aws-sdk/client-iam";
import { RDSClient } from "@aws-sdk/client-rds";
import { S3Client } from "@aws-sdk/client-s3";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider, MiddlewareStack } from "@smithy/types";
import { assertMayWrite } from "../engine/read-only.js";
import { HTTP_TIMEOUTS, stopAfterSilentAttempts } from "./no-answer.js";

export interface AwsSettings {
  region: string;
  profile?: string;
  /** One endpoint for every service (moto_server, LocalStack). */
  endpointUrl?: string;
  maxAttempts?: number;
}

/** The settings every client is built with. */
export function clientConfig(settings: AwsSettings) {
  return {
    region: settings.region,
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.endpointUrl ? { endpoint: settings.endpointUrl } : {}),
    // Adaptive retries back off on throttling, which EKS and RDS do under load.
    retryMode: "adaptive",
    maxAttempts: settings.maxAttempts ?? 6,
    // No call waits forever on an endpoint that accepts and never answers.
    requestHandler: HTTP_TIMEOUTS,
  };
}

/** How long a call runs before msdemo tells a person it is waiting for AWS. */
export const SLOW_CALL_MS = 2_000;

/** AWS calls that only read. Everything else is a write. */
const READ_ONLY_CALL = /^(Describe|List|Get|Head|Search|Lookup|Check)/;

/** A step's observe/outputs/inspect may only read: a write there throws (src/engine/read-only.ts). */
function refuseWritesWhileObserving(stack: MiddlewareStack<object, object>): void {
  stack.add(
    (next, context) => (args) => {
      const call = String(context.commandName ?? "").replace(/Command$/, "");
      if (!READ_ONLY_CALL.test(call)) assertMayWrite(call);
      return next(args);
    },
    { step: "initialize", name: "msdemoRefuseWritesWhileObserving" },
  );
}

type ClientClass<T> = new (config: ReturnType<typeof clientConfig> & Record<string, unknown>) => T;

type Send = (command: unknown, options?: unknown) => Promise<unknown>;

export class AwsClients {
  private readonly made = new Map<unknown, unknown>();
  private abortSignal: AbortSignal | undefined;
  private onSlowCall: (() => void) | undefined;

  constructor(readonly settings: AwsSettings) {}

  /**
   * Every call made from now on is cancelled when `signal` aborts, so Ctrl-C
   * does not wait for a slow AWS answer (the SDK takes the signal per call).
   */
  abortOn(signal: AbortSignal): void {
    this.abortSignal = signal;
  }

  /**
   * `listener` runs once, the first time a call has gone unanswered for ~2 s
   * (for a line such as "contacting AWS…"); undefined stops it.
   */
  whenSlow(listener: (() => void) | undefined): void {
    this.onSlowCall = listener;
  }

  private get<T>(Client: ClientClass<T>, extra: Record<string, unknown> = {}): T {
    let client = this.made.get(Client) as T | undefined;
    if (!client) {
      client = new Client({ ...clientConfig(this.settings), ...extra });
      const target = client as unknown as { send: Send; middlewareStack: MiddlewareStack<object, object> };
      stopAfterSilentAttempts(target.middlewareStack);
      refuseWritesWhileObserving(target.middlewareStack);
      const send = target.send.bind(client);
      target.send = (command, options) =>
        this.noticeIfSlow(
          send(command, {
            ...(this.abortSignal ? { abortSignal: this.abortSignal } : {}),
            ...(typeof options === "object" ? options : {}),
          }),
        );
      this.made.set(Client, client);
    }
    return client;
  }

  private noticeIfSlow<R>(call: Promise<R>): Promise<R> {
    if (!this.onSlowCall) return call;
    const timer = setTimeout(() => {
      const listener = this.onSlowCall;
      this.onSlowCall = undefined;
      listener?.();
    }, SLOW_CALL_MS);
    // The timer alone never keeps the process alive.
    timer.unref();
    return call.finally(() => clearTimeout(timer));
  }

  get ec2() {
    return this.get(EC2Client);
  }
  get rds() {
    return this.get(RDSClient);
  }
  get ecr() {
    return this.get(ECRClient);
  }
  get eks() {
    return this.get(EKSClient);
  }
  get apigateway() {
    return this.get(ApiGatewayV2Client);
  }
  get sts() {
    return this.get(STSClient);
  }
  get secrets() {
    return this.get(SecretsManagerClient);
  }
  get iam() {
    return this.get(IAMClient);
  }
  get elb() {
    return this.get(ElasticLoadBalancingClient);
  }
  /** Network load balancers (--private: the internal NLBs Kubernetes makes). */
  get elbv2() {
    return this.get(ElasticLoadBalancingV2Client);
  }
  get s3() {
    // An endpoint override (moto_server, LocalStack) has no per-bucket host names.
    return this.get(S3Client, this.settings.endpointUrl ? { forcePathStyle: true } : {});
  }
  get cloudfront() {
    return this.get(CloudFrontClient);
  }
  get logs() {
    return this.get(CloudWatchLogsClient);
  }
  get cloudwatch() {
    return this.get(CloudWatchClient);
  }

  /** The credentials the clients use (for signing an EKS token, or checking expiry). */
  credentials(): AwsCredentialIdentityProvider {
    return this.sts.config.credentials;
  }

  destroy(): void {
    for (const client of this.made.values()) (client as { destroy(): void }).destroy();
    this.made.clear();
  }
}

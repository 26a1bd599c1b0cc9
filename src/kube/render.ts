// Strict template rendering. A template is parsed as YAML first and values go
// into the parsed strings, so no value can inject YAML (a password with quotes,
// colons or newlines stays one string). A placeholder with no value, a value no
// placeholder uses, or a placeholder outside a quoted string is an error.
import { createHash, createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { TOKEN_AUDIENCE } from "../desired.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { packageRoot } from "../package-root.js";
import type { ServiceName } from "../routes.js";

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

function templateError(file: string, message: string): MsdemoError {
  return new MsdemoError(t("kube.render.template", { file, message }), {
    hint: t("kube.render.template.hint"),
  });
}

function fill(node: unknown, values: Record<string, string>, used: Set<string>, file: string): unknown {
  if (typeof node === "string") {
    return node.replace(PLACEHOLDER, (_whole, name: string) => {
      const value = values[name];
      if (value === undefined) throw templateError(file, t("kube.render.noValue", { name }));
      used.add(name);
      return value;
    });
  }
  if (Array.isArray(node)) return node.map((item) => fill(item, values, used, file));
  // Parsed with mapAsMap, so a key that is itself a mapping (`a: {{ x }}` unquoted) is seen, not stringified.
  if (node instanceof Map) {
    return Object.fromEntries(
      [...node].map(([k, v]) => {
        if (k !== null && typeof k === "object") {
          throw templateError(file, t("kube.render.mapping"));
        }
        return [String(k), fill(v, values, used, file)];
      }),
    );
  }
  return node;
}

/** Placeholders written in the template text, comments left out. */
function placeholdersInText(text: string): Set<string> {
  const code = text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .join("\n");
  return new Set([...code.matchAll(PLACEHOLDER)].map((m) => m[1]!));
}

function isKubeObject(value: unknown): value is KubeObject {
  const o = value as Partial<KubeObject> | null;
  return (
    typeof o?.apiVersion === "string" && typeof o.kind === "string" && typeof o.metadata?.name === "string"
  );
}

/** Renders the values into plain data: every value must be used, every placeholder filled. */
export function renderTemplate(text: string, values: Record<string, string>, file = "template"): unknown[] {
  const used = new Set<string>();
  const rendered = parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0)
      throw templateError(file, t("kube.render.notYaml", { error: doc.errors[0]!.message }));
    return fill(doc.toJS({ mapAsMap: true }), values, used, file);
  });
  // `key: {{ x }}` unquoted parses as a YAML map, not a placeholder: refuse it.
  const unquoted = [...placeholdersInText(text)].filter((name) => !used.has(name));
  if (unquoted.length > 0) {
    throw templateError(file, t("kube.render.unquoted", { name: unquoted[0]! }));
  }
  const unused = Object.keys(values).filter((k) => !used.has(k));
  if (unused.length > 0) throw templateError(file, t("kube.render.unused", { names: unused.join(", ") }));
  const documents = rendered.filter((doc) => doc !== null && doc !== undefined);
  if (documents.length === 0) throw templateError(file, t("kube.render.empty"));
  return documents;
}

/** Renders a template that holds Kubernetes objects. */
export function renderObjects(text: string, values: Record<string, string>, file = "template"): KubeObject[] {
  return renderTemplate(text, values, file).map((doc, index) => {
    if (!isKubeObject(doc)) throw templateError(file, t("kube.render.notObject", { index: index + 1 }));
    return doc;
  });
}

export function templatePath(name: string): string {
  return join(packageRoot(), "templates", name);
}

/** The Secret the services read DB_PASS and the JWT keys (auth the private one, orders the public one) from. */
export const SECRET_NAME = "msdemo-secrets";

/** The Kubernetes name of a service's Deployment, Service and HPA (the walkthrough's). */
export const workloadName = (service: ServiceName): string => `${service}-service`;

export interface StackValues {
  namespace: string;
  /** `<registry>/<repo>@sha256:<digest>` per service, from the images step. */
  images: Record<ServiceName, string>;
  db: { host: string; port: number; name: string; user: string };
  /** Go into the Secret only. `jwtSecret`: the RSA signing key, PKCS8 PEM ("" when unknown). */
  secrets: { dbPassword: string; jwtSecret: string };
}

/** The pod-template annotation that carries secretDataHash(). */
export const SECRET_HASH_ANNOTATION = "msdemo/secret-hash";

/**
 * A short hash of the Secret's data. It goes on every pod template, so an up
 * that changes the Secret rolls the pods (env values are read only at start),
 * and status can tell when the secret in AWS no longer matches the pods'.
 * Both values are long random strings: the hash reveals nothing usable.
 */
export function secretDataHash(secrets: StackValues["secrets"]): string {
  return createHash("sha256")
    .update(JSON.stringify([secrets.dbPassword, secrets.jwtSecret]))
    .digest("hex")
    .slice(0, 16);
}

/**
 * The public half of the signing key, for orders. "" when the key is unknown or
 * not an RSA key yet: a plan made before the database step replaced a stack's
 * old HS256 secret; `up` runs that replacement before it renders for real.
 */
function publicKeyOf(privateKeyPem: string): string {
  try {
    return createPublicKey(privateKeyPem).export({ type: "spki", format: "pem" }).toString();
  } catch {
    return "";
  }
}

const BY_DIGEST = /^[^\s@]+@sha256:[0-9a-f]{64}$/;
const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** Everything the deploy step applies, in order: the namespace and Secret, then each service's objects. */
export function renderStack(values: StackValues, services: readonly ServiceName[]): KubeObject[] {
  const base = renderObjects(
    readFileSync(templatePath("namespace.yaml"), "utf8"),
    {
      namespace: values.namespace,
      secretName: SECRET_NAME,
      dbPasswordBase64: base64(values.secrets.dbPassword),
      jwtSecretBase64: base64(values.secrets.jwtSecret),
      jwtPublicKeyBase64: base64(publicKeyOf(values.secrets.jwtSecret)),
    },
    "namespace.yaml",
  );
  const perService = services.flatMap((service) => {
    const image = values.images[service];
    if (!image || !BY_DIGEST.test(image)) {
      throw new MsdemoError(
        t("kube.render.notPinned", { service, image: image ?? t("kube.render.noImage") }),
        { hint: t("kube.render.notPinned.hint") },
      );
    }
    return renderService(values, service, image, secretDataHash(values.secrets));
  });
  return [...base, ...perService];
}

/** A service's Deployment, Service and autoscaler, reading its secrets from SECRET_NAME by reference. */
/** One service's objects; `secretHash` is secretDataHash() of the Secret its pods read (empty when unknown). */
export function renderService(
  values: Pick<StackValues, "namespace" | "db">,
  service: ServiceName,
  image: string,
  secretHash: string,
): KubeObject[] {
  const file = `${workloadName(service)}.yaml`;
  return renderObjects(
    readFileSync(templatePath(file), "utf8"),
    {
      namespace: values.namespace,
      secretName: SECRET_NAME,
      secretHash,
      image,
      dbHost: values.db.host,
      dbPort: String(values.db.port),
      dbName: values.db.name,
      dbUser: values.db.user,
      // Only auth (signs) and orders (verifies) handle tokens; products has no JWT settings.
      ...(service === "products" ? {} : { tokenAudience: TOKEN_AUDIENCE }),
    },
    file,
  );
}

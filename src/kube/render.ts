// Strict template rendering: templates are parsed as YAML first and values are
// put into the parsed strings, so a value can never inject YAML. A placeholder
// with no value, or a value no template uses, is an error.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { MsdemoError } from "../errors.js";
import { packageRoot } from "../package-root.js";
import type { ServiceName } from "../routes.js";

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

function fill(node: unknown, values: Record<string, string>, used: Set<string>, file: string): unknown {
  if (typeof node === "string") {
    return node.replace(PLACEHOLDER, (_whole, name: string) => {
      const value = values[name];
      if (value === undefined)
        throw new MsdemoError(`Template ${file} uses {{ ${name} }}, which msdemo has no value for.`);
      used.add(name);
      return value;
    });
  }
  if (Array.isArray(node)) return node.map((item) => fill(item, values, used, file));
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, values, used, file)]));
  }
  return node;
}

/** Renders one template text; every value must be used. */
export function renderTemplate(
  text: string,
  values: Record<string, string>,
  file = "template",
): KubeObject[] {
  const used = new Set<string>();
  const objects = parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0)
      throw new MsdemoError(`Template ${file} is not valid YAML: ${doc.errors[0]!.message}`);
    return fill(doc.toJS(), values, used, file) as KubeObject;
  });
  const unused = Object.keys(values).filter((k) => !used.has(k));
  if (unused.length > 0)
    throw new MsdemoError(`Template ${file} has no placeholder for ${unused.join(", ")}.`);
  return objects.filter(Boolean);
}

export function templatePath(name: string): string {
  return join(packageRoot(), "templates", name);
}

export interface DeployValues {
  namespace: string;
  images: Record<ServiceName, string>;
  db: { host: string; port: number; name: string; user: string };
  secrets: { dbPassword: string; jwtSecret: string };
}

/** Everything the deploy step applies, in order: namespace and Secret, then each service. */
export function renderStack(values: DeployValues, services: readonly ServiceName[]): KubeObject[] {
  const base = renderTemplate(
    readFileSync(templatePath("namespace.yaml"), "utf8"),
    {
      namespace: values.namespace,
      dbPassword: values.secrets.dbPassword,
      jwtSecret: values.secrets.jwtSecret,
    },
    "namespace.yaml",
  );
  const perService = services.flatMap((service) =>
    renderTemplate(
      readFileSync(templatePath(`${service}-service.yaml`), "utf8"),
      {
        namespace: values.namespace,
        image: values.images[service],
        dbHost: values.db.host,
        dbPort: String(values.db.port),
        dbName: values.db.name,
        dbUser: values.db.user,
      },
      `${service}-service.yaml`,
    ),
  );
  return [...base, ...perService];
}

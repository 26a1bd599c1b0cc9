// Certificates for the test control plane, made with openssl: a cluster CA,
// the API server's serving certificate (IP SAN 127.0.0.1), a client
// certificate per component, and the service-account signing key pair.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export interface ControlPlaneCerts {
  dir: string;
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
  /** Client certificate and key per component, by name. */
  clients: Record<string, { cert: string; key: string }>;
}

const openssl = (args: string[], cwd: string) =>
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"], timeout: 60_000 });

function signed(dir: string, name: string, subject: string, extensions: string): void {
  openssl(["genrsa", "-out", `${name}.key`, "2048"], dir);
  openssl(["req", "-new", "-key", `${name}.key`, "-subj", subject, "-out", `${name}.csr`], dir);
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(
    [
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      "ca.crt",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-days",
      "2",
      "-extfile",
      `${name}.ext`,
      "-out",
      `${name}.crt`,
    ],
    dir,
  );
}

/** Client identities: CN is the user, O the group (system:masters may do anything). */
const CLIENTS: Record<string, string> = {
  admin: "/O=system:masters/CN=msdemo-test-admin",
  "controller-manager": "/CN=system:kube-controller-manager",
  scheduler: "/CN=system:kube-scheduler",
  kwok: "/O=system:masters/CN=kwok",
};

export function makeCerts(dir: string): ControlPlaneCerts {
  openssl(["genrsa", "-out", "ca.key", "2048"], dir);
  openssl(
    ["req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=msdemo-test-ca", "-days", "2", "-out", "ca.crt"],
    dir,
  );
  signed(
    dir,
    "apiserver",
    "/CN=kube-apiserver",
    [
      "basicConstraints=CA:FALSE",
      "keyUsage=digitalSignature,keyEncipherment",
      "extendedKeyUsage=serverAuth",
      "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc",
      "",
    ].join("\n"),
  );
  const clients: ControlPlaneCerts["clients"] = {};
  for (const [name, subject] of Object.entries(CLIENTS)) {
    signed(
      dir,
      name,
      subject,
      "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n",
    );
    clients[name] = { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
  }
  openssl(["genrsa", "-out", "sa.key", "2048"], dir);
  openssl(["rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub"], dir);
  return {
    dir,
    caCert: join(dir, "ca.crt"),
    caKey: join(dir, "ca.key"),
    serverCert: join(dir, "apiserver.crt"),
    serverKey: join(dir, "apiserver.key"),
    serviceAccountKey: join(dir, "sa.key"),
    serviceAccountPub: join(dir, "sa.pub"),
    clients,
  };
}

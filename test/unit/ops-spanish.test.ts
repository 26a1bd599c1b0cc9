// The AWS, Kubernetes and image modules speak the user's language: real error
// paths, with Spanish chosen, give the Spanish catalogue entries filled with the
// same values; back in English they give the English ones, word for word.
import { afterEach, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { en } from "../../src/i18n/en.js";
import { es } from "../../src/i18n/es.js";
import { setLanguage, t } from "../../src/i18n/index.js";
import { authError, RegistryError } from "../../src/image/errors.js";
import { parseReference } from "../../src/image/reference.js";
import { eksKubeconfig, mergeKubeconfig } from "../../src/kube/kubeconfig-file.js";
import { fill, thrown } from "../support/catalogue.js";

const ADDITION = eksKubeconfig({
  clusterName: "node-microservices-demo",
  endpoint: "https://ABC123.gr7.us-east-1.eks.amazonaws.com",
  caData: "Q0E=",
  region: "us-east-1",
});
const BAD_YAML = "clusters: [unclosed\n  - : :\n";

describe.each([
  ["es", es],
  ["en", en],
] as const)("AWS, Kubernetes and image errors in %s", (lang, catalogue) => {
  afterEach(() => setLanguage("en"));

  it("a registry refusing access (image/errors.ts authError)", () => {
    setLanguage(lang);
    const what = fill(catalogue, "image.what.pullManifest", { repository: "library/node", reference: "20" });
    const error = authError("registry.example:5000", what, 401);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.failure).toBe("auth");
    expect(error.message).toBe(
      fill(catalogue, "image.registry.auth", { registry: "registry.example:5000", status: 401, what }),
    );
    expect(error.hint).toBe(catalogue["image.registry.auth.hint"]);
  });

  it("a kubeconfig that is not valid YAML (kube/kubeconfig-file.ts)", () => {
    setLanguage(lang);
    const error = thrown(() => mergeKubeconfig(BAD_YAML, ADDITION));
    const source = catalogue["kube.kubeconfig.theFile"];
    // The YAML parser's own words follow the colon; msdemo's part is everything before.
    const template = fill(catalogue, "kube.kubeconfig.notYaml", { source, error: "{error}" });
    const [before] = template.split("{error}");
    expect(error.message.startsWith(before!)).toBe(true);
    expect(error.message.length).toBeGreaterThan(before!.length);
    expect(error.hint).toBe(catalogue["kube.kubeconfig.notYaml.hint"]);

    const named = thrown(() => mergeKubeconfig("- a list\n", ADDITION, "/home/ana/.kube/config"));
    expect(named.message).toBe(
      fill(catalogue, "kube.kubeconfig.notKubeconfig", { source: "/home/ana/.kube/config" }),
    );
  });

  it("an image reference with a bad repository name (image/reference.ts)", () => {
    setLanguage(lang);
    const error = thrown(() => parseReference("registry.example/Bad_Repo:1.0"));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      fill(catalogue, "image.reference.badRepository", {
        reference: "registry.example/Bad_Repo:1.0",
        repository: "Bad_Repo",
      }),
    );
    expect(error.hint).toBe(catalogue["image.reference.badRepository.hint"]);

    const badTag = thrown(() => parseReference("node:-x"));
    expect(badTag.message).toBe(fill(catalogue, "image.reference.badTag", { reference: "node:-x" }));
  });
});

describe("switching back", () => {
  afterEach(() => setLanguage("en"));

  it("gives the very same English text as before Spanish was chosen", () => {
    const english = () => [
      authError("r.example", t("image.what.lookUp", { repository: "app", reference: "latest" }), 403).message,
      thrown(() => parseReference("r.example/UPPER")).message,
      thrown(() => mergeKubeconfig("- a\n", ADDITION)).message,
    ];
    const before = english();
    setLanguage("es");
    const spanish = english();
    setLanguage("en");
    expect(english()).toEqual(before);
    expect(spanish).not.toEqual(before);
    expect(before).toEqual([
      "Registry r.example refused access (HTTP 403) while looking up app:latest.",
      'Image reference "r.example/UPPER" has an invalid repository name "UPPER".',
      "the file is not a kubeconfig.",
    ]);
    expect(spanish).toEqual([
      "El registro r.example negó el acceso (HTTP 403) al buscar app:latest.",
      'La referencia de imagen "r.example/UPPER" tiene un nombre de repositorio no válido: "UPPER".',
      "el archivo no es un kubeconfig.",
    ]);
  });
});

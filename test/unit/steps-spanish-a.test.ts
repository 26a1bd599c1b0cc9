// The network, database and registry steps speak the user's language: what the
// teaching mode shows (title, console equivalent, deviations) comes from the
// catalogues when it is read, so switching the language switches the text.
import { afterEach, describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { es } from "../../src/i18n/es.js";
import { type MessageKey, setLanguage } from "../../src/i18n/index.js";
import { databaseStep } from "../../src/steps/database.js";
import { networkStep } from "../../src/steps/network.js";
import { registryStep } from "../../src/steps/registry.js";

interface Expected {
  title: MessageKey;
  console: MessageKey;
  deviations: MessageKey[];
}

const STEPS = [
  {
    step: networkStep,
    keys: {
      title: "step.network.title",
      console: "network.console",
      deviations: ["network.deviation.ssh", "network.deviation.clusterGroup", "network.deviation.tags"],
    },
  },
  {
    step: databaseStep,
    keys: {
      title: "database.title",
      console: "database.console",
      deviations: [
        "database.deviation.password",
        "database.deviation.engine",
        "database.deviation.jwt",
        "database.deviation.teardown",
      ],
    },
  },
  {
    step: registryStep,
    keys: {
      title: "step.registry.title",
      console: "registry.console",
      deviations: ["registry.deviation.scan", "registry.deviation.teardown"],
    },
  },
] satisfies { step: { id: string }; keys: Expected }[];

/** A template as a pattern: literal text, any value where a `{placeholder}` stands. */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".+?")}$`, "s");
}

/** The step's text as read now. */
function textOf(step: (typeof STEPS)[number]["step"]) {
  return { title: step.title, console: step.console, deviations: step.deviations ?? [] };
}

afterEach(() => setLanguage("en"));

describe("network, database and registry steps in Spanish", () => {
  for (const { step, keys } of STEPS) {
    it(`${step.id}: title, console and deviations come from the Spanish catalogue`, () => {
      const english = textOf(step);
      setLanguage("es");
      const spanish = textOf(step);

      expect(spanish.title).toBe(es[keys.title]);
      expect(spanish.console).toMatch(templatePattern(es[keys.console]));
      expect(spanish.console).not.toMatch(/\{\w+\}/);
      expect(spanish.deviations).toHaveLength(keys.deviations.length);
      keys.deviations.forEach((key, i) => {
        expect(spanish.deviations[i], key).toMatch(templatePattern(es[key]));
        expect(spanish.deviations[i], key).not.toMatch(/\{\w+\}/);
      });

      expect(spanish.title).not.toBe(english.title);
      expect(spanish.console).not.toBe(english.console);
      spanish.deviations.forEach((text, i) => {
        expect(text, keys.deviations[i]).not.toBe(english.deviations[i]);
      });
    });

    it(`${step.id}: switching back to English gives the English text again`, () => {
      const before = textOf(step);
      setLanguage("es");
      textOf(step);
      setLanguage("en");
      const after = textOf(step);

      expect(after).toEqual(before);
      expect(after.title).toBe(en[keys.title]);
      expect(after.console).toMatch(templatePattern(en[keys.console]));
      keys.deviations.forEach((key, i) => {
        expect(after.deviations[i], key).toMatch(templatePattern(en[key]));
      });
    });
  }

  it("keeps the walkthrough's names and the console's own labels in the Spanish text", () => {
    setLanguage("es");
    expect(networkStep.console).toContain('"node-sg-service" (descripción "Access Node")');
    expect(networkStep.console).toContain("EC2 → Security Groups → Create security group");
    expect(databaseStep.console).toContain('identificador "pgdb-rds"');
    expect(databaseStep.deviations?.[1]).toContain("PostgreSQL 17)");
    expect(registryStep.console).toContain(
      '"auth-service-repo", "orders-service-repo", "products-service-repo"',
    );
    expect(registryStep.console).toContain('"View push commands"');
  });

  it("in English the console text names what the walkthrough makes, in the console's terms", () => {
    // The facts a student matches against the console, not the whole paragraph's wording.
    for (const fact of [
      '"node-sg-service" (description "Access Node")',
      "SSH 22 from 0.0.0.0/0",
      "HTTP 80 from postgres-sg-rds",
      '"postgres-sg-rds" (description "Acceso postgreSQL")',
      "PostgreSQL 5432 from node-sg-service",
    ])
      expect(networkStep.console).toContain(fact);
    expect(registryStep.console).toContain(
      '"auth-service-repo", "orders-service-repo", "products-service-repo"',
    );
  });
});

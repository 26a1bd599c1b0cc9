// The web page's own catalogue: both languages say every message, with the same
// placeholders, and the page starts in the language chosen before or the browser's.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { en, es, type MessageKey, pickLanguage, translate } from "../../web/src/i18n.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the web page's catalogue", () => {
  it("English and Spanish have the same keys and placeholders, none empty", () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
      expect(es[key].trim(), key).not.toBe("");
    }
  });

  it("every data-i18n key in index.html is in the catalogue, and the HTML's text is the English", () => {
    const html = readFileSync(resolve(import.meta.dirname, "../../web/index.html"), "utf8");
    const tagged = [...html.matchAll(/data-i18n="([^"]+)"[^>]*>([^<]*)</g)];
    expect(tagged.length).toBeGreaterThan(20);
    for (const [, key, text] of tagged) {
      expect(en, key).toHaveProperty([key!]);
      expect(text, key).toBe(en[key as MessageKey]);
    }
  });

  it("starts in the saved language, else the browser's, else English", () => {
    expect(pickLanguage("es", ["en-US"])).toBe("es");
    expect(pickLanguage(null, ["fr-FR", "es-CL", "en"])).toBe("es");
    expect(pickLanguage("de", ["EN-gb"])).toBe("en");
    expect(pickLanguage(null, ["fr", "de"])).toBe("en");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("es", "order.placed", { quantity: 2, item: "Mouse" })).toBe("Pedido hecho: 2 × Mouse.");
    expect(translate("en", "account.signedIn", {})).toBe("Signed in as {username}.");
  });
});

// The web page in a real browser (Debian's chromium, driven by playwright-core;
// no browser is ever downloaded) against `msdemo local --ephemeral`, as a student
// uses it: register, log in from the keyboard, order, see the order, switch to
// Spanish, log out. Screenshots are kept in test-artifacts/ for people to look at.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningLocal, startLocalCli } from "../support/local.js";
import { tempDir } from "../support/process.js";

const ARTIFACTS = resolve(import.meta.dirname, "../../test-artifacts");
/** Each wait for the page names what it waits for and gives a loaded machine room. */
const WAIT_MS = 30_000;

let local: RunningLocal;
let browser: BrowserContext;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  local = await startLocalCli(["--ephemeral"], { MSDEMO_STATE_DIR: tempDir("web-local") });
  // A persistent context on a fresh folder is a fresh --user-data-dir.
  browser = await chromium.launchPersistentContext(tempDir("web-chromium"), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    locale: "en-US",
    timeout: WAIT_MS,
  });
  browser.setDefaultTimeout(WAIT_MS);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (local) expect(await local.stop()).toBe(0);
});

/**
 * Console errors, uncaught exceptions, refused loads (a CSP violation is one) and
 * 5xx answers, each a problem. Chromium also logs every 4xx as a console error;
 * those the page answers in words (a taken username), so they are not.
 */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
  page.on("response", (response) => {
    if (response.status() >= 500) problems.push(`${response.status()}: ${response.url()}`);
  });
  return problems;
}

async function callRow(page: Page, call: string) {
  return page.locator("#calls tr", { hasText: call }).first().locator("td").allTextContents();
}

describe("the web page in chromium, against msdemo local", () => {
  it("registers, logs in with the keyboard, orders, sees the order, switches to Spanish, logs out", async () => {
    const page = await browser.newPage();
    const problems = watch(page);
    const username = `web_${Date.now().toString(36)}`;
    const password = "s3cret-pass";

    await page.goto(local.url);
    await expect.poll(() => page.title()).toBe("msdemo shop");
    // The catalogue arrives from the products service; prices are exact decimal strings.
    const laptop = page.locator("#products tr", { hasText: "Laptop" });
    await laptop.waitFor();
    expect(await laptop.locator("td").allTextContents()).toEqual(["Laptop", "1,200.50"]);
    expect(await callRow(page, "GET /api/products")).toEqual([
      "GET /api/products",
      "products",
      "200",
      expect.stringMatching(/^\d+ ms$/),
    ]);
    // Ordering needs a login first.
    expect(await page.getByRole("button", { name: "Place order" }).isDisabled()).toBe(true);

    // Found by their labels: a control without one would not be found.
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Register" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Account ${username} created.` })
      .waitFor();
    expect(await callRow(page, "POST /api/register")).toEqual([
      "POST /api/register",
      "auth",
      "201",
      expect.stringMatching(/ ms$/),
    ]);

    // Registering twice is said in words, not as a status code.
    await page.getByRole("button", { name: "Register" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `The username ${username} is taken.` })
      .waitFor();

    // Log in from the keyboard alone: type, Tab, type, Enter (the form's first button is Log in).
    await page.getByLabel("Password").fill("");
    await page.getByLabel("Username").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.type(password);
    await page.keyboard.press("Enter");
    await page.getByText(`Signed in as ${username}.`).first().waitFor();
    expect(await page.getByLabel("Username").isVisible()).toBe(false);
    expect(await callRow(page, "POST /api/login")).toEqual([
      "POST /api/login",
      "auth",
      "200",
      expect.any(String),
    ]);

    await page.getByLabel("Product", { exact: true }).selectOption("Mouse");
    await page.getByLabel("Quantity").fill("3");
    await page.getByRole("button", { name: "Place order" }).click();
    await page.getByRole("status").filter({ hasText: "Order placed: 3 × Mouse." }).waitFor();
    const order = page.locator("#orders tr", { hasText: "Mouse" });
    await order.waitFor();
    expect((await order.locator("td").allTextContents()).slice(1)).toEqual(["Mouse", "3"]);
    expect(await callRow(page, "POST /api/orders")).toEqual([
      "POST /api/orders",
      "orders",
      "201",
      expect.any(String),
    ]);
    // The architecture strip marks the service that answered last.
    expect(await page.locator("#arch [aria-current=true]").textContent()).toBe("orders");

    await page.setViewportSize({ width: 1100, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, "web-page-en.png"), fullPage: true });

    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("heading", { name: "Mis pedidos" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    expect(await page.title()).toBe("Tienda msdemo");
    expect(await page.getByRole("status").textContent()).toBe("Pedido hecho: 3 × Mouse.");
    expect(await laptop.locator("td").allTextContents()).toEqual(["Laptop", "1200,50"]);
    expect((await order.locator("td").allTextContents()).slice(1)).toEqual(["Mouse", "3"]);
    await page.screenshot({ path: join(ARTIFACTS, "web-page-es.png"), fullPage: true });

    // The language is remembered, and so is the session (this tab's).
    await page.reload();
    await page.getByRole("heading", { name: "Mis pedidos" }).waitFor();
    await page.locator("#orders tr", { hasText: "Mouse" }).waitFor();

    await page.getByLabel("Idioma").selectOption("en");
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("status").filter({ hasText: "You have logged out." }).waitFor();
    expect(await page.getByLabel("Username").isVisible()).toBe(true);
    expect(await page.locator("#orders").textContent()).toBe("No orders yet.");
    expect(await page.getByRole("button", { name: "Place order" }).isDisabled()).toBe(true);
    expect(problems).toEqual([]);
  }, 180_000);

  it("fits a phone screen without sideways scrolling, in English", async () => {
    const page = await browser.newPage();
    const problems = watch(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(local.url);
    await page.locator("#products tr", { hasText: "Laptop" }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    // Touch targets: every button and field is at least 44 px tall.
    const heights = await page
      .locator("button:visible, input:visible, select:visible")
      .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(3);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: join(ARTIFACTS, "web-page-phone.png"), fullPage: true });
    expect(problems).toEqual([]);
  }, 120_000);

  for (const colorScheme of ["light", "dark"] as const) {
    it(`every visible text has a contrast of 4.5:1 or more (WCAG AA), ${colorScheme} scheme`, async () => {
      const page = await browser.newPage();
      await page.emulateMedia({ colorScheme });
      await page.goto(local.url);
      await page.locator("#products tr", { hasText: "Laptop" }).waitFor();
      // Computed in the page: each element with its own text, its colour against the
      // first opaque background above it. Disabled controls are exempt (WCAG 1.4.3).
      const { checked, low } = await page.evaluate(() => {
        const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
        const luminance = ([r, g, b]: number[]) => {
          const lin = (c: number) =>
            c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4;
          return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
        };
        const background = (node: Element | null): number[] => {
          for (let at = node; at; at = at.parentElement) {
            const color = rgb(getComputedStyle(at).backgroundColor);
            if (color.length === 3 || color[3] === 1) return color.slice(0, 3);
          }
          return [255, 255, 255];
        };
        const found: string[] = [];
        let count = 0;
        for (const node of document.body.querySelectorAll("*")) {
          const own = [...node.childNodes].some((child) => child.nodeType === 3 && child.textContent!.trim());
          if (!own || !(node as HTMLElement).checkVisibility?.() || node.closest(":disabled")) continue;
          count += 1;
          const fg = luminance(rgb(getComputedStyle(node).color));
          const bg = luminance(background(node));
          const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
          if (ratio < 4.5)
            found.push(`${node.tagName} "${node.textContent!.trim().slice(0, 30)}": ${ratio.toFixed(2)}`);
        }
        return { checked: count, low: found };
      });
      expect(checked).toBeGreaterThan(20);
      expect(low).toEqual([]);
    }, 120_000);
  }
});

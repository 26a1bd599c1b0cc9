// What a student watches in CloudShell for twenty minutes, in a real terminal
// emulator (tmux) at 80 and 120 columns: a plan that fits, each step's last line
// once, a closing summary that says what to do next, and in teaching mode no
// progress line inside a question. AWS is moto, images go to a real registry,
// Kubernetes is the FAKE API server (test/support) — the view is under test here.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STEP_IDS } from "../../src/step-ids.js";
import { stepTitle } from "../../src/ui/titles.js";
import { BIN } from "../support/cli.js";
import { type FakeKubeApi, startFakeKubeApi } from "../support/fake-kube-api.js";
import { createLabRoles } from "../support/lab-roles.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";
import { pushTinyBase, startRegistry, type TestRegistry } from "../support/registry.js";
import { openTerminal, type Terminal } from "../support/terminal.js";

let moto: Moto;
let registry: TestRegistry;
let kube: FakeKubeApi;
let args: string[];
const open: Terminal[] = [];

beforeAll(async () => {
  [moto, registry, kube] = await Promise.all([
    startMoto(),
    startRegistry(),
    startFakeKubeApi({ readyAfterMs: 200, loadBalancerAfterMs: 300 }),
  ]);
  await createLabRoles(moto.clients());
  const base = await pushTinyBase(registry.url, "library/node", { tag: "20-alpine" });
  const kubeconfig = join(tempDir("kubeconfig"), "config");
  writeFileSync(kubeconfig, kube.kubeconfig());
  args = ["--registry", registry.host, "--base-image", base.reference, "--kubeconfig", kubeconfig];
});
afterAll(async () => {
  for (const terminal of open) terminal.close();
  await Promise.all([moto?.stop(), registry?.stop(), kube?.stop()]);
});

function terminal(command: string[], cols: number, stack: string): Terminal {
  const env = {
    ...moto.env,
    MSDEMO_STATE_DIR: tempDir("terminal"),
    MSDEMO_POLL_SCALE: "0.001",
    MSDEMO_STACK: stack,
  };
  const opened = openTerminal([process.execPath, BIN, ...command], { cols, rows: 40, env });
  open.push(opened);
  return opened;
}

describe("up in a terminal", () => {
  it.each([80, 120])(
    "at %i columns: the plan fits, each step ends once, the summary says what next",
    async (cols) => {
      const tty = terminal(["up", ...args], cols, `tty${cols}`);
      const asked = await tty.waitFor(/Go ahead\?/, "the plan's question");
      const plan = asked.slice(asked.indexOf("Stack "), asked.indexOf("Plan: "));
      expect(plan.split("\n").length).toBeGreaterThan(8);
      for (const line of plan.split("\n")) expect(line.length, line).toBeLessThanOrEqual(cols);

      tty.press("Enter");
      const end = await tty.waitFor(/^EXIT=\d+$/m, "the end of up", 240_000);
      expect(tty.exitCode(), end).toBe(0);
      const lines = end.split("\n");
      for (const step of STEP_IDS) {
        const title = stepTitle(step);
        const finals = lines.filter((line) => line.trimStart().startsWith(`✔ ${title} (`));
        expect(finals, `${title}\n${end}`).toHaveLength(1);
      }
      const summary = end.slice(end.lastIndexOf("Done in "));
      expect(summary).toMatch(/^API: https?:\/\/\S+$/m);
      expect(summary).toContain("msdemo smoke");
      expect(summary).toMatch(/about \$\d+\.\d\d an hour/);
      expect(summary).toContain("msdemo teardown");
    },
    300_000,
  );

  it("teaching mode holds other steps' lines while a question is on screen", async () => {
    const tty = terminal(["up", "--step", "--steps", "network,registry,database"], 100, "teach");
    await tty.waitFor(/Go ahead\?/, "the plan's question");
    tty.press("Enter");
    // Answer every question as it comes: continue.
    let answered = 0;
    for (;;) {
      const screen = await tty.waitFor(/^EXIT=\d+$|navigate • ⏎ select/m, "a question or the end");
      if (tty.exitCode() !== undefined) break;
      expect(screen).toContain("? What now?");
      tty.press("Enter");
      answered += 1;
      const taken = new RegExp(`(✔ What now\\?[^]*){${answered}}`);
      await tty.waitFor(taken, `answer ${answered} to be taken`);
    }
    const end = tty.screen();
    expect(tty.exitCode(), end).toBe(0);
    expect(answered).toBe(3);
    // From each step's heading to the answer of its question, nothing else was written.
    const blocks = end
      .split(/^── /m)
      .slice(1)
      .map((block) => block.slice(0, block.indexOf("✔ What now?")));
    expect(blocks).toHaveLength(3);
    for (const block of blocks) expect(block, block).not.toMatch(/^\d\d:\d\d:\d\d /m);
    // A line written into a question is erased with it and takes part of the question's place:
    // lines go missing and answered choices stay on screen.
    for (const step of ["network", "registry", "database"]) {
      expect(
        end.match(new RegExp(`^\\d\\d:\\d\\d:\\d\\d ${step}: done in`, "gm")),
        `${step}\n${end}`,
      ).toHaveLength(1);
    }
    expect(end).not.toContain("Skip it this time");
    expect(end).not.toMatch(/select\S/);
  }, 300_000);
});

// The per-stack state file: a cache of what msdemo made (AWS stays the truth).
// Versioned JSON, written atomically with mode 0600, guarded by the stack lock.
// A corrupt file is reported and never overwritten. Secrets are refused.
import { existsSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { LONGEST_STEP_WAIT_MS, type StepId } from "../config.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { removeLeftoverTemps, writeFileAtomic } from "./atomic-file.js";
import { ensureDir } from "./ensure-dir.js";
import { acquireLock, type Lock } from "./lock.js";

export const STATE_SCHEMA_VERSION = 1;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Outputs = { [key: string]: JsonValue };

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

const stepRecordSchema = z.object({
  /** done: apply finished; partial: apply started and recorded some ids. */
  status: z.enum(["done", "partial"]),
  outputs: z.record(z.string(), jsonValue),
  updatedAt: z.string(),
});
export type StepRecord = z.infer<typeof stepRecordSchema>;

const stateSchema = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  stack: z.string(),
  region: z.string(),
  /** The AWS account the stack lives in (recorded by the first up that knows it). */
  account: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  steps: z.record(z.string(), stepRecordSchema),
  /** Choices a later `up` keeps without its flag (written by each up). */
  settings: z.object({ private: z.boolean().optional() }).optional(),
});
export type StackState = z.infer<typeof stateSchema>;

export class CorruptStateError extends MsdemoError {
  constructor(path: string, reason: string) {
    super(t("state.corrupt", { path, reason }), {
      hint: t("state.corrupt.hint", { path }),
    });
    this.name = "CorruptStateError";
  }
}

// Keys that hold a secret value. Ids of secrets (ARNs, names) are fine.
const SECRET_KEY = /(password|passwd|secret|token|privatekey)$/i;

export function assertNoSecrets(value: JsonValue, path = "outputs"): void {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) assertNoSecrets(item, `${path}[${i}]`);
  } else if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (SECRET_KEY.test(key)) {
        throw new MsdemoError(t("state.secret", { path: `${path}.${key}` }));
      }
      assertNoSecrets(inner, `${path}.${key}`);
    }
  }
}

export function stackDir(stateDir: string, stack: string): string {
  return join(stateDir, stack);
}

export class StateStore {
  readonly dir: string;
  readonly path: string;
  private lock: Lock | undefined;

  constructor(stateDir: string, stack: string) {
    this.dir = stackDir(stateDir, stack);
    this.path = join(this.dir, "state.json");
  }

  /** Takes the stack's exclusive lock; throws LockedError naming the holder. */
  lockExclusive(command: string, options: { force?: boolean } = {}): void {
    this.ensureDir();
    this.lock = acquireLock(join(this.dir, "lock"), command, {
      staleAfterMs: LONGEST_STEP_WAIT_MS,
      ...(options.force ? { force: true } : {}),
    });
    // Every writer holds this lock: a temp file seen now is from a killed run.
    removeLeftoverTemps(this.path);
  }

  /** The stack's folder, made if missing; a path that cannot hold it is the user's to fix. */
  private ensureDir(): void {
    try {
      ensureDir(this.dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new MsdemoError(t("state.cannotCreateDir", { dir: this.dir, code }), {
        hint: t("state.cannotCreateDir.hint"),
        cause: error,
        exitCode: 2,
      });
    }
  }

  unlock(): void {
    this.lock?.release();
    this.lock = undefined;
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  /** Reads the state; undefined when there is none yet. */
  read(): StackState | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new CorruptStateError(this.path, t("state.notJson"));
    }
    const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version === "number" && version > STATE_SCHEMA_VERSION) {
      throw new MsdemoError(t("state.newer", { path: this.path, version }), { hint: t("state.newer.hint") });
    }
    const result = stateSchema.safeParse(parsed);
    if (!result.success)
      throw new CorruptStateError(this.path, result.error.issues[0]?.message ?? "bad shape");
    return result.data;
  }

  readOrNew(stack: string, region: string): StackState {
    const now = new Date().toISOString();
    return (
      this.read() ?? {
        schemaVersion: STATE_SCHEMA_VERSION,
        stack,
        region,
        createdAt: now,
        updatedAt: now,
        steps: {},
      }
    );
  }

  /**
   * Moves an unreadable state file aside (never deleted: it may hold ids a
   * person wants back) so a command that can rebuild by discovery can go on.
   * Returns where it went.
   */
  setAside(): string {
    const aside = `${this.path}.unreadable-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(this.path, aside);
    return aside;
  }

  write(state: StackState): void {
    for (const [step, record] of Object.entries(state.steps)) assertNoSecrets(record.outputs, step);
    this.ensureDir();
    writeFileAtomic(
      this.path,
      `${JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2)}\n`,
    );
  }
}

/** Sets one step's record in a state object (pure; the caller writes). */
export function withStep(state: StackState, step: StepId, record: Omit<StepRecord, "updatedAt">): StackState {
  return { ...state, steps: { ...state.steps, [step]: { ...record, updatedAt: new Date().toISOString() } } };
}

export function withoutStep(state: StackState, step: StepId): StackState {
  const steps = { ...state.steps };
  delete steps[step];
  return { ...state, steps };
}

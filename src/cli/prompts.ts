// The only place that asks the user anything. Prompts write to stderr so that
// stdout stays clean for results and --json.
import { confirm, input, select } from "@inquirer/prompts";

const context = { output: process.stderr };

export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY) && process.env.CI !== "true";
}

export async function askConfirm(message: string, defaultValue = false): Promise<boolean> {
  return confirm({ message, default: defaultValue }, context);
}

export async function askChoice<T extends string>(
  message: string,
  choices: { value: T; name?: string; description?: string }[],
  defaultValue?: T,
): Promise<T> {
  return select<T>({ message, choices, default: defaultValue }, context);
}

export async function askText(message: string, validate?: (value: string) => true | string): Promise<string> {
  return input({ message, validate }, context);
}
